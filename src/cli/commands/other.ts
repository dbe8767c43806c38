// Commands not built yet report themselves clearly instead of failing obscurely.
import { PccError } from '../../errors.ts';
import { cliMessages as m } from '../../messages/cli.ts';
import type { CliArgs } from '../args.ts';

/** Use for every command other than check until each has its own module. */
export async function runOtherCommand(args: CliArgs): Promise<number> {
  throw new PccError('USAGE', m.notYet(args.command), { hint: m.seeHelp });
}

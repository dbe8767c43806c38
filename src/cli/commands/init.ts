// `pre-commit-check init`: set a project up and say what was done and what to do next.
import { runInit } from '../../init/init.ts';
import { initMessages as m } from '../../messages/cli.ts';
import type { CliArgs } from '../args.ts';

/** Use for the init command; returns the exit code. */
export async function runInitCommand(args: CliArgs): Promise<number> {
  const result = await runInit({ cwd: args.cwd, force: args.force });
  const mark = { created: '+', updated: '~', unchanged: '=', skipped: '-' } as const;
  for (const a of result.actions) process.stdout.write(`${mark[a.status]} ${a.target}: ${a.message}\n`);
  if (!result.changed) process.stdout.write(`${m.nothingChanged}\n`);
  if (result.nextSteps.length) {
    process.stdout.write(`\n${m.nextSteps}\n`);
    for (const s of result.nextSteps) process.stdout.write(`  ${s}\n`);
  }
  return 0;
}

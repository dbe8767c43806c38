// Parse argv into a command and flags (contract section 1). Unknown flags are usage errors (exit 2).
import { parseArgs } from 'node:util';
import { PccError } from '../errors.ts';
import { cliMessages as m } from '../messages/cli.ts';

export const COMMANDS = ['check', 'generate', 'pull', 'registry', 'init'] as const;
export type Command = (typeof COMMANDS)[number] | 'hook';

export interface CliArgs {
  command: Command;
  cwd: string;
  config?: string;
  models: string[];
  knexfile?: string;
  databaseUrl?: string;
  json: boolean;
  junit?: string;
  cache: boolean;
  quiet: boolean;
  verbose: boolean;
  help: boolean;
  version: boolean;
  full: boolean;
  ci: boolean;
  name?: string;
  allowDestructive: boolean;
  out?: string;
  check: boolean;
  force: boolean;
}

const OPTIONS = {
  cwd: { type: 'string' },
  config: { type: 'string' },
  models: { type: 'string', multiple: true },
  knexfile: { type: 'string' },
  'database-url': { type: 'string' },
  json: { type: 'boolean' },
  junit: { type: 'string' },
  'no-cache': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  full: { type: 'boolean' },
  ci: { type: 'boolean' },
  name: { type: 'string' },
  'allow-destructive': { type: 'boolean' },
  out: { type: 'string' },
  check: { type: 'boolean' },
  force: { type: 'boolean' },
} as const;

/** Use to pass the project flags (--cwd, --config, --models, --knexfile, --database-url, --no-cache) to runCheck and what builds on it. */
export function projectOptions(args: CliArgs) {
  return { cwd: args.cwd, config: args.config, models: args.models, knexfile: args.knexfile, databaseUrl: args.databaseUrl, cache: args.cache };
}

/** Use to turn argv into CliArgs; throws PccError('USAGE') naming the bad flag or command. */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv = process.env): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const msg = (error as Error).message.split('\n')[0]!;
    throw new PccError('USAGE', m.badFlag(msg), { hint: m.seeHelp, cause: error });
  }
  const { values: v, positionals } = parsed;
  if (positionals.length > 1) throw new PccError('USAGE', m.extraArgs(positionals.slice(1)), { hint: m.seeHelp });
  const cmd = positionals[0];
  if (cmd !== undefined && !(COMMANDS as readonly string[]).includes(cmd)) throw new PccError('USAGE', m.unknownCommand(cmd), { hint: m.seeHelp });
  for (const [flag, value] of [['cwd', v.cwd], ['config', v.config], ['knexfile', v.knexfile], ['database-url', v['database-url']], ['junit', v.junit], ['out', v.out], ['name', v.name]] as const) {
    if (value !== undefined && value.trim() === '') throw new PccError('USAGE', m.emptyValue(flag), { hint: m.seeHelp });
  }
  if (v['database-url'] !== undefined && !/^postgres(ql)?:\/\//.test(v['database-url'])) {
    throw new PccError('USAGE', m.badUrl, { hint: m.badUrlHint });
  }
  const ciEnv = !!env.CI && env.CI !== 'false' && env.CI !== '0';
  return {
    command: (cmd as Command | undefined) ?? 'hook',
    cwd: v.cwd ?? process.cwd(),
    config: v.config,
    models: v.models ?? [],
    knexfile: v.knexfile,
    databaseUrl: v['database-url'],
    json: !!v.json,
    junit: v.junit,
    cache: !v['no-cache'],
    quiet: !!v.quiet,
    verbose: !!v.verbose,
    help: !!v.help,
    version: !!v.version,
    full: !!v.full,
    ci: !!v.ci || (cmd === undefined && ciEnv),
    name: v.name,
    allowDestructive: !!v['allow-destructive'],
    out: v.out,
    check: !!v.check,
    force: !!v.force,
  };
}

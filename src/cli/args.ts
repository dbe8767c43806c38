// Parse argv into a command and its flags (contract section 1), through the commander program of
// program.ts. Every usage problem becomes one PccError('USAGE') (exit 2) in our words, with
// commander's "did you mean" and the command whose --help to read.
import { resolve } from 'node:path';
import { CommanderError, type Command } from 'commander';
import { PccError } from '../errors.ts';
import { cliMessages as m } from '../messages/cli.ts';
import { buildProgram, COMMAND_OPTIONS, SUBCOMMANDS, attributeOf, suggestCommand, type CommandName, type Parsed } from './program.ts';

export type { CommandName } from './program.ts';

export interface CliArgs {
  command: CommandName;
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
  full: boolean;
  ci: boolean;
  /** --hook: hook mode whatever the environment. */
  hook: boolean;
  name?: string;
  allowDestructive: boolean;
  dryRun: boolean;
  out?: string;
  check: boolean;
  force: boolean;
}

/** What the command line asked for: a command to run, or text that --help / --version / help printed. */
export type CliRequest = { kind: 'run'; args: CliArgs } | { kind: 'info'; text: string };

/** Use to pass the project flags (--cwd, --config, --models, --knexfile, --database-url, --no-cache) to runCheck and what builds on it. */
export function projectOptions(args: CliArgs) {
  return { cwd: args.cwd, config: args.config, models: args.models, knexfile: args.knexfile, databaseUrl: args.databaseUrl, cache: args.cache };
}

/** The commands (the program as 'pre-commit-check') that take a flag, for "it is one of …". */
function ownersOf(flag: string, program: Command): string[] {
  const has = (c: Command) => c.options.some((o) => o.long === flag || o.short === flag);
  return [...(has(program) ? ['pre-commit-check'] : []), ...program.commands.filter(has).map((c) => `pre-commit-check ${c.name()}`)];
}

/** commander's error, in our words: "Bad usage: unknown option '--jsn': did you mean --json?" and the --help to read. */
function usageError(error: CommanderError, program: Command, command: string | null): PccError {
  const [first, ...rest] = error.message.replace(/^error: /, '').split('\n');
  const suggestion = /Did you mean (\S+?)\?/.exec(rest.join(' '))?.[1];
  let detail = first!;
  const flag = /^unknown option '([^']+)'/.exec(detail)?.[1];
  const owners = flag ? ownersOf(flag, program).filter((o) => o !== `pre-commit-check${command ? ` ${command}` : ''}`) : [];
  if (flag && owners.length) detail = m.foreignFlag(flag, `pre-commit-check${command ? ` ${command}` : ''}`, owners);
  else if (suggestion) detail = `${detail}: ${m.didYouMean(suggestion)}`;
  return new PccError('USAGE', m.badUsage(detail), { hint: m.seeHelp(command), cause: error });
}

/** The command argv names, for the hint: the first known command word, if any. */
const commandIn = (argv: string[]): string | null => argv.find((a) => (SUBCOMMANDS as readonly string[]).includes(a)) ?? null;

/** Flags given before the command (`pre-commit-check --cwd app check`) count when the command has them. */
function merged(parsed: Parsed): Record<string, unknown> {
  const { program, ran, command } = parsed;
  const own = ran.opts();
  if (ran === program) return own;
  const accepted = new Set(COMMAND_OPTIONS[command].map((u) => attributeOf(Array.isArray(u) ? u[0] : u)));
  const out = { ...own };
  for (const [key, value] of Object.entries(program.opts())) {
    if (program.getOptionValueSource(key) !== 'cli') continue;
    if (!accepted.has(key)) {
      const flag = program.options.find((o) => o.attributeName() === key)?.long ?? key;
      throw new PccError('USAGE', m.badUsage(m.foreignFlag(flag, `pre-commit-check ${command}`, ownersOf(flag, program).filter((o) => o !== `pre-commit-check ${command}`))), { hint: m.seeHelp(command) });
    }
    if (ran.getOptionValueSource(key) !== 'cli') out[key] = value;
    else if (key === 'models') out[key] = [...(value as string[]), ...(own[key] as string[])];
  }
  return out;
}

function toArgs(command: CommandName, o: Record<string, unknown>): CliArgs {
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  for (const [flag, key] of [['cwd', 'cwd'], ['config', 'config'], ['knexfile', 'knexfile'], ['database-url', 'databaseUrl'], ['junit', 'junit'], ['out', 'out'], ['name', 'name']] as const) {
    const value = str(key);
    if (value !== undefined && value.trim() === '') throw new PccError('USAGE', m.emptyValue(flag), { hint: m.seeHelp(command === 'hook' ? null : command) });
  }
  const databaseUrl = str('databaseUrl');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new PccError('USAGE', m.badUrl, { hint: m.badUrlHint });
  return {
    command,
    cwd: resolve(str('cwd') ?? '.'),
    config: str('config'),
    models: (o.models as string[] | undefined) ?? [],
    knexfile: str('knexfile'),
    databaseUrl,
    json: o.json === true,
    junit: str('junit'),
    cache: o.cache !== false,
    quiet: o.quiet === true,
    verbose: o.verbose === true,
    full: o.full === true,
    ci: o.ci === true,
    hook: o.hook === true,
    name: str('name'),
    allowDestructive: o.allowDestructive === true,
    dryRun: o.dryRun === true,
    out: str('out'),
    check: o.check === true,
    force: o.force === true,
  };
}

/** Use to turn argv into what to do; throws PccError('USAGE') naming the bad flag or command, with a suggestion. */
export function parseCli(argv: string[], version = '0.0.0'): CliRequest {
  let text = '';
  const write = (s: string) => void (text += s);
  let chosen: Omit<Parsed, 'program'> | undefined;
  const program = buildProgram(version, { stdout: write, stderr: write }, (p) => (chosen = p));
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // --help, help COMMAND, --version: commander printed into `text`.
    if (error.exitCode === 0) return { kind: 'info', text };
    // `help nope`: commander prints the program's help to stderr; say what is wrong instead.
    if (error.code === 'commander.help' && argv[0] === 'help' && argv[1] !== undefined) throw unknownCommand(program, argv[1]);
    throw usageError(error, program, commandIn(argv));
  }
  if (!chosen) throw new PccError('INTERNAL', 'the command line was parsed but no command was chosen');
  if (chosen.operands.length > 0) throw unknownCommand(program, chosen.operands[0]!);
  return { kind: 'run', args: toArgs(chosen.command, merged({ ...chosen, program })) };
}

function unknownCommand(program: Command, name: string): PccError {
  const suggestion = suggestCommand(program, name);
  return new PccError('USAGE', m.badUsage(`${m.unknownCommand(name)}${suggestion ? `: ${m.didYouMean(suggestion)}` : ''}`), { hint: m.seeHelp(null) });
}

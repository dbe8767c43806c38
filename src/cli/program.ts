// The command line's grammar, built with commander: each command with its own flags, help (with
// examples) and "did you mean" suggestions. commander rather than more code on node:util parseArgs:
// subcommands, per-command help, `help [command]`, suggestions for mistyped commands and flags, and
// conflicting flags are its job, it has no dependencies, and lint-staged already installs it.
import { Command, CommanderError, Option } from 'commander';
import { FLAGS, HELP, helpFooter } from '../messages/cli.ts';

/** The commands; 'hook' is the program itself run with no command (hook mode, --full, --ci). */
export const SUBCOMMANDS = ['check', 'generate', 'pull', 'registry', 'init', 'clean'] as const;
export type CommandName = (typeof SUBCOMMANDS)[number] | 'hook';

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** Every flag, by the key commander stores its value under; a description may be given per command. */
const OPTIONS = {
  cwd: (d = FLAGS.cwd) => new Option('--cwd <DIR>', d),
  config: (d = FLAGS.config) => new Option('--config <FILE>', d),
  models: (d = FLAGS.models) => new Option('--models <GLOB>', d).argParser(collect),
  knexfile: (d = FLAGS.knexfile) => new Option('--knexfile <FILE>', d),
  databaseUrl: (d = FLAGS.databaseUrl) => new Option('--database-url <URL>', d),
  json: (d = FLAGS.json) => new Option('--json', d),
  junit: (d = FLAGS.junit) => new Option('--junit <FILE>', d),
  cache: (d = FLAGS.noCache) => new Option('--no-cache', d),
  quiet: (d = FLAGS.quiet) => new Option('-q, --quiet', d),
  verbose: (d = FLAGS.verbose) => new Option('--verbose', d),
  full: (d = FLAGS.full) => new Option('--full', d),
  ci: (d = FLAGS.ci) => new Option('--ci', d).conflicts('hook'),
  hook: (d = FLAGS.hook) => new Option('--hook', d).conflicts(['full', 'ci']),
  name: (d = FLAGS.name) => new Option('--name <NAME>', d),
  allowDestructive: (d = FLAGS.allowDestructive) => new Option('--allow-destructive', d),
  dryRun: (d = FLAGS.dryRun) => new Option('--dry-run', d),
  outDir: (d = FLAGS.pullOut) => new Option('--out <DIR>', d),
  outFile: (d = FLAGS.registryOut) => new Option('--out <FILE>', d),
  check: (d = FLAGS.registryCheck) => new Option('--check', d),
  force: (d = FLAGS.initForce) => new Option('--force', d),
} satisfies Record<string, (description?: string) => Option>;

type OptionKey = keyof typeof OPTIONS;
type OptionUse = OptionKey | [OptionKey, string];

/** The project flags: where the project, its config, models, knexfile and database are. */
const PROJECT: OptionUse[] = ['cwd', 'config', 'models', 'knexfile', 'databaseUrl', 'cache'];

/** Which flags each command takes (contract section 1: the common flags where they make sense). */
export const COMMAND_OPTIONS: Record<CommandName, OptionUse[]> = {
  hook: [...PROJECT, 'json', 'junit', ['quiet', FLAGS.quietPipeline], 'full', 'ci', 'hook'],
  check: [...PROJECT, 'json', 'junit', ['quiet', FLAGS.quietCheck], 'verbose', ['full', FLAGS.checkFull], ['ci', FLAGS.checkCi]],
  generate: [...PROJECT, 'quiet', 'name', 'allowDestructive', 'dryRun'],
  pull: ['cwd', 'config', 'knexfile', 'databaseUrl', 'cache', 'quiet', 'outDir', ['force', FLAGS.pullForce]],
  registry: [...PROJECT, 'quiet', 'outFile', 'check'],
  init: ['cwd', 'force'],
  clean: ['cwd', ['databaseUrl', FLAGS.cleanDatabaseUrl]],
};

/** The key commander stores a flag's value under ('--database-url' -> databaseUrl, '--out' -> out). */
export const attributeOf = (key: OptionKey): string => OPTIONS[key]().attributeName();

function addOptions(cmd: Command, uses: OptionUse[], version: string, print: (s: string) => void): Command {
  for (const use of uses) {
    const [key, description] = Array.isArray(use) ? use : [use, undefined];
    cmd.addOption(OPTIONS[key](description));
  }
  // -v and --version print the version on every command (-V too, as before; hidden).
  cmd.version(version, '-v, --version', FLAGS.version);
  cmd.addOption(new Option('-V').hideHelp());
  cmd.on('option:V', () => {
    print(`${version}\n`);
    throw new CommanderError(0, 'commander.version', version);
  });
  cmd.helpOption('-h, --help', FLAGS.help);
  return cmd;
}

/** The command the parse chose, with the commander objects its flags are read from. */
export interface Parsed {
  command: CommandName;
  /** The program (options given before a command live there). */
  program: Command;
  /** The command that ran (the program itself for 'hook'). */
  ran: Command;
  /** Operands left to the program: a mistyped command. */
  operands: string[];
}

/** Use to build the program: every command, its flags and help; actions only record which command was chosen. */
export function buildProgram(version: string, out: { stdout: (s: string) => void; stderr: (s: string) => void }, onChosen: (p: Omit<Parsed, 'program'>) => void): Command {
  const program = new Command('pre-commit-check');
  program
    .description(HELP.program.description)
    .usage('[command] [options]')
    .enablePositionalOptions()
    .allowExcessArguments(true)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: out.stdout, writeErr: out.stderr, outputError: () => {} })
    .addHelpText('after', helpFooter(HELP.program, true))
    .helpCommand('help [command]', FLAGS.helpCommand)
    .action(() => onChosen({ command: 'hook', ran: program, operands: program.args }));
  addOptions(program, COMMAND_OPTIONS.hook, version, out.stdout);
  for (const name of SUBCOMMANDS) {
    const help = HELP[name];
    const cmd = program
      .command(name)
      .summary(help.summary)
      .description(help.description)
      .allowExcessArguments(false)
      .showSuggestionAfterError(true)
      .addHelpText('after', helpFooter(help, false))
      .action(() => onChosen({ command: name, ran: cmd, operands: [] }));
    addOptions(cmd, COMMAND_OPTIONS[name], version, out.stdout);
  }
  return program;
}

/**
 * commander's own suggestion for a mistyped command ("(Did you mean check?)"), asked of a bare
 * program with the same command names: the real program runs hook mode when no command matches.
 */
export function suggestCommand(program: Command, name: string): string | undefined {
  const probe = new Command().exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} });
  for (const c of program.commands) probe.command(c.name());
  probe.command('help');
  try {
    probe.parse([name], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return /Did you mean (\S+?)\?/.exec(error.message)?.[1];
  }
  return undefined;
}

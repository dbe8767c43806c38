// User-facing text of the command line: each command's help, flag descriptions, usage errors, top-level error output.

/** One command's help: a one-line summary (the list of commands), a description, examples. */
export interface CommandHelp {
  summary: string;
  description: string;
  examples: Array<[command: string, what: string]>;
}

const EXIT_CODES = `Exit codes:
  0    no error finding, every stage passed
  1    an error finding or a failed stage (the commit is blocked)
  2    bad usage or configuration (unknown flag, a config file or knexfile missing or broken)
  3    the environment failed (the database could not start or be reached)
  4    pre-commit-check itself failed (a bug: please report it)
  130  interrupted by SIGINT (Ctrl-C), 143 by SIGTERM, after cleaning up`;

/** The help of the program (no command) and of each command. */
export const HELP: Record<'program' | 'check' | 'generate' | 'pull' | 'registry' | 'init' | 'clean', CommandHelp> = {
  program: {
    summary: 'stop Knex/PostgreSQL schema drift before it is committed',
    description:
      'Stops Knex/PostgreSQL schema drift before it is committed.\n\n' +
      'With no command, the pipeline. Hook mode (what .husky/pre-commit runs): lint-staged on the staged files, the unit tests, ' +
      'the consistency check of the staged models and migrations. --full: every stage on the whole tree, with the migration ' +
      'round trip and the integration tests. --ci: as --full, non-interactive; implied when CI is set, unless --hook says ' +
      'otherwise or git runs it as a hook.',
    examples: [
      ['pre-commit-check --hook', 'what the hook that `init` writes runs'],
      ['pre-commit-check --full', 'every stage on the whole tree'],
      ['pre-commit-check --ci --junit report.xml', 'in CI, with a JUnit report'],
      ['pre-commit-check help check', 'the help of one command'],
    ],
  },
  check: {
    summary: 'the consistency check alone (--full adds the migration round trip)',
    description: 'The consistency check alone: the Knex migrations applied from zero to a scratch database, its catalogs compared with the models. With --full, also the migration round trip (every down, then every up again).',
    examples: [
      ['pre-commit-check check', 'the report, grouped by model and table'],
      ['pre-commit-check check --full --json > report.json', 'the JSON report of the full check'],
    ],
  },
  generate: {
    summary: 'write the Knex migration that brings the migrated schema to the models',
    description: 'Writes a Knex migration (up and down) into the migrations directory that brings the migrated schema to the models. Drops are left out, and listed, unless --allow-destructive.',
    examples: [
      ['pre-commit-check generate --name add_customer_email', 'write migrations/<timestamp>_add_customer_email.ts'],
      ['pre-commit-check generate --dry-run', 'print the migration, write nothing'],
    ],
  },
  pull: {
    summary: 'write model files from a database or the migrations',
    description: 'Writes model files from a schema: the database at --database-url as it is (read only), or else the project\'s migrations applied to a scratch database.',
    examples: [
      ['pre-commit-check pull', 'models from the migrations, into the models folder'],
      ['pre-commit-check pull --database-url postgres://localhost/app --out src/models', 'models from a database'],
    ],
  },
  registry: {
    summary: 'write MODEL_TABLE_REGISTRY.md; --check exits 1 when it is out of date',
    description: 'Writes the model-to-table registry (Markdown): each table, its schema, its model and file, its status.',
    examples: [
      ['pre-commit-check registry', 'write MODEL_TABLE_REGISTRY.md'],
      ['pre-commit-check registry --check', 'exit 1 when the file on disk is out of date (CI)'],
    ],
  },
  init: {
    summary: 'set a project up: husky hook, lint-staged entry, config file',
    description: 'Sets a project up: the husky pre-commit hook (running `pre-commit-check --hook`), the prepare script, a lint-staged entry for the linters it finds, and pre-commit-check.config.ts. Never overwrites a file without --force; a second run changes nothing.',
    examples: [
      ['pre-commit-check init', 'set the project in the current directory up'],
      ['pre-commit-check init --force', 'replace a hook and config that differ'],
    ],
  },
  clean: {
    summary: 'remove what an interrupted or killed run left behind',
    description: 'Removes what an interrupted or killed run left: this tool\'s embedded servers and run directories on this machine and, with --database-url, the scratch databases (pcc_*) on that server that no live run owns. Prints what it removed.',
    examples: [
      ['pre-commit-check clean', 'embedded servers and run directories'],
      ['pre-commit-check clean --database-url postgres://localhost/postgres', 'also the scratch databases there'],
    ],
  },
};

/** The text after a command's options in its help: examples, and the exit codes on the program's help. */
export function helpFooter(help: CommandHelp, withExitCodes: boolean): string {
  const width = Math.max(...help.examples.map(([c]) => c.length));
  const examples = help.examples.map(([c, what]) => `  $ ${c.padEnd(width)}   # ${what}`).join('\n');
  return `\nExamples:\n${examples}\n${withExitCodes ? `\n${EXIT_CODES}\n` : ''}`;
}

/** Flag descriptions (--help). */
export const FLAGS = {
  cwd: 'where the project is looked for (default: the current directory)',
  config: 'the config file (default: the nearest pre-commit-check.config.* or package.json "preCommitCheck", searched upward)',
  models: 'model file globs, repeatable (instead of the config\'s)',
  knexfile: 'the knexfile (instead of the config\'s; its connection is ignored)',
  databaseUrl: 'use this PostgreSQL server instead of the embedded one (scratch databases are created and dropped there)',
  json: 'print the JSON report on stdout, and nothing else there',
  junit: 'write a JUnit XML report to FILE',
  noCache: 'neither read nor write node_modules/.cache/pre-commit-check',
  quietPipeline: 'plain output: one line per stage, no spinner',
  quietCheck: 'print nothing on success; on failure, the errors and the summary line only',
  quiet: 'print only what went wrong',
  verbose: 'also print migration timings and phases',
  full: 'every stage on the whole tree (static analysis, unit and integration tests, the round trip)',
  ci: 'as --full, non-interactive (implied when CI is set)',
  hook: 'hook mode whatever the environment (CI set or not): what the hook that init writes runs',
  checkFull: 'also run the migration round trip',
  checkCi: 'as in CI: the last clean result is neither used nor stored',
  name: 'the migration\'s name (default: derived from the changes)',
  allowDestructive: 'also write the drops (they are left out and listed otherwise)',
  dryRun: 'print the migration it would write, and write nothing',
  pullOut: 'where to write the model files (default: the fixed part of the first models glob)',
  pullForce: 'overwrite model files that exist',
  registryOut: 'the registry file (default: MODEL_TABLE_REGISTRY.md)',
  registryCheck: 'write nothing; exit 1 when the file on disk is out of date',
  initForce: 'replace a hook or config file that exists and differs',
  cleanDatabaseUrl: 'also drop the scratch databases (pcc_*) that no live run owns on this server',
  version: 'print the version',
  help: 'print this help',
  helpCommand: 'print the help of one command',
};

export const cliMessages = {
  /** A commander error, in our words: its first line, without commander's "error: " prefix. */
  badUsage: (detail: string) => `Bad usage: ${detail}`,
  didYouMean: (suggestion: string) => `did you mean ${suggestion}?`,
  unknownCommand: (cmd: string) => `unknown command '${cmd}'`,
  foreignFlag: (flag: string, command: string, owners: string[]) =>
    `${flag} is not a flag of \`${command}\`${owners.length ? ` (only of ${owners.map((o) => `\`${o}\``).join(', ')})` : ''}`,
  emptyValue: (flag: string) => `--${flag} needs a value`,
  badUrl: '--database-url must be a postgres:// or postgresql:// URL',
  badUrlHint: 'e.g. --database-url postgres://user:password@localhost:5432/postgres (the tool creates and drops its own scratch databases there)',
  seeHelp: (command: string | null) => `run \`pre-commit-check ${command ? `${command} ` : ''}--help\` for ${command ? 'its' : 'the commands and'} flags`,
  errorPrefix: 'pre-commit-check:',
  interrupted: 'Interrupted: the scratch databases and temporary files were removed.',
  internal: (msg: string) => `Unexpected error: ${msg}`,
  internalHint:
    'this is a bug in pre-commit-check (exit code 4): please report it to its maintainers with the command you ran, this output and `pre-commit-check --version` (PCC_DEBUG=1 adds the stack trace)',
  systemErrorHint: 'the machine refused a file or system operation (exit code 3): check the path named above, its permissions and the free space, then run again',
  notGitRepo: (dir: string) => `Hook mode needs a git repository, and ${dir} is not inside one.`,
  notGitRepoHint: 'Run `git init` first, or outside git run `pre-commit-check --full` (every stage on the whole tree) or `pre-commit-check check`.',
};

/** Text of the init command's summary. */
export const initMessages = {
  nothingChanged: 'Nothing to change: this project is already set up.',
  nextSteps: 'Next steps:',
};

/** Text of the check command's progress line (stderr). */
export const checkMessages = {
  migrationProgress: (p: { index: number; total: number; name: string; direction: 'up' | 'down' }) =>
    `running migration ${p.index}/${p.total}${p.direction === 'down' ? ' (down)' : ''}: ${p.name}`,
  /** A phase as it starts (the status line on a terminal, a line of its own in a pipe). */
  phase: (p: { phase: 'server' | 'models' | 'compare'; count?: number; external?: boolean }) =>
    p.phase === 'server'
      ? p.external
        ? 'connecting to the database (--database-url)'
        : 'starting PostgreSQL (embedded)'
      : p.phase === 'models'
        ? `loading ${p.count} model file${p.count === 1 ? '' : 's'}`
        : `comparing ${p.count} model${p.count === 1 ? '' : 's'} with the migrated database`,
  /** A progress line of `check` in a pipe. */
  progressLine: (text: string) => `check: ${text}`,
  /** In a pipe, the migrations get one line: how many, and which way. */
  migrationsPhase: (p: { total: number; direction: 'up' | 'down' }) =>
    p.direction === 'down' ? `round trip: undoing and reapplying ${p.total} migration${p.total === 1 ? '' : 's'}` : `running ${p.total} migration${p.total === 1 ? '' : 's'}`,
};

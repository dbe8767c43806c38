// User-facing text of the command line: usage, flag errors, top-level error output.

export const USAGE = `pre-commit-check: stop Knex/PostgreSQL schema drift before it is committed

Usage:
  pre-commit-check                 hook mode (what .husky/pre-commit runs): lint-staged on staged
                                   files, unit tests, consistency check of the staged models/migrations
  pre-commit-check --full          every stage on the whole tree, with the migration round trip and
                                   the project's integration tests against the scratch database
  pre-commit-check --ci            as --full, non-interactive (implied when CI is set)
  pre-commit-check check [--full]  the consistency check alone (--full adds the migration round trip)
  pre-commit-check generate [--name NAME] [--allow-destructive]
                                   write a Knex migration that brings the migrated schema to the models
  pre-commit-check pull [--out DIR] [--force]
                                   write model files from a database (--database-url) or the migrations
  pre-commit-check registry [--out FILE] [--check]
                                   write MODEL_TABLE_REGISTRY.md; --check exits 1 when it is out of date
  pre-commit-check init [--force]  set a project up: husky hook, lint-staged entry, config file

Flags:
  --cwd DIR            project root (default: current directory)
  --config FILE        config file (default: pre-commit-check.config.{ts,mts,js,mjs,cjs,json})
  --models GLOB        model file globs, repeatable (overrides config)
  --knexfile FILE      knexfile (overrides config; its connection is ignored)
  --database-url URL   use this PostgreSQL server (scratch databases are created and dropped there)
  --json               print the JSON report on stdout, nothing else
  --junit FILE         write a JUnit XML report
  --no-cache           neither read nor write node_modules/.cache/pre-commit-check
  --quiet, -q          plain, minimal output
  --verbose, -v        more detail (migration timings)
  --help, -h           this help
  --version, -V        the version

Exit codes: 0 clean, 1 error finding or failed stage (commit blocked), 2 bad usage or configuration,
3 the database could not start or be reached.
`;

export const cliMessages = {
  badFlag: (detail: string) => `Bad usage: ${detail}`,
  extraArgs: (args: string[]) => `Unexpected argument${args.length > 1 ? 's' : ''}: ${args.join(' ')}`,
  unknownCommand: (cmd: string) => `Unknown command '${cmd}'`,
  emptyValue: (flag: string) => `--${flag} needs a value`,
  badUrl: '--database-url must be a postgres:// or postgresql:// URL',
  badUrlHint: 'e.g. --database-url postgres://user:password@localhost:5432/postgres (the tool creates and drops its own scratch databases there)',
  seeHelp: 'run `pre-commit-check --help` for the commands and flags',
  errorPrefix: 'pre-commit-check:',
  interrupted: 'Interrupted: the scratch databases and temporary files were removed.',
  internal: (msg: string) => `Unexpected error: ${msg}`,
  internalHint: 'this is a bug in pre-commit-check; please report it with the command you ran and this output',
};

/** Text of the init command's summary. */
export const initMessages = {
  nothingChanged: 'Nothing to change: this project is already set up.',
  nextSteps: 'Next steps:',
};

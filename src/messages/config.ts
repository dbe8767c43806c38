// User-facing text for configuration, knexfile and model-file loading problems.

export const configMessages = {
  rootMissing: (root: string) => `Project directory ${root} does not exist.`,
  rootMissingHint: 'Pass an existing directory with --cwd.',
  configMissing: (file: string) => `Config file ${file} does not exist.`,
  configMissingHint: 'Check the --config path, or drop the flag to use pre-commit-check.config.ts at the project root.',
  configLoadFailed: (file: string, reason: string) => `Config file ${file} could not be loaded: ${reason}`,
  configLoadFailedHint: 'Fix the error in the config file; it must `export default defineConfig({ ... })`.',
  configInvalid: (source: string, problems: string[]) =>
    `Invalid configuration in ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  configInvalidHint: 'Fix the keys listed above; see the Configuration section of the README for every key and its default.',
  knexfileMissing: (file: string) => `Knexfile ${file} was not found.`,
  knexfileMissingHint: "Point to it with --knexfile or `knexfile` in pre-commit-check.config.ts (migrations settings come from it; its connection is ignored).",
  knexfileFailed: (file: string, reason: string) => `Knexfile ${file} could not be loaded: ${reason}`,
  knexfileFailedHint: 'Fix the error in the knexfile; it must export its configuration (export default { client, migrations }).',
  knexfileNoMigrations: (file: string, env: string) => `Knexfile ${file} has no configuration for environment '${env}'.`,
  knexfileNoMigrationsHint: 'Export a config with a `migrations` block, or set NODE_ENV to one of its environments.',
  noModelFiles: (globs: string[]) => `No model file matched ${globs.map((g) => `'${g}'`).join(', ')}.`,
  noModelFilesHint: 'Set `models` in pre-commit-check.config.ts (or pass --models) to the globs of your model files.',
  migrationsDirMissing: (dir: string) => `Migrations directory ${dir} does not exist.`,
};

// User-facing text for configuration, knexfile and model-file loading problems.

export const configMessages = {
  rootMissing: (root: string) => `Project directory ${root} does not exist.`,
  rootMissingHint: 'Pass an existing directory with --cwd.',
  configMissing: (file: string) => `Config file ${file} does not exist.`,
  configMissingHint: 'Check the --config path (relative to the current directory or --cwd), or drop the flag to use the nearest pre-commit-check.config.ts.',
  configLoadFailed: (file: string, reason: string) => `Config file ${file} could not be loaded: ${reason}`,
  configLoadFailedHint: 'Fix the error in the config file; it must `export default defineConfig({ ... })`.',
  configExitHint: 'Remove the process.exit() call: the config file is imported by every run of pre-commit-check, so it must only export its configuration (throw an error to signal a problem).',
  configInvalid: (source: string, problems: string[]) =>
    `Invalid configuration in ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  configInvalidHint: 'Fix the keys listed above; see the Configuration section of the README for every key and its default.',
  notAnObject: 'the config must be an object',
  unknownKey: (path: string, suggestion: string | undefined, known: readonly string[]) =>
    suggestion ? `unknown key '${path}': did you mean '${suggestion}'?` : `unknown key '${path}' (known here: ${known.join(', ')})`,
  badModels: "'models' must be a non-empty array of globs",
  badKnexfile: "'knexfile' must be a path",
  badDatabase: "'database' must be 'embedded' or { url: 'postgres://…' }",
  badIgnore: "'ignore' must be an object: { tables: ['legacy_*', 'audit.*'] }",
  badGlobs: (path: string, nonEmpty = false) => `'${path}' must be a${nonEmpty ? ' non-empty' : 'n'} array of globs`,
  negatedGlob: (path: string, glob: string) => `'${path}': '${glob}' is a negation, which would match every other table; list the tables to match instead`,
  badRules: "'rules' must map finding codes to 'error' | 'warn' | 'off'",
  unknownCode: (code: string, suggestion: string | undefined) =>
    `rules: unknown finding code '${code}'${suggestion ? `: did you mean '${suggestion}'?` : ' (see the finding codes in the README)'}`,
  badRuleLevel: (code: string, level: string) => `rules.${code}: '${level}' is not 'error', 'warn' or 'off'`,
  badTimeout: (max: number, got: unknown) => `'migrationTimeout' must be a number of seconds greater than 0, at most ${max} (got ${JSON.stringify(got) ?? String(got)})`,
  badGenerated: "'generated' must be an array of { run: 'a command', files: ['globs'] }",
  badGeneratedEntry: (path: string) => `'${path}' must be { run: 'a command', files: ['globs'] }`,
  badGeneratedRun: (path: string) => `'${path}.run' must be a command (a non-empty string)`,
  generatedGlobOutside: (path: string, glob: string) =>
    `'${path}': '${glob}' reaches outside the project; list the files the command writes relative to the project root ('src/db/types.ts', 'src/db/types/**')`,
  generatedGlobNegated: (path: string) => `'${path}' must have at least one glob that is not a negation ('!...' only leaves files out)`,
  badShape: (path: string, expected: string) => `'${path}' must be ${expected}`,
  badCase: (value: string, cases: readonly string[]) => `'conventions.names.case': '${value}' is not one of ${cases.map((c) => `'${c}'`).join(', ')}`,
  badOnDeleteAction: (path: string, actions: readonly string[]) => `'${path}' must be one of ${actions.map((a) => `'${a}'`).join(', ')}, or a non-empty array of them`,
  badSeverity: (path: string) => `'${path}' must be 'error' or 'warn'`,
  badStages: "'stages' must be an object: { static, unit, integration }",
  badStatic: "'stages.static' must be an array of commands",
  badCommand: (path: string) => `'${path}' must be a command or false`,
  /** What each conventions key expects, as the messages show it. */
  shapes: {
    conventions: "an object such as { names: { case: 'snake_case' }, primaryKey: true }",
    names: "an object: { case: 'snake_case', forbid: { phone: 'phone_number' } }",
    forbid: "an object mapping a forbidden name to what to use instead: { phone: 'phone_number' }",
    requiredColumns: "an array such as [{ tables: '*', column: 'created_at', type: 'timestamp', notNullable: true }]",
    requiredColumn: "{ tables: '*', column: 'created_at', type?: 'timestamp', notNullable?: true }",
    tables: "a table glob or a non-empty array of them ('*' for every table)",
    column: 'a column name',
    type: "a column type such as 'timestamp' or 'uuid'",
    boolean: 'true or false',
    switch: "true, false, 'error' or 'warn'",
    since: "a git ref such as 'origin/main'",
    default: "a default as SQL, such as 'now()'",
    onDelete: "true, false, 'error', 'warn' or { nullable: 'SET NULL', notNullable: ['CASCADE', 'RESTRICT'] }",
    from: "an object naming model sources: { drizzle: ['src/db/schema.ts'], typeorm: 'src/data-source.ts' }",
    globs: "a non-empty array of file globs relative to the project root, such as ['src/db/schema/*.ts']",
    typeorm: "the path of the module that exports your DataSource, such as 'src/data-source.ts'",
  },
  knexfileMissing: (file: string) => `Knexfile ${file} was not found.`,
  knexfileMissingHint: "Point to it with --knexfile or `knexfile` in pre-commit-check.config.ts (migrations settings come from it; its connection is ignored).",
  knexfileFailed: (file: string, reason: string) => `Knexfile ${file} could not be loaded: ${reason}`,
  knexfileFailedHint: 'Fix the error in the knexfile; it must export its configuration (export default { client, migrations }).',
  knexfileNoMigrations: (file: string, env: string) => `Knexfile ${file} has no configuration for environment '${env}'.`,
  knexfileNoMigrationsHint: 'Export a config with a `migrations` block, or set NODE_ENV to one of its environments.',
  noModelFiles: (globs: string[], root: string, source: string | null) =>
    `No model file matched ${globs.map((g) => `'${g}'`).join(', ')} under ${root} (the \`models\` globs ${source ? `of ${source}` : 'by default'}, or --models): nothing would be checked.`,
  noModelFilesHint:
    'Set `models` in pre-commit-check.config.ts (or pass --models) to globs of your model files, relative to the project root (node_modules and .d.ts files are never matched).',
  migrationsDirMissing: (dirs: string[], knexfile: string) =>
    `Migrations director${dirs.length > 1 ? 'ies' : 'y'} ${dirs.join(', ')} (from the migrations settings of ${knexfile}) do${dirs.length > 1 ? '' : 'es'} not exist: knex migrate would fail, and nothing would be checked.`,
  migrationsDirMissingHint: (knexfile: string) =>
    `Point migrations.directory in ${knexfile} to the directory of your migrations (relative to the knexfile; Knex's default is ./migrations), or create it with a first migration (pre-commit-check generate writes one; git does not keep an empty directory).`,
};

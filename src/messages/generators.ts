// User-facing text of the generators: pull and registry.

export const generateMessages = {
  registryCurrent: (file: string) => `${file} is up to date.`,
  registryStale: (file: string, missing: boolean) =>
    `${file} is ${missing ? 'missing' : 'out of date'}: run \`npx pre-commit-check registry\` and commit the result.`,
  registryWritten: (file: string, models: number, tables: number) => `Wrote ${file} (${models} models, ${tables} tables).`,
  pullWouldOverwrite: (files: string[]) =>
    `pull would overwrite ${files.length} existing file${files.length > 1 ? 's' : ''}: ${files.slice(0, 5).join(', ')}${files.length > 5 ? ', …' : ''}`,
  pullWouldOverwriteHint: 'pass --force to overwrite them, or --out DIR to write somewhere else',
  pullSkipped: (table: string, model: string, file: string) => `skipped ${table}: model ${model} in ${file} declares it already`,
  pullAllModelled: (source: string) => `Every table in ${source} is declared by a model already: nothing to write.`,
  pullModelFailed: (file: string) =>
    `warning: model file ${file} does not load, so the tables it declares cannot be told apart: they may be written again; fix it and run pull again`,
  pullWouldOverwriteBroken: (file: string) => `pull would overwrite ${file}, a model file that does not load (its models would be lost)`,
  pullWouldOverwriteBrokenHint: 'fix or remove that file first (run `pre-commit-check check` to see why it fails), or pass --out DIR to write somewhere else',
  pullOutsideOut: (path: string, table: string) => `the file name ${JSON.stringify(path)} derived from table ${JSON.stringify(table)} would leave the output directory`,
  pullThroughLink: (file: string) => `pull would write ${file} through a symbolic link that leads out of the output directory`,
  pullThroughLinkHint: 'remove the link, or pass --out DIR to write somewhere else',
  pullWritten: (n: number, dir: string, source: string) => `Wrote ${n} model file${n === 1 ? '' : 's'} to ${dir} from ${source}.`,
  pullNothing: (source: string) => `No table in ${source}: nothing to write.`,
  pullFromUrl: (url: string) => `the database at ${url}`,
  pullFromMigrations: 'the project\u2019s migrations applied to a scratch database',
  pullMigrationFailed: (message: string) => `note: ${message}; the models reflect the migrations before it`,
  pullNext: (globs: string[]) =>
    `Next: make sure your \`models\` globs (${globs.join(', ')}) match these files, then run \`npx pre-commit-check check\`.`,
};

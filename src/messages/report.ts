// User-facing text of the human-readable report.

export const reportMessages = {
  cannotWrite: (file: string, reason: string) => `Cannot write the report file ${file}: ${reason}`,
  cannotWriteHint: 'Pass --junit a file path in a directory you can write to.',
  groupMigrations: 'Migrations',
  groupGenerated: 'Generated files (config `generated`)',
  groupTable: (model: string | null, table: string, file: string | null) =>
    model ? `${model}  ${table}${file ? `  (${file})` : ''}` : `${table}  (no model)`,
  groupFile: (file: string | null) => (file ? `Model file ${file}` : 'Project'),
  expectedActual: (expected: string | null, actual: string | null) =>
    `expected ${expected ?? 'nothing'}, found ${actual ?? 'nothing'}`,
  summary: (models: number, tables: number, errors: number, warnings: number, ms: number) =>
    `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} (${models} model${models === 1 ? '' : 's'}, ${tables} table${tables === 1 ? '' : 's'}, ${(ms / 1000).toFixed(1)} s)`,
  blocked: '— the commit is blocked: fix the errors above.',
};

// What the Drizzle source (from.drizzle, src/sources/drizzle/) says: its load problems, and hints in
// Drizzle's own terms (the migration half of a hint is the diff's, unchanged).

export const drizzleMessages = {
  notInstalled: (root: string) => `from.drizzle is set, but drizzle-orm is not installed in ${root}: the schema files cannot be read without it`,
  notInstalledHint: 'install it in the project (npm install drizzle-orm), or remove `drizzle` from `from` in pre-commit-check.config.ts',
  loadFailed: (file: string, reason: string) => `Drizzle schema file ${file} failed to load: ${reason}`,
  loadFailedHint: 'fix the error in this file (it must import and run with no build step); until then its tables are not checked',
  exitCalled: (file: string, call: string) => `Drizzle schema file ${file} called ${call} while loading, so it was not loaded`,
  exitCalledHint: 'remove the process.exit() call: schema files are imported by the check and the pre-commit hook, so they must only declare tables',
  timedOut: (file: string, seconds: number) => `Drizzle schema file ${file} did not finish loading within ${seconds} s (migrationTimeout), so it was not loaded`,
  timedOutHint: 'a schema file must only declare tables: remove top-level work that waits (a connection, a promise that never settles); if it is only slow, raise migrationTimeout',
  noTable: (file: string) => `Drizzle schema file ${file} exports nothing of Drizzle (no pgTable, pgEnum, relations), so nothing in it is checked`,
  noTableHint: "export each table: export const users = pgTable('users', { ... }); or narrow from.drizzle in pre-commit-check.config.ts so this file is not matched",
  badTable: (file: string, name: string, reason: string) => `Drizzle table ${name} in ${file} cannot be read: ${reason}`,
  badTableHint: 'fix the table declaration (sql`` in a schema cannot hold placeholders); until then the table is not checked',
};

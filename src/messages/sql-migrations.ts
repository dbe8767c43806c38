// User-facing text of SQL migration folders (config `migrations.sql`, src/migrations/sql/).
import type { SqlFormat } from '../migrations/sql/formats.ts';
import type { StoppedStatement } from '../migrations/stop.ts';
import { notApplied, wasRunning } from './migrations.ts';

const at = (file: string, line: number | undefined) => (line === undefined ? file : `${file}:${line}`);

export const sqlMigrationMessages = {
  /** The lead of a hint's migration half restated in SQL ("add it in a new SQL migration: ALTER TABLE ..."). */
  inNewSqlMigration: (format: SqlFormat | undefined) =>
    `in a new SQL migration${format === 'drizzle-kit' ? ' (drizzle-kit generate writes it from your schema)' : format === 'prisma' ? ' (prisma migrate dev writes it from your schema)' : ''}: `,
  badJournal: 'meta/_journal.json does not parse as JSON: drizzle-kit reads the order of the migrations from it',
  unreadable: (reason: string) => `the file cannot be read (${reason})`,
  folderMissing: (dir: string, source: string) => `The SQL migrations folder '${dir}' (migrations.sql in ${source}) does not exist.`,
  folderMissingHint: 'Point migrations.sql in pre-commit-check.config.ts to the folder of your SQL migrations, relative to the project root (drizzle, prisma/migrations, db/migrations...).',
  noFormat: (dir: string) => `Cannot tell the format of the SQL migrations in '${dir}': no drizzle-kit journal, Prisma migration folder, dbmate section or .sql file in it.`,
  noFormatHint: "Set migrations.format in pre-commit-check.config.ts: 'drizzle-kit', 'prisma', 'dbmate' or 'plain'.",
  bothSources: "'knexfile' and 'migrations' are both set: the migrations come from a knexfile or from a SQL folder, not both (remove one)",
  /** What each key of `migrations` expects, as the config messages show it. */
  shapes: {
    migrations: "an object naming a folder of SQL migrations: { sql: 'drizzle', format?: 'drizzle-kit' }",
    sql: "the folder of your SQL migrations, relative to the project root, such as 'drizzle' or 'prisma/migrations'",
    format: "one of 'drizzle-kit', 'prisma', 'dbmate', 'plain' (or leave it out: it is told from the folder)",
  },
  failed: (name: string, direction: 'up' | 'down', file: string, line: number | undefined, statement: string | undefined, error: string, skipped: string[]) =>
    `Migration ${name} failed${direction === 'down' ? ' on the way down' : ''}${statement ? ` at ${at(file, line)}, in the statement \`${statement}\`` : ` in ${file}`}: ${error}${notApplied(skipped)}`,
  failedHint: (direction: 'up' | 'down', file: string, line: number | undefined) =>
    direction === 'up'
      ? `fix the statement at ${at(file, line)} so that it runs on a database migrated from zero by the migrations before it (a migration already applied elsewhere is better fixed by a new one); then run \`npx pre-commit-check check\` again`
      : `fix the down statements in ${file} so that they run right after the up ones, undoing them (drop what they create, in reverse order); then run \`npx pre-commit-check check --full\` again`,
  unreadableHint: (file: string) => `make ${file} a migration its tool reads, as the message says (its other migrations show the layout); then run \`npx pre-commit-check check\` again`,
  missingDown: (name: string, format: SqlFormat) =>
    format === 'dbmate' ? `Migration ${name} has no statement under \`-- migrate:down\`: it cannot be rolled back` : `Migration ${name} has no .down.sql beside it: it cannot be rolled back`,
  missingDownHint: (format: SqlFormat, downFile: string) =>
    format === 'dbmate'
      ? 'write the statements that undo the migration under its `-- migrate:down` line (drop what the up section creates, in reverse order)'
      : `write ${downFile} with the statements that undo it (drop what it creates, in reverse order), as the other migrations of the folder have`,
  /** A SQL migration stopped for running too long: no up() or down() to name, the statement it ran. */
  timedOut: (name: string, direction: 'up' | 'down', seconds: number, running: StoppedStatement[], skipped: string[]) =>
    `Migration ${name} did not finish${direction === 'down' ? ' on the way down' : ''} within ${seconds} s (migrationTimeout) and was stopped; ${wasRunning(running)}${notApplied(skipped)}`,
  timedOutHint:
    'if the migration is only slow (a big backfill, an index on a big table), raise migrationTimeout (seconds) in pre-commit-check.config.ts; if it was waiting for a lock (the message says so), make the statement that holds the lock come first or go',
  roundTripSkippedNoDown: (names: string[]) => `the migration round trip was skipped: ${names.join(', ')} ha${names.length > 1 ? 've' : 's'} no down`,
  irreversibleHint: (format: SqlFormat) =>
    `make the ${format === 'dbmate' ? '`-- migrate:down` section' : '.down.sql file'} undo exactly what the migration does: drop every table, type, index, sequence, function and schema it creates (and recreate what it drops), in reverse order`,
  noDowns: (format: SqlFormat) => `the migration round trip was skipped: ${format} migrations have no down to roll back`,
  generateSql: (dir: string, format: SqlFormat) =>
    `generate writes Knex migrations, and this project's migrations are ${format} SQL files in ${dir}.`,
  generateSqlHint: (format: SqlFormat) =>
    format === 'drizzle-kit' ? 'Run `npx drizzle-kit generate` to write the migration, then `npx pre-commit-check check`.' : format === 'prisma' ? 'Run `npx prisma migrate dev --create-only` to write the migration, then `npx pre-commit-check check`.' : 'Write the SQL migration by hand (the hints of `npx pre-commit-check check` say what it needs), then check again.',
};

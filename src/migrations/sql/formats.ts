// The SQL migration folders the tool reads, and how a folder's format is told from its contents:
// drizzle-kit (meta/_journal.json, or folders of migration.sql with statement breakpoints), Prisma
// (<timestamp>_<name>/migration.sql, migration_lock.toml), dbmate (-- migrate:up / -- migrate:down),
// plain numbered .sql files (with NNN.down.sql beside them when the project writes downs).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const SQL_FORMATS = ['drizzle-kit', 'prisma', 'dbmate', 'plain'] as const;

/** One of SQL_FORMATS. */
export type SqlFormat = (typeof SQL_FORMATS)[number];

/** The marker drizzle-kit writes between two statements of a migration. */
export const BREAKPOINT = '--> statement-breakpoint';

/** dbmate's section markers: `-- migrate:up` or `-- migrate:down`, with options such as transaction:false. */
export const DBMATE_MARKER = /^--\s*migrate:(up|down)\b(.*)$/gm;

/** Use to list a folder's entries without throwing (a missing folder has none). */
export function entries(dir: string): Array<{ name: string; dir: boolean }> {
  try {
    return readdirSync(dir, { withFileTypes: true }).map((e) => ({ name: e.name, dir: e.isDirectory() }));
  } catch {
    return [];
  }
}

/** Subfolders holding a migration.sql (Prisma, drizzle-kit 1.0), sorted by name: the order both tools apply them in. */
export function migrationFolders(dir: string): string[] {
  return entries(dir)
    .filter((e) => e.dir && existsSync(join(dir, e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort();
}

/** The .sql files directly in a folder. */
export function sqlFiles(dir: string): string[] {
  return entries(dir)
    .filter((e) => !e.dir && e.name.endsWith('.sql'))
    .map((e) => e.name);
}

const read = (file: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

/** Use to tell the format of a migrations folder from what is in it; undefined when it holds no migration. */
export function detectSqlFormat(dir: string): SqlFormat | undefined {
  if (existsSync(join(dir, 'meta', '_journal.json'))) return 'drizzle-kit';
  const folders = migrationFolders(dir);
  if (folders.length > 0) {
    const drizzle = folders.some((f) => existsSync(join(dir, f, 'snapshot.json')) || read(join(dir, f, 'migration.sql')).includes(BREAKPOINT));
    return drizzle ? 'drizzle-kit' : 'prisma';
  }
  if (existsSync(join(dir, 'migration_lock.toml'))) return 'prisma';
  const files = sqlFiles(dir);
  if (files.some((f) => new RegExp(DBMATE_MARKER.source, 'm').test(read(join(dir, f))))) return 'dbmate';
  return files.length > 0 ? 'plain' : undefined;
}

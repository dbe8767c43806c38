// The migrations of a SQL folder, in the order its tool applies them, without reading their SQL.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationFolders, sqlFiles, type SqlFormat } from './formats.ts';

/** A migration of a SQL folder: its name (what the tool records), its file and, for plain folders, its down file. */
export interface SqlMigrationItem {
  name: string;
  /** Path of the up file, relative to `directory` (forward slashes). */
  file: string;
  /** The migrations folder, absolute. */
  directory: string;
  /** Plain folders: the NNN.down.sql file beside it, relative to `directory`, when there is one. */
  downFile?: string;
}

/** drizzle-kit's meta/_journal.json: its entries, in the order they were generated. */
interface Journal {
  entries?: Array<{ idx?: number; tag?: string }>;
}

/** Use to list a folder's migrations in its format's order (a missing folder has none). */
export function listSqlMigrations(directory: string, format: SqlFormat): SqlMigrationItem[] {
  switch (format) {
    case 'drizzle-kit':
      return drizzleItems(directory);
    case 'prisma':
      return migrationFolders(directory).map((name) => ({ name, file: `${name}/migration.sql`, directory }));
    case 'dbmate':
      return sqlFiles(directory)
        .sort()
        .map((file) => ({ name: file, file, directory }));
    case 'plain':
      return plainItems(directory);
  }
}

/** drizzle-kit: the journal's order (drizzle-kit 0.x), else migration folders by name (drizzle-kit 1.0). */
function drizzleItems(directory: string): SqlMigrationItem[] {
  const journalFile = join(directory, 'meta', '_journal.json');
  if (!existsSync(journalFile)) return migrationFolders(directory).map((name) => ({ name, file: `${name}/migration.sql`, directory }));
  // A journal that does not parse lists nothing; getMigration of the source reports it (see source.ts).
  let journal: Journal;
  try {
    journal = JSON.parse(readFileSync(journalFile, 'utf8')) as Journal;
  } catch {
    return [{ name: 'meta/_journal.json', file: 'meta/_journal.json', directory }];
  }
  const listed = [...(journal.entries ?? [])].filter((e) => typeof e.tag === 'string').sort((a, b) => (a.idx ?? 0) - (b.idx ?? 0));
  return listed.map((e) => ({ name: e.tag!, file: `${e.tag}.sql`, directory }));
}

const DOWN = /\.down\.sql$/;
const UP = /\.up\.sql$/;

/** Plain: every .sql file but the downs, in numeric order of their leading number, then by name. */
function plainItems(directory: string): SqlMigrationItem[] {
  const files = sqlFiles(directory);
  const downs = new Set(files.filter((f) => DOWN.test(f)));
  const stem = (f: string) => f.replace(UP, '').replace(/\.sql$/, '');
  const number = (f: string) => {
    const m = /^(\d+)/.exec(f);
    return m ? BigInt(m[1]!) : undefined;
  };
  const ups = files.filter((f) => !DOWN.test(f)).sort((a, b) => {
    const [na, nb] = [number(a), number(b)];
    if (na !== undefined && nb !== undefined && na !== nb) return na < nb ? -1 : 1;
    if ((na === undefined) !== (nb === undefined)) return na === undefined ? 1 : -1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return ups.map((file) => {
    const down = `${stem(file)}.down.sql`;
    return { name: file, file, directory, ...(downs.has(down) ? { downFile: down } : {}) };
  });
}

/** Use to know whether a folder's migrations have downs at all: dbmate always; plain when any NNN.down.sql exists. */
export function formatHasDowns(directory: string, format: SqlFormat): boolean {
  if (format === 'dbmate') return true;
  return format === 'plain' && sqlFiles(directory).some((f) => DOWN.test(f));
}

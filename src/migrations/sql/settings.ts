// Where a project's migrations come from: its knexfile (contract section 2), or a folder of SQL
// migrations (config `migrations.sql`), turned into the same MigrationSettings: a Knex migration
// source over the folder, run by the tool's own Knex (or the project's) on a plain `client: 'pg'`.
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { ResolvedConfig } from '../../config/types.ts';
import { PccError } from '../../errors.ts';
import { sqlMigrationMessages as m } from '../../messages/sql-migrations.ts';
import { loadKnexfile, type MigrationSettings } from '../knexfile.ts';
import { detectSqlFormat, entries } from './formats.ts';
import { formatHasDowns } from './list.ts';
import { SqlMigrationSource } from './source.ts';

/** Knex's log table on the scratch databases of a SQL folder: not the project's, ignored by the diff. */
export const SQL_LOG_TABLE = 'pcc_sql_migrations';

type Config = Pick<ResolvedConfig, 'knexfile' | 'knexfileExplicit' | 'migrations' | 'source'>;

/**
 * Use wherever the migrations settings are needed: the SQL folder of `migrations.sql` when the
 * config names one (and no --knexfile overrides it), else the knexfile. Throws PccError (exit 2).
 */
export async function loadMigrationSettings(root: string, config: Config, knexfile = config.knexfile, explicit = config.knexfileExplicit): Promise<MigrationSettings> {
  if (config.migrations) return sqlMigrationSettings(root, config);
  return loadKnexfile(root, knexfile, explicit);
}

/** The settings of a SQL folder. A folder that does not exist (yet) lists no migration: assertSqlFolder says so. */
export function sqlMigrationSettings(root: string, config: Config): MigrationSettings {
  const { sql, format: configured } = config.migrations!;
  const directory = resolve(root, sql);
  const format = configured ?? detectSqlFormat(directory);
  if (!format && existsSync(directory)) throw new PccError('CONFIG_INVALID', m.noFormat(sql), { hint: m.noFormatHint });
  const source = new SqlMigrationSource(directory, root, format);
  return {
    knexfile: relative(root, directory) || '.',
    knexfileDir: root,
    directories: [directory],
    extension: undefined,
    loadExtensions: undefined,
    tableName: SQL_LOG_TABLE,
    schemaName: undefined,
    disableTransactions: false,
    sortDirsSeparately: false,
    migrationSource: source,
    knexConfig: { client: 'pg' },
    sql: { format, hasDowns: !!format && formatHasDowns(directory, format) },
  };
}

/** Use before a check of a SQL folder: it must exist (an empty check would pass while looking at nothing). */
export function assertSqlFolder(s: MigrationSettings, root: string, source: string | null): void {
  if (s.sql && !existsSync(s.directories[0]!)) {
    throw new PccError('CONFIG_INVALID', m.folderMissing(relative(root, s.directories[0]!), source ?? 'the config'), { hint: m.folderMissingHint });
  }
}

/** Use for the folders a SQL folder's migrations live in (the caches and hook mode list their files): it and its subfolders. */
export function sqlFolders(directory: string, depth = 2): string[] {
  if (depth === 0) return [directory];
  return [directory, ...entries(directory).filter((e) => e.dir).flatMap((e) => sqlFolders(join(directory, e.name), depth - 1))].sort();
}

// Load the project's knexfile and keep only its migrations settings (its connection is ignored).
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { PccError } from '../errors.ts';
import { configMessages as m } from '../messages/config.ts';
import { defaultExport, importUserFile } from '../util/import-user-file.ts';

/** The migrations settings the tool uses, with directories made absolute. */
export interface MigrationSettings {
  /** Relative path of the knexfile (for messages). */
  knexfile: string;
  directories: string[];
  extension: string | undefined;
  loadExtensions: string[] | undefined;
  tableName: string;
  schemaName: string | undefined;
  disableTransactions: boolean;
  sortDirsSeparately: boolean;
}

const FALLBACKS = ['knexfile.ts', 'knexfile.mts', 'knexfile.js', 'knexfile.mjs', 'knexfile.cjs'];

/** Use to find and read the knexfile: throws PccError KNEXFILE_NOT_FOUND / KNEXFILE_INVALID (exit 2). */
export async function loadKnexfile(root: string, knexfile: string, explicit: boolean): Promise<MigrationSettings> {
  let file = isAbsolute(knexfile) ? knexfile : resolve(root, knexfile);
  if (!existsSync(file) && !explicit) {
    const other = FALLBACKS.map((f) => resolve(root, f)).find((f) => existsSync(f));
    if (other) file = other;
  }
  const rel = relative(root, file) || knexfile;
  if (!existsSync(file)) throw new PccError('KNEXFILE_NOT_FOUND', m.knexfileMissing(rel), { hint: m.knexfileMissingHint });
  let config: unknown;
  try {
    config = defaultExport(await importUserFile(file));
    if (typeof config === 'function') config = await (config as () => unknown)();
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
    throw new PccError('KNEXFILE_INVALID', m.knexfileFailed(rel, reason), { hint: m.knexfileFailedHint, cause: error });
  }
  const env = process.env.NODE_ENV || 'development';
  let chosen = config as Record<string, unknown> | undefined;
  if (chosen && typeof chosen === 'object' && !('client' in chosen) && !('migrations' in chosen) && !('connection' in chosen)) {
    chosen = chosen[env] as Record<string, unknown> | undefined;
  }
  if (!chosen || typeof chosen !== 'object') {
    throw new PccError('KNEXFILE_INVALID', m.knexfileNoMigrations(rel, env), { hint: m.knexfileNoMigrationsHint });
  }
  const mig = (chosen.migrations ?? {}) as Record<string, unknown>;
  const base = dirname(file);
  const dirs = mig.directory === undefined ? ['./migrations'] : Array.isArray(mig.directory) ? mig.directory : [mig.directory];
  return {
    knexfile: rel,
    directories: (dirs as string[]).map((d) => resolve(base, d)),
    extension: typeof mig.extension === 'string' ? mig.extension : undefined,
    loadExtensions: Array.isArray(mig.loadExtensions) ? (mig.loadExtensions as string[]) : undefined,
    tableName: typeof mig.tableName === 'string' ? mig.tableName : 'knex_migrations',
    schemaName: typeof mig.schemaName === 'string' ? mig.schemaName : undefined,
    disableTransactions: mig.disableTransactions === true,
    sortDirsSeparately: mig.sortDirsSeparately === true,
  };
}

// Load the project's knexfile as `knex migrate:latest` does: a default or CommonJS export, or a
// function (sync or async) returning the config; an object keyed by environment is read at
// NODE_ENV (default 'development'), as the knex CLI does. Its connection is ignored; the rest is
// kept: the migrations settings for the migrator, and the whole config (client, searchPath,
// wrapIdentifier...) for the Knex instance the migrations run on (src/check/knex.ts).
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Knex } from 'knex';
import type { SqlFormat } from './sql/formats.ts';
import { PccError } from '../errors.ts';
import { configMessages as m } from '../messages/config.ts';
import { knexMessages as k } from '../messages/knex.ts';
import { defaultExport, importUserFile } from '../util/import-user-file.ts';

/** The migrations settings the tool uses, with directories made absolute. */
export interface MigrationSettings {
  /** Relative path of the knexfile (for messages). */
  knexfile: string;
  /** Absolute path of the knexfile's folder: what the knex CLI runs in (relative paths of a migrationSource's items). */
  knexfileDir?: string;
  directories: string[];
  extension: string | undefined;
  loadExtensions: string[] | undefined;
  tableName: string;
  schemaName: string | undefined;
  disableTransactions: boolean;
  sortDirsSeparately: boolean;
  /** The knexfile's own migrationSource, when Knex uses it (it does not when an FS option is set beside it). */
  migrationSource?: Knex.MigrationSource<unknown>;
  /** True when the knexfile sets a migrationSource that Knex ignores (and warns about) because of an FS option. */
  migrationSourceIgnored?: boolean;
  /** The chosen environment's config, as the knexfile gives it: what the migrations' Knex instance is opened with, connection aside. */
  knexConfig?: Record<string, unknown>;
  /** Set when the migrations are a folder of SQL files (config `migrations.sql`): its format, and whether its migrations have downs at all. */
  sql?: { format: SqlFormat | undefined; hasDowns: boolean };
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
  const config = chooseEnvironment(await readKnexfile(file, rel), rel);
  return migrationSettings(config, rel, dirname(file));
}

/** The knexfile's export, as the knex CLI's openKnexfile reads it (a `default` key and a function are unwrapped). */
async function readKnexfile(file: string, rel: string): Promise<unknown> {
  try {
    let config = defaultExport(await importUserFile(file));
    if (config && typeof config === 'object' && (config as { default?: unknown }).default) config = (config as { default: unknown }).default;
    if (typeof config === 'function') config = await (config as () => unknown)();
    return config;
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
    throw new PccError('KNEXFILE_INVALID', m.knexfileFailed(rel, reason), { hint: m.knexfileFailedHint, cause: error });
  }
}

/** The config of the current environment: `config[NODE_ENV || 'development'] || config`, as the knex CLI picks it. */
function chooseEnvironment(all: unknown, rel: string): Record<string, unknown> {
  const env = process.env.NODE_ENV || 'development';
  const chosen = all && typeof all === 'object' ? ((all as Record<string, unknown>)[env] || all) : undefined;
  if (!chosen || typeof chosen !== 'object') {
    throw new PccError('KNEXFILE_INVALID', m.knexfileNoMigrations(rel, env), { hint: m.knexfileNoMigrationsHint });
  }
  const config = chosen as Record<string, unknown>;
  if (!config.client && !config.dialect) throw new PccError('KNEXFILE_INVALID', k.noClient(rel, env), { hint: k.noClientHint });
  return config;
}

/** The migrations settings of a chosen config; relative directories are relative to the knexfile's folder. */
function migrationSettings(config: Record<string, unknown>, rel: string, base: string): MigrationSettings {
  const mig = (config.migrations ?? {}) as Record<string, unknown>;
  const dirs = mig.directory === undefined || mig.directory === null ? ['./migrations'] : Array.isArray(mig.directory) ? mig.directory : [mig.directory];
  // Knex's rule (migrator-configuration-merger.js): any FS option resets migrationSource to its FS source.
  const fsOption = !!mig.directory || mig.sortDirsSeparately !== undefined || !!mig.loadExtensions;
  const source = mig.migrationSource as Knex.MigrationSource<unknown> | undefined;
  return {
    knexfile: rel,
    knexfileDir: base,
    directories: (dirs as string[]).map((d) => resolve(base, d)),
    extension: typeof mig.extension === 'string' ? mig.extension : undefined,
    loadExtensions: Array.isArray(mig.loadExtensions) ? (mig.loadExtensions as string[]) : undefined,
    tableName: typeof mig.tableName === 'string' ? mig.tableName : 'knex_migrations',
    schemaName: typeof mig.schemaName === 'string' ? mig.schemaName : undefined,
    disableTransactions: mig.disableTransactions === true,
    sortDirsSeparately: mig.sortDirsSeparately === true,
    ...(source && !fsOption ? { migrationSource: source } : {}),
    ...(source && fsOption ? { migrationSourceIgnored: true } : {}),
    knexConfig: config,
  };
}

/**
 * Use to key a cache on the settings: plain data, functions by their source text, objects seen
 * twice (cycles) once; the user's migrationSource by its class and own data; no connection.
 */
export function settingsFingerprint(s: MigrationSettings, rel: (p: string) => string): string {
  const seen = new WeakSet<object>();
  // The connection is ignored (and may carry a password from the environment): not part of the key.
  const { connection: _c, connectionPool: _p, ...knexConfig } = s.knexConfig ?? {};
  return JSON.stringify({ ...s, knexfileDir: undefined, knexConfig, directories: s.directories.map(rel) }, (_key, value: unknown) => {
    if (typeof value === 'function') return `fn:${String(value)}`;
    if (value && typeof value === 'object') {
      if (seen.has(value)) return '[seen]';
      seen.add(value);
      const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
      if (proto && proto !== Object.prototype && !Array.isArray(value)) return { class: proto.constructor?.name, ...value };
    }
    return value;
  });
}

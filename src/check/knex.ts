// Knex instances for scratch databases, from the project's own knex (knex-module.ts). The one the
// migrations run on is opened with the knexfile's config as Knex would open it (client, searchPath,
// wrapIdentifier, postProcessResponse, useNullAsDefault, userParams, pool hooks...), its connection
// aside; Knex's own warnings go to stderr so that --json stdout stays clean.
import type { Knex } from 'knex';
import { PccError } from '../errors.ts';
import { isShuttingDown } from '../postgres/cleanup.ts';
import { DdlPipeline } from '../migrations/pipeline.ts';
import type { RoundTripDatabase } from '../migrations/round-trip.ts';
import type { PgServer, ScratchDatabase } from '../postgres/types.ts';
import type { MigrationSettings } from '../migrations/knexfile.ts';
import { knexMessages } from '../messages/knex.ts';
import type pg from 'pg';
import { readSchema } from '../catalog/index.ts';
import type { Column, Schema } from '../schema/types.ts';
import { isFrozenNow } from '../diff/normalise.ts';
import { loadKnexModule, type KnexModule } from './knex-module.ts';

/**
 * Use when a server is starting and Knex will be needed: loads it on the next turn of the event
 * loop, while the server's processes work, instead of on the critical path once the server is up.
 */
export function preloadKnex(root?: string): void {
  setImmediate(() => {
    try {
      loadKnexModule(root);
    } catch {
      // scratchKnex will report it
    }
  });
}

/** Options of scratchKnex. */
export interface ScratchKnexOptions {
  /** The project's knexfile settings: the instance is opened with its config and migrations settings (the one the migrations run on). */
  settings?: MigrationSettings;
  /** Without `settings`: the migrations config of a plain `client: 'pg'` instance. */
  migrations?: Knex.MigratorConfig;
  /** The project root: Knex is the project's own install when it has one, else the tool's. */
  root?: string;
  /** True while Knex's warnings are noise (the run is being interrupted). */
  quiet?: () => boolean;
  /** Where Knex's log lines go (the check holds them until it knows whether the server failed); default stderr. */
  log?: (line: string) => void;
  /** Send a migration's DDL ahead through this pipeline (see DdlPipeline); default: one statement at a time. */
  pipeline?: DdlPipeline;
}

/**
 * Use to open a Knex instance on a scratch database URL (small pool). Throws PccError (exit 2) when
 * there is no knex, when it cannot load pg, or when the knexfile's client is not PostgreSQL.
 */
export function scratchKnex(url: string, options: ScratchKnexOptions = {}): Knex {
  const { settings, quiet, log, pipeline } = options;
  const toStderr = (msg: unknown) => {
    const text = typeof msg === 'string' ? msg : JSON.stringify(msg);
    // A failing migration is reported as a finding (migration-failed); Knex's own lines about it are noise.
    if (/^migration (file ".*" )?failed/.test(text)) return;
    // On Ctrl-C the server goes away under open connections: the interruption is reported once, by the CLI.
    if (isShuttingDown() || quiet?.()) return;
    if (log) log(`knex: ${text}`);
    else process.stderr.write(`knex: ${text}\n`);
  };
  const mod = loadKnexModule(options.root);
  const own = settings?.knexConfig ?? { client: 'pg' };
  if (settings) assertPostgres(mod, own, settings.knexfile);
  const { connection: _c, connectionPool: _p, pool, log: ownLog, ...rest } = own as Record<string, unknown> & { pool?: object; log?: object };
  const knex = openKnex(mod, {
    ...rest,
    connection: url,
    pool: { ...pool, min: 0, max: 4 },
    // As the knexfile writes it, for migrations that read knex.client.config.migrations; every
    // migrator call of the check passes its own config (knexMigrationConfig), source included.
    migrations: settings ? knexfileMigrations(settings) : options.migrations,
    log: { ...ownLog, warn: toStderr, error: toStderr, deprecate: toStderr, debug: () => {} },
  } as Knex.Config);
  if (pipeline) routeThroughPipeline(knex.client as object, pipeline);
  if (settings?.migrationSourceIgnored) toStderr(knexMessages.migrationSourceIgnored);
  return knex;
}

/** The knexfile's `migrations` block as written, minus a migrationSource Knex drops (it would warn at each migrator call). */
function knexfileMigrations(settings: MigrationSettings): Knex.MigratorConfig {
  const own = { ...((settings.knexConfig?.migrations ?? {}) as Knex.MigratorConfig) };
  if (settings.migrationSourceIgnored) delete own.migrationSource;
  return own;
}

/** Knex opened with `config`; a driver it cannot load (no pg beside the project's knex) is a usage error. */
function openKnex(mod: KnexModule, config: Knex.Config): Knex {
  try {
    return mod.factory(config);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (!/npm install|Cannot find module/.test(text)) throw error;
    const reason = text.split('\n').find((line) => line.includes('Cannot find module')) ?? text.split('\n')[0]!;
    throw new PccError('KNEX_NOT_INSTALLED', knexMessages.pgMissing(mod.path, reason), { hint: knexMessages.pgMissingHint, cause: error });
  }
}

/** The knexfile's client must be Knex's PostgreSQL client (any spelling or subclass); else exit 2. */
function assertPostgres(mod: KnexModule, own: Record<string, unknown>, knexfile: string): void {
  const client = own.client ?? own.dialect;
  const describe = typeof client === 'function' ? `class ${(client as { name?: string }).name || '(anonymous)'}` : `'${String(client)}'`;
  let ok = false;
  try {
    // Without a connection Knex loads no driver and opens no pool: these only resolve the dialect.
    const pgClass = (mod.factory({ client: 'pg' }).client as object).constructor as new () => unknown;
    ok = mod.factory({ client: client as string } as Knex.Config).client instanceof pgClass;
  } catch {
    ok = false;
  }
  if (!ok) throw new PccError('KNEXFILE_INVALID', knexMessages.notPostgres(knexfile, describe), { hint: knexMessages.notPostgresHint });
}

type QueryingClient = { _query(connection: unknown, obj: unknown): Promise<unknown> };

/**
 * Route one Knex instance's queries through `pipeline`, leaving its config (client included) as the
 * knexfile gives it. Knex builds each transaction's client from `client.constructor.prototype`
 * (makeTxClient), so the instance gets a prototype of its own whose _query goes through the
 * pipeline: a migration's transaction then does too, and no other instance is touched.
 */
function routeThroughPipeline(client: object, pipeline: DdlPipeline): void {
  const Base = client.constructor as new (...args: never[]) => QueryingClient;
  class Pipelined extends Base {
    override _query(connection: unknown, obj: unknown): Promise<unknown> {
      return pipeline.query(connection as never, obj as never, (c, o) => super._query(c, o) as never);
    }
  }
  Object.defineProperty(Pipelined, 'name', { value: Base.name });
  Object.setPrototypeOf(client, Pipelined.prototype);
}

/**
 * Use for the round trip's fresh databases (RoundTripOptions.freshDatabase): a new scratch database
 * on `server`, with a Knex opened as `options` say and a pipeline of its own. `track` sees each one
 * opened (the check closes them on Ctrl-C); dispose() closes and drops it, and may be called twice.
 * `copyOf`: a file copy of that database instead (RoundTripOptions.copyDatabase; nothing may be
 * connected to it).
 */
export async function freshScratchDatabase(
  server: Pick<PgServer, 'createDatabase'>,
  options: Omit<ScratchKnexOptions, 'pipeline'>,
  track?: (knex: Knex, db: ScratchDatabase) => void,
  copyOf?: string,
): Promise<RoundTripDatabase> {
  const db = await server.createDatabase('roundtrip', copyOf ? { template: copyOf, fileCopy: true } : {});
  const pipeline = new DdlPipeline();
  let knex: Knex;
  try {
    knex = scratchKnex(db.url, { ...options, pipeline });
  } catch (error) {
    await db.drop();
    throw error;
  }
  track?.(knex, db);
  let disposed: Promise<void> | undefined;
  const dispose = () => (disposed ??= knex.destroy().catch(() => {}).then(() => db.drop()));
  return { knex, pipeline, dispose };
}

/** Sessions a catalog read spreads its queries over (the scratch Knex pool holds up to 4). */
const READ_SESSIONS = 3;

/**
 * Use to read a scratch database's catalog through its Knex instance: on a few pooled connections
 * at once when nothing else runs (`alone`), else on one, so as not to slow down other work on the
 * server (see readSchema).
 */
export async function readScratchSchema(knex: Knex, alone: boolean): Promise<Schema> {
  const clients: pg.Client[] = [];
  try {
    for (let i = 0; i < (alone ? READ_SESSIONS : 1); i++) clients.push(await knex.client.acquireConnection());
    return markFrozenNow(await readSchema(clients.map((client) => (sql: string, params?: unknown[]) => client.query(sql, params))), Date.now());
  } finally {
    await Promise.all(clients.map((client) => knex.client.releaseConnection(client)));
  }
}

/** Use on a schema just read from a scratch database: flags the defaults that are the instant its build froze (Column.frozenNow). */
export function markFrozenNow(schema: Schema, now: number): Schema {
  const frozen = (c: Column) => isFrozenNow(c.default, now);
  if (!schema.tables.some((t) => t.columns.some(frozen))) return schema;
  return { ...schema, tables: schema.tables.map((t) => (t.columns.some(frozen) ? { ...t, columns: t.columns.map((c) => (frozen(c) ? { ...c, frozenNow: true as const } : c)) } : t)) };
}

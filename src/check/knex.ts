// Knex instances for scratch databases: Knex's own warnings go to stderr so --json stdout stays clean.
import { createRequire } from 'node:module';
import type { Knex } from 'knex';
import { isShuttingDown } from '../postgres/cleanup.ts';
import type { DdlPipeline } from '../migrations/pipeline.ts';
import type pg from 'pg';
import { readSchema } from '../catalog/index.ts';
import type { Schema } from '../schema/types.ts';

// Knex is loaded on first use (~260 ms of imports): a run served from the result cache never needs it.
const requireCjs = createRequire(import.meta.url);
let knexFactory: ((config: Knex.Config) => Knex) | undefined;

/**
 * Use when a server is starting and Knex will be needed: loads it on the next turn of the event
 * loop, while the server's processes work, instead of on the critical path once the server is up.
 */
export function preloadKnex(): void {
  setImmediate(() => {
    try {
      knexFactory ??= requireCjs('knex') as (config: Knex.Config) => Knex;
    } catch {
      // scratchKnex will report it
    }
  });
}

/** Options of scratchKnex. */
export interface ScratchKnexOptions {
  /** The project's migrations config, when this instance applies them. */
  migrations?: Knex.MigratorConfig;
  /** True while Knex's warnings are noise (the run is being interrupted). */
  quiet?: () => boolean;
  /** Where Knex's log lines go (the check holds them until it knows whether the server failed); default stderr. */
  log?: (line: string) => void;
  /** Send a migration's DDL ahead through this pipeline (see DdlPipeline); default: one statement at a time. */
  pipeline?: DdlPipeline;
}

/** Use to open a Knex instance on a scratch database URL (small pool). */
export function scratchKnex(url: string, options: ScratchKnexOptions = {}): Knex {
  const { migrations, quiet, log, pipeline } = options;
  const toStderr = (msg: unknown) => {
    const text = typeof msg === 'string' ? msg : JSON.stringify(msg);
    // A failing migration is reported as a finding (migration-failed); Knex's own lines about it are noise.
    if (/^migration (file ".*" )?failed/.test(text)) return;
    // On Ctrl-C the server goes away under open connections: the interruption is reported once, by the CLI.
    if (isShuttingDown() || quiet?.()) return;
    if (log) log(`knex: ${text}`);
    else process.stderr.write(`knex: ${text}\n`);
  };
  knexFactory ??= requireCjs('knex') as (config: Knex.Config) => Knex;
  return knexFactory({
    client: pipeline ? pipelinedPgClient(pipeline) : 'pg',
    connection: url,
    pool: { min: 0, max: 4 },
    migrations,
    log: { warn: toStderr, error: toStderr, deprecate: toStderr, debug: () => {} },
  });
}

type PgDialect = new (config: Knex.Config) => { _query(connection: unknown, obj: unknown): Promise<unknown> };
let pgDialect: PgDialect | undefined;

/** Knex's own PostgreSQL client class with its _query routed through `pipeline`. */
function pipelinedPgClient(pipeline: DdlPipeline): typeof Knex.Client {
  // The dialect class, as Knex itself resolves client: 'pg' (no deep import of Knex's file layout).
  pgDialect ??= (knexFactory!({ client: 'pg' }) as unknown as { client: { constructor: PgDialect } }).client.constructor;
  const Base = pgDialect;
  class PipelinedPg extends Base {
    override _query(connection: unknown, obj: unknown): Promise<unknown> {
      return pipeline.query(connection as never, obj as never, (c, o) => super._query(c, o) as never);
    }
  }
  return PipelinedPg as unknown as typeof Knex.Client;
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
    return await readSchema(clients.map((client) => (sql: string, params?: unknown[]) => client.query(sql, params)));
  } finally {
    await Promise.all(clients.map((client) => knex.client.releaseConnection(client)));
  }
}

// The migrated side of a check run: the project's migrations applied to a scratch database (from a
// kept snapshot when one fits, see migrated-snapshot.ts; from the cache when nothing changed), then
// its catalog read. Also the migrated database as the template of the declared side's second try.
import type { Knex } from 'knex';
import { resolve } from 'node:path';
import type { MigratedEntry } from '../cache/index.ts';
import { cacheMessages } from '../messages/cache.ts';
import { applyMigrations, type ApplyResult } from '../migrations/apply.ts';
import { DdlPipeline } from '../migrations/pipeline.ts';
import { takeInventory, type Inventory } from '../migrations/round-trip.ts';
import type { Snapshot } from '../postgres/snapshot.ts';
import type { PgServer, ScratchDatabase } from '../postgres/types.ts';
import type { Schema } from '../schema/types.ts';
import type { ProjectInputs } from './check-cache.ts';
import { readScratchSchema, scratchKnex } from './knex.ts';
import { openMigratedDatabase } from './migrated-snapshot.ts';
import type { RunContext } from './run-context.ts';

/** The migrated database of a run (none when the side came from the cache), with what the later stages need of it. */
export interface MigratedDb {
  db: ScratchDatabase | undefined;
  knex: Knex | undefined;
  /** The snapshot the run resumed from (its first `count` migrations are already applied). */
  resumed: Snapshot | undefined;
  pipeline: DdlPipeline;
  /** --full: an inventory before and after each migration, for the round trip to compare against. */
  inventories: Inventory[];
}

/** Which side has finished its work: the other then reads its catalog over more sessions. */
export interface SidesDone {
  migrated: boolean;
  declared: boolean;
}

/** The migrated side's outcome: the migration run (or the cache's record of it) and the schema it built. */
export interface MigratedOutcome {
  migration: ApplyResult;
  migrated: Schema;
}

/** Use once the server is up: the migrated database (adopted from the snapshot it started from, or new), or none on a cache hit. */
export async function openMigratedSide(ctx: RunContext, project: ProjectInputs, server: PgServer, hit: MigratedEntry | undefined, resume: Snapshot | undefined): Promise<MigratedDb> {
  const { db, resumed } = hit ? { db: undefined, resumed: undefined } : await openMigratedDatabase(server, resume);
  if (db) ctx.scratch.push(db);
  const pipeline = new DdlPipeline();
  const knex = db ? scratchKnex(db.url, { root: project.root, settings: project.settings, quiet: ctx.interrupted, log: ctx.holdKnexLine, pipeline }) : undefined;
  if (knex) ctx.knexes.push(knex);
  if (hit) ctx.noteCacheHit(cacheMessages.migratedHit(hit.migrations.length));
  if (resumed) ctx.noteCacheHit(cacheMessages.snapshotResumed(resumed.count));
  return { db, knex, resumed, pipeline, inventories: [] };
}

/** Use to run the migrated side (it runs beside the declared side): the migrations applied, then the catalog read as soon as they end. */
export async function runMigratedSide(ctx: RunContext, project: ProjectInputs, side: MigratedDb, hit: MigratedEntry | undefined, done: SidesDone): Promise<MigratedOutcome> {
  const { options, lap } = ctx;
  const { root, settings, timeoutS } = project;
  if (hit) {
    const migrations = hit.migrations.map((m) => ({ name: m.name, path: resolve(root, m.path) }));
    return { migration: { ok: true, applied: [], findings: hit.findings, migrations }, migrated: hit.schema };
  }
  const knex = side.knex!;
  const afterEach = options.full ? async () => void side.inventories.push(await takeInventory(knex, settings)) : undefined;
  if (options.full) {
    side.inventories.length = side.resumed?.count ?? 0; // indexed by migration: none before where the run resumed
    side.inventories.push(await takeInventory(knex, settings));
  }
  const migration = await lap('migrations', () =>
    applyMigrations(knex, root, settings, { afterEach, pipeline: side.pipeline, timeoutS, onMigration: options.onMigration, from: side.resumed?.count }),
  );
  done.migrated = true;
  if (migration.stopped) {
    ctx.migrationStopped = true;
    ctx.knexLines.length = 0;
  }
  return { migration, migrated: await lap('catalog', () => readScratchSchema(knex, done.declared)) };
}

/**
 * Use when the declared side must run over the migrated database: its name, as the source of a copy
 * (no session left open on it), or one migrated again when that side came from the cache; undefined
 * when those migrations fail.
 */
export async function migratedTemplate(ctx: RunContext, project: ProjectInputs, server: PgServer, side: MigratedDb): Promise<string | undefined> {
  if (side.db) {
    await side.knex!.destroy();
    side.knex!.initialize();
    return side.db.name;
  }
  const db = await server.createDatabase('migrated');
  ctx.scratch.push(db);
  const k = scratchKnex(db.url, { root: project.root, settings: project.settings, quiet: ctx.interrupted, log: ctx.holdKnexLine, pipeline: new DdlPipeline() });
  ctx.knexes.push(k);
  const run = await applyMigrations(k, project.root, project.settings, { timeoutS: project.timeoutS });
  await k.destroy();
  return run.ok ? db.name : undefined;
}

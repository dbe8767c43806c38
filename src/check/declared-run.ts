// The declared side of a check run: the valid models' DDL applied to an empty scratch database
// (beside the migrations), its catalog read; or the declared cache's record of it. A model that lacks
// an object the migrations may create runs again over the migrated database (declared-side.ts).
import type { Knex } from 'knex';
import type { DeclaredEntry } from '../cache/index.ts';
import type { ApplyResult } from '../ddl/index.ts';
import type { FragmentMap } from '../ddl/fragments.ts';
import { declareModels } from './declared-incremental.ts';
import { cacheMessages } from '../messages/cache.ts';
import type { ApplyResult as MigrationRun } from '../migrations/apply.ts';
import type { LoadedModel } from '../model-api/types.ts';
import type { PgServer, ScratchDatabase } from '../postgres/types.ts';
import type { Schema } from '../schema/types.ts';
import { fromDeclaredCache, replayMissing } from './cache-entries.ts';
import { readCache, type ProjectInputs } from './check-cache.ts';
import type { CheckCache } from '../cache/index.ts';
import { declareOverMigrations, lacksObjects, withoutObjectFailures, type MissingUse } from './declared-side.ts';
import { readScratchSchema, scratchKnex } from './knex.ts';
import { migratedTemplate, type MigratedDb, type SidesDone } from './migrated-side.ts';
import type { RunContext } from './run-context.ts';

/** What the models' DDL gave: the models applied (compared), those that failed, the foreign keys left out. */
export type DeclaredDdl = Pick<ApplyResult, 'applied' | 'failed' | 'skippedForeignKeys'>;

/** The declared side's outcome, once objects the models lack were looked for over the migrated database. */
export interface DeclaredOutcome {
  ddl: DeclaredDdl;
  declared: Schema;
  /** Models that use an object the migrated database lacks (compared without those parts). */
  missing: MissingUse[];
  /** The declared side was built over a copy of the migrated database (its cache entry serves only those migrations). */
  overMigrations: boolean;
  /** The per-model cache to store (declared-incremental.ts), when the models' DDL ran on an empty database: the new fragments, and every key in use. */
  fragments?: () => FragmentMap;
  fragmentKeys?: string[];
  /** How many models' DDL ran, when only the changed ones did. */
  changed?: number;
}

/** Use once the models are validated: the declared database and its Knex, or none when the side came from the cache. */
export async function openDeclaredSide(ctx: RunContext, project: ProjectInputs, server: PgServer, hit: DeclaredEntry | undefined): Promise<{ db?: ScratchDatabase; knex?: Knex }> {
  if (hit) {
    ctx.noteCacheHit(cacheMessages.declaredHit);
    return {};
  }
  const db = await server.createDatabase('declared');
  ctx.scratch.push(db);
  const knex = scratchKnex(db.url, { root: project.root, quiet: ctx.interrupted, log: ctx.holdKnexLine });
  ctx.knexes.push(knex);
  return { db, knex };
}

/** Use to run the declared side (beside the migrated side): the models' DDL, then the catalog read as soon as it ends. */
export async function runDeclaredSide(
  ctx: RunContext,
  input: { knex: Knex | undefined; hit: DeclaredEntry | undefined; valid: LoadedModel[]; server: PgServer; done: SidesDone; cache: CheckCache | undefined; root: string },
): Promise<DeclaredRun> {
  const { hit, valid, server, done, cache } = input;
  if (hit) return { ddl: fromDeclaredCache(hit, valid), declared: hit.schema };
  // Only the changed models' DDL runs when the per-model cache has the others (declared-incremental.ts).
  const fragments = cache ? (keys: string[]) => readFragments(cache, keys, ctx.notes) : undefined;
  const fresh = async () => {
    const db = await server.createDatabase('declared');
    const k = scratchKnex(db.url, { root: input.root, quiet: ctx.interrupted, log: ctx.holdKnexLine });
    ctx.track(k, db);
    return k;
  };
  const read = (k: Knex) => ((done.declared = true), readScratchSchema(k, done.migrated));
  const run = await declareModels({ knex: input.knex!, models: valid, fragments, salt: cache?.modelsKey ?? '', lowPriority: server.kind === 'embedded', read, fresh, lap: ctx.lap });
  if (run.changed !== undefined) ctx.noteCacheHit(cacheMessages.modelsReused(run.changed, valid.length));
  return { ddl: run.ddl, declared: run.declared, fragments: () => run.fragments(), fragmentKeys: run.keys, changed: run.changed };
}

/** The fragments the per-model cache has of `keys`, one file each (a missing or corrupt one is just not there). */
async function readFragments(cache: CheckCache, keys: string[], notes: string[]): Promise<FragmentMap> {
  const got = await Promise.all(keys.map((key) => readCache(cache.fragments, key, notes)));
  const out: FragmentMap = {};
  keys.forEach((key, i) => got[i] && (out[key] = got[i]));
  return out;
}

/** The declared side as run: from the cache, or the models' DDL (with what the per-model cache needs). */
type DeclaredRun = { ddl: DeclaredDdl; declared: Schema } & Pick<DeclaredOutcome, 'fragments' | 'fragmentKeys' | 'changed'>;

/**
 * Use once both sides ran: a model that lacks an object (citext, a sequence...) runs again over what
 * the migrations created. When they failed, nobody knows what they would have created: no finding.
 */
export async function withMigratedObjects(
  ctx: RunContext,
  project: ProjectInputs,
  input: { server: PgServer; side: MigratedDb; migration: MigrationRun; run: DeclaredRun; hit: DeclaredEntry | undefined; valid: LoadedModel[] },
): Promise<DeclaredOutcome> {
  const { server, hit, valid } = input;
  const { ddl, declared } = input.run;
  const missing = hit ? replayMissing(hit, valid) : [];
  if (hit || !lacksObjects(ddl)) return { ...input.run, missing, overMigrations: false };
  const template = input.migration.ok ? await ctx.lap('modelDdl', () => migratedTemplate(ctx, project, server, input.side)) : undefined;
  if (!template) return { ddl: withoutObjectFailures(ddl), declared, missing, overMigrations: false };
  const open = (url: string) => scratchKnex(url, { root: project.root, quiet: ctx.interrupted, log: ctx.holdKnexLine });
  const over = await ctx.lap('modelDdl', () => declareOverMigrations({ server, template, models: valid, open, track: ctx.track, lowPriority: server.kind === 'embedded' }));
  return { ...over, overMigrations: true };
}

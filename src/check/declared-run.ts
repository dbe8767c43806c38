// The declared side of a check run: the valid models' DDL applied to an empty scratch database
// (beside the migrations), its catalog read; or the declared cache's record of it. A model that lacks
// an object the migrations may create runs again over the migrated database (declared-side.ts).
import type { Knex } from 'knex';
import type { DeclaredEntry } from '../cache/index.ts';
import { applyModels, type ApplyResult } from '../ddl/index.ts';
import { cacheMessages } from '../messages/cache.ts';
import type { ApplyResult as MigrationRun } from '../migrations/apply.ts';
import type { LoadedModel } from '../model-api/types.ts';
import type { PgServer, ScratchDatabase } from '../postgres/types.ts';
import type { Schema } from '../schema/types.ts';
import { fromDeclaredCache, replayMissing } from './cache-entries.ts';
import type { ProjectInputs } from './check-cache.ts';
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
  input: { knex: Knex | undefined; hit: DeclaredEntry | undefined; valid: LoadedModel[]; server: PgServer; done: SidesDone },
): Promise<{ ddl: DeclaredDdl; declared: Schema }> {
  const { hit, valid, server, done } = input;
  if (hit) return { ddl: fromDeclaredCache(hit, valid), declared: hit.schema };
  const knex = input.knex!;
  const ddl = await ctx.lap('modelDdl', () => applyModels(knex, valid, { lowPriority: server.kind === 'embedded' }));
  done.declared = true;
  return { ddl, declared: await ctx.lap('catalog', () => readScratchSchema(knex, done.migrated)) };
}

/**
 * Use once both sides ran: a model that lacks an object (citext, a sequence...) runs again over what
 * the migrations created. When they failed, nobody knows what they would have created: no finding.
 */
export async function withMigratedObjects(
  ctx: RunContext,
  project: ProjectInputs,
  input: { server: PgServer; side: MigratedDb; migration: MigrationRun; run: { ddl: DeclaredDdl; declared: Schema }; hit: DeclaredEntry | undefined; valid: LoadedModel[] },
): Promise<DeclaredOutcome> {
  const { server, hit, valid } = input;
  const { ddl, declared } = input.run;
  const missing = hit ? replayMissing(hit, valid) : [];
  if (hit || !lacksObjects(ddl)) return { ddl, declared, missing, overMigrations: false };
  const template = input.migration.ok ? await ctx.lap('modelDdl', () => migratedTemplate(ctx, project, server, input.side)) : undefined;
  if (!template) return { ddl: withoutObjectFailures(ddl), declared, missing, overMigrations: false };
  const open = (url: string) => scratchKnex(url, { root: project.root, quiet: ctx.interrupted, log: ctx.holdKnexLine });
  const over = await ctx.lap('modelDdl', () => declareOverMigrations({ server, template, models: valid, open, track: ctx.track, lowPriority: server.kind === 'embedded' }));
  return { ...over, overMigrations: true };
}

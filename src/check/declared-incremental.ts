// The declared side when some models changed (issue 13): only their DDL runs, beside stubs of the
// tables they reference, and the other models' tables come from the per-model cache (their
// fragments, src/ddl/fragments.ts). Whenever that could differ from applying every model at once
// (a changed model fails, two objects would share a name), the models are applied in full on a
// fresh database, as before: the per-model cache only ever saves time.
import type { Knex } from 'knex';
import { applyPlan, planModels, type ApplyResult } from '../ddl/index.ts';
import { fragmentOf, mergeFragments, modelKeys, partialPlan, skipsOf, type FragmentMap, type ModelFragment } from '../ddl/fragments.ts';
import type { LoadedModel } from '../model-api/types.ts';
import type { Schema } from '../schema/types.ts';

export interface DeclareInput {
  /** An empty scratch database for the declared side. */
  knex: Knex;
  /** The valid models, in load order. */
  models: LoadedModel[];
  /** Reads the per-model cache (the fragments it has of these model keys), when there is one. */
  fragments?: (keys: string[]) => Promise<FragmentMap>;
  /** What else the DDL depends on (tool, PostgreSQL, lockfile): part of every model key. */
  salt: string;
  lowPriority: boolean;
  /** Reads a declared database's schema. */
  read: (knex: Knex) => Promise<Schema>;
  /** Opens another empty scratch database (the fallback to applying every model). */
  fresh: () => Promise<Knex>;
  /** Times a phase ('modelDdl', 'catalog'). */
  lap: <T>(phase: string, fn: () => Promise<T>) => Promise<T>;
}

export interface Declared {
  ddl: ApplyResult;
  declared: Schema;
  /** Set when only some models were applied: how many. */
  changed?: number;
  /** The per-model cache to store after this run: the fragments it did not have (the changed models'). */
  fragments(): FragmentMap;
  /** Every model key of this run (what the per-model cache keeps when it prunes). */
  keys: string[];
}

/** Use for the declared side on an empty database: applies the changed models only when the cache allows, else every model. */
export async function declareModels(input: DeclareInput): Promise<Declared> {
  const { models, lap } = input;
  const plan = planModels(input.knex, models);
  const keys = modelKeys(plan, input.salt);
  const stored = input.fragments ? await input.fragments([...keys.values()]) : undefined;
  const cachedOf = (lm: LoadedModel): ModelFragment | undefined => (keys.has(lm) ? stored?.[keys.get(lm)!] : undefined);
  const changed = models.filter((lm) => !cachedOf(lm));
  const result = (ddl: ApplyResult, declared: Schema, applied?: number): Declared => ({
    ddl,
    declared,
    changed: applied,
    fragments: () => fragmentsOf(changed, keys, declared, ddl),
    keys: [...keys.values()],
  });
  let knex = input.knex;
  if (stored && changed.length < models.length) {
    const part = partialPlan(plan, new Set(changed));
    const ddl = await lap('modelDdl', () => applyPlan(knex, part.plan, [...changed, ...part.stubs], { lowPriority: input.lowPriority }));
    if (ddl.failed.length === 0) {
      const partial = await lap('catalog', () => input.read(knex));
      const cached = models.filter((lm) => cachedOf(lm)).map((lm) => cachedOf(lm)!);
      const declared = mergeFragments(partial, changed, cached);
      if (declared) {
        const skipped = models.flatMap((lm) => (cachedOf(lm) ? skipsOf(lm, cachedOf(lm)!) : ddl.skippedForeignKeys.filter((k) => k.model === lm)));
        return result({ applied: models, failed: [], skippedForeignKeys: skipped }, declared, changed.length);
      }
    }
    knex = await input.fresh();
  }
  const ddl = await lap('modelDdl', () => applyPlan(knex, plan, models, { lowPriority: input.lowPriority }));
  return result(ddl, await lap('catalog', () => input.read(knex)));
}

/** The fragments of the models whose table and foreign keys depend on their key alone (none for a failed model). */
function fragmentsOf(models: LoadedModel[], keys: Map<LoadedModel, string>, declared: Schema, ddl: ApplyResult): FragmentMap {
  const failed = new Set(ddl.failed.map((f) => f.model));
  const tables = new Map(declared.tables.map((t) => [`${t.schema}.${t.name}`, t]));
  const out: FragmentMap = {};
  for (const lm of models) {
    const key = keys.get(lm);
    const fragment = key && !failed.has(lm) ? fragmentOf(lm, tables, ddl.skippedForeignKeys) : undefined;
    if (fragment) out[key!] = fragment;
  }
  return out;
}

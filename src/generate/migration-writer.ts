// `generate`, the planning half: from the structural difference between the migrated Schema and the
// declared one (both read by the catalog reader), the operations of ONE Knex migration whose `up` brings
// the migrated schema to the models and whose `down` restores the migrated schema exactly. Pure: no
// database, no file system; migration-writer-file.ts renders and writes the plan.
//
// This file walks the tables; each object kind is planned in its own module under plan/, the way
// src/diff/ compares it (and with the diff's matching rules, src/diff/match.ts, so that applying the
// plan leaves no finding):
//   plan/schemas.ts      create schema
//   plan/enums.ts        create / alter enum types (and whether the migration may run in a transaction)
//   plan/tables.ts       create tables (foreign-key order), drop unmodeled tables
//   plan/columns.ts      add / alter / drop columns
//   plan/primary-key.ts  replace a primary key
//   plan/foreign-keys.ts add / replace / drop foreign keys
//   plan/indexes.ts      add / replace / drop uniques and indexes
//   plan/checks.ts       add / replace / drop checks
//   plan/comments.ts     set table and column comments
// The code each writes is src/migration-code/'s, which the hints of the findings use too.
// Shared: plan/planner.ts (the state one run shares), plan/code.ts (lines of code), plan/types.ts.
import { qualified, type Schema } from '../schema/types.ts';
import { createPlanner, type Planner } from './plan/planner.ts';
import { PHASES, type MigrationPlan, type PlanContext, type PlanModel } from './plan/types.ts';
import { planSchemas } from './plan/schemas.ts';
import { planEnums, transactionOk } from './plan/enums.ts';
import { planDropTable, planNewTables, type NewTable } from './plan/tables.ts';
import { planColumns } from './plan/columns.ts';
import { planPrimaryKey } from './plan/primary-key.ts';
import { planForeignKeys } from './plan/foreign-keys.ts';
import { planUniquesAndIndexes } from './plan/indexes.ts';
import { planChecks } from './plan/checks.ts';
import { planComments } from './plan/comments.ts';
import type { Table } from '../schema/types.ts';

export * from './plan/types.ts';
export { builderSafe } from './plan/code.ts';
export { isNarrowing } from './plan/narrowing.ts';

/** Plan the migration that brings `migrated` to `declared` (pure). */
export function planMigration(migrated: Schema, declared: Schema, ctx: PlanContext): MigrationPlan {
  const p = createPlanner(migrated, declared, ctx);
  planSchemas(p);
  planEnums(p);
  const created: NewTable[] = [];
  const refs = modelRefs(p);
  for (const ref of refs) {
    const key = qualified(ref.model.schema, ref.model.table);
    const d = p.dTables.get(key);
    if (!d) continue; // did not compile: reported elsewhere
    const m = p.mTables.get(key);
    if (!m) created.push({ ref, table: d });
    else planTable(p, ref, m, d);
  }
  planNewTables(p, created);
  const modelled = new Set([...refs, ...(ctx.claimed ?? [])].map((r) => qualified(r.model.schema, r.model.table)));
  for (const t of migrated.tables) {
    if (!modelled.has(qualified(t.schema, t.name)) && !p.ignored(t.schema, t.name)) planDropTable(p, t);
  }
  const ordered = PHASES.flatMap((phase) => p.ops.filter((o) => o.phase === phase));
  const allow = ctx.allowDestructive === true;
  const operations = ordered.filter((o) => allow || !o.destructive);
  const skipped = ordered.filter((o) => !allow && o.destructive);
  return { operations, skipped, transaction: transactionOk(p, operations), notes: p.notes };
}

/** Use to add an object kind: call its planner here. */
function planTable(p: Planner, ref: PlanModel, m: Table, d: Table): void {
  planColumns(p, ref, m, d);
  planPrimaryKey(p, m, d);
  planForeignKeys(p, ref, m, d);
  planUniquesAndIndexes(p, ref, m, d);
  planChecks(p, ref, m, d);
  planComments(p, ref, m);
}

/** The models compared, one per table (sorted; a second model of a table is duplicate-model's business). */
function modelRefs(p: Planner): PlanModel[] {
  const seen = new Set<string>();
  const out: PlanModel[] = [];
  const sorted = [...p.ctx.models].sort(
    (a, b) => qualified(a.model.schema, a.model.table).localeCompare(qualified(b.model.schema, b.model.table)) || a.name.localeCompare(b.name),
  );
  for (const ref of sorted) {
    const key = qualified(ref.model.schema, ref.model.table);
    if (seen.has(key) || p.ignored(ref.model.schema, ref.model.table)) continue;
    seen.add(key);
    out.push(ref);
  }
  return out;
}

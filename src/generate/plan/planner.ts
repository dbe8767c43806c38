// The state every planner module shares while one migration is planned: both schemas looked up by
// name, the operations so far, the names taken, and what one kind's step tells another (foreign keys
// already dropped, columns whose enum type changes, enum labels added). Built once by createPlanner().
import { indexSchemas } from '../../diff/match.ts';
import { NameAllocator, truncateIdentifier } from '../../ddl/names.ts';
import type { EnumType, ForeignKey, Schema, Table } from '../../schema/types.ts';
import type { Operation, PlanContext } from './types.ts';

/** Use in every planner module: the shared state of one planning run and the two ways to add to it. */
export interface Planner {
  readonly migrated: Schema;
  readonly declared: Schema;
  readonly ctx: PlanContext;
  readonly mTables: Map<string, Table>;
  readonly dTables: Map<string, Table>;
  readonly mEnums: Map<string, EnumType>;
  readonly ignored: (schema: string, table: string) => boolean;
  /** Names of relations (scope 'rel:<schema>') and constraints (scope 'con:<schema>.<table>') taken so far. */
  readonly names: NameAllocator;
  /** Things the user should know, for the summary. */
  readonly notes: string[];
  /** Migrated foreign keys dropped by some operation (so a key change does not drop them twice). */
  readonly droppedFks: Set<ForeignKey>;
  /** Columns (qualified) whose default the enum step restores in down (see enums.ts). */
  readonly enumDefaultColumns: Set<string>;
  /** Labels added with ADD VALUE: if the migration uses one, it must run outside a transaction. */
  readonly enumLabelsAdded: string[];
  /**
   * Columns ('schema.table.column') dropped and added again by the plan, in up or in down (a change of
   * generation): the indexes, uniques, checks and foreign keys over them go with them, so they are
   * dropped first and the model's added after (see columns.ts).
   */
  readonly recreated: Set<string>;
  /** The operations planned so far, in the order they were planned. */
  readonly ops: Operation[];
  /** Add an operation (not destructive unless it says so). */
  op(o: Omit<Operation, 'destructive'> & { destructive?: boolean }): Operation;
  /** The name to give a new object: the model's, else Knex's default (null) unless that is taken. */
  nameFor(scope: string, modelName: string | null, knexName: string): string | null;
}

/** Use once per plan: the shared state, with every name the database or a model already holds reserved. */
export function createPlanner(migrated: Schema, declared: Schema, ctx: PlanContext): Planner {
  const names = new NameAllocator();
  reserveNames(names, migrated, ctx);
  const ops: Operation[] = [];
  return {
    migrated,
    declared,
    ctx,
    ...indexSchemas(migrated, declared, ctx),
    names,
    notes: [],
    droppedFks: new Set(),
    enumDefaultColumns: new Set(),
    enumLabelsAdded: [],
    recreated: new Set(),
    ops,
    op(o) {
      const full: Operation = { destructive: false, ...o };
      ops.push(full);
      return full;
    },
    nameFor(scope, modelName, knexName) {
      if (modelName) return modelName;
      const n = names.allocate(scope, knexName);
      return n === truncateIdentifier(knexName) ? null : n;
    },
  };
}

/** Every relation and constraint name the database or a model already has: Knex's default names must not collide. */
function reserveNames(names: NameAllocator, migrated: Schema, ctx: PlanContext): void {
  for (const t of migrated.tables) {
    const rel = `rel:${t.schema}`;
    names.reserve(rel, t.name);
    if (t.primaryKey) names.reserve(rel, t.primaryKey.name);
    for (const u of t.uniques) names.reserve(rel, u.name);
    for (const i of t.indexes) names.reserve(rel, i.name);
    const con = `con:${t.schema}.${t.name}`;
    for (const f of t.foreignKeys) names.reserve(con, f.name);
    for (const c of t.checks) names.reserve(con, c.name);
  }
  for (const ref of ctx.models) {
    const m = ref.model;
    names.reserve(`rel:${m.schema}`, m.table);
    for (const i of m.indexes) if (i.name) names.reserve(`rel:${m.schema}`, i.name);
    for (const u of m.uniques) if (u.name) names.reserve(`rel:${m.schema}`, u.name);
    for (const f of m.foreignKeys) if (f.name) names.reserve(`con:${m.schema}.${m.table}`, f.name);
    for (const c of m.checks) if (c.name) names.reserve(`con:${m.schema}.${m.table}`, c.name);
  }
}


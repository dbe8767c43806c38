// Unique constraints and indexes, one kind because each satisfies the other: add the model's, replace
// one on the same keys that differs otherwise (order, NULLS, operator class, collation, INCLUDE,
// method, NULLS NOT DISTINCT, predicate), drop what the model does not declare (destructive; and, for
// now, the foreign keys that need a unique key being dropped). Matched as the diff matches them
// (match.ts matchUniquesAndIndexes); the code is the shared one of src/migration-code/indexes.ts.
import type { IndexSpec } from '../../model-api/types.ts';
import { qualified, type Index, type Table, type UniqueConstraint } from '../../schema/types.ts';
import { colList, isPlainUniqueIndex, matchUniquesAndIndexes, sameList } from '../../diff/match.ts';
import { describeKey } from '../../diff/indexes.ts';
import { touches } from '../../diff/table-diff.ts';
import { knexDefaultName, truncateIdentifier } from '../../ddl/names.ts';
import { indexSpecFromCatalog } from '../../ddl/raw-sql.ts';
import { addUnique, createIndex, dropIndex as dropIndexCode, dropUnique as dropUniqueCode } from '../../migration-code/indexes.ts';
import { SAFE_IDENT, whereOf } from './code.ts';
import { dropDependentForeignKeys } from './foreign-keys.ts';
import type { Planner } from './planner.ts';
import type { PlanModel } from './types.ts';

/** An index for the summary: unique gin index (a, b DESC) INCLUDE (c) WHERE ... (btree unsaid). */
function describeIndex(i: Pick<Index, 'columns' | 'descending' | 'unique' | 'method' | 'predicate'> & Partial<Index>): string {
  const keys = i.columns.map((_, k) => describeKey(i, k)).join(', ');
  const include = i.include?.length ? ` INCLUDE ${colList(i.include)}` : '';
  const nnd = i.unique && i.nullsNotDistinct ? ' NULLS NOT DISTINCT' : '';
  return `${i.unique ? 'unique ' : ''}${i.method && i.method !== 'btree' ? `${i.method} ` : ''}index (${keys})${include}${nnd}${i.predicate ? ` WHERE ${i.predicate}` : ''}`;
}

const describeUnique = (u: UniqueConstraint): string => `unique${u.nullsNotDistinct ? ' nulls not distinct' : ''} ${colList(u.columns)}`;

/** An index key as part of a generated name: the column, or the expression's words (lower(email) -> lower_email). */
const nameFragment = (key: string): string => key.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'expr';

/**
 * Use to name a new index or unique: the model's name, else Knex's default when Knex writes it (null),
 * with `rawName` for the raw SQL path, which must name it so that down can drop it.
 */
export function newKeyName(p: Planner, schema: string, table: string, columns: readonly string[], suffix: 'unique' | 'index', modelName: string | null): { name: string | null; rawName: string } {
  const knexName = knexDefaultName(table, columns, suffix);
  const name = p.nameFor(`rel:${schema}`, modelName, knexName);
  if (name !== null) return { name, rawName: name };
  // nameFor reserved Knex's default for us; an expression key makes a poor name: its words instead
  if (columns.every((c) => SAFE_IDENT.test(c))) return { name, rawName: truncateIdentifier(knexName) };
  return { name, rawName: p.names.allocate(`rel:${schema}`, knexDefaultName(table, columns.map(nameFragment), suffix)) };
}

/** Use for the uniques and indexes of one table present on both sides. */
export function planUniquesAndIndexes(p: Planner, ref: PlanModel, m: Table, d: Table): void {
  const key = qualified(m.schema, m.name);
  const recreated = new Set(m.columns.map((c) => c.name).filter((c) => p.recreated.has(`${key}.${c}`)));
  // what is built over a column that is dropped and added again goes with it: dropped first, the model's added after
  const goneU = (u: UniqueConstraint) => touches(u.columns, recreated);
  const goneI = (i: Index) => touches([...i.columns, ...i.include, ...(i.predicate ? [i.predicate] : [])], recreated);
  for (const u of m.uniques.filter(goneU)) planDropUnique(p, m, u, 'its column is re-created', false);
  for (const i of m.indexes.filter(goneI)) planDropIndex(p, m, i, 'its column is re-created', false);
  const match = matchUniquesAndIndexes({ dU: d.uniques, dI: d.indexes, mU: m.uniques.filter((u) => !goneU(u)), mI: m.indexes.filter((i) => !goneI(i)) }, d);
  for (const { want, near } of match.missingUniques) {
    if (near) planDropUnique(p, m, near, `replaced by ${describeUnique(want)}`, false);
    planAddUnique(p, ref, d, want);
  }
  for (const { want, near } of match.missingIndexes) {
    if (near) planDropIndex(p, m, near, `replaced by ${describeIndex(want)}`, false);
    planAddIndex(p, ref, d, want);
  }
  for (const u of match.unmodeledUniques) planDropUnique(p, m, u, 'the model does not declare it', true);
  for (const i of match.unmodeledIndexes) planDropIndex(p, m, i, 'the model does not declare it', true);
}

function planAddUnique(p: Planner, ref: PlanModel, d: Table, u: UniqueConstraint): void {
  const key = qualified(d.schema, d.name);
  const modelNamed = ref.model.uniques.some((x) => !!x.name && x.name === u.name);
  const { name, rawName } = newKeyName(p, d.schema, d.name, u.columns, 'unique', modelNamed ? u.name : null);
  p.op({
    kind: 'add-unique',
    phase: 'addConstraint',
    target: `${key}${colList(u.columns)}`,
    description: `add ${describeUnique(u)} to ${key}`,
    ...addUnique(whereOf(d), u, name, rawName),
  });
}

/** The model's own index for a declared one: its predicate as written (Postgres rewrites it). */
function indexSpecOf(ref: PlanModel, i: Index, modelNamed: boolean): IndexSpec {
  const spec = ref.model.indexes.find((s) => sameList(s.columns, i.columns) && (s.unique ?? false) === i.unique && (!modelNamed || s.name === i.name));
  return indexSpecFromCatalog({ ...i, name: '', predicate: spec?.where ?? i.predicate });
}

function planAddIndex(p: Planner, ref: PlanModel, d: Table, i: Index): void {
  const key = qualified(d.schema, d.name);
  const modelNamed = ref.model.indexes.some((x) => !!x.name && x.name === i.name);
  const spec = indexSpecOf(ref, i, modelNamed);
  const { name, rawName } = newKeyName(p, d.schema, d.name, i.columns, i.unique ? 'unique' : 'index', modelNamed ? i.name : null);
  p.op({
    kind: 'add-index',
    phase: 'addConstraint',
    target: `${key}${colList(i.columns)}`,
    description: `add ${describeIndex({ ...i, predicate: spec.where ?? null })} to ${key}`,
    ...createIndex(whereOf(d), spec, name, rawName),
  });
}

function planDropUnique(p: Planner, m: Table, u: UniqueConstraint, why: string, destructive: boolean): void {
  const key = qualified(m.schema, m.name);
  dropDependentForeignKeys(p, m, u.columns);
  p.op({
    kind: 'drop-unique',
    phase: 'dropConstraint',
    target: `${key}${colList(u.columns)}`,
    description: `drop unique ${u.name} ${colList(u.columns)}${u.nullsNotDistinct ? ' nulls not distinct' : ''} of ${key} (${why})`,
    destructive,
    risk: destructive ? 'drops a unique constraint' : undefined,
    ...dropUniqueCode(whereOf(m), u),
  });
}

function planDropIndex(p: Planner, m: Table, i: Index, why: string, destructive: boolean): void {
  const key = qualified(m.schema, m.name);
  if (isPlainUniqueIndex(i)) dropDependentForeignKeys(p, m, i.columns);
  p.op({
    kind: 'drop-index',
    phase: 'dropConstraint',
    target: `${key}${colList(i.columns)}`,
    description: `drop ${describeIndex(i)} ${i.name} of ${key} (${why})`,
    destructive,
    risk: destructive ? 'drops an index' : undefined,
    ...dropIndexCode(whereOf(m), i),
  });
}

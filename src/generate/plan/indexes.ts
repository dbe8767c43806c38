// Unique constraints and indexes, one kind because each satisfies the other (match.ts): add the
// model's, replace an index on the same keys that differs otherwise, drop what the model does not
// declare (destructive; and, for now, the foreign keys that need a unique key being dropped).
import { qualified, type Index, type Table, type UniqueConstraint } from '../../schema/types.ts';
import { colList, indexKey, isPlainUniqueIndex, sameList, setKey } from '../../diff/match.ts';
import { normaliseExpression } from '../../diff/normalise.ts';
import { kjs, knexIndexCall, knexUniqueCall } from '../../diff/snippets.ts';
import { knexDefaultName, quoteIdent, quoteQualified } from '../../ddl/names.ts';
import { SAFE_IDENT, jsList, line, raw } from './code.ts';
import { dropDependentForeignKeys } from './foreign-keys.ts';
import type { Planner } from './planner.ts';
import type { Code, PlanModel } from './types.ts';

/** The parts of an index the planner writes. */
export type IndexShape = Pick<Index, 'columns' | 'descending' | 'unique' | 'method' | 'predicate'>;

function describeIndex(i: IndexShape): string {
  const keys = i.columns.map((c, k) => `${c}${i.descending[k] ? ' DESC' : ''}`).join(', ');
  return `${i.unique ? 'unique ' : ''}${i.method && i.method !== 'btree' ? `${i.method} ` : ''}index (${keys})${i.predicate ? ` WHERE ${i.predicate}` : ''}`;
}

/** Use for CREATE INDEX of what the builder cannot say (expression keys, DESC); always named, so down can drop it. */
export function rawIndex(p: Planner, schema: string, table: string, idx: IndexShape, name: string | null): { up: Code; down: Code; name: string } {
  const n = name ?? p.names.allocate(`rel:${schema}`, knexDefaultName(table, idx.columns.map((c) => c.replace(/[^a-z0-9_]+/gi, '_')), idx.unique ? 'unique' : 'index'));
  // a key naming a column of the table is quoted (any name); anything else is an expression, as SQL
  const table0 = p.dTables.get(qualified(schema, table)) ?? p.mTables.get(qualified(schema, table));
  const isColumn = (c: string) => SAFE_IDENT.test(c) || (table0?.columns.some((col) => col.name === c) ?? false);
  const keys = idx.columns.map((c, i) => `${isColumn(c) ? quoteIdent(c) : c}${idx.descending[i] ? ' DESC' : ''}`).join(', ');
  const using = idx.method && idx.method !== 'btree' ? ` USING ${idx.method}` : '';
  const pred = idx.predicate ? ` WHERE ${idx.predicate}` : '';
  return {
    name: n,
    up: raw(`CREATE ${idx.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(n)} ON ${quoteQualified(schema, table)}${using} (${keys})${pred}`),
    down: raw(`DROP INDEX ${quoteQualified(schema, n)}`),
  };
}

/** Use for an index as code: the builder's call, or raw SQL, with its inverse. */
export function indexCode(p: Planner, schema: string, table: string, i: IndexShape, name: string | null): { up: Code; down: Code } {
  const snippet = knexIndexCall(i, { schema, table, name });
  if (snippet.startsWith('knex.raw(')) {
    const r = rawIndex(p, schema, table, i, name);
    return { up: r.up, down: r.down };
  }
  return { up: line(schema, table, snippet), down: line(schema, table, `table.dropIndex(${jsList(i.columns)}${name ? `, ${kjs(name)}` : ''})`) };
}

/** The database's uniques and indexes already matched by a model's. */
interface Used {
  u: Set<UniqueConstraint>;
  i: Set<Index>;
}

/** Use for the uniques and indexes of one table present on both sides. */
export function planUniquesAndIndexes(p: Planner, ref: PlanModel, m: Table, d: Table): void {
  const used: Used = { u: new Set(), i: new Set() };
  addUniques(p, ref, m, d, used);
  addIndexes(p, ref, m, d, used);
  dropUnmodeled(p, m, d, used);
}

function addUniques(p: Planner, ref: PlanModel, m: Table, d: Table, used: Used): void {
  const key = qualified(d.schema, d.name);
  const uniqueNames = new Set(ref.model.uniques.map((u) => u.name).filter((n): n is string => !!n));
  for (const u of d.uniques) {
    const k = setKey(u.columns);
    const byConstraint = m.uniques.filter((x) => setKey(x.columns) === k);
    const byIndex = m.indexes.filter((x) => isPlainUniqueIndex(x) && setKey(x.columns) === k);
    byConstraint.forEach((x) => used.u.add(x));
    byIndex.forEach((x) => used.i.add(x));
    if (byConstraint.length || byIndex.length) continue;
    const name = p.nameFor(`rel:${d.schema}`, uniqueNames.has(u.name) ? u.name : null, knexDefaultName(d.name, u.columns, 'unique'));
    p.op({
      kind: 'add-unique',
      phase: 'addConstraint',
      target: `${key}${colList(u.columns)}`,
      description: `add unique ${colList(u.columns)} to ${key}`,
      up: [line(d.schema, d.name, knexUniqueCall(u.columns, name))],
      down: [line(d.schema, d.name, `table.dropUnique(${jsList(u.columns)}${name ? `, ${kjs(name)}` : ''})`)],
    });
  }
}

/** The model's indexes the database lacks (an index matching it, or for a plain unique one a unique constraint, satisfies it). */
function pendingIndexes(m: Table, d: Table, used: Used): Index[] {
  const pending: Index[] = [];
  for (const i of d.indexes) {
    const k = indexKey(i);
    const hit = m.indexes.find((x) => !used.i.has(x) && indexKey(x) === k) ?? m.indexes.find((x) => indexKey(x) === k);
    if (hit) {
      used.i.add(hit);
      continue;
    }
    if (isPlainUniqueIndex(i) && !i.descending.some(Boolean)) {
      const c = m.uniques.find((x) => sameList(x.columns, i.columns));
      if (c) {
        used.u.add(c);
        continue;
      }
    }
    pending.push(i);
  }
  return pending;
}

function addIndexes(p: Planner, ref: PlanModel, m: Table, d: Table, used: Used): void {
  const model = ref.model;
  const key = qualified(d.schema, d.name);
  const indexNames = new Set(model.indexes.map((i) => i.name).filter((n): n is string => !!n));
  const norm = (cols: readonly string[]) => setKey(cols.map((c) => normaliseExpression(c)));
  for (const i of pendingIndexes(m, d, used)) {
    const near = m.indexes.find((x) => !used.i.has(x) && norm(x.columns) === norm(i.columns));
    if (near) {
      used.i.add(near);
      dropIndex(p, m, near, `replaced by ${describeIndex(i)}`, false);
    }
    const spec = model.indexes.find((s) => sameList(s.columns, i.columns) && (s.unique ?? false) === i.unique && (!indexNames.has(i.name) || s.name === i.name));
    const predicate = spec?.where ?? i.predicate;
    const name = p.nameFor(`rel:${d.schema}`, indexNames.has(i.name) ? i.name : null, knexDefaultName(d.name, i.columns, i.unique ? 'unique' : 'index'));
    const code = indexCode(p, d.schema, d.name, { ...i, predicate }, name);
    p.op({
      kind: 'add-index',
      phase: 'addConstraint',
      target: `${key}${colList(i.columns)}`,
      description: `add ${describeIndex({ ...i, predicate })} to ${key}`,
      up: [code.up],
      down: [code.down],
    });
  }
}

function dropUnmodeled(p: Planner, m: Table, d: Table, used: Used): void {
  const key = qualified(d.schema, d.name);
  const modelUniqueSets = new Set([...d.uniques.map((u) => setKey(u.columns)), ...d.indexes.filter(isPlainUniqueIndex).map((i) => setKey(i.columns))]);
  for (const u of m.uniques) {
    if (used.u.has(u) || modelUniqueSets.has(setKey(u.columns))) continue;
    dropDependentForeignKeys(p, m, u.columns);
    p.op({
      kind: 'drop-unique',
      phase: 'dropConstraint',
      target: `${key}${colList(u.columns)}`,
      description: `drop unique ${u.name} ${colList(u.columns)} of ${key} (the model does not declare it)`,
      destructive: true,
      risk: 'drops a unique constraint',
      up: [line(m.schema, m.name, `table.dropUnique(${jsList(u.columns)}, ${kjs(u.name)})`)],
      down: [line(m.schema, m.name, `table.unique(${jsList(u.columns)}, { indexName: ${kjs(u.name)} })`)],
    });
  }
  for (const i of m.indexes) {
    if (used.i.has(i)) continue;
    if (isPlainUniqueIndex(i) && modelUniqueSets.has(setKey(i.columns))) continue;
    dropIndex(p, m, i, 'the model does not declare it', true);
  }
}

function dropIndex(p: Planner, m: Table, i: Index, why: string, destructive: boolean): void {
  const key = qualified(m.schema, m.name);
  if (isPlainUniqueIndex(i)) dropDependentForeignKeys(p, m, i.columns);
  const code = indexCode(p, m.schema, m.name, i, i.name);
  p.op({
    kind: 'drop-index',
    phase: 'dropConstraint',
    target: `${key}${colList(i.columns)}`,
    description: `drop ${describeIndex(i)} ${i.name} of ${key} (${why})`,
    destructive,
    risk: destructive ? 'drops an index' : undefined,
    up: [code.down],
    down: [code.up],
  });
}

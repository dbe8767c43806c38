// Unique constraints and indexes of one table: missing-unique, missing-index, unmodeled-unique,
// unmodeled-index. One kind because each satisfies the other: a unique constraint is enforced by a
// plain unique index on the same columns, and the reverse. Indexes match by structure (indexKey);
// an index on the same column set that differs otherwise is one missing-index naming the database's.
import type { Index, UniqueConstraint } from '../schema/types.ts';
import * as text from '../messages/findings.ts';
import { colList, indexKey, isPlainUniqueIndex, sameList, setKey } from './match.ts';
import { normaliseExpression } from './normalise.ts';
import { knexIndexCall, knexUniqueCall, modelIndexEntry } from './snippets.ts';
import { touches, type TableDiff } from './table-diff.ts';

/** The objects of one table still in play: those over missing/unmodeled columns are left to the column's finding. */
interface Candidates {
  dU: UniqueConstraint[];
  dI: Index[];
  mU: UniqueConstraint[];
  mI: Index[];
  usedU: Set<UniqueConstraint>;
  usedI: Set<Index>;
}

/** Use for the unique and index findings of one table present on both sides. */
export function compareUniquesAndIndexes(t: TableDiff): void {
  const { m, d } = t;
  const c: Candidates = {
    dU: d.uniques.filter((u) => !touches(u.columns, t.missing)),
    dI: d.indexes.filter((i) => !touches(i.columns, t.missing) && !(i.predicate && touches([i.predicate], t.missing))),
    mU: m.uniques.filter((u) => !touches(u.columns, t.unmodeled)),
    mI: m.indexes.filter((i) => !touches(i.columns, t.unmodeled) && !(i.predicate && touches([i.predicate], t.unmodeled))),
    usedU: new Set(),
    usedI: new Set(),
  };
  modelUniques(t, c);
  modelIndexes(t, c);
  databaseUniques(t, c);
  databaseIndexes(t, c);
}

/** Model unique constraints: any database unique constraint or plain unique index on the same column set. */
function modelUniques(t: TableDiff, c: Candidates): void {
  const names = new Set(t.ref.model.uniques.map((u) => u.name).filter((n): n is string => !!n));
  for (const u of c.dU) {
    const k = setKey(u.columns);
    const byConstraint = c.mU.filter((x) => setKey(x.columns) === k);
    const byIndex = c.mI.filter((x) => isPlainUniqueIndex(x) && setKey(x.columns) === k);
    byConstraint.forEach((x) => c.usedU.add(x));
    byIndex.forEach((x) => c.usedI.add(x));
    if (byConstraint.length || byIndex.length) continue;
    const object = names.has(u.name) ? u.name : null;
    t.push('missing-unique', {
      schema: t.on.schema,
      table: t.on.table,
      columns: [...u.columns],
      object,
      expected: `UNIQUE ${colList(u.columns)}`,
      ...text.missingUnique({ ...t.on, columns: u.columns, name: object, addUnique: knexUniqueCall(u.columns, object) }),
    });
  }
}

/** Model indexes: the same structure; a plain unique index is also satisfied by a unique constraint. */
function modelIndexes(t: TableDiff, c: Candidates): void {
  const pending: Index[] = [];
  for (const i of c.dI) {
    const k = indexKey(i);
    const hit = c.mI.find((x) => !c.usedI.has(x) && indexKey(x) === k) ?? c.mI.find((x) => indexKey(x) === k);
    if (hit) {
      c.usedI.add(hit);
      continue;
    }
    if (isPlainUniqueIndex(i) && !i.descending.some(Boolean)) {
      const u = c.mU.find((x) => sameList(x.columns, i.columns));
      if (u) {
        c.usedU.add(u);
        continue;
      }
    }
    pending.push(i);
  }
  const names = new Set(t.ref.model.indexes.map((i) => i.name).filter((n): n is string => !!n));
  for (const i of pending) {
    const keys = (x: Index) => setKey(x.columns.map((col) => normaliseExpression(col)));
    const near = c.mI.find((x) => !c.usedI.has(x) && keys(x) === keys(i));
    if (near) c.usedI.add(near);
    missingIndex(t, i, near, names.has(i.name) ? i.name : null);
  }
}

function missingIndex(t: TableDiff, i: Index, near: Index | undefined, name: string | null): void {
  const where = { schema: t.on.schema, table: t.on.table };
  const spec = t.ref.model.indexes.find((s) => sameList(s.columns, i.columns) && (s.unique ?? false) === i.unique && (name === null || s.name === name));
  const predicate = spec?.where ?? i.predicate;
  t.push('missing-index', {
    ...where,
    columns: [...i.columns],
    object: name,
    expected: describeIndex(i),
    actual: near ? describeIndex(near) : null,
    ...text.missingIndex({
      ...t.on,
      columns: i.columns,
      name,
      description: describeIndex(i),
      near: near ? { name: near.name, description: describeIndex(near), differences: indexDifferences(i, near) } : null,
      createIndex: knexIndexCall({ ...i, predicate }, { ...where, name }),
    }),
  });
}

/** The set of column sets the model makes unique (constraints and plain unique indexes). */
const modelUniqueSets = (t: TableDiff): Set<string> =>
  new Set([...t.d.uniques.map((u) => setKey(u.columns)), ...t.d.indexes.filter(isPlainUniqueIndex).map((i) => setKey(i.columns))]);

/** Database unique constraints the model declares neither as a unique nor as a unique index. */
function databaseUniques(t: TableDiff, c: Candidates): void {
  const modelSets = modelUniqueSets(t);
  for (const u of c.mU) {
    if (c.usedU.has(u) || modelSets.has(setKey(u.columns))) continue;
    t.push('unmodeled-unique', {
      schema: t.on.schema,
      table: t.on.table,
      columns: [...u.columns],
      object: u.name,
      actual: `UNIQUE ${colList(u.columns)}`,
      ...text.unmodeledUnique({
        ...t.on,
        columns: u.columns,
        name: u.name,
        kind: 'constraint',
        predicate: null,
        modelSnippet:
          u.columns.length === 1
            ? { column: u.columns[0]!, modifier: '.unique()' }
            : { key: 'uniques', entry: `{ columns: ${JSON.stringify(u.columns).replace(/"/g, "'")} }` },
      }),
    });
  }
}

/** Database indexes the model does not declare: unique ones as unmodeled-unique, others as unmodeled-index. */
function databaseIndexes(t: TableDiff, c: Candidates): void {
  const modelSets = modelUniqueSets(t);
  const where = { schema: t.on.schema, table: t.on.table };
  for (const i of c.mI) {
    if (c.usedI.has(i)) continue;
    if (i.unique) {
      if (isPlainUniqueIndex(i) && modelSets.has(setKey(i.columns))) continue;
      t.push('unmodeled-unique', {
        ...where,
        columns: [...i.columns],
        object: i.name,
        actual: describeIndex(i),
        ...text.unmodeledUnique({ ...t.on, columns: i.columns, name: i.name, kind: 'index', predicate: i.predicate, modelSnippet: { key: 'indexes', entry: modelIndexEntry(i) } }),
      });
      continue;
    }
    const plain = i.columns.length === 1 && i.predicate === null && (i.method || 'btree') === 'btree' && !i.descending[0];
    t.push('unmodeled-index', {
      ...where,
      columns: [...i.columns],
      object: i.name,
      actual: describeIndex(i),
      ...text.unmodeledIndex({
        ...t.on,
        columns: i.columns,
        name: i.name,
        description: describeIndex(i),
        modelSnippet: plain ? { column: i.columns[0]!, modifier: '.index()' } : { key: 'indexes', entry: modelIndexEntry(i) },
      }),
    });
  }
}

/** Use to describe an index in a message: unique gin index (a, b DESC) WHERE ... */
export function describeIndex(i: Pick<Index, 'columns' | 'descending' | 'unique' | 'method' | 'predicate'>): string {
  const keys = i.columns.map((c, k) => `${c}${i.descending[k] ? ' DESC' : ''}`).join(', ');
  return `${i.unique ? 'unique ' : ''}${i.method || 'btree'} index (${keys})${i.predicate ? ` WHERE ${i.predicate}` : ''}`;
}

function indexDifferences(model: Index, db: Index): string[] {
  const out: string[] = [];
  const mCols = model.columns.map((c) => normaliseExpression(c));
  const dCols = db.columns.map((c) => normaliseExpression(c));
  if (!sameList(mCols, dCols)) out.push(`column order ${colList(db.columns)} instead of ${colList(model.columns)}`);
  const desc = (i: Index): string => i.columns.map((_, k) => (i.descending[k] ? 'DESC' : 'ASC')).join(',');
  if (sameList(mCols, dCols) && desc(model) !== desc(db)) out.push('ASC/DESC differs');
  if (model.unique !== db.unique) out.push(db.unique ? "it is unique, the model's is not" : "it is not unique, the model's is");
  if ((model.method || 'btree') !== (db.method || 'btree')) out.push(`it uses ${db.method}, the model ${model.method}`);
  const mp = model.predicate === null ? null : normaliseExpression(model.predicate);
  const dp = db.predicate === null ? null : normaliseExpression(db.predicate);
  if (mp !== dp) {
    out.push(dp === null ? "it has no WHERE, the model's has" : mp === null ? "it is partial, the model's is not" : `its WHERE is ${db.predicate}`);
  }
  return out;
}

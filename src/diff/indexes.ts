// Unique constraints and indexes of one table: missing-unique, missing-index, unmodeled-unique,
// unmodeled-index. One kind because each satisfies the other: a unique constraint is enforced by a
// plain unique index on the same columns, and the reverse. Indexes match by structure (indexKey);
// an index on the same column set that differs otherwise is one missing-index naming the database's.
import type { Index, UniqueConstraint } from '../schema/types.ts';
import * as text from '../messages/findings.ts';
import { colList, isPlainUniqueIndex, matchUniquesAndIndexes, sameList } from './match.ts';
import { normaliseExpression } from './normalise.ts';
import { js, modelIndexEntry } from './snippets.ts';
import { indexSpecFromCatalog } from '../ddl/raw-sql.ts';
import { hintCode } from '../migration-code/code.ts';
import { addUnique, createIndex, dropIndex, dropUnique } from '../migration-code/indexes.ts';
import { touches, type TableDiff } from './table-diff.ts';

/** Use for the unique and index findings of one table present on both sides. */
export function compareUniquesAndIndexes(t: TableDiff): void {
  const { m, d } = t;
  // objects over missing/unmodeled columns are left to the column's finding
  const match = matchUniquesAndIndexes(
    {
      dU: d.uniques.filter((u) => !touches(u.columns, t.missing)),
      dI: d.indexes.filter((i) => !touches(i.columns, t.missing) && !(i.predicate && touches([i.predicate], t.missing))),
      mU: m.uniques.filter((u) => !touches(u.columns, t.unmodeled)),
      mI: m.indexes.filter((i) => !touches(i.columns, t.unmodeled) && !(i.predicate && touches([i.predicate], t.unmodeled))),
    },
    d,
  );
  const uniqueNames = new Set(t.ref.model.uniques.map((u) => u.name).filter((n): n is string => !!n));
  for (const { want, near } of match.missingUniques) missingUnique(t, want, near, uniqueNames.has(want.name) ? want.name : null);
  const indexNames = new Set(t.ref.model.indexes.map((i) => i.name).filter((n): n is string => !!n));
  for (const { want, near } of match.missingIndexes) missingIndex(t, want, near, indexNames.has(want.name) ? want.name : null);
  for (const u of match.unmodeledUniques) unmodeledUniqueConstraint(t, u);
  for (const i of match.unmodeledIndexes) unmodeledIndex(t, i);
}

function missingUnique(t: TableDiff, u: UniqueConstraint, near: UniqueConstraint | undefined, object: string | null): void {
  const where = { schema: t.on.schema, table: t.on.table };
  const add = addUnique(t.on, u, object).up;
  const nearText = near && {
    name: near.name,
    difference: near.nullsNotDistinct ? 'it is NULLS NOT DISTINCT, the model\'s is not' : 'the model\'s is NULLS NOT DISTINCT, it is not',
    modelFix: uniqueModelFix(t, u, near),
  };
  t.push('missing-unique', {
    ...where,
    columns: [...u.columns],
    object,
    expected: describeUnique(u),
    actual: near ? describeUnique(near) : null,
    ...text.missingUnique({ ...t.on, columns: u.columns, name: object, addUnique: hintCode(near ? [...dropUnique(t.on, near).up, ...add] : add), near: nearText }),
  });
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
      near: near ? { name: near.name, description: describeIndex(near), differences: indexDifferences(i, near), modelEntry: modelIndexEntry(near) } : null,
      createIndex: hintCode([...(near ? dropIndex(t.on, near).up : []), ...createIndex(t.on, indexSpecFromCatalog({ ...i, name: '', predicate }), name).up]),
    }),
  });
}

/** The model code that says the database's unique: its uniques entry, in place of the model's entry or column modifier. */
function uniqueModelFix(t: TableDiff, u: UniqueConstraint, near: UniqueConstraint): string {
  const entry = `{ columns: ${colArray(near.columns)}${near.nullsNotDistinct ? ', nullsNotDistinct: true' : ''} }`;
  const listed = t.ref.model.uniques.some((s) => sameList(s.columns, u.columns));
  if (listed || u.columns.length !== 1) return `write ${entry} in the model's uniques in place of its entry for ${colList(u.columns)}`;
  return `remove .unique() from column ${u.columns[0]}, and add ${entry} to the uniques of model ${t.on.model}`;
}

const colArray = (columns: readonly string[]): string => `[${columns.map(js).join(', ')}]`;

/** The database's foreign keys (as 'schema.table(columns)') that reference exactly `columns` of this table: they need its unique. */
function referencedBy(t: TableDiff, columns: readonly string[]): string[] {
  return t.migrated.tables.flatMap((other) =>
    other.foreignKeys
      .filter((fk) => fk.refSchema === t.on.schema && fk.refTable === t.on.table && sameList([...fk.refColumns].sort(), [...columns].sort()))
      .map((fk) => `${other.schema}.${other.name}(${fk.columns.join(', ')})`),
  );
}

/** A database unique constraint the model declares neither as a unique nor as a unique index. */
function unmodeledUniqueConstraint(t: TableDiff, u: UniqueConstraint): void {
  t.push('unmodeled-unique', {
    schema: t.on.schema,
    table: t.on.table,
    columns: [...u.columns],
    object: u.name,
    actual: describeUnique(u),
    ...text.unmodeledUnique({
      ...t.on,
      columns: u.columns,
      name: u.name,
      kind: 'constraint',
      predicate: null,
      referencedBy: referencedBy(t, u.columns),
      modelSnippet:
        u.columns.length === 1
          ? { column: u.columns[0]!, modifier: '.unique()' }
          : { key: 'uniques', entry: `{ columns: ${JSON.stringify(u.columns).replace(/"/g, "'")} }` },
    }),
  });
}

/** A database index the model does not declare: a unique one as unmodeled-unique, others as unmodeled-index. */
function unmodeledIndex(t: TableDiff, i: Index): void {
  const where = { schema: t.on.schema, table: t.on.table };
  if (i.unique) {
    t.push('unmodeled-unique', {
      ...where,
      columns: [...i.columns],
      object: i.name,
      actual: describeIndex(i),
      ...text.unmodeledUnique({ ...t.on, columns: i.columns, name: i.name, kind: 'index', predicate: i.predicate, referencedBy: i.predicate ? [] : referencedBy(t, i.columns), modelSnippet: { key: 'indexes', entry: modelIndexEntry(i) } }),
    });
    return;
  }
  const plain = i.columns.length === 1 && isPlainUniqueIndex({ ...i, unique: true });
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

/** Use to describe a unique constraint in a message: UNIQUE NULLS NOT DISTINCT (a, b). */
export const describeUnique = (u: { columns: readonly string[]; nullsNotDistinct?: boolean }): string =>
  `UNIQUE${u.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''} ${colList(u.columns)}`;

/** An index key as SQL reads it: expression, COLLATE, operator class, DESC, NULLS (defaults left out). */
export function describeKey(i: Pick<Index, 'columns' | 'descending'> & Partial<Pick<Index, 'nullsFirst' | 'opclasses' | 'collations'>>, k: number): string {
  const desc = i.descending[k] ?? false;
  const nullsFirst = i.nullsFirst?.[k] ?? desc;
  let s = i.columns[k]!;
  if (i.collations?.[k]) s += ` COLLATE "${i.collations[k]}"`;
  if (i.opclasses?.[k]) s += ` ${i.opclasses[k]}`;
  if (desc) s += ' DESC';
  if (nullsFirst !== desc) s += nullsFirst ? ' NULLS FIRST' : ' NULLS LAST';
  return s;
}

/** Use to describe an index in a message: unique gin index (a, b DESC) INCLUDE (c) WHERE ... */
export function describeIndex(i: Pick<Index, 'columns' | 'descending' | 'unique' | 'method' | 'predicate'> & Partial<Index>): string {
  const keys = i.columns.map((_, k) => describeKey(i, k)).join(', ');
  const include = i.include?.length ? ` INCLUDE ${colList(i.include)}` : '';
  const nnd = i.unique && i.nullsNotDistinct ? ' NULLS NOT DISTINCT' : '';
  return `${i.unique ? 'unique ' : ''}${i.method || 'btree'} index (${keys})${include}${nnd}${i.predicate ? ` WHERE ${i.predicate}` : ''}`;
}

/** What sets two indexes on the same column set apart, for missing-index's message. */
function indexDifferences(model: Index, db: Index): string[] {
  const out: string[] = [];
  const mCols = model.columns.map((c) => normaliseExpression(c));
  const dCols = db.columns.map((c) => normaliseExpression(c));
  if (!sameList(mCols, dCols)) out.push(`column order ${colList(db.columns)} instead of ${colList(model.columns)}`);
  else {
    const keys = (i: Index) => i.columns.map((_, k) => describeKey({ ...i, columns: mCols }, k));
    const [mk, dk] = [keys(model), keys(db)];
    mk.forEach((key, k) => {
      if (key !== dk[k]) out.push(`key ${k + 1} is ${dk[k]} in the database, ${key} in the model`);
    });
  }
  if (model.unique !== db.unique) out.push(db.unique ? "it is unique, the model's is not" : "it is not unique, the model's is");
  else if (model.unique && model.nullsNotDistinct !== db.nullsNotDistinct) out.push(db.nullsNotDistinct ? 'it is NULLS NOT DISTINCT, the model\'s is not' : 'the model\'s is NULLS NOT DISTINCT, it is not');
  if ((model.method || 'btree') !== (db.method || 'btree')) out.push(`it uses ${db.method}, the model ${model.method}`);
  if (!sameList(model.include, db.include)) out.push(`it includes ${colList(db.include)}, the model ${colList(model.include)}`);
  const mp = model.predicate === null ? null : normaliseExpression(model.predicate);
  const dp = db.predicate === null ? null : normaliseExpression(db.predicate);
  if (mp !== dp) {
    out.push(dp === null ? "it has no WHERE, the model's has" : mp === null ? "it is partial, the model's is not" : `its WHERE is ${db.predicate}`);
  }
  return out;
}

// How database objects are matched, structurally (never by generated name): shared by the diff,
// which reports what differs, and the migration writer, which plans what to change. One definition,
// so that a generated migration leaves exactly nothing for the diff to report.
import { qualified, type CheckConstraint, type Column, type EnumType, type ForeignKey, type Index, type Schema, type Table, type UniqueConstraint } from '../schema/types.ts';
import { knexTableGlobs, tableMatcher } from './ignore.ts';
import { effectiveDefault, normaliseExpression, normaliseType, timestampConstant } from './normalise.ts';

/** Use to compare ordered lists (column lists, key orders). */
export const sameList = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Use as a map key for a set of columns (order does not matter: unique constraints). */
export const setKey = (cols: readonly string[]): string => JSON.stringify([...cols].sort());

/** Use to print a column list: (a, b). */
export const colList = (cols: readonly string[]): string => `(${cols.join(', ')})`;

/** Use to find the column names an expression (index key, predicate) mentions, outside string literals. */
export function identifiers(expr: string): Set<string> {
  const bare = expr.replace(/'(?:[^']|'')*'/g, ' ');
  const out = new Set<string>();
  for (const m of bare.matchAll(/"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*)/g)) out.add(m[1] ?? m[2]!.toLowerCase());
  return out;
}

/** Use to print a foreign key's target, actions and deferrability: core.bookings(id) ON DELETE CASCADE. */
export function fkTarget(fk: Pick<ForeignKey, 'refSchema' | 'refTable' | 'refColumns' | 'onDelete' | 'onUpdate'> & { deferrable?: ForeignKey['deferrable'] }): string {
  let s = `${fk.refSchema}.${fk.refTable}${colList(fk.refColumns)}`;
  if (fk.onDelete !== 'NO ACTION') s += ` ON DELETE ${fk.onDelete}`;
  if (fk.onUpdate !== 'NO ACTION') s += ` ON UPDATE ${fk.onUpdate}`;
  if (fk.deferrable) s += ` DEFERRABLE INITIALLY ${fk.deferrable.toUpperCase()}`;
  return s;
}

/** Use to tell whether two foreign keys of the same shape behave alike: actions and deferrability. */
export const sameFkBehaviour = (a: ForeignKey, b: ForeignKey): boolean =>
  a.onDelete === b.onDelete && a.onUpdate === b.onUpdate && (a.deferrable ?? null) === (b.deferrable ?? null);

/** Use to match foreign keys: local -> referenced column pairs (in any order) and the target table. */
export function fkShape(fk: ForeignKey): string {
  const pairs = fk.columns.map((c, i) => `${c}->${fk.refColumns[i]}`).sort();
  return JSON.stringify([fk.refSchema, fk.refTable, pairs]);
}

/**
 * Use to match indexes: every part of an index (contract section 4): keys in order (column or
 * normalised expression), per key DESC, NULLS placement, operator class and collation, the INCLUDE
 * columns, uniqueness and NULLS NOT DISTINCT, the method and the normalised predicate.
 */
export function indexKey(i: Index): string {
  return JSON.stringify([
    i.columns.map((c) => normaliseExpression(c)),
    i.columns.map((_, k) => i.descending[k] ?? false),
    i.columns.map((_, k) => i.nullsFirst?.[k] ?? i.descending[k] ?? false),
    i.columns.map((_, k) => i.opclasses?.[k] ?? null),
    i.columns.map((_, k) => i.collations?.[k] ?? null),
    i.include ?? [],
    i.unique,
    i.unique && (i.nullsNotDistinct ?? false),
    (i.method || 'btree').toLowerCase(),
    i.predicate === null ? null : normaliseExpression(i.predicate),
  ]);
}

/**
 * Use to tell a unique index that enforces what a unique constraint would: btree, not partial, plain
 * column keys in the default order, operator class and collation, nothing included.
 */
export const isPlainUniqueIndex = (i: Index): boolean =>
  i.unique &&
  i.predicate === null &&
  (i.method || 'btree') === 'btree' &&
  i.columns.every((_, k) => !i.descending[k] && !(i.nullsFirst?.[k] ?? false) && (i.opclasses?.[k] ?? null) === null && (i.collations?.[k] ?? null) === null) &&
  (i.include ?? []).length === 0;

/** Use as the key of what a unique constraint (or a plain unique index) enforces: the column set and NULLS NOT DISTINCT. */
export const uniqueKey = (u: { columns: readonly string[]; nullsNotDistinct?: boolean }): string => `${setKey(u.columns)}${u.nullsNotDistinct ? ' nulls not distinct' : ''}`;

/** Use to compare or print a check: its expression without CHECK, NOT VALID and redundant outer parentheses. */
export function checkExpression(c: CheckConstraint): string {
  let s = c.expression.trim().replace(/^check\s*/i, '').replace(/\s+not valid\s*$/i, '');
  while (s.startsWith('(') && s.endsWith(')') && balanced(s.slice(1, -1))) s = s.slice(1, -1).trim();
  return s;
}

/** Use to match checks: by normalised expression, never by name. */
export const checkKey = (c: Pick<CheckConstraint, 'expression'>): string => normaliseExpression(c.expression);

function balanced(s: string): boolean {
  let depth = 0;
  let inStr = false;
  for (const ch of s) {
    if (ch === "'") inStr = !inStr;
    if (inStr) continue;
    if (ch === '(') depth++;
    if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Both sides looked up by 'schema.name', and which tables are out of scope (knex's, migrations', ignored). */
export interface SchemaIndex {
  mTables: Map<string, Table>;
  dTables: Map<string, Table>;
  mEnums: Map<string, EnumType>;
  dEnums: Map<string, EnumType>;
  ignored: (schema: string, table: string) => boolean;
}

/** Use at the start of a comparison of two schemas (the diff, the migration planner). */
export function indexSchemas(migrated: Schema, declared: Schema, scope: { migrationTables?: readonly string[]; ignoreTables?: readonly string[] }): SchemaIndex {
  const byName = <T extends { schema: string; name: string }>(xs: readonly T[]) => new Map(xs.map((x) => [qualified(x.schema, x.name), x]));
  return {
    mTables: byName(migrated.tables),
    dTables: byName(declared.tables),
    mEnums: byName(migrated.enums),
    dEnums: byName(declared.enums),
    ignored: tableMatcher([...knexTableGlobs(), ...(scope.migrationTables ?? []), ...(scope.ignoreTables ?? [])]),
  };
}

/** Use to compare column types: the normalised type and the collation (contract: collation is part of the type). */
export const columnTypeKey = (c: Pick<Column, 'type' | 'collation'>): string => normaliseType(c.type) + (c.collation ? ` collate ${c.collation}` : '');

/** Use to compare generated columns: null when not generated, else its kind and normalised expression. */
export const generatedKey = (c: Pick<Column, 'generated' | 'generatedKind'>): string | null =>
  c.generated === null ? null : `${c.generatedKind || 's'}:${normaliseExpression(c.generated)}`;

/**
 * Use to compare server defaults. Auto-increment is one thing however it is written (serial, nextval,
 * identity) when the model says increments(); a model that says identity() wants that identity kind.
 */
export function sameDefault(declared: Column, migrated: Column): boolean {
  if (declared.identity !== '') return migrated.identity === declared.identity;
  if (frozenAlike(declared, migrated)) return true;
  return effectiveDefault(declared) === effectiveDefault(migrated);
}

/** What differs between a model's column and the database's, each facet once (one cause, one finding). */
export interface ColumnChanges {
  /** The type or its collation. */
  type: boolean;
  nullability: boolean;
  /** Generated on one side only, or with another expression. */
  generated: boolean;
  /** The default or identity kind; not compared when `generated` differs (a generated column has none). */
  default: boolean;
}

/** Use to compare one column of both sides (the diff reports these; the planner changes them). */
export function columnChanges(declared: Column, migrated: Column): ColumnChanges {
  const generated = generatedKey(declared) !== generatedKey(migrated);
  return {
    type: columnTypeKey(declared) !== columnTypeKey(migrated),
    nullability: declared.notNull !== migrated.notNull,
    generated,
    default: !generated && !sameDefault(declared, migrated),
  };
}

/**
 * Use to compare a comment: only where the model declares one (a model that says nothing about
 * comments does not care), and an empty comment is no comment (PostgreSQL deletes a comment set to '').
 */
export const commentDiffers = (declared: string | undefined, actual: string | null): boolean => declared !== undefined && (declared || null) !== actual;

/** How a model's foreign keys pair with the database's: those missing (with the key on the same columns that differs, if any) and those the model lacks. */
export interface ForeignKeyMatch {
  missing: { want: ForeignKey; near: ForeignKey | undefined }[];
  unmodeled: ForeignKey[];
}

/** Use to match the foreign keys of one table: by shape and behaviour; else the key on the same column set is the one that differs. */
export function matchForeignKeys(declared: readonly ForeignKey[], migrated: readonly ForeignKey[]): ForeignKeyMatch {
  const exact = (a: ForeignKey, b: ForeignKey): boolean => fkShape(a) === fkShape(b) && sameFkBehaviour(a, b);
  const used = new Set<ForeignKey>();
  const pending: ForeignKey[] = [];
  for (const df of declared) {
    const hit = migrated.find((mf) => !used.has(mf) && exact(df, mf));
    if (hit) used.add(hit);
    else pending.push(df);
  }
  const missing = pending.map((want) => {
    const near = migrated.find((mf) => !used.has(mf) && setKey(mf.columns) === setKey(want.columns));
    if (near) used.add(near);
    return { want, near };
  });
  return { missing, unmodeled: migrated.filter((mf) => !used.has(mf)) };
}

/** The uniques and indexes of one table in play on each side. */
export interface KeyCandidates {
  dU: readonly UniqueConstraint[];
  dI: readonly Index[];
  mU: readonly UniqueConstraint[];
  mI: readonly Index[];
}

/** How a model's uniques and indexes pair with the database's. */
export interface KeyMatch {
  /** Model uniques no constraint or plain unique index enforces; `near`: the database's constraint on the same columns (NULLS NOT DISTINCT differs). */
  missingUniques: { want: UniqueConstraint; near: UniqueConstraint | undefined }[];
  /** Model indexes the database lacks; `near`: its index on the same keys that differs otherwise. */
  missingIndexes: { want: Index; near: Index | undefined }[];
  /** Database unique constraints the model declares neither as a unique nor as a unique index. */
  unmodeledUniques: UniqueConstraint[];
  /** Database indexes the model does not declare (unique ones included). */
  unmodeledIndexes: Index[];
}

/** Use to match the uniques and indexes of one table: each satisfies the other (contract section 4); `declared` is the model's whole table. */
export function matchUniquesAndIndexes(c: KeyCandidates, declared: Pick<Table, 'uniques' | 'indexes'>): KeyMatch {
  const usedU = new Set<UniqueConstraint>();
  const usedI = new Set<Index>();
  const missingUniques = c.dU.flatMap((want) => {
    const k = uniqueKey(want);
    const byConstraint = c.mU.filter((x) => uniqueKey(x) === k);
    const byIndex = c.mI.filter((x) => isPlainUniqueIndex(x) && uniqueKey(x) === k);
    byConstraint.forEach((x) => usedU.add(x));
    byIndex.forEach((x) => usedI.add(x));
    if (byConstraint.length || byIndex.length) return [];
    const near = c.mU.find((x) => !usedU.has(x) && setKey(x.columns) === setKey(want.columns));
    if (near) usedU.add(near);
    return [{ want, near }];
  });
  const pending = c.dI.filter((i) => !indexSatisfied(i, c, usedU, usedI));
  const keys = (x: Index) => setKey(x.columns.map((col) => normaliseExpression(col)));
  const missingIndexes = pending.map((want) => {
    const near = c.mI.find((x) => !usedI.has(x) && keys(x) === keys(want));
    if (near) usedI.add(near);
    return { want, near };
  });
  const modelSets = new Set([...declared.uniques.map(uniqueKey), ...declared.indexes.filter(isPlainUniqueIndex).map(uniqueKey)]);
  return {
    missingUniques,
    missingIndexes,
    unmodeledUniques: c.mU.filter((u) => !usedU.has(u) && !modelSets.has(uniqueKey(u))),
    unmodeledIndexes: c.mI.filter((i) => !usedI.has(i) && !(isPlainUniqueIndex(i) && modelSets.has(uniqueKey(i)))),
  };
}

/** A model index the database has: an index of the same structure, or for a plain unique one a unique constraint. */
function indexSatisfied(i: Index, c: KeyCandidates, usedU: Set<UniqueConstraint>, usedI: Set<Index>): boolean {
  const k = indexKey(i);
  const hit = c.mI.find((x) => !usedI.has(x) && indexKey(x) === k) ?? c.mI.find((x) => indexKey(x) === k);
  if (hit) {
    usedI.add(hit);
    return true;
  }
  if (!isPlainUniqueIndex(i)) return false;
  const u = c.mU.find((x) => sameList(x.columns, i.columns) && uniqueKey(x) === uniqueKey(i));
  if (u) usedU.add(u);
  return u !== undefined;
}

/**
 * Use wherever defaults are compared: defaultTo('now') in a migration froze the instant the table was
 * created, and any constant instant in the model stands for it (pull writes the one it saw): no text
 * can equal it on every run.
 */
export function frozenAlike(declared: Pick<Column, 'default'>, migrated: Pick<Column, 'frozenNow'>): boolean {
  return migrated.frozenNow === true && timestampConstant(declared.default) !== null;
}

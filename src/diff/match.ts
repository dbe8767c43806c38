// How database objects are matched, structurally (never by generated name): shared by the diff,
// which reports what differs, and the migration writer, which plans what to change. One definition,
// so that a generated migration leaves exactly nothing for the diff to report.
import { qualified, type CheckConstraint, type Column, type EnumType, type ForeignKey, type Index, type Schema, type Table } from '../schema/types.ts';
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

/**
 * Use wherever defaults are compared: defaultTo('now') in a migration froze the instant the table was
 * created, and any constant instant in the model stands for it (pull writes the one it saw): no text
 * can equal it on every run.
 */
export function frozenAlike(declared: Pick<Column, 'default'>, migrated: Pick<Column, 'frozenNow'>): boolean {
  return migrated.frozenNow === true && timestampConstant(declared.default) !== null;
}

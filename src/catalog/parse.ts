// Pure parsers: raw catalog rows -> frozen Schema IR pieces. No database here; unit-test on row arrays.
import {
  qualified,
  type CheckConstraint,
  type Column,
  type EnumType,
  type FkAction,
  type ForeignKey,
  type Index,
  type PrimaryKey,
  type Schema,
  type Table,
  type UniqueConstraint,
} from '../schema/types.ts';
import type { ColumnRow, ConstraintRow, EnumRow, IndexRow, TableRow } from './rows.ts';

/** The rows of every bulk read, as readSchema collects them. */
export interface CatalogRows {
  tables: TableRow[];
  columns: ColumnRow[];
  constraints: ConstraintRow[];
  indexes: IndexRow[];
  enums: EnumRow[];
}

/** A table's constraints, grouped by kind and sorted. */
export interface TableConstraints {
  primaryKey: PrimaryKey | null;
  foreignKeys: ForeignKey[];
  uniques: UniqueConstraint[];
  checks: CheckConstraint[];
}

/** Code-unit order: the same on every machine and locale (never localeCompare). */
export const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Orders by a structural key first and the name last, so generated names only break ties. */
const byKey =
  <T extends { name: string }>(key: (item: T) => unknown[]) =>
  (a: T, b: T): number =>
    compare(JSON.stringify(key(a)), JSON.stringify(key(b))) || compare(a.name, b.name);

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value as object)) deepFreeze(inner);
  }
  return value;
};

const push = <T>(map: Map<string, T[]>, key: string, item: T): void => {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
};

const FK_ACTIONS: Readonly<Record<string, FkAction>> = Object.freeze({
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
});

/** Use to turn pg_constraint.confdeltype / confupdtype letters into the DDL spelling. */
export function fkAction(letter: string | null): FkAction {
  const action = letter === null ? undefined : FK_ACTIONS[letter];
  if (!action) throw new Error(`Unknown foreign key action letter in pg_constraint: ${JSON.stringify(letter)}`);
  return action;
}

/**
 * Use to get a check constraint's bare expression from pg_get_constraintdef(oid, true):
 * 'CHECK (price > 0::numeric) NOT VALID' -> 'price > 0::numeric'. Trailing NO INHERIT, NOT VALID and
 * (PG 18) NOT ENFORCED are dropped: the IR does not model them.
 */
export function checkExpression(definition: string): string {
  let text = definition.trim();
  for (;;) {
    const stripped = text.replace(/\s+(?:NOT VALID|NO INHERIT|NOT ENFORCED|ENFORCED)$/, '');
    if (stripped === text) break;
    text = stripped;
  }
  const match = /^CHECK\s*\(([\s\S]*)\)$/.exec(text);
  if (!match) throw new Error(`Unexpected check constraint definition from pg_get_constraintdef: ${definition}`);
  return match[1]!.trim();
}

/** Use on tables.sql rows: every user schema (sorted) and the tables without their parts. */
export function parseTables(rows: readonly TableRow[]): {
  schemas: string[];
  tables: { schema: string; name: string; comment: string | null }[];
} {
  const schemas = [...new Set(rows.map((r) => r.schema_name))].sort(compare);
  const tables = rows
    .filter((r) => r.table_name !== null)
    .map((r) => ({ schema: r.schema_name, name: r.table_name!, comment: r.comment ?? null }))
    .sort((a, b) => compare(a.schema, b.schema) || compare(a.name, b.name));
  return deepFreeze({ schemas, tables });
}

/** Use on columns.sql rows: columns per 'schema.table', each list in attnum order. */
export function parseColumns(rows: readonly ColumnRow[]): Map<string, Column[]> {
  const positioned = new Map<string, { position: number; column: Column }[]>();
  for (const r of rows) {
    const generated = r.generated_kind !== '' && r.generated_kind !== null ? r.default_expr : null;
    const identity = (r.identity ?? '') as Column['identity'];
    if (identity !== '' && identity !== 'a' && identity !== 'd') {
      throw new Error(`Unknown attidentity ${JSON.stringify(r.identity)} on ${r.schema_name}.${r.table_name}.${r.name}`);
    }
    const column: Column = {
      name: r.name,
      type: r.type,
      notNull: r.not_null,
      default: generated === null && identity === '' ? (r.default_expr ?? null) : null,
      identity,
      generated,
      generatedKind: generated === null ? '' : (r.generated_kind as Column['generatedKind']),
      collation: r.collation ?? null,
      enumType: r.enum_schema !== null && r.enum_name !== null ? { schema: r.enum_schema, name: r.enum_name } : null,
      comment: r.comment ?? null,
    };
    push(positioned, qualified(r.schema_name, r.table_name), { position: Number(r.position), column });
  }
  const result = new Map<string, Column[]>();
  for (const [key, list] of positioned) {
    result.set(key, deepFreeze(list.sort((a, b) => a.position - b.position).map((p) => p.column)));
  }
  return result;
}

/** Use on constraints.sql rows: primary key, foreign keys, uniques and checks per 'schema.table'. */
export function parseConstraints(rows: readonly ConstraintRow[]): Map<string, TableConstraints> {
  const result = new Map<string, TableConstraints>();
  for (const r of rows) {
    const key = qualified(r.schema_name, r.table_name);
    let entry = result.get(key);
    if (!entry) {
      entry = { primaryKey: null, foreignKeys: [], uniques: [], checks: [] };
      result.set(key, entry);
    }
    const columns = [...(r.columns ?? [])];
    switch (r.kind) {
      case 'p':
        entry.primaryKey = { name: r.name, columns };
        break;
      case 'f':
        entry.foreignKeys.push({
          name: r.name,
          columns,
          refSchema: r.ref_schema!,
          refTable: r.ref_table!,
          refColumns: [...(r.ref_columns ?? [])],
          onDelete: fkAction(r.on_delete),
          onUpdate: fkAction(r.on_update),
          deferrable: r.deferrable ? (r.deferred ? 'deferred' : 'immediate') : null,
        });
        break;
      case 'u':
        entry.uniques.push({ name: r.name, columns, nullsNotDistinct: r.nulls_not_distinct === true });
        break;
      case 'c':
        entry.checks.push({ name: r.name, expression: checkExpression(r.definition ?? '') });
        break;
      default:
        // 'n' (PG 18 NOT NULL), 'x' (exclusion), 't' (constraint trigger): not part of the IR.
        break;
    }
  }
  for (const entry of result.values()) {
    entry.foreignKeys.sort(byKey((fk) => [fk.columns, fk.refSchema, fk.refTable, fk.refColumns, fk.onDelete, fk.onUpdate, fk.deferrable]));
    entry.uniques.sort(byKey((u) => [u.columns, u.nullsNotDistinct]));
    entry.checks.sort(byKey((c) => [c.expression]));
    deepFreeze(entry);
  }
  return result;
}

/** Use on indexes.sql rows: the indexes per 'schema.table' that back no constraint, sorted. */
export function parseIndexes(rows: readonly IndexRow[]): Map<string, Index[]> {
  const result = new Map<string, Index[]>();
  for (const r of rows) {
    push(result, qualified(r.schema_name, r.table_name), {
      name: r.name,
      columns: [...r.columns],
      expressions: [...(r.expressions ?? r.columns.map(() => false))],
      descending: [...r.descending],
      nullsFirst: [...(r.nulls_first ?? r.descending)],
      opclasses: [...(r.opclasses ?? r.columns.map(() => null))],
      collations: [...(r.collations ?? r.columns.map(() => null))],
      include: [...(r.include ?? [])],
      unique: r.is_unique,
      nullsNotDistinct: r.nulls_not_distinct === true,
      method: r.method,
      predicate: r.predicate ?? null,
    });
  }
  for (const list of result.values()) {
    list.sort(byKey((i) => [i.columns, i.descending, i.nullsFirst, i.opclasses, i.collations, i.include, i.unique, i.nullsNotDistinct, i.method, i.predicate]));
    deepFreeze(list);
  }
  return result;
}

/** Use on enums.sql rows: enum types sorted by schema then name, labels in declaration order. */
export function parseEnums(rows: readonly EnumRow[]): EnumType[] {
  return deepFreeze(
    rows
      .map((r) => ({ schema: r.schema_name, name: r.name, labels: [...(r.labels ?? [])] }))
      .sort((a, b) => compare(a.schema, b.schema) || compare(a.name, b.name)),
  );
}

/** Use to build the whole frozen Schema from the rows of every bulk read (pure: no database). */
export function parseSchema(rows: CatalogRows): Schema {
  const { schemas, tables: shells } = parseTables(rows.tables);
  const columns = parseColumns(rows.columns);
  const constraints = parseConstraints(rows.constraints);
  const indexes = parseIndexes(rows.indexes);
  // Rows of tables that tables.sql did not list (none, as the queries share their filters) are dropped.
  const tables: Table[] = shells.map((shell) => {
    const key = qualified(shell.schema, shell.name);
    const c = constraints.get(key);
    return {
      schema: shell.schema,
      name: shell.name,
      columns: columns.get(key) ?? [],
      primaryKey: c?.primaryKey ?? null,
      foreignKeys: c?.foreignKeys ?? [],
      uniques: c?.uniques ?? [],
      checks: c?.checks ?? [],
      indexes: indexes.get(key) ?? [],
      comment: shell.comment,
    };
  });
  return deepFreeze({ tables, enums: parseEnums(rows.enums), schemas });
}

// One drizzle table (getTableConfig) as a model of the IR: columns, the composite primary key, uniques,
// indexes, foreign keys and checks. Names drizzle generates (users_email_unique, ..._fk) are left out:
// the diff matches constraints and indexes by structure, never by name; names the user wrote are kept.
import { MODEL_BRAND, type ColumnSpec, type ForeignKeySpec, type IndexKey, type IndexSpec, type Model, type ReferentialAction, type UniqueSpec } from '../../model-api/types.ts';
import { withPgNames } from '../../model-api/pg-names.ts';
import { columnName, columnSpec, type ReadContext } from './columns.ts';
import type { DrizzleIndexedColumn, DrizzleTableConfig } from './orm.ts';
import { isSql, sqlText } from './sql-text.ts';

const COLUMNS = Symbol.for('drizzle:Columns');

/** Use for each table: database column name -> the JS key it is declared under. */
export function columnKeys(ctx: ReadContext, table: unknown): Map<string, string> {
  const columns = (table as Record<symbol, Record<string, { name: string; keyAsName?: boolean }>>)[COLUMNS] ?? {};
  return new Map(Object.entries(columns).map(([key, c]) => [columnName(ctx, c), key]));
}

/** Use for each table found among a schema file's exports: its model (not frozen: the caller sets its site). */
export function tableModel(ctx: ReadContext, table: unknown): Model {
  const cfg = ctx.orm.getTableConfig(table);
  const schema = cfg.schema ?? 'public';
  const uniques: UniqueSpec[] = [];
  let columns: Record<string, ColumnSpec> = {};
  for (const c of cfg.columns) {
    const name = columnName(ctx, c);
    columns[name] = columnSpec(ctx, c);
    if (c.isUnique && c.uniqueType === 'not distinct') uniques.push({ columns: [name], nullsNotDistinct: true });
  }
  for (const pk of cfg.primaryKeys) columns = withPrimaryKey(columns, pk.columns.map((c) => columnName(ctx, c)));
  for (const u of cfg.uniqueConstraints) {
    uniques.push({ columns: u.columns.map((c) => columnName(ctx, c)), ...(u.nullsNotDistinct ? { nullsNotDistinct: true } : {}) });
  }
  const model: Model = {
    [MODEL_BRAND]: true as const,
    schema,
    table: cfg.name,
    columns,
    indexes: cfg.indexes.map((ix) => indexSpec(ctx, ix.config)),
    uniques,
    checks: cfg.checks.map((ck) => ({ name: ck.name, expression: sqlText(ctx.orm, ck.value, ctx.casing) })),
    foreignKeys: [],
  };
  for (const fk of foreignKeysOf(ctx, cfg)) attachForeignKey(model, fk);
  return withPgNames(model);
}

/** The columns with `key` as the primary key, its columns in the key's order (the diff compares that order). */
function withPrimaryKey(columns: Record<string, ColumnSpec>, key: string[]): Record<string, ColumnSpec> {
  const names = Object.keys(columns);
  const slots = names.filter((n) => key.includes(n));
  const order = [...key.filter((k) => slots.includes(k))];
  const out: Record<string, ColumnSpec> = {};
  for (const n of names) {
    const name = key.includes(n) ? order.shift()! : n;
    const spec = columns[name]!;
    out[name] = key.includes(name) ? { ...spec, primary: true, nullable: false } : spec;
  }
  return out;
}

/** An index of drizzle's index()/uniqueIndex() builder. */
function indexSpec(ctx: ReadContext, ix: DrizzleTableConfig['indexes'][number]['config']): IndexSpec {
  const keys: IndexKey[] = ix.columns.map((col) => {
    if (isSql(ctx.orm, col)) return { expression: sqlText(ctx.orm, col, ctx.casing) };
    const c = col as DrizzleIndexedColumn;
    const key: IndexKey = { column: columnName(ctx, c) };
    const order = c.indexConfig?.order ?? 'asc';
    // drizzle-kit writes a key's options as given; ASC and its NULLS LAST are the defaults (and all a gin key allows).
    if (order === 'desc') key.order = 'desc';
    const nulls = c.indexConfig?.nulls;
    if (nulls && nulls !== (order === 'desc' ? 'first' : 'last')) key.nulls = nulls;
    if (c.indexConfig?.opClass) key.opclass = c.indexConfig.opClass;
    return key;
  });
  const spec: IndexSpec = { columns: keys.map((k) => k.column ?? k.expression!), keys };
  if (ix.name) spec.name = ix.name;
  if (ix.unique) spec.unique = true;
  if (ix.method && ix.method !== 'btree') spec.using = ix.method;
  if (ix.where !== undefined) spec.where = sqlText(ctx.orm, ix.where, ctx.casing);
  return spec;
}

/** drizzle's 'set null' / 'no action' as the IR's action. */
const action = (a: string | undefined): ReferentialAction | undefined => (a ? (a.toUpperCase() as ReferentialAction) : undefined);

/** The table's foreign keys (references() on a column, foreignKey() in the extra config), targets qualified. */
function foreignKeysOf(ctx: ReadContext, cfg: DrizzleTableConfig): ForeignKeySpec[] {
  return cfg.foreignKeys.map((fk) => {
    const ref = fk.reference();
    const target = ctx.orm.getTableConfig(ref.foreignTable);
    const spec: ForeignKeySpec = {
      columns: ref.columns.map((c) => columnName(ctx, c)),
      references: { schema: target.schema ?? 'public', table: target.name, columns: ref.foreignColumns.map((c) => columnName(ctx, c)) },
    };
    const onDelete = action(fk.onDelete);
    const onUpdate = action(fk.onUpdate);
    if (onDelete && onDelete !== 'NO ACTION') spec.onDelete = onDelete;
    if (onUpdate && onUpdate !== 'NO ACTION') spec.onUpdate = onUpdate;
    return spec;
  });
}

/** A single-column key onto its column (references(), as a model writes it), a composite one into foreignKeys. */
function attachForeignKey(model: Model, fk: ForeignKeySpec): void {
  const column = fk.columns.length === 1 ? model.columns[fk.columns[0]!] : undefined;
  if (!column || column.references) return void model.foreignKeys.push(fk);
  model.columns[fk.columns[0]!] = {
    ...column,
    references: { schema: fk.references.schema, table: fk.references.table, column: fk.references.columns[0]! },
    ...(fk.onDelete ? { onDelete: fk.onDelete } : {}),
    ...(fk.onUpdate ? { onUpdate: fk.onUpdate } : {}),
  };
}

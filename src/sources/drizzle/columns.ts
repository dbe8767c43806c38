// One drizzle column (PgColumn) as a column of the model IR. The kinds Knex has a builder for map to
// that kind (so a migration hint reads table.string('email', 255)); any other type is specificType of
// drizzle's own getSQLType(), which PostgreSQL normalises on the declared side like any model's.
import type { ColumnSpec } from '../../model-api/types.ts';
import type { DrizzleColumn, DrizzleOrm } from './orm.ts';
import { isSql, sqlText } from './sql-text.ts';

/** The project's drizzle casing ('snake_case' / 'camelCase', from drizzle.config) and the loaded ORM. */
export interface ReadContext {
  orm: DrizzleOrm;
  casing: string | undefined;
}

/** Use for every column name drizzle holds: the database name, the casing applied to a key used as the name. */
export function columnName(ctx: ReadContext, column: { name: string; keyAsName?: boolean }): string {
  if (!column.keyAsName || !ctx.casing) return column.name;
  return ctx.casing === 'snake_case' ? ctx.orm.toSnakeCase(column.name) : ctx.casing === 'camelCase' ? ctx.orm.toCamelCase(column.name) : column.name;
}

/** A qualified enum name for the IR: drizzle's pgEnum without a schema lives in public, whatever the table's schema. */
const enumName = (e: { enumName: string; schema?: string }): string => `${e.schema ?? 'public'}.${e.enumName}`;

/** The IR's kind (and its facets) for a drizzle column type. */
function kindOf(c: DrizzleColumn): Pick<ColumnSpec, 'kind' | 'length' | 'precision' | 'scale' | 'useTz' | 'enumName' | 'enumValues' | 'sqlType'> {
  switch (c.columnType) {
    case 'PgSerial':
      return { kind: 'increments' };
    case 'PgBigSerial53':
    case 'PgBigSerial64':
      return { kind: 'bigIncrements' };
    case 'PgInteger':
      return { kind: 'integer' };
    case 'PgBigInt53':
    case 'PgBigInt64':
      return { kind: 'bigInteger' };
    case 'PgSmallInt':
      return { kind: 'smallint' };
    case 'PgVarchar':
      return c.length === undefined ? { kind: 'specificType', sqlType: 'varchar' } : { kind: 'string', length: c.length };
    case 'PgText':
      return { kind: 'text' };
    case 'PgBoolean':
      return { kind: 'boolean' };
    case 'PgUUID':
      return { kind: 'uuid' };
    case 'PgDate':
    case 'PgDateString':
      return { kind: 'date' };
    case 'PgTimestamp':
    case 'PgTimestampString':
      return { kind: 'timestamp', useTz: c.withTimezone === true, precision: c.precision };
    case 'PgReal':
      return { kind: 'float' };
    case 'PgDoublePrecision':
      return { kind: 'double' };
    case 'PgJson':
      return { kind: 'json' };
    case 'PgJsonb':
      return { kind: 'jsonb' };
  }
  if (c.columnType.startsWith('PgNumeric')) {
    return c.precision === undefined ? { kind: 'decimal' } : { kind: 'decimal', precision: c.precision, scale: c.scale ?? 0 };
  }
  if (c.columnType.startsWith('PgEnum') && c.enum) return { kind: 'enum', enumName: enumName(c.enum), enumValues: [...c.enum.enumValues] };
  if (c.columnType === 'PgTime' && !c.withTimezone && c.precision === undefined) return { kind: 'time' };
  return { kind: 'specificType', sqlType: sqlTypeOf(c) };
}

/** drizzle's SQL type, with an enum's schema where drizzle leaves it out (an array of a schema's enum). */
function sqlTypeOf(c: DrizzleColumn): string {
  let base = c;
  let dims = '';
  while (base.columnType === 'PgArray' && base.baseColumn) {
    dims += '[]';
    base = base.baseColumn;
  }
  if (dims && base.enum?.schema) return `"${base.enum.schema}"."${base.enum.enumName}"${dims}`;
  return c.getSQLType();
}

/** The column's server default: a JS-side one ($defaultFn, $onUpdate) is none. */
function defaultOf(ctx: ReadContext, c: DrizzleColumn): ColumnSpec['default'] {
  const d = c.default;
  if (d === undefined) return undefined;
  if (isSql(ctx.orm, d)) return { kind: 'raw', sql: sqlText(ctx.orm, d, ctx.casing) };
  if (typeof d === 'bigint') return { kind: 'value', value: String(d) };
  return { kind: 'value', value: d as string | number | boolean | null | object };
}

/** generatedAlwaysAs(sql`...` | 'text' | () => sql`...`) as SQL text. */
function generatedOf(ctx: ReadContext, c: DrizzleColumn): ColumnSpec['generated'] {
  if (!c.generated || c.generated.type === 'byDefault') return undefined;
  let as = c.generated.as;
  if (typeof as === 'function') as = (as as () => unknown)();
  return { sql: typeof as === 'string' ? as : sqlText(ctx.orm, as, ctx.casing) };
}

/** Use for each column of a table: its IR spec (the unique flag only for a plain single-column unique). */
export function columnSpec(ctx: ReadContext, c: DrizzleColumn): ColumnSpec {
  const spec: ColumnSpec = {
    ...kindOf(c),
    nullable: !c.notNull && !c.primary,
    primary: c.primary,
    unique: c.isUnique && c.uniqueType !== 'not distinct',
    index: false,
  };
  const dflt = defaultOf(ctx, c);
  if (dflt) spec.default = dflt;
  const generated = generatedOf(ctx, c);
  if (generated) spec.generated = generated;
  if (c.generatedIdentity) {
    spec.identity = c.generatedIdentity.type === 'byDefault' ? 'byDefault' : 'always';
    spec.nullable = false;
  }
  return spec;
}

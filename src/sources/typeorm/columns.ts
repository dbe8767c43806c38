// One TypeORM column (ColumnMetadata) as a column of our model IR: its type as TypeORM's Postgres
// driver renders it (normalizeType, getColumnLength, createFullType), generation (SERIAL, identity,
// uuid default), enum, array, default (normalizeDefault for SQL ones), nullability and comment.
import type { ColumnSpec, ReferentialAction } from '../../model-api/types.ts';
import type { TypeormColumn, TypeormDriver } from './typeorm-types.ts';

type Typed = Pick<ColumnSpec, 'kind' | 'length' | 'precision' | 'scale' | 'useTz' | 'sqlType' | 'enumName' | 'enumValues'>;

const SIMPLE: Record<string, ColumnSpec['kind']> = {
  integer: 'integer',
  bigint: 'bigInteger',
  smallint: 'smallint',
  text: 'text',
  boolean: 'boolean',
  uuid: 'uuid',
  date: 'date',
  json: 'json',
  jsonb: 'jsonb',
  bytea: 'binary',
  'double precision': 'double',
  real: 'float',
};

const SERIAL: Record<string, { primary?: ColumnSpec['kind']; sql: string }> = {
  integer: { primary: 'increments', sql: 'serial' },
  bigint: { primary: 'bigIncrements', sql: 'bigserial' },
  smallint: { sql: 'smallserial' },
};

/** The type of a column, as the kind of our IR that renders the same SQL type. */
function typed(col: TypeormColumn, driver: TypeormDriver, table: string): Typed {
  const type = driver.normalizeType(col);
  const length = driver.getColumnLength(col) || undefined;
  const precision = col.precision ?? undefined;
  if (type === 'enum') {
    const enumName = col.enumName ?? `${table}_${col.databaseName.toLowerCase()}_enum`;
    if (col.isArray) return { kind: 'specificType', sqlType: `"${enumName.replace(/"/g, '""')}"[]` };
    return { kind: 'enum', enumName, enumValues: (col.enum ?? []).map(String) };
  }
  const full = driver.createFullType({ type, length, precision, scale: col.scale });
  if (col.isArray) return { kind: 'specificType', sqlType: `${full}[]` };
  if (col.isGenerated && col.generationStrategy === 'increment' && SERIAL[type]) {
    const serial = SERIAL[type]!;
    return col.isPrimary && serial.primary ? { kind: serial.primary } : { kind: 'specificType', sqlType: serial.sql };
  }
  if (SIMPLE[type] && !length && precision === undefined) return { kind: SIMPLE[type]! };
  switch (type) {
    case 'character varying':
      return length ? { kind: 'string', length: Number(length) } : { kind: 'specificType', sqlType: 'varchar' };
    case 'timestamp without time zone':
    case 'timestamp with time zone':
      return { kind: 'timestamp', useTz: type === 'timestamp with time zone', precision };
    case 'numeric':
      return precision === undefined ? { kind: 'decimal' } : { kind: 'decimal', precision, scale: col.scale ?? 0 };
    default:
      return { kind: 'specificType', sqlType: full };
  }
}

/** The column's default in our IR: a plain value as a value, anything TypeORM writes as SQL (a function's result) as raw SQL. */
function defaultOf(col: TypeormColumn, driver: TypeormDriver): ColumnSpec['default'] {
  if (col.isGenerated && col.generationStrategy === 'uuid' && (col.default === undefined || col.default === null)) {
    return { kind: 'raw', sql: driver.uuidGenerator ?? 'uuid_generate_v4()' };
  }
  const v = col.default;
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { kind: 'value', value: v };
  const sql = driver.normalizeDefault(col);
  return sql === undefined ? undefined : { kind: 'raw', sql };
}

/** Use to turn one TypeORM column into a column of the IR (references are added by the caller). */
export function columnSpec(col: TypeormColumn, driver: TypeormDriver, table: string): ColumnSpec {
  const spec: ColumnSpec = {
    ...typed(col, driver, table),
    nullable: col.isNullable && !col.isPrimary,
    primary: col.isPrimary,
    unique: false,
    index: false,
  };
  for (const key of Object.keys(spec) as Array<keyof ColumnSpec>) if (spec[key] === undefined) delete spec[key];
  const def = defaultOf(col, driver);
  if (def) spec.default = def;
  if (col.isGenerated && col.generationStrategy === 'identity') spec.identity = col.generatedIdentity === 'ALWAYS' ? 'always' : 'byDefault';
  if (col.generatedType === 'STORED' && col.asExpression) spec.generated = { sql: col.asExpression };
  if (col.comment) spec.comment = col.comment;
  if (col.collation) spec.collation = col.collation;
  return spec;
}

/** TypeORM's ON DELETE / ON UPDATE as our IR's action (TypeORM writes them in upper case, as SQL does). */
export function referentialAction(action: string | undefined): ReferentialAction | undefined {
  const a = action?.toUpperCase();
  return a === 'CASCADE' || a === 'SET NULL' || a === 'SET DEFAULT' || a === 'RESTRICT' || a === 'NO ACTION' ? a : undefined;
}

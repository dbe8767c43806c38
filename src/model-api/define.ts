// The model API users write: defineModel, t (column builders) and sql (raw SQL tag). Contract section 3.
import {
  MODEL_BRAND,
  SQL_BRAND,
  type CheckSpec,
  type ColumnKind,
  type ColumnSpec,
  type Deferral,
  type ForeignKeySpec,
  type IndexKey,
  type IndexKeyInput,
  type IndexSpec,
  type Model,
  type RawSql,
  type ReferentialAction,
  type UniqueSpec,
} from './types.ts';
import { withPgNames } from './pg-names.ts';
import { captureSite } from './site.ts';

/** Tag raw SQL for defaults and expressions: defaultTo(sql`now()`). */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): RawSql {
  const text = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  return { [SQL_BRAND]: true, sql: text };
}

/** Use to tell a sql`` fragment from a plain default value. */
export const isRawSql = (v: unknown): v is RawSql =>
  typeof v === 'object' && v !== null && (v as Record<symbol, unknown>)[SQL_BRAND] === true;

/** Use to tell a defineModel() result from any other export (works across module instances). */
export const isModel = (v: unknown): v is Model =>
  typeof v === 'object' && v !== null && (v as Record<symbol, unknown>)[MODEL_BRAND] === true;

type DefaultValue = string | number | boolean | null | RawSql | Record<string, unknown> | unknown[];

/** A column declaration being built; every modifier returns a new builder (Knex's chaining, immutable). */
export class ColumnBuilder {
  /** @internal */
  readonly spec: ColumnSpec;
  constructor(spec: ColumnSpec) {
    this.spec = Object.freeze({ ...spec });
  }
  private with(patch: Partial<ColumnSpec>): ColumnBuilder {
    return new ColumnBuilder({ ...this.spec, ...patch });
  }
  /** NOT NULL */
  notNullable(): ColumnBuilder {
    return this.with({ nullable: false });
  }
  /** NULL allowed (the default) */
  nullable(): ColumnBuilder {
    return this.with({ nullable: true });
  }
  /** Part of the primary key; several columns with primary() form one composite key. */
  primary(): ColumnBuilder {
    return this.with({ primary: true, nullable: false });
  }
  /** A single-column unique constraint. */
  unique(): ColumnBuilder {
    return this.with({ unique: true });
  }
  /** A single-column index. */
  index(): ColumnBuilder {
    return this.with({ index: true });
  }
  /** Server default: a value, or sql`expression`. */
  defaultTo(value: DefaultValue): ColumnBuilder {
    if (isRawSql(value)) return this.with({ default: { kind: 'raw', sql: value.sql } });
    return this.with({ default: { kind: 'value', value: value as string | number | boolean | null | object } });
  }
  /** Foreign key: 'table.column' or 'schema.table.column'; unqualified means the model's schema. */
  references(target: string): ColumnBuilder {
    const parts = target.split('.');
    if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
      throw new TypeError(`references('${target}'): expected 'table.column' or 'schema.table.column'`);
    }
    const [schema, table, column] = parts.length === 3 ? parts : [undefined, parts[0]!, parts[1]!];
    return this.with({ references: { schema, table: table!, column: column! } });
  }
  /** ON DELETE action of the foreign key. */
  onDelete(action: ReferentialAction | Lowercase<ReferentialAction>): ColumnBuilder {
    return this.with({ onDelete: normaliseAction(action) });
  }
  /** ON UPDATE action of the foreign key. */
  onUpdate(action: ReferentialAction | Lowercase<ReferentialAction>): ColumnBuilder {
    return this.with({ onUpdate: normaliseAction(action) });
  }
  /** DEFERRABLE INITIALLY DEFERRED / IMMEDIATE, for the foreign key of references(). */
  deferrable(when: Deferral): ColumnBuilder {
    if (when !== 'deferred' && when !== 'immediate') throw new TypeError(`deferrable('${String(when)}'): use 'deferred' or 'immediate'`);
    return this.with({ deferrable: when });
  }
  /** COMMENT ON COLUMN */
  comment(text: string): ColumnBuilder {
    return this.with({ comment: text });
  }
  /** GENERATED ALWAYS AS (expression) STORED: a column computed from others. */
  generatedAlwaysAs(expression: RawSql | string): ColumnBuilder {
    const text = isRawSql(expression) ? expression.sql : expression;
    if (typeof text !== 'string' || text.trim() === '') throw new TypeError('generatedAlwaysAs(): expected sql`expression`');
    return this.with({ generated: { sql: text } });
  }
  /** GENERATED ALWAYS AS IDENTITY, or BY DEFAULT with { always: false }; implies NOT NULL. */
  identity(options: { always?: boolean } = {}): ColumnBuilder {
    return this.with({ identity: options.always === false ? 'byDefault' : 'always', nullable: false });
  }
  /** COLLATE: the column's collation, e.g. collate('C'). */
  collate(collation: string): ColumnBuilder {
    if (typeof collation !== 'string' || collation.trim() === '') throw new TypeError('collate(): expected a collation name');
    return this.with({ collation });
  }
}

function normaliseAction(action: string): ReferentialAction {
  const a = action.toUpperCase().replace(/\s+/g, ' ').trim();
  const ok = ['CASCADE', 'SET NULL', 'SET DEFAULT', 'RESTRICT', 'NO ACTION'];
  if (!ok.includes(a)) throw new TypeError(`unknown referential action '${action}': use one of ${ok.join(', ')}`);
  return a as ReferentialAction;
}

const base = (kind: ColumnKind, extra: Partial<ColumnSpec> = {}): ColumnBuilder =>
  new ColumnBuilder({ kind, nullable: true, primary: false, unique: false, index: false, ...extra });

/** Column types, named and shaped as in Knex's schema builder on PostgreSQL. */
export const t = {
  /** serial primary key */
  increments: () => base('increments', { primary: true, nullable: false }),
  /** bigserial primary key */
  bigIncrements: () => base('bigIncrements', { primary: true, nullable: false }),
  integer: () => base('integer'),
  bigInteger: () => base('bigInteger'),
  smallint: () => base('smallint'),
  /** varchar(length), length 255 by default as in Knex */
  string: (length = 255) => base('string', { length }),
  text: () => base('text'),
  boolean: () => base('boolean'),
  uuid: () => base('uuid'),
  date: () => base('date'),
  /** time (without time zone) */
  time: () => base('time'),
  /** timestamptz unless useTz: false */
  timestamp: (options: { useTz?: boolean; precision?: number } = {}) =>
    base('timestamp', { useTz: options.useTz ?? true, precision: options.precision }),
  /** numeric(precision, scale), 8,2 by default as in Knex; decimal(null) = unconstrained numeric */
  decimal: (precision: number | null = 8, scale = 2) =>
    base('decimal', precision === null ? {} : { precision, scale }),
  /** real */
  float: () => base('float'),
  /** double precision */
  double: () => base('double'),
  json: () => base('json'),
  jsonb: () => base('jsonb'),
  /** bytea */
  binary: () => base('binary'),
  /** a native Postgres enum type; typeName may be schema-qualified */
  enum: (typeName: string, values: readonly string[]) => base('enum', { enumName: typeName, enumValues: [...values] }),
  /** any other type, arrays included: specificType('text[]') */
  specificType: (sqlType: string) => base('specificType', { sqlType }),
} as const;

/** An index as a model writes it: keys are column names, sql`expressions` or key objects. */
export interface IndexInput extends Omit<IndexSpec, 'columns' | 'keys'> {
  columns: IndexKeyInput[];
}

/** What a model file writes: columns as builders. */
export interface ModelInput {
  name?: string;
  schema?: string;
  table: string;
  columns: Record<string, ColumnBuilder>;
  indexes?: IndexInput[];
  uniques?: UniqueSpec[];
  checks?: CheckSpec[];
  /** Composite foreign keys; single-column ones are written with references(). */
  foreignKeys?: ForeignKeySpec[];
  comment?: string;
}

/** Declare one table. Column keys are the database column names. */
export function defineModel(input: ModelInput): Model {
  const columns: Record<string, ColumnSpec> = {};
  for (const [name, builder] of Object.entries(input.columns ?? {})) {
    columns[name] = builder instanceof ColumnBuilder ? builder.spec : (builder as unknown as { spec: ColumnSpec }).spec;
  }
  const model: Model = {
    [MODEL_BRAND]: true as const,
    name: input.name,
    schema: input.schema ?? 'public',
    table: input.table,
    columns,
    indexes: (input.indexes ?? []).map(resolveIndex),
    uniques: input.uniques ?? [],
    checks: input.checks ?? [],
    foreignKeys: input.foreignKeys ?? [],
    comment: input.comment,
  };
  const named = typeof model.table === 'string' && typeof model.schema === 'string' ? withPgNames(model) : model;
  captureSite(named, defineModel);
  return Object.freeze(named);
}

/** An index input with its keys resolved: `columns` holds each key's column name or expression text. */
function resolveIndex(input: IndexInput): IndexSpec {
  const keys = (input.columns ?? []).map(resolveKey);
  const spec: IndexSpec = { ...input, columns: keys.map((k) => k.column ?? k.expression!), keys };
  return spec;
}

function resolveKey(input: IndexKeyInput): IndexKey {
  if (typeof input === 'string') return { column: input };
  if (isRawSql(input)) return { expression: input.sql };
  if (typeof input !== 'object' || input === null) throw new TypeError(`index key ${String(input)}: expected a column name, sql\`expression\` or { column | expression, order, nulls, opclass, collate }`);
  const { expression, ...rest } = input;
  const key: IndexKey = { ...rest };
  if (expression !== undefined) key.expression = isRawSql(expression) ? expression.sql : expression;
  if ((key.column === undefined) === (key.expression === undefined)) throw new TypeError('index key: give exactly one of column and expression');
  if (key.order !== undefined && key.order !== 'asc' && key.order !== 'desc') throw new TypeError(`index key order '${String(key.order)}': use 'asc' or 'desc'`);
  if (key.nulls !== undefined && key.nulls !== 'first' && key.nulls !== 'last') throw new TypeError(`index key nulls '${String(key.nulls)}': use 'first' or 'last'`);
  return key;
}

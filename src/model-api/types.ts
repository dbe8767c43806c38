// The model IR: what defineModel() returns once the column builders are resolved. Pure data.

export const MODEL_BRAND = Symbol.for('pre-commit-check.model');
export const SQL_BRAND = Symbol.for('pre-commit-check.sql');

/** A raw SQL fragment, made with the sql`...` tag; used for defaults such as sql`now()`. */
export interface RawSql {
  readonly [SQL_BRAND]: true;
  readonly sql: string;
}

export type ReferentialAction = 'CASCADE' | 'SET NULL' | 'SET DEFAULT' | 'RESTRICT' | 'NO ACTION';

/** The column kinds of the model API, named after Knex's schema builder methods. */
export type ColumnKind =
  | 'increments'
  | 'bigIncrements'
  | 'integer'
  | 'bigInteger'
  | 'smallint'
  | 'string'
  | 'text'
  | 'boolean'
  | 'uuid'
  | 'date'
  | 'time'
  | 'timestamp'
  | 'decimal'
  | 'float'
  | 'double'
  | 'json'
  | 'jsonb'
  | 'binary'
  | 'enum'
  | 'specificType';

/** A resolved column declaration. */
export interface ColumnSpec {
  kind: ColumnKind;
  /** string(length) */
  length?: number;
  /** decimal(precision, scale), timestamp({ precision }) */
  precision?: number;
  scale?: number;
  /** timestamp / time: true = with time zone */
  useTz?: boolean;
  /** enum(typeName, values): typeName may be 'schema.name' */
  enumName?: string;
  enumValues?: string[];
  /** specificType(sqlType) */
  sqlType?: string;
  nullable: boolean;
  primary: boolean;
  unique: boolean;
  index: boolean;
  /** undefined = no default; a JS value, or raw SQL */
  default?: { kind: 'value'; value: string | number | boolean | null | object } | { kind: 'raw'; sql: string };
  /** references('table.column' | 'schema.table.column'), resolved: schema undefined = the model's schema */
  references?: { schema?: string; table: string; column: string };
  onDelete?: ReferentialAction;
  onUpdate?: ReferentialAction;
  /** deferrable('deferred' | 'immediate') on the foreign key of references(). */
  deferrable?: Deferral;
  comment?: string;
  /** generatedAlwaysAs(sql`...`): a STORED generated column with this expression. */
  generated?: { sql: string };
  /** identity({ always }): GENERATED ALWAYS / BY DEFAULT AS IDENTITY. */
  identity?: 'always' | 'byDefault';
  /** collate('C'): the column's collation ('schema.name' allowed). */
  collation?: string;
}

/** When a deferrable constraint is checked by default. */
export type Deferral = 'deferred' | 'immediate';

/** One key of an index, as written in a model: a column or an SQL expression, with its options. */
export interface IndexKey {
  /** A column name (exactly one of column and expression). */
  column?: string;
  /** An SQL expression, e.g. lower(email). */
  expression?: string;
  order?: 'asc' | 'desc';
  nulls?: 'first' | 'last';
  /** An operator class, e.g. text_pattern_ops, gin_trgm_ops. */
  opclass?: string;
  /** A collation, e.g. C. */
  collate?: string;
}

/** What a model may write as an index key: a column name, sql`expression`, or a key object. */
export type IndexKeyInput = string | RawSql | (Omit<IndexKey, 'expression'> & { expression?: string | RawSql });

export interface IndexSpec {
  /** Per key: the column name, or the expression's SQL text. */
  columns: string[];
  /** The keys with their options, resolved by defineModel (same length as columns). */
  keys?: IndexKey[];
  unique?: boolean;
  where?: string;
  name?: string;
  /** btree (default), gin, gist, hash, brin, or an extension's method */
  using?: string;
  /** INCLUDE (non-key) columns. */
  include?: string[];
  /** UNIQUE NULLS NOT DISTINCT (unique indexes, PostgreSQL 15+). */
  nullsNotDistinct?: boolean;
}

export interface UniqueSpec {
  columns: string[];
  name?: string;
  /** UNIQUE NULLS NOT DISTINCT (PostgreSQL 15+). */
  nullsNotDistinct?: boolean;
}

export interface CheckSpec {
  name?: string;
  expression: string;
}

/** A multi-column foreign key (single-column ones use the column's references()). */
export interface ForeignKeySpec {
  columns: string[];
  references: { schema?: string; table: string; columns: string[] };
  onDelete?: ReferentialAction;
  onUpdate?: ReferentialAction;
  deferrable?: Deferral;
  name?: string;
}

/** What defineModel() returns. */
export interface Model {
  readonly [MODEL_BRAND]: true;
  /** Optional: the loader falls back to the export's name. */
  name?: string;
  schema: string;
  table: string;
  columns: Record<string, ColumnSpec>;
  indexes: IndexSpec[];
  uniques: UniqueSpec[];
  checks: CheckSpec[];
  foreignKeys: ForeignKeySpec[];
  comment?: string;
  /** Names the model gave that PostgreSQL cuts to 63 bytes (the model holds them cut, as PostgreSQL does). */
  longNames?: string[];
}

/** A model together with where it came from: what the loader hands to the rest of the pipeline. */
export interface LoadedModel {
  name: string;
  /** Relative to the project root, forward slashes. */
  file: string;
  exportName: string;
  model: Model;
  /** The source of `from` it was read from (src/sources/); absent for defineModel models. */
  source?: 'drizzle' | 'typeorm' | 'knexTypes' | 'objection';
}

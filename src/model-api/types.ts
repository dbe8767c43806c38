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
  comment?: string;
}

export interface IndexSpec {
  columns: string[];
  unique?: boolean;
  where?: string;
  name?: string;
  /** btree (default), gin, gist, hash, brin */
  using?: string;
}

export interface UniqueSpec {
  columns: string[];
  name?: string;
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
}

/** A model together with where it came from: what the loader hands to the rest of the pipeline. */
export interface LoadedModel {
  name: string;
  /** Relative to the project root, forward slashes. */
  file: string;
  exportName: string;
  model: Model;
}

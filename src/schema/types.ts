// The Schema IR: one value per database, produced by the catalog reader from either scratch database
// ("migrated" from the project's migrations, "declared" from the models' DDL) and compared by the diff.
// Everything here is plain, sorted, JSON-serialisable data: no oids, no generated names used for matching.

/** Referential action as Postgres spells it in DDL. */
export type FkAction = 'NO ACTION' | 'RESTRICT' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT';

/** A column as read from pg_attribute/pg_attrdef; `type` is format_type() output with search_path = ''. */
export interface Column {
  name: string;
  /** e.g. 'character varying(255)', 'timestamp with time zone', 'integer[]', 'core.booking_status' */
  type: string;
  notNull: boolean;
  /** pg_get_expr of the default, or null; for identity columns null (see `identity`). */
  default: string | null;
  /** 'a' (ALWAYS), 'd' (BY DEFAULT) for identity columns, else ''. */
  identity: '' | 'a' | 'd';
  /** A generated column's expression (pg_get_expr), else null. */
  generated: string | null;
  /** 's' STORED, 'v' VIRTUAL (PG 18) for a generated column, else ''. */
  generatedKind: '' | 's' | 'v';
  /** The column's collation when it is not its type's default ('C', 'public.my_coll'), else null. */
  collation: string | null;
  /** Set when the column's type (or its array element type) is an enum. */
  enumType: { schema: string; name: string } | null;
  comment: string | null;
  /**
   * The default is a timestamp constant the database froze while this tool's run built it (Knex's
   * defaultTo('now') is evaluated when the table is created): an instant no model can repeat.
   */
  frozenNow?: true;
}

/** Primary key (contype 'p'). */
export interface PrimaryKey {
  name: string;
  columns: string[];
}

/** Foreign key (contype 'f'), columns in constraint order. */
export interface ForeignKey {
  name: string;
  columns: string[];
  refSchema: string;
  refTable: string;
  refColumns: string[];
  onDelete: FkAction;
  onUpdate: FkAction;
  /** DEFERRABLE INITIALLY IMMEDIATE / DEFERRED, or null when not deferrable. */
  deferrable: Deferrable;
}

/** How a constraint may be deferred: null = NOT DEFERRABLE. */
export type Deferrable = 'immediate' | 'deferred' | null;

/** Unique constraint (contype 'u'). Its backing index is NOT repeated in `indexes`. */
export interface UniqueConstraint {
  name: string;
  columns: string[];
  /** UNIQUE NULLS NOT DISTINCT (PG 15+). */
  nullsNotDistinct: boolean;
}

/** Check constraint (contype 'c'); `expression` is pg_get_constraintdef without the leading CHECK. */
export interface CheckConstraint {
  name: string;
  expression: string;
}

/** An index that does not back a primary key or unique constraint. */
export interface Index {
  name: string;
  /** Column names, or the expression text for expression keys. */
  columns: string[];
  /** Per key: true when the key is an expression (its text is in `columns`). */
  expressions: boolean[];
  /** Per key: true when DESC. */
  descending: boolean[];
  /** Per key: true when NULLS FIRST (Postgres's default for DESC keys, so it is set for them too). */
  nullsFirst: boolean[];
  /** Per key: the operator class when it is not the key type's default (text_pattern_ops), else null. */
  opclasses: (string | null)[];
  /** Per key: the collation when it is not the key's own, else null. */
  collations: (string | null)[];
  /** INCLUDE (non-key) columns, in order. */
  include: string[];
  unique: boolean;
  /** UNIQUE NULLS NOT DISTINCT (PG 15+). */
  nullsNotDistinct: boolean;
  /** Access method: btree, gin, gist, hash, brin, ... */
  method: string;
  /** WHERE predicate (pg_get_expr of indpred), or null. */
  predicate: string | null;
}

export interface Table {
  schema: string;
  name: string;
  columns: Column[];
  primaryKey: PrimaryKey | null;
  foreignKeys: ForeignKey[];
  uniques: UniqueConstraint[];
  checks: CheckConstraint[];
  indexes: Index[];
  comment: string | null;
}

export interface EnumType {
  schema: string;
  name: string;
  labels: string[];
}

/** A whole database, user schemas only (pg_catalog, information_schema, pg_toast excluded). */
export interface Schema {
  /** Sorted by schema then name. */
  tables: Table[];
  /** Sorted by schema then name. */
  enums: EnumType[];
  /** Every user schema (namespace) present, sorted. */
  schemas: string[];
}

/** Use to key tables and enums: 'schema.name'. */
export const qualified = (schema: string, name: string): string => `${schema}.${name}`;

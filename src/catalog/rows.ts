// The raw row shapes the catalog queries return (column aliases of the .sql files), before parsing.

/** A row of tables.sql: table_name null for the row that lists the namespace itself. */
export interface TableRow {
  schema_name: string;
  table_name: string | null;
  comment: string | null;
}

/** A row of columns.sql. */
export interface ColumnRow {
  schema_name: string;
  table_name: string;
  position: number;
  name: string;
  type: string;
  not_null: boolean;
  /** attidentity: '', 'a' or 'd'. */
  identity: string;
  /** attgenerated: '' or 's' (PG 18 also 'v', virtual). */
  generated_kind: string;
  /** pg_get_expr of pg_attrdef: the default, or the generation expression. */
  default_expr: string | null;
  enum_schema: string | null;
  enum_name: string | null;
  comment: string | null;
  /** The column's collation when not its type's default ('C', 'public.my_coll'), else null. */
  collation: string | null;
}

/** A row of constraints.sql; ref_* and on_* only mean something for foreign keys. */
export interface ConstraintRow {
  schema_name: string;
  table_name: string;
  name: string;
  /** contype: 'p', 'f', 'u' or 'c'. */
  kind: string;
  columns: string[] | null;
  ref_schema: string | null;
  ref_table: string | null;
  ref_columns: string[] | null;
  /** confdeltype / confupdtype letter: 'a', 'r', 'c', 'n', 'd' (' ' for non-FKs). */
  on_delete: string | null;
  on_update: string | null;
  /** pg_get_constraintdef(oid, true), for check constraints only. */
  definition: string | null;
  deferrable: boolean;
  deferred: boolean;
  /** UNIQUE NULLS NOT DISTINCT (unique constraints, PG 15+). */
  nulls_not_distinct: boolean;
}

/** A row of indexes.sql. */
export interface IndexRow {
  schema_name: string;
  table_name: string;
  name: string;
  columns: string[];
  /** Per key: true for an expression key (indkey 0). */
  expressions: boolean[];
  descending: boolean[];
  nulls_first: boolean[];
  /** Per key: the operator class when not the default, else null. */
  opclasses: (string | null)[];
  /** Per key: the collation when not the key's own, else null. */
  collations: (string | null)[];
  include: string[];
  is_unique: boolean;
  nulls_not_distinct: boolean;
  method: string;
  predicate: string | null;
}

/** A row of enums.sql; labels null when the enum has none. */
export interface EnumRow {
  schema_name: string;
  name: string;
  labels: string[] | null;
}

-- Every user column of every user table: one row per column, in attnum order.
-- $1: text[] of schema names to restrict to, or NULL for every user schema.
-- Runs with search_path = pg_catalog, so format_type() and pg_get_expr() schema-qualify every
-- user type and object (core.booking_status, nextval('public.users_id_seq'::regclass)).
WITH user_tables AS (
  SELECT c.oid, n.nspname, c.relname
  FROM pg_catalog.pg_class c
  -- pg_namespace: the table's schema, for the schema filters
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') -- ordinary and partitioned tables
    AND NOT c.relispartition    -- partitions repeat their parent: left out
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    AND ($1::text[] IS NULL OR n.nspname = ANY ($1::text[]))
    AND NOT EXISTS (
      -- pg_depend deptype 'e': the namespace was created by an extension
      SELECT 1 FROM pg_catalog.pg_depend d
      WHERE d.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass
        AND d.objid = n.oid AND d.deptype = 'e'
    )
    AND NOT EXISTS (
      -- pg_depend deptype 'e': the table belongs to an extension
      SELECT 1 FROM pg_catalog.pg_depend d
      WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
        AND d.objid = c.oid AND d.deptype = 'e'
    )
)
SELECT ut.nspname::text AS schema_name,
       ut.relname::text AS table_name,
       a.attnum AS position,
       a.attname::text AS name,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null,
       a.attidentity::text AS identity,
       a.attgenerated::text AS generated_kind,
       pg_catalog.pg_get_expr(ad.adbin, ad.adrelid, true) AS default_expr,
       -- the enum behind the column: its own type, or the element type of an enum array
       CASE WHEN t.typtype = 'e' THEN tn.nspname
            WHEN et.typtype = 'e' THEN etn.nspname END::text AS enum_schema,
       CASE WHEN t.typtype = 'e' THEN t.typname
            WHEN et.typtype = 'e' THEN et.typname END::text AS enum_name,
       ds.description AS comment
FROM user_tables ut
-- pg_attribute: the table's columns
JOIN pg_catalog.pg_attribute a ON a.attrelid = ut.oid
-- pg_type: the column's type
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
-- pg_namespace: the column type's schema (for enum columns)
JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
-- pg_type: the element type when the column's type is an array (the element's typarray points back)
LEFT JOIN pg_catalog.pg_type et ON et.oid = t.typelem AND et.typarray = t.oid
-- pg_namespace: the element type's schema
LEFT JOIN pg_catalog.pg_namespace etn ON etn.oid = et.typnamespace
-- pg_attrdef: the column's default, or its generation expression for a generated column
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
-- pg_description: the column's comment (what col_description() reads, as a join: faster in bulk)
LEFT JOIN pg_catalog.pg_description ds
  ON ds.objoid = a.attrelid AND ds.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass
  AND ds.objsubid = a.attnum
WHERE a.attnum > 0       -- system columns have negative numbers
  AND NOT a.attisdropped -- dropped columns linger in pg_attribute
ORDER BY ut.nspname, ut.relname, a.attnum

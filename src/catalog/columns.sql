-- Every user column of every user table: one row per column, in attnum order.
-- Starts from user_tables (scope.sql, prepended by queries.ts).
-- Runs with search_path = pg_catalog, so format_type() and pg_get_expr() schema-qualify every
-- user type and object (core.booking_status, nextval('public.users_id_seq'::regclass)).
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
       ds.description AS comment,
       -- the column's collation when it is not its type's default (COLLATE "C" on a text column),
       -- schema-qualified unless it lives in pg_catalog
       CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN
         CASE WHEN cn.nspname = 'pg_catalog' THEN co.collname::text
              ELSE cn.nspname::text || '.' || co.collname::text END
       END AS collation
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
-- pg_collation: the column's collation (for COLLATE), and its schema
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
WHERE a.attnum > 0       -- system columns have negative numbers
  AND NOT a.attisdropped -- dropped columns linger in pg_attribute
ORDER BY ut.nspname, ut.relname, a.attnum

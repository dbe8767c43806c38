-- Namespaces and their tables: one row per user table, plus one row with table_name NULL for
-- every user namespace (so namespaces without tables are listed too).
-- Starts from user_namespaces and user_tables (scope.sql, prepended by queries.ts).
SELECT un.nspname::text AS schema_name,
       NULL::text AS table_name,
       NULL::text AS comment
FROM user_namespaces un
UNION ALL
SELECT ut.nspname::text AS schema_name,
       ut.relname::text AS table_name,
       ds.description AS comment
FROM user_tables ut
-- pg_description: the table's comment (what obj_description() reads, as a join)
LEFT JOIN pg_catalog.pg_description ds
  ON ds.objoid = ut.oid AND ds.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND ds.objsubid = 0

-- Namespaces and their tables: one row per user table, plus one row with table_name NULL for
-- every user namespace (so namespaces without tables are listed too).
-- $1: text[] of schema names to restrict to, or NULL for every user schema.
-- The same namespace and table filters open columns.sql, constraints.sql and indexes.sql.
WITH user_namespaces AS (
  SELECT n.oid, n.nspname
  FROM pg_catalog.pg_namespace n
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    AND ($1::text[] IS NULL OR n.nspname = ANY ($1::text[]))
    AND NOT EXISTS (
      -- pg_depend deptype 'e': the namespace was created by an extension
      SELECT 1 FROM pg_catalog.pg_depend d
      WHERE d.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass
        AND d.objid = n.oid AND d.deptype = 'e'
    )
)
SELECT un.nspname::text AS schema_name,
       NULL::text AS table_name,
       NULL::text AS comment
FROM user_namespaces un
UNION ALL
SELECT un.nspname::text AS schema_name,
       c.relname::text AS table_name,
       ds.description AS comment
FROM user_namespaces un
-- pg_class: the namespace's tables
JOIN pg_catalog.pg_class c ON c.relnamespace = un.oid
-- pg_description: the table's comment (what obj_description() reads, as a join)
LEFT JOIN pg_catalog.pg_description ds
  ON ds.objoid = c.oid AND ds.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND ds.objsubid = 0
WHERE c.relkind IN ('r', 'p') -- ordinary and partitioned tables
  AND NOT c.relispartition    -- partitions repeat their parent (and models declare the parent): left out
  AND NOT EXISTS (
    -- pg_depend deptype 'e': the table belongs to an extension
    SELECT 1 FROM pg_catalog.pg_depend d
    WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
      AND d.objid = c.oid AND d.deptype = 'e'
  )

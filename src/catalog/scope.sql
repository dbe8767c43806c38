-- The scope every bulk read works in, prepended by queries.ts to tables.sql, columns.sql,
-- constraints.sql, indexes.sql and enums.sql (as the CTEs they start from):
-- user_namespaces: every schema that is not the system's or an extension's;
-- user_tables: the ordinary and partitioned tables in them that no extension owns.
-- $1: text[] of schema names to restrict to, or NULL for every user schema.
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
),
user_tables AS (
  SELECT c.oid, un.nspname, c.relname
  FROM user_namespaces un
  -- pg_class: the namespace's relations
  JOIN pg_catalog.pg_class c ON c.relnamespace = un.oid
  WHERE c.relkind IN ('r', 'p') -- ordinary and partitioned tables
    AND NOT c.relispartition    -- partitions repeat their parent (and models declare the parent): left out
    AND NOT EXISTS (
      -- pg_depend deptype 'e': the table belongs to an extension
      SELECT 1 FROM pg_catalog.pg_depend d
      WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
        AND d.objid = c.oid AND d.deptype = 'e'
    )
)

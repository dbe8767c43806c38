-- Every index of every user table that does not back a primary key, unique or exclusion
-- constraint, one row per index. Only key columns are listed (INCLUDE columns are not keys).
-- $1: text[] of schema names to restrict to, or NULL for every user schema.
-- Runs with search_path = pg_catalog, so expressions and predicates schema-qualify user objects.
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
       ic.relname::text AS name,
       keys.columns,
       keys.descending,
       i.indisunique AS is_unique,
       am.amname::text AS method,
       pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) AS predicate
FROM user_tables ut
-- pg_index: the table's indexes
JOIN pg_catalog.pg_index i ON i.indrelid = ut.oid
-- pg_class: the index itself (its name, its access method)
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
-- pg_am: the index's access method (btree, gin, ...)
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
-- the key columns 1..indnkeyatts: the column name for a plain key (indkey[k-1] <> 0), the
-- expression text for an expression key (indkey[k-1] = 0); DESC is bit 1 of indoption[k-1]
-- (int2vector subscripts start at 0)
JOIN LATERAL (
  SELECT pg_catalog.array_agg(
           CASE WHEN i.indkey[k.k - 1] = 0
                THEN pg_catalog.pg_get_indexdef(i.indexrelid, k.k, true)
                ELSE a.attname::text END
           ORDER BY k.k) AS columns,
         pg_catalog.array_agg((i.indoption[k.k - 1] & 1) = 1 ORDER BY k.k) AS descending
  FROM pg_catalog.generate_series(1, i.indnkeyatts::int) AS k(k)
  -- pg_attribute: the name of a plain key column (no row for expression keys)
  LEFT JOIN pg_catalog.pg_attribute a
    ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.k - 1] AND i.indkey[k.k - 1] <> 0
) keys ON true
WHERE NOT EXISTS (
    -- pg_constraint.conindid: the index backs this table's primary key, unique or exclusion
    -- constraint (foreign keys also point conindid at the referenced table's index: not those)
    SELECT 1 FROM pg_catalog.pg_constraint con
    WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid
      AND con.contype IN ('p', 'u', 'x')
  )
ORDER BY ut.nspname, ut.relname, ic.relname

-- Every index of every user table that does not back a primary key, unique or exclusion
-- constraint, one row per index. Only key columns are listed (INCLUDE columns are not keys).
-- Starts from user_tables (scope.sql, prepended by queries.ts).
-- Runs with search_path = pg_catalog, so expressions and predicates schema-qualify user objects.
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

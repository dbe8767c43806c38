-- Every index of every user table that does not back a primary key, unique or exclusion
-- constraint, one row per index, with every part that makes two indexes different: the keys (a
-- column name, or the expression text), per key its order, NULLS placement, operator class and
-- collation when not the default, the INCLUDE columns, uniqueness, NULLS NOT DISTINCT, the
-- access method and the predicate.
-- Starts from user_tables (scope.sql, prepended by queries.ts).
-- Runs with search_path = pg_catalog, so expressions and predicates schema-qualify user objects.
SELECT ut.nspname::text AS schema_name,
       ut.relname::text AS table_name,
       ic.relname::text AS name,
       keys.columns,
       keys.expressions,
       keys.descending,
       keys.nulls_first,
       keys.opclasses,
       keys.collations,
       COALESCE(incl.columns, '{}') AS include,
       i.indisunique AS is_unique,
       -- NULLS NOT DISTINCT (PG 15+), through to_jsonb so that PG 13-14 (no such column) read false
       COALESCE((pg_catalog.to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false) AS nulls_not_distinct,
       am.amname::text AS method,
       pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) AS predicate
FROM user_tables ut
-- pg_index: the table's indexes
JOIN pg_catalog.pg_index i ON i.indrelid = ut.oid
-- pg_class: the index itself (its name, its access method)
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
-- pg_am: the index's access method (btree, gin, ...)
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
-- the key columns 1..indnkeyatts (int2vector/oidvector subscripts start at 0):
--  - the column name for a plain key (indkey[k-1] <> 0), the expression text for an expression key;
--  - DESC is bit 1 and NULLS FIRST bit 2 of indoption[k-1] (Postgres sets NULLS FIRST itself for a
--    DESC key without a NULLS clause, so equal indexes have equal bits however they were written);
--  - the operator class indclass[k-1], named only when it is not its type's default (an explicit
--    default opclass is the same index as an implicit one);
--  - the collation indcollation[k-1], named only when it is not the key's own: the column's
--    collation for a plain key, the key type's default collation for an expression.
JOIN LATERAL (
  SELECT pg_catalog.array_agg(
           CASE WHEN i.indkey[k.k - 1] = 0
                THEN pg_catalog.pg_get_indexdef(i.indexrelid, k.k, true)
                ELSE a.attname::text END
           ORDER BY k.k) AS columns,
         pg_catalog.array_agg(i.indkey[k.k - 1] = 0 ORDER BY k.k) AS expressions,
         pg_catalog.array_agg((i.indoption[k.k - 1] & 1) = 1 ORDER BY k.k) AS descending,
         pg_catalog.array_agg((i.indoption[k.k - 1] & 2) = 2 ORDER BY k.k) AS nulls_first,
         pg_catalog.array_agg(CASE WHEN opc.opcdefault THEN NULL ELSE opc.opcname::text END ORDER BY k.k) AS opclasses,
         pg_catalog.array_agg(
           CASE WHEN i.indcollation[k.k - 1] = 0 THEN NULL
                WHEN i.indkey[k.k - 1] <> 0 AND i.indcollation[k.k - 1] = a.attcollation THEN NULL
                WHEN i.indkey[k.k - 1] = 0 AND i.indcollation[k.k - 1] =
                     (SELECT kt.typcollation FROM pg_catalog.pg_type kt WHERE kt.oid = ia.atttypid) THEN NULL
                WHEN cn.nspname = 'pg_catalog' THEN co.collname::text
                ELSE cn.nspname::text || '.' || co.collname::text END
           ORDER BY k.k) AS collations
  FROM pg_catalog.generate_series(1, i.indnkeyatts::int) AS k(k)
  -- pg_attribute: the table column of a plain key (no row for expression keys)
  LEFT JOIN pg_catalog.pg_attribute a
    ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.k - 1] AND i.indkey[k.k - 1] <> 0
  -- pg_attribute of the index itself: the key's type (an expression key's result type), whose
  -- default collation is looked up above by oid: as a join, PostgreSQL hashed all of pg_type once
  -- per index (it expects generate_series to return 1,000 rows), half of this query's time
  LEFT JOIN pg_catalog.pg_attribute ia ON ia.attrelid = i.indexrelid AND ia.attnum = k.k
  -- pg_opclass: the key's operator class
  LEFT JOIN pg_catalog.pg_opclass opc ON opc.oid = i.indclass[k.k - 1]
  -- pg_collation and its namespace: the key's collation
  LEFT JOIN pg_catalog.pg_collation co ON co.oid = i.indcollation[k.k - 1]
  LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
) keys ON true
-- the INCLUDE columns indnkeyatts+1..indnatts (never expressions)
LEFT JOIN LATERAL (
  SELECT pg_catalog.array_agg(a.attname::text ORDER BY k.k) AS columns
  FROM pg_catalog.generate_series(i.indnkeyatts::int + 1, i.indnatts::int) AS k(k)
  JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.k - 1]
) incl ON true
WHERE NOT EXISTS (
    -- pg_constraint.conindid: the index backs this table's primary key, unique or exclusion
    -- constraint (foreign keys also point conindid at the referenced table's index: not those)
    SELECT 1 FROM pg_catalog.pg_constraint con
    WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid
      AND con.contype IN ('p', 'u', 'x')
  )
ORDER BY ut.nspname, ut.relname, ic.relname

-- Primary keys ('p'), foreign keys ('f'), unique ('u') and check ('c') constraints of every user
-- table, one row per constraint. PG 18's NOT NULL rows ('n') and exclusion constraints ('x') are
-- not read. Columns come in constraint key order (conkey / confkey order, not attnum order).
-- Starts from user_tables (scope.sql, prepended by queries.ts).
-- Runs with search_path = pg_catalog, so pg_get_constraintdef() schema-qualifies user objects.
SELECT ut.nspname::text AS schema_name,
       ut.relname::text AS table_name,
       con.conname::text AS name,
       con.contype::text AS kind,
       cols.names AS columns,
       rn.nspname::text AS ref_schema,
       rc.relname::text AS ref_table,
       refcols.names AS ref_columns,
       con.confdeltype::text AS on_delete,
       con.confupdtype::text AS on_update,
       CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_constraintdef(con.oid, true) END AS definition,
       con.condeferrable AS deferrable,
       con.condeferred AS deferred,
       -- UNIQUE NULLS NOT DISTINCT (PG 15+): read through to_jsonb so the query also runs on PG 13-14,
       -- where pg_index has no such column (the value is then NULL, i.e. false)
       COALESCE((pg_catalog.to_jsonb(ci) ->> 'indnullsnotdistinct')::boolean, false) AS nulls_not_distinct
FROM user_tables ut
-- pg_constraint: the table's constraints
JOIN pg_catalog.pg_constraint con ON con.conrelid = ut.oid
-- pg_class: the referenced table of a foreign key (no row for other kinds)
LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
-- pg_namespace: the referenced table's schema
LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
-- pg_attribute via unnest(conkey) WITH ORDINALITY: the constrained columns' names, in key order
LEFT JOIN LATERAL (
  SELECT pg_catalog.array_agg(a.attname::text ORDER BY k.ord) AS names
  FROM pg_catalog.unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
  JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
) cols ON true
-- pg_attribute via unnest(confkey) WITH ORDINALITY: the referenced columns' names, in key order
LEFT JOIN LATERAL (
  SELECT pg_catalog.array_agg(a.attname::text ORDER BY k.ord) AS names
  FROM pg_catalog.unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
  JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
) refcols ON true
-- pg_index: the index behind a unique constraint (for NULLS NOT DISTINCT)
LEFT JOIN pg_catalog.pg_index ci ON con.contype = 'u' AND ci.indexrelid = con.conindid
WHERE con.contype IN ('p', 'f', 'u', 'c')
  -- conparentid <> 0: a clone made for a partition (a foreign key to a partitioned table gets one
  -- extra row per referenced partition); the parent row already says it all
  AND con.conparentid = 0
ORDER BY ut.nspname, ut.relname, con.conname

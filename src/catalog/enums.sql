-- Every user enum type with its labels in declaration order (enumsortorder), one row per type.
-- Starts from user_namespaces (scope.sql, prepended by queries.ts).
SELECT n.nspname::text AS schema_name,
       t.typname::text AS name,
       labels.labels
FROM user_namespaces n
-- pg_type: the namespace's types
JOIN pg_catalog.pg_type t ON t.typnamespace = n.oid
-- pg_enum: the labels, ordered by enumsortorder (labels added with ADD VALUE BEFORE/AFTER get
-- fractional sort orders, so oid order is not declaration order); an enum may have no labels
LEFT JOIN LATERAL (
  SELECT pg_catalog.array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
  FROM pg_catalog.pg_enum e
  WHERE e.enumtypid = t.oid
) labels ON true
WHERE t.typtype = 'e'
  AND NOT EXISTS (
    -- pg_depend deptype 'e': the type belongs to an extension
    SELECT 1 FROM pg_catalog.pg_depend d
    WHERE d.classid = 'pg_catalog.pg_type'::pg_catalog.regclass
      AND d.objid = t.oid AND d.deptype = 'e'
  )
ORDER BY n.nspname, t.typname

-- Every user enum type with its labels in declaration order (enumsortorder), one row per type.
-- $1: text[] of schema names to restrict to, or NULL for every user schema.
SELECT n.nspname::text AS schema_name,
       t.typname::text AS name,
       labels.labels
FROM pg_catalog.pg_type t
-- pg_namespace: the type's schema
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
-- pg_enum: the labels, ordered by enumsortorder (labels added with ADD VALUE BEFORE/AFTER get
-- fractional sort orders, so oid order is not declaration order); an enum may have no labels
LEFT JOIN LATERAL (
  SELECT pg_catalog.array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
  FROM pg_catalog.pg_enum e
  WHERE e.enumtypid = t.oid
) labels ON true
WHERE t.typtype = 'e'
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
    -- pg_depend deptype 'e': the type belongs to an extension
    SELECT 1 FROM pg_catalog.pg_depend d
    WHERE d.classid = 'pg_catalog.pg_type'::pg_catalog.regclass
      AND d.objid = t.oid AND d.deptype = 'e'
  )
ORDER BY n.nspname, t.typname

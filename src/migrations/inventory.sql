-- Every user object that a migration can create, one row each, in ONE query: the round trip takes
-- an inventory after each step and compares them to find what a down() left behind or changed.
-- kind | name (schema-qualified) | detail (what must be equal after down + up) | owner
-- owner: the oid of the table a column, constraint, trigger or index belongs to (0 for the rest).
-- $1: the tables (oids) whose own rows to list, or NULL for all (inventory-stamps.sql says which
-- tables changed since the last inventory; the rows of the others are the same as then).
-- The first branch sets the column types of the whole UNION: text, never `name`, which would cut
-- every schema-qualified name at 63 bytes (and make long-named tables' objects collide).
SELECT 'schema'::text AS kind, n.nspname::text AS name, ''::text AS detail, 0::bigint AS owner
FROM pg_namespace n
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'public') AND n.nspname NOT LIKE 'pg\_%'
UNION ALL
-- relations: tables, views, sequences, indexes, materialized views, partitioned tables
SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
         WHEN 'S' THEN 'sequence' WHEN 'i' THEN 'index' WHEN 'I' THEN 'index' WHEN 'f' THEN 'foreign table' ELSE c.relkind::text END,
       n.nspname || '.' || c.relname,
       CASE WHEN c.relkind IN ('i', 'I') THEN pg_get_indexdef(c.oid) ELSE '' END,
       COALESCE(t.oid, 0)::bigint
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace -- schema of the relation
LEFT JOIN pg_index x ON x.indexrelid = c.oid -- an index: what it indexes
LEFT JOIN pg_class t ON t.oid = x.indrelid AND t.relkind IN ('r', 'p') -- ... when that is a table
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'i', 'I', 'f')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
  AND ($1::oid[] IS NULL OR t.oid IS NULL OR t.oid = ANY ($1::oid[]))
UNION ALL
-- columns with their type, nullability and default
SELECT 'column', n.nspname || '.' || c.relname || '.' || a.attname,
       format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
         || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), ''),
       c.oid::bigint
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid -- the table owning the column
JOIN pg_namespace n ON n.oid = c.relnamespace -- its schema
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum -- the column default, if any
WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
  AND ($1::oid[] IS NULL OR c.oid = ANY ($1::oid[]))
UNION ALL
-- constraints (NOT NULL rows of PG 18 excluded: nullability is on the column row)
SELECT 'constraint', n.nspname || '.' || c.relname || '.' || k.conname, pg_get_constraintdef(k.oid),
       CASE WHEN c.relkind IN ('r', 'p') THEN c.oid ELSE 0 END::bigint
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid -- the constrained table
JOIN pg_namespace n ON n.oid = c.relnamespace -- its schema
WHERE k.contype <> 'n' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
  AND ($1::oid[] IS NULL OR c.relkind NOT IN ('r', 'p') OR c.oid = ANY ($1::oid[]))
UNION ALL
-- types: enums (with labels in order), domains, composite types that are not a table's row type
SELECT CASE t.typtype WHEN 'e' THEN 'enum' WHEN 'd' THEN 'domain' ELSE 'type' END, n.nspname || '.' || t.typname,
       CASE WHEN t.typtype = 'e' THEN (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) ELSE '' END,
       0
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace -- schema of the type
LEFT JOIN pg_class c ON c.oid = t.typrelid -- the relation of a row type
WHERE t.typtype IN ('e', 'd', 'c') AND (t.typrelid = 0 OR c.relkind = 'c')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
UNION ALL
-- functions and procedures (by signature), triggers, extensions
SELECT 'function', n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', md5(p.prosrc), 0
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace -- schema of the function
LEFT JOIN pg_depend dep ON dep.objid = p.oid AND dep.deptype = 'e' -- functions that belong to an extension
WHERE dep.objid IS NULL AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
UNION ALL
SELECT 'trigger', n.nspname || '.' || c.relname || '.' || tg.tgname, pg_get_triggerdef(tg.oid),
       CASE WHEN c.relkind IN ('r', 'p') THEN c.oid ELSE 0 END::bigint
FROM pg_trigger tg
JOIN pg_class c ON c.oid = tg.tgrelid -- the table of the trigger
JOIN pg_namespace n ON n.oid = c.relnamespace -- its schema
WHERE NOT tg.tgisinternal
  AND ($1::oid[] IS NULL OR c.relkind NOT IN ('r', 'p') OR c.oid = ANY ($1::oid[]))
UNION ALL
SELECT 'extension', e.extname, '', 0 FROM pg_extension e WHERE e.extname <> 'plpgsql'

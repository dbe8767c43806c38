-- What changed since the last inventory (inventory.sql), in ONE cheap query, so that the next one
-- lists again only the tables concerned. A catalog row's xmin is the transaction that wrote it: a
-- row written at or after $1 (the next transaction id when the last inventory was taken) is new or
-- changed; a removed row shows in the counts. Rows (kind, oid, sig):
--   table   one per user table, sig = its numbers of constraints, indexes and triggers
--   dirty   a table whose inventory rows may have changed: a catalog row of its own was written
--           (itself, a column, a default, a constraint, an index, a trigger), or one of a relation,
--           column or type that one of its objects depends on (pg_depend: the table and columns a
--           foreign key references, a column's type, a default's sequence, an index's table)
--   shared  sig = 'count,written' of what any row's text may name beyond that: schemas, functions,
--           types that are no relation's row type, collations, operator classes and operators,
--           extensions. When it differs from the last one, everything is listed again.
--   horizon the next transaction id: $1 of the next call
-- $1 NULL (the first inventory, which lists everything): nothing counts as written.
WITH since AS (SELECT CASE WHEN $1::text IS NULL THEN -1 ELSE pg_catalog.age($1::text::xid) END AS a),
user_tables AS (
  SELECT c.oid FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace -- schema of the table
  WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'),
moved AS (
  SELECT c.oid FROM pg_class c, since WHERE pg_catalog.age(c.xmin) <= since.a
  UNION SELECT a.attrelid FROM pg_attribute a, since WHERE pg_catalog.age(a.xmin) <= since.a),
moved_type AS (SELECT t.oid FROM pg_type t, since WHERE pg_catalog.age(t.xmin) <= since.a),
dependents AS (
  SELECT dep.classid, dep.objid FROM pg_depend dep
  WHERE dep.refclassid = 'pg_class'::regclass AND dep.refobjid IN (SELECT oid FROM moved)
  UNION SELECT dep.classid, dep.objid FROM pg_depend dep
  WHERE dep.refclassid = 'pg_type'::regclass AND dep.refobjid IN (SELECT oid FROM moved_type)),
dirty AS (
  SELECT oid FROM moved
  UNION SELECT d.adrelid FROM pg_attrdef d, since WHERE pg_catalog.age(d.xmin) <= since.a
  UNION SELECT k.conrelid FROM pg_constraint k, since WHERE pg_catalog.age(k.xmin) <= since.a
  UNION SELECT i.indrelid FROM pg_index i, since WHERE pg_catalog.age(i.xmin) <= since.a
  UNION SELECT i.indrelid FROM pg_index i WHERE i.indexrelid IN (SELECT oid FROM moved) -- an index's own row: renamed
  UNION SELECT g.tgrelid FROM pg_trigger g, since WHERE pg_catalog.age(g.xmin) <= since.a
  UNION SELECT x.objid FROM dependents x WHERE x.classid = 'pg_class'::regclass
  UNION SELECT i.indrelid FROM dependents x JOIN pg_index i ON i.indexrelid = x.objid WHERE x.classid = 'pg_class'::regclass
  UNION SELECT k.conrelid FROM dependents x JOIN pg_constraint k ON k.oid = x.objid WHERE x.classid = 'pg_constraint'::regclass
  UNION SELECT d.adrelid FROM dependents x JOIN pg_attrdef d ON d.oid = x.objid WHERE x.classid = 'pg_attrdef'::regclass
  UNION SELECT g.tgrelid FROM dependents x JOIN pg_trigger g ON g.oid = x.objid WHERE x.classid = 'pg_trigger'::regclass),
shared_rows AS (
  SELECT n.xmin FROM pg_namespace n
  UNION ALL SELECT t.xmin FROM pg_type t
    WHERE t.typrelid = 0 AND t.typcategory <> 'A' AND t.typnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
  UNION ALL SELECT c.xmin FROM pg_class c WHERE c.relkind = 'c'
  UNION ALL SELECT p.xmin FROM pg_proc p WHERE p.pronamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
  UNION ALL SELECT o.xmin FROM pg_collation o WHERE o.collnamespace <> 'pg_catalog'::regnamespace
  UNION ALL SELECT o.xmin FROM pg_opclass o WHERE o.opcnamespace <> 'pg_catalog'::regnamespace
  UNION ALL SELECT o.xmin FROM pg_operator o WHERE o.oprnamespace <> 'pg_catalog'::regnamespace
  UNION ALL SELECT e.xmin FROM pg_extension e)
SELECT 'table'::text AS kind, t.oid::bigint AS oid, concat_ws(',', COALESCE(kc.n, 0), COALESCE(ic.n, 0), COALESCE(gc.n, 0)) AS sig
FROM user_tables t
LEFT JOIN (SELECT conrelid AS oid, count(*) AS n FROM pg_constraint GROUP BY conrelid) kc ON kc.oid = t.oid -- constraints per table
LEFT JOIN (SELECT indrelid AS oid, count(*) AS n FROM pg_index GROUP BY indrelid) ic ON ic.oid = t.oid -- indexes per table
LEFT JOIN (SELECT tgrelid AS oid, count(*) AS n FROM pg_trigger GROUP BY tgrelid) gc ON gc.oid = t.oid -- triggers per table
UNION ALL
SELECT 'dirty', d.oid::bigint, '' FROM dirty d WHERE d.oid IN (SELECT oid FROM user_tables)
UNION ALL
SELECT 'shared', 0, count(*) || ',' || COALESCE(bool_or(pg_catalog.age(s.xmin) <= since.a), false) FROM shared_rows s, since GROUP BY since.a
UNION ALL
SELECT 'horizon', 0, (pg_catalog.pg_snapshot_xmax(pg_catalog.pg_current_snapshot())::text::numeric % 4294967296)::text

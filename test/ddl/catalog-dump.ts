// A crude, independent catalog dump for the DDL tests: one sorted line per column, constraint,
// index, enum type and sequence, with generated names left out. Not the catalog reader (src/catalog):
// these tests must not depend on the code they help verify.
import type { Knex } from 'knex';

const USER_SCHEMAS = `n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and n.nspname not like 'pg_temp%'`;
const NOT_KNEX = `c.relname not like 'knex_migrations%'`;

export async function dumpCatalog(knex: Knex): Promise<string[]> {
  const q = async (text: string): Promise<string[]> =>
    ((await knex.raw(text)) as { rows: Array<{ x: string }> }).rows.map((r) => r.x);
  const lines = [
    ...(await q(`
      select 'col ' || n.nspname || '.' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
             || case when a.attnotnull then ' NOT NULL' else '' end
             || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') as x
        from pg_attribute a
        join pg_class c on c.oid = a.attrelid
        join pg_namespace n on n.oid = c.relnamespace
        left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
       where ${USER_SCHEMAS} and ${NOT_KNEX} and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped`)),
    ...(await q(`
      select 'con ' || n.nspname || '.' || c.relname || ' ' || pg_get_constraintdef(o.oid) as x
        from pg_constraint o
        join pg_class c on c.oid = o.conrelid
        join pg_namespace n on n.oid = c.relnamespace
       where ${USER_SCHEMAS} and ${NOT_KNEX} and o.contype <> 'n'`)),
    ...(await q(`
      select 'idx ' || regexp_replace(pg_get_indexdef(i.indexrelid), 'INDEX \\S+ ON', 'INDEX ON') as x
        from pg_index i
        join pg_class c on c.oid = i.indrelid
        join pg_namespace n on n.oid = c.relnamespace
       where ${USER_SCHEMAS} and ${NOT_KNEX}`)),
    ...(await q(`
      select 'enum ' || n.nspname || '.' || t.typname || ' (' || string_agg(e.enumlabel, ', ' order by e.enumsortorder) || ')' as x
        from pg_type t
        join pg_namespace n on n.oid = t.typnamespace
        join pg_enum e on e.enumtypid = t.oid
       group by n.nspname, t.typname`)),
    ...(await q(`
      select 'seq ' || n.nspname || '.' || c.relname as x
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
       where ${USER_SCHEMAS} and ${NOT_KNEX} and c.relkind = 'S'`)),
    ...(await q(`select 'schema ' || n.nspname as x from pg_namespace n where ${USER_SCHEMAS}`)),
  ];
  return lines.sort();
}

/**
 * The few spellings the check itself treats as equal (contract section 4), folded so that two dumps
 * can be compared line by line: now() vs CURRENT_TIMESTAMP, '1'::smallint vs 1, and a unique
 * constraint vs a unique index (the index line is there either way, so constraint lines are dropped).
 */
export function foldEquivalents(lines: readonly string[]): string[] {
  return lines
    .filter((l) => !/^con \S+ UNIQUE \(/.test(l))
    .map((l) =>
      l
        .replace(/DEFAULT CURRENT_TIMESTAMP$/, 'DEFAULT now()')
        .replace(/DEFAULT '(-?\d+(?:\.\d+)?)'::(?:smallint|integer|bigint|numeric)$/, 'DEFAULT $1'),
    )
    .sort();
}

// A column as migration code, both ways: a model column restated the way the DDL compiler reads it
// (for up), and a catalog column as the migrated database has it (for down: re-creating what up
// dropped or changed), through Knex's builder or in raw SQL for tables the builder cannot name.
import type { ColumnSpec } from '../../model-api/types.ts';
import type { Column, Table } from '../../schema/types.ts';
import { normaliseType } from '../../diff/normalise.ts';
import { kjs, knexColumnComment, knexNestedRaw } from '../../diff/snippets.ts';
import { toPgArrayLiteral } from '../../ddl/compile.ts';
import { quoteIdent, quoteLiteral, quoteQualified } from '../../ddl/names.ts';
import { raw } from './code.ts';
import type { Code } from './types.ts';

/** Use before writing a model column: the spec restated the way the DDL compiler reads it, so the snippet builds the same column. */
export function compiledSpec(spec: ColumnSpec): ColumnSpec {
  let s: ColumnSpec = { ...spec };
  if (s.kind === 'time' && s.useTz) s = { ...s, kind: 'specificType', sqlType: 'timetz' };
  if (s.kind === 'decimal' && s.precision !== undefined && s.scale === undefined) s = { ...s, scale: 2 };
  if (s.default?.kind === 'value') {
    const v = s.default.value;
    if (v instanceof Date) s = { ...s, default: { kind: 'value', value: v.toISOString() } };
    else if (v !== null && typeof v === 'object') {
      const json = s.kind === 'json' || s.kind === 'jsonb' || !Array.isArray(v);
      s = { ...s, default: { kind: 'value', value: json ? JSON.stringify(v) : toPgArrayLiteral(v) } };
    }
  }
  return s;
}

/** Use for a catalog column in raw SQL: "name" type [GENERATED ...] [NOT NULL] [DEFAULT ...]. */
export function columnDefinition(c: Column): string {
  let def = `${quoteIdent(c.name)} ${c.type}`;
  if (c.identity !== '') def += ` GENERATED ${c.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`;
  else if (c.generated !== null) def += ` GENERATED ALWAYS AS (${c.generated}) STORED`;
  if (c.notNull) def += ' NOT NULL';
  if (c.default !== null && c.identity === '' && c.generated === null) def += ` DEFAULT ${c.default}`;
  return def;
}

/** Use to re-create a dropped column in raw SQL: ALTER TABLE ... ADD COLUMN, and its comment. */
export function rawCatalogAddColumn(t: Table, c: Column): Code[] {
  const tbl = quoteQualified(t.schema, t.name);
  const comment = c.comment !== null ? [raw(`COMMENT ON COLUMN ${tbl}.${quoteIdent(c.name)} IS ${quoteLiteral(c.comment)}`)] : [];
  return [raw(`ALTER TABLE ${tbl} ADD COLUMN ${columnDefinition(c)}`), ...comment];
}

const SERIAL: Record<string, string> = { integer: 'serial', bigint: 'bigserial', smallint: 'smallserial' };

/** Use for a catalog column as a Knex builder call (for down and for re-creating what up dropped). */
export function catalogColumnCall(col: Column, options: { forAlter?: boolean; withDefault?: boolean } = {}): string {
  const type = normaliseType(col.type);
  let sqlType = col.type;
  let dflt = options.withDefault === false ? null : col.default;
  if (!options.forAlter) {
    if (col.identity !== '') {
      sqlType = `${col.type} generated ${col.identity === 'a' ? 'always' : 'by default'} as identity`;
      dflt = null;
    } else if (col.generated !== null) {
      sqlType = `${col.type} generated always as (${col.generated}) stored`;
      dflt = null;
    } else if (col.default && /^nextval\(/i.test(col.default) && SERIAL[type]) {
      sqlType = SERIAL[type]!;
      dflt = null;
    }
  }
  let call = `table.specificType(${kjs(col.name)}, ${kjs(sqlType)})`;
  call += col.notNull ? '.notNullable()' : '.nullable()';
  if (dflt !== null) call += `.defaultTo(${knexNestedRaw(dflt)})`;
  if (col.comment !== null && !options.forAlter) call += `.comment(${knexColumnComment(col.comment)})`;
  return call;
}

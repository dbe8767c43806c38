// A whole column as migration code: a model's column (what up adds) and a catalog column as the
// migrated database has it (what down puts back), through Knex's builder where it can name the table,
// else in raw SQL. Collation, generation and identity have no Knex builder on PostgreSQL: they ride in
// the type of specificType(), as the DDL compiler writes them (src/ddl/raw-sql.ts columnClauses).
import { createRequire } from 'node:module';
import type { Knex } from 'knex';
import type { ColumnSpec } from '../model-api/types.ts';
import type { Column } from '../schema/types.ts';
import { normaliseType } from '../diff/normalise.ts';
import { kjs, knexColumnCall, knexColumnComment, knexNestedRaw } from '../diff/snippets.ts';
import { compileAddColumn, toPgArrayLiteral } from '../ddl/compile.ts';
import { quoteIdent, quoteLiteral, quoteQualified } from '../ddl/names.ts';
import { quoteCollation } from '../ddl/raw-sql.ts';
import { builderSafe, line, raw, type Code, type Where } from './code.ts';

/**
 * A knex instance with no connection: compiles the raw SQL of tables the builder cannot name. Knex
 * loads on first use, not with this module: every check imports the diff, which imports this file,
 * and Knex's ~100 ms of imports would delay every run before its config is even read.
 */
let offline: Knex | undefined;
const requireHere = createRequire(import.meta.url);
export const offlineKnex = (): Knex => (offline ??= (requireHere('knex') as typeof import('knex')).knex({ client: 'pg' }));

/** Use before writing a model column: the spec restated the way the DDL compiler reads it, so the code builds the same column. */
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

/** Use to add a column Knex's builder cannot name (a dot splits schema from table): the DDL compiler's statements, as raw code; undefined when the builder can. */
export function rawAddColumn(where: Where, name: string, spec: ColumnSpec): Code[] | undefined {
  return [where.schema, where.table, name].every(builderSafe) ? undefined : compileAddColumn(offlineKnex(), where, name, spec).map(raw);
}

/** Use to add a model's column to an existing table (no key, reference or index: those are planned on their own). */
export function addModelColumn(where: Where, name: string, spec: ColumnSpec, modelSchema: string): Code[] {
  const rawCode = rawAddColumn(where, name, spec);
  if (rawCode) return rawCode;
  let call = knexColumnCall(name, spec, { schema: modelSchema, constraints: false, enumExists: true });
  if (spec.kind === 'increments' || spec.kind === 'bigIncrements') call = call.replace(/^(table\.(?:big)?[iI]ncrements\('(?:[^'\\]|\\.)*')\)/, '$1, { primaryKey: false })');
  return [line(where.schema, where.table, call)];
}

/** The generation clause of a catalog column: STORED, or VIRTUAL (PostgreSQL 18). */
const generation = (c: Column): string => `generated always as (${c.generated}) ${c.generatedKind === 'v' ? 'virtual' : 'stored'}`;

/** Use for a catalog column in raw SQL: "name" type [COLLATE] [GENERATED ...] [NOT NULL] [DEFAULT ...]. */
export function columnDefinition(c: Column): string {
  let def = `${quoteIdent(c.name)} ${c.type}`;
  if (c.collation) def += ` COLLATE ${quoteCollation(c.collation)}`;
  if (c.identity !== '') def += ` GENERATED ${c.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`;
  else if (c.generated !== null) def += ` GENERATED ALWAYS AS (${c.generated}) ${c.generatedKind === 'v' ? 'VIRTUAL' : 'STORED'}`;
  if (c.notNull) def += ' NOT NULL';
  if (c.default !== null && c.identity === '' && c.generated === null) def += ` DEFAULT ${c.default}`;
  return def;
}

const SERIAL: Record<string, string> = { integer: 'serial', bigint: 'bigserial', smallint: 'smallserial' };

/** The SQL type of a catalog column as specificType() takes it: collation, identity or generation included. */
function catalogSqlType(col: Column, forAlter: boolean): { sqlType: string; keepsDefault: boolean } {
  const collate = col.collation ? ` collate ${quoteCollation(col.collation)}` : '';
  if (forAlter) return { sqlType: col.type + collate, keepsDefault: true };
  if (col.identity !== '') return { sqlType: `${col.type} generated ${col.identity === 'a' ? 'always' : 'by default'} as identity`, keepsDefault: false };
  if (col.generated !== null) return { sqlType: `${col.type}${collate} ${generation(col)}`, keepsDefault: false };
  const serial = SERIAL[normaliseType(col.type)];
  if (col.default && /^nextval\(/i.test(col.default) && serial) return { sqlType: serial, keepsDefault: false };
  return { sqlType: col.type + collate, keepsDefault: true };
}

/** Use for a catalog column as a Knex builder call (for down and for re-creating what up dropped). */
export function catalogColumnCall(col: Column, options: { forAlter?: boolean; withDefault?: boolean } = {}): string {
  const { sqlType, keepsDefault } = catalogSqlType(col, options.forAlter === true);
  const dflt = options.withDefault === false || !keepsDefault ? null : col.default;
  let call = `table.specificType(${kjs(col.name)}, ${kjs(sqlType)})`;
  call += col.notNull ? '.notNullable()' : '.nullable()';
  if (dflt !== null) call += `.defaultTo(${knexNestedRaw(dflt)})`;
  if (col.comment !== null && !options.forAlter) call += `.comment(${knexColumnComment(col.comment)})`;
  return call;
}

/** Use to put a catalog column back on its table (builder, or raw SQL with its comment). */
export function addCatalogColumn(where: Where, c: Column): Code[] {
  if ([where.schema, where.table, c.name].every(builderSafe)) return [line(where.schema, where.table, catalogColumnCall(c))];
  const tbl = quoteQualified(where.schema, where.table);
  const comment = c.comment !== null ? [raw(`COMMENT ON COLUMN ${tbl}.${quoteIdent(c.name)} IS ${quoteLiteral(c.comment)}`)] : [];
  return [raw(`ALTER TABLE ${tbl} ADD COLUMN ${columnDefinition(c)}`), ...comment];
}

/** Use to drop a column: the builder's dropColumn, or raw SQL. */
export function dropColumn(where: Where, name: string): Code {
  return [where.schema, where.table, name].every(builderSafe)
    ? line(where.schema, where.table, `table.dropColumn(${kjs(name)})`)
    : raw(`ALTER TABLE ${quoteQualified(where.schema, where.table)} DROP COLUMN ${quoteIdent(name)}`);
}

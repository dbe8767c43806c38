// The lines of migration code the planner modules write: a line inside an alterTable callback, a
// statement of its own, knex.raw of SQL built with quoteIdent / quoteLiteral (and escaped for the
// template literal by src/util/escape.ts), and whether Knex's schema builder can write a name at all.
import createKnex, { type Knex } from 'knex';
import type { Model } from '../../model-api/types.ts';
import type { Table } from '../../schema/types.ts';
import { kjs } from '../../diff/snippets.ts';
import { knexText, templateBody } from '../../util/escape.ts';
import type { Code } from './types.ts';

/** A plain lower-case identifier: the builder and Knex's check() write it without quotes and mean it. */
export const SAFE_IDENT = /^[a-z_][a-z0-9_$]*$/;

/** Raw SQL as a template literal: SQL's quotes stay readable. */
const sqlLiteral = (sql: string): string => '`' + templateBody(knexText(sql)) + '`';

/** Use for a statement in SQL: knex.raw(`...`). */
export const raw = (sql: string): Code => ({ statement: `knex.raw(${sqlLiteral(sql)})` });

/** Use for a line inside the alterTable callback of `schema.name`. */
export const line = (schema: string, name: string, l: string): Code => ({ table: { schema, name }, line: l });

/** knex.schema, or knex.schema.withSchema('s') outside public. */
export const builder = (schema: string): string => (schema === 'public' ? 'knex.schema' : `knex.schema.withSchema(${kjs(schema)})`);

/** ['a', 'b'] as arguments of a Knex call. */
export const jsList = (items: readonly string[]): string => `[${items.map(kjs).join(', ')}]`;

/**
 * Knex splits a name at each '.' and at ' as ' (a.b is schema a, table b) and trims it (JavaScript's
 * trim: spaces, line terminators, BOM): a table whose names do any of that is written in raw SQL from
 * the DDL compiler and quoteIdent, never through the schema builder.
 */
export const builderSafe = (name: string): boolean => !name.includes('.') && !/ as /i.test(name) && name === name.trim();

/** Every name a model's table uses, as the schema builder would need to write them. */
export function modelNames(model: Model): string[] {
  const out = [model.schema, model.table, ...Object.keys(model.columns)];
  for (const c of Object.values(model.columns)) if (c.references) out.push(c.references.schema ?? '', c.references.table, c.references.column);
  for (const fk of model.foreignKeys) out.push(fk.name ?? '', ...fk.columns, fk.references.schema ?? '', fk.references.table, ...fk.references.columns);
  for (const x of [...model.indexes, ...model.uniques]) out.push(x.name ?? '', ...x.columns);
  return out;
}

/** Every name of a catalog table (its foreign keys' targets included). */
export const tableNames = (t: Table): string[] => [
  t.schema,
  t.name,
  ...t.columns.map((c) => c.name),
  ...t.foreignKeys.flatMap((f) => [f.name, f.refSchema, f.refTable, ...f.columns, ...f.refColumns]),
  ...[...t.indexes, ...t.uniques].flatMap((x) => [x.name, ...x.columns]),
  t.primaryKey?.name ?? '',
];

/** A knex instance with no connection: compiles the raw SQL of tables the builder cannot name. */
let offline: Knex | undefined;
export const offlineKnex = (): Knex => (offline ??= createKnex({ client: 'pg' }));

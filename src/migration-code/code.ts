// The Knex migration code for each object kind, ONE definition used twice: by `generate`'s planner
// (src/generate/plan/), which writes it into a migration, and by the hints of the diff's findings
// (src/diff/), which tell users to write it. So a hint, applied literally, does what generate does,
// and both leave nothing for the diff to report. Pure string building; every name goes through
// quoteIdent / knexString, every SQL text through knexRaw (src/util/escape.ts).
//
// A piece of code is a Code: a line inside the alterTable callback of its table (Knex's builder), or
// a statement of its own (knex.raw, knex.schema...). Inside one alterTable callback Knex adds and
// alters columns BEFORE anything else, whatever the order of the lines: a statement that must come
// first (dropping a column before adding it again) is written as a statement of its own.
import { knexRaw, kjs } from '../diff/snippets.ts';

/** One line of migration code: inside an alterTable callback on `table`, or a statement of its own. */
export type Code = { table: { schema: string; name: string }; line: string } | { statement: string };

/** Where code applies: a table. */
export interface Where {
  schema: string;
  table: string;
}

/** The codes that make a change, and those that undo it (down). */
export interface Change {
  up: Code[];
  down: Code[];
}

/** Use for a statement in SQL: knex.raw(`...`). */
export const raw = (sql: string): Code => ({ statement: knexRaw(sql) });

/** Use for a line inside the alterTable callback of `schema.name`. */
export const line = (schema: string, name: string, l: string): Code => ({ table: { schema, name }, line: l });

/** ['a', 'b'] as arguments of a Knex call. */
export const jsList = (items: readonly string[]): string => `[${items.map(kjs).join(', ')}]`;

/**
 * Knex splits a name at each '.' and at ' as ' (a.b is schema a, table b) and trims it (JavaScript's
 * trim: spaces, line terminators, BOM): a table whose names do any of that is written in raw SQL from
 * the DDL compiler and quoteIdent, never through the schema builder.
 */
export const builderSafe = (name: string): boolean => !name.includes('.') && !/ as /i.test(name) && name === name.trim();

/** Use for builder code on a table: the line when Knex can name everything, else the raw SQL. */
export const lineOrRaw = (where: Where, names: readonly string[], builderLine: string, sql: () => string): Code =>
  [where.schema, where.table, ...names].every(builderSafe) ? line(where.schema, where.table, builderLine) : raw(sql());

/** Use to put code into a hint: lines and statements as users write them, in order ("a; b"). */
export const hintCode = (codes: readonly Code[]): string => codes.map((c) => ('line' in c ? c.line : c.statement)).join('; ');

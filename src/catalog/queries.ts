// The catalog queries, one .sql file per object kind, read once when this module is imported.
import { readFileSync } from 'node:fs';

const load = (file: string): string => readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');

/** Use to run the bulk reads: each takes $1 = text[] of schemas to restrict to, or null for all. */
export const queries = Object.freeze({
  tables: load('tables.sql'),
  columns: load('columns.sql'),
  constraints: load('constraints.sql'),
  indexes: load('indexes.sql'),
  enums: load('enums.sql'),
});

/** The names of the bulk reads, in the order readSchema issues them. */
export type QueryName = keyof typeof queries;

// The catalog queries, one .sql file per object kind, read once when this module is imported.
import { readFileSync } from 'node:fs';

const read = (file: string): string => readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
// Every read starts from the same scope CTEs (user_namespaces, user_tables), kept in one file.
const SCOPE = read('scope.sql');
const load = (file: string): string => `${SCOPE}\n${read(file)}`;

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

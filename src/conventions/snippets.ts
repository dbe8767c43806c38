// Migration and model snippets for the hints of convention violations: every name quoted or escaped
// the way the diff's hints do it (src/diff/snippets.ts, src/util/escape.ts), since users paste them.
import { quoteIdent, quoteQualified } from '../ddl/names.ts';
import { knexForeignCall, knexRaw, knexTableName, kjs } from '../diff/snippets.ts';
import type { ForeignKey } from '../schema/types.ts';
import { jsString } from '../util/escape.ts';

const kjsList = (xs: readonly string[]): string => `[${xs.map(kjs).join(', ')}]`;

/** knex.schema.alterTable('schema.table', (table) => <body>) */
export function alterTable(schema: string, table: string, body: string): string {
  return `knex.schema.alterTable(${kjs(knexTableName(schema, table))}, (table) => ${body})`;
}

/** Rename a table, a column, an index or a constraint in a migration. */
export function renameSnippet(kind: 'table' | 'column' | 'index' | 'constraint', where: { schema: string; table: string }, from: string, to: string): string {
  switch (kind) {
    case 'table':
      return `knex.schema.renameTable(${kjs(knexTableName(where.schema, from))}, ${kjs(to)})`;
    case 'column':
      return alterTable(where.schema, where.table, `table.renameColumn(${kjs(from)}, ${kjs(to)})`);
    case 'index':
      return knexRaw(`ALTER INDEX ${quoteQualified(where.schema, from)} RENAME TO ${quoteIdent(to)}`);
    case 'constraint':
      return knexRaw(`ALTER TABLE ${quoteQualified(where.schema, where.table)} RENAME CONSTRAINT ${quoteIdent(from)} TO ${quoteIdent(to)}`);
  }
}

/** What to change in the model for a rename. */
export function modelRename(kind: 'table' | 'column' | 'index' | 'constraint', from: string, to: string): string {
  switch (kind) {
    case 'table':
      return `set table: ${jsString(to)}`;
    case 'column':
      return `rename the key ${jsString(from)} to ${jsString(to)} (and wherever its indexes, uniques and checks name it)`;
    default:
      return `its name (if it sets one)`;
  }
}

/** ALTER TABLE ... ADD COLUMN, as knex.raw (the type is the config's SQL, so raw SQL says it exactly). */
export function addColumnSql(schema: string, table: string, column: string, type: string, notNull: boolean, def: string | undefined): string {
  return knexRaw(`ALTER TABLE ${quoteQualified(schema, table)} ADD COLUMN ${quoteIdent(column)} ${type}${notNull ? ' NOT NULL' : ''}${def ? ` DEFAULT ${def}` : ''}`);
}

/** ALTER TABLE ... ALTER COLUMN, one clause per facet to change. */
export function alterColumnSql(schema: string, table: string, column: string, change: { type?: string; notNull?: boolean; def?: string; dropDefault?: boolean }): string {
  const col = quoteIdent(column);
  const clauses: string[] = [];
  if (change.dropDefault) clauses.push(`ALTER COLUMN ${col} DROP DEFAULT`);
  if (change.type) clauses.push(`ALTER COLUMN ${col} TYPE ${change.type} USING ${col}::${change.type}`);
  if (change.notNull) clauses.push(`ALTER COLUMN ${col} SET NOT NULL`);
  if (change.def) clauses.push(`ALTER COLUMN ${col} SET DEFAULT ${change.def}`);
  return knexRaw(`ALTER TABLE ${quoteQualified(schema, table)} ${clauses.join(', ')}`);
}

/** table.index([...]) in an alterTable. */
export function addIndexSnippet(schema: string, table: string, columns: readonly string[]): string {
  return alterTable(schema, table, `table.index(${kjsList(columns)})`);
}

/** Drop a foreign key and add it again with another ON DELETE. */
export function restateForeignKey(schema: string, table: string, fk: ForeignKey, onDelete: ForeignKey['onDelete']): string {
  return alterTable(schema, table, `{ table.dropForeign(${kjsList(fk.columns)}, ${kjs(fk.name)}); ${knexForeignCall({ ...fk, onDelete }, fk.name)}; }`);
}

/** A model `indexes` entry. */
export const modelIndex = (columns: readonly string[]): string => `{ columns: [${columns.map(jsString).join(', ')}] }`;

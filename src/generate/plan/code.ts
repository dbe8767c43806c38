// Helpers of the planner modules beyond the shared migration code (src/migration-code/code.ts):
// the builder for a schema, and every name a table uses (to tell whether Knex's builder can write it).
import type { Model } from '../../model-api/types.ts';
import type { Table } from '../../schema/types.ts';
import { kjs } from '../../diff/snippets.ts';

export { builderSafe, jsList, line, raw } from '../../migration-code/code.ts';

/** A plain lower-case identifier: the builder and Knex's check() write it without quotes and mean it. */
export const SAFE_IDENT = /^[a-z_][a-z0-9_$]*$/;

/** knex.schema, or knex.schema.withSchema('s') outside public. */
export const builder = (schema: string): string => (schema === 'public' ? 'knex.schema' : `knex.schema.withSchema(${kjs(schema)})`);

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

/** The table a planner module writes code for. */
export const whereOf = (t: Pick<Table, 'schema' | 'name'>): { schema: string; table: string } => ({ schema: t.schema, table: t.name });

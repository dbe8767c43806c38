// Schemas (namespaces): create those the models use and the database lacks. Never dropped.
import { kjs } from '../../diff/snippets.ts';
import { quoteIdent } from '../../ddl/names.ts';
import { builderSafe, raw } from './code.ts';
import type { Planner } from './planner.ts';

/** Use once per plan, first: every schema of the declared database that the migrated one lacks. */
export function planSchemas(p: Planner): void {
  const have = new Set(p.migrated.schemas);
  for (const s of p.declared.schemas) {
    if (have.has(s)) continue;
    const safe = builderSafe(s);
    p.op({
      kind: 'create-schema',
      phase: 'schema',
      target: `schema ${s}`,
      description: `create schema ${s}`,
      up: [safe ? { statement: `knex.schema.createSchema(${kjs(s)})` } : raw(`CREATE SCHEMA ${quoteIdent(s)}`)],
      down: [safe ? { statement: `knex.schema.dropSchema(${kjs(s)})` } : raw(`DROP SCHEMA ${quoteIdent(s)}`)],
    });
  }
}

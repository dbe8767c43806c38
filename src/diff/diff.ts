// The consistency check's core (contract section 4): compare the schema the migrations built ("migrated")
// with the schema the models compile to ("declared"), both read by the same catalog reader, and return
// findings. Pure: no database, no file system.
//
// This file walks the tables; each object kind is compared in its own module, which is where its
// findings are produced:
//   columns.ts      missing-column, unmodeled-column, type-, nullability-, default-, generated-mismatch
//   primary-key.ts  primary-key-mismatch
//   foreign-keys.ts missing-foreign-key, foreign-key-mismatch, unmodeled-foreign-key
//   indexes.ts      missing-unique, missing-index, unmodeled-unique, unmodeled-index
//   checks.ts       missing-check
//   enums.ts        enum-mismatch (once per type)
//   comments.ts     comment-mismatch
//   here            missing-table, unmodeled-table
//
// Matching is structural, never by generated names (match.ts). One cause, one finding:
//  - a missing table is one missing-table and nothing else about that table;
//  - a model object over a missing column (FK, index, unique, check, primary key) is left to missing-column
//    (its hint carries .references()/.unique()/.index()/.primary()); a database object over an unmodeled
//    column is left to unmodeled-column (table-diff.ts `touches`);
//  - a missing enum type is one enum-mismatch; the type-mismatch of the columns using it is not repeated.
import type { Model } from '../model-api/types.ts';
import { qualified, type Schema, type Table } from '../schema/types.ts';
import * as text from '../messages/findings.ts';
import { applyRules, makeFinding, sortFindings, type Finding, type Rules } from './findings.ts';
import { indexSchemas, type SchemaIndex } from './match.ts';
import { knexCreateTable } from './snippets.ts';
import { pusher, type DiffModel, type TableDiff } from './table-diff.ts';
import { compareColumns } from './columns.ts';
import { comparePrimaryKey } from './primary-key.ts';
import { compareForeignKeys } from './foreign-keys.ts';
import { compareUniquesAndIndexes } from './indexes.ts';
import { compareChecks } from './checks.ts';
import { EnumUses } from './enums.ts';
import { compareComments } from './comments.ts';

export type { DiffModel } from './table-diff.ts';

/** Everything the diff needs besides the two schemas. */
export interface DiffContext {
  /** The models that compiled to DDL; only their tables are compared (others are reported elsewhere). */
  models: readonly DiffModel[];
  /** config ignore.tables: 'legacy_*' (table name, any schema) or 'audit.*' (schema.table). */
  ignoreTables?: readonly string[];
  /** config rules: code -> 'error' | 'warn' | 'off'. */
  rules?: Rules;
  /**
   * Models that were loaded but not compared (invalid, or their DDL failed; reported elsewhere): their
   * tables are not unmodeled.
   */
  claimed?: readonly { model: Pick<Model, 'schema' | 'table'> }[];
  /**
   * Knex's migration tables as configured (knexfile migrations.tableName and its _lock, qualified with
   * migrations.schemaName when set; same glob rules as ignoreTables). knex_migrations and
   * knex_migrations_lock are ignored in every schema in any case. knexTableGlobs() builds this list.
   */
  migrationTables?: readonly string[];
}

/** Compare the migrated schema with the declared one: sorted findings, config rules applied. */
export function diff(migrated: Schema, declared: Schema, ctx: DiffContext): Finding[] {
  const idx = indexSchemas(migrated, declared, ctx);
  const findings: Finding[] = [];
  const enums = new EnumUses();
  const modelled = new Set<string>();
  for (const ref of sortedModels(ctx.models)) {
    const { schema, table } = ref.model;
    const key = qualified(schema, table);
    // a second model of one table is duplicate-model's business (reported by the loader)
    if (modelled.has(key)) continue;
    modelled.add(key);
    if (idx.ignored(schema, table)) continue;
    const m = idx.mTables.get(key);
    const d = idx.dTables.get(key);
    if (!m) {
      findings.push(missingTable(ref, idx));
      if (d) enums.collect(ref, d, null);
      continue;
    }
    // the model failed to compile: reported by the compile stage, nothing to compare
    if (!d) continue;
    enums.collect(ref, d, m);
    compareTable(tableDiff(ref, m, d, migrated, idx, findings));
  }
  for (const c of ctx.claimed ?? []) modelled.add(qualified(c.model.schema, c.model.table));
  findings.push(...unmodeledTables(migrated, modelled, idx), ...enums.compare(migrated, idx.mEnums, idx.dEnums));
  return sortFindings(applyRules(findings, ctx.rules));
}

/** Use to add an object kind: call its compare function here. */
function compareTable(t: TableDiff): void {
  compareColumns(t);
  comparePrimaryKey(t);
  compareForeignKeys(t);
  compareUniquesAndIndexes(t);
  compareChecks(t);
  compareComments(t);
}

function tableDiff(ref: DiffModel, m: Table, d: Table, migrated: Schema, idx: SchemaIndex, findings: Finding[]): TableDiff {
  const mNames = new Set(m.columns.map((c) => c.name));
  const dNames = new Set(d.columns.map((c) => c.name));
  return {
    ref,
    on: { model: ref.name, schema: d.schema, table: d.name },
    m,
    d,
    missing: new Set([...dNames].filter((c) => !mNames.has(c))),
    unmodeled: new Set([...mNames].filter((c) => !dNames.has(c))),
    migrated,
    enumExists: (q) => idx.mEnums.has(q),
    push: pusher(findings, ref, makeFinding),
  };
}

const sortedModels = (models: readonly DiffModel[]): DiffModel[] =>
  [...models].sort((a, b) => qualified(a.model.schema, a.model.table).localeCompare(qualified(b.model.schema, b.model.table)) || a.name.localeCompare(b.name));

function missingTable(ref: DiffModel, idx: SchemaIndex): Finding {
  const { schema, table } = ref.model;
  return makeFinding('missing-table', {
    model: ref.name,
    file: ref.file,
    schema,
    table,
    expected: `${schema}.${table}`,
    ...text.missingTable({ model: ref.name, schema, table, createTable: knexCreateTable(ref.model, (q) => idx.mEnums.has(q)) }),
  });
}

function unmodeledTables(migrated: Schema, modelled: ReadonlySet<string>, idx: SchemaIndex): Finding[] {
  return migrated.tables
    .filter((t) => !modelled.has(qualified(t.schema, t.name)) && !idx.ignored(t.schema, t.name))
    .map((t) => {
      const a = { schema: t.schema, table: t.name };
      return makeFinding('unmodeled-table', { ...a, ...text.unmodeledTable(a) });
    });
}

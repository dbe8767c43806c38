// Columns of one table: missing-column, unmodeled-column, type-mismatch, nullability-mismatch,
// default-mismatch, generated-mismatch. A column's own enum type is compared once per type, in
// enums.ts; comments in comments.ts.
import type { ColumnSpec } from '../model-api/types.ts';
import { qualified, type Column } from '../schema/types.ts';
import * as text from '../messages/findings.ts';
import { checkExpression, columnChanges, identifiers, isPlainUniqueIndex } from './match.ts';
import { displayDefault, displayType, effectiveDefault } from './normalise.ts';
import { knexColumnCall, modelColumnCall, splitQualified } from './snippets.ts';
import { quoteQualified } from '../ddl/names.ts';
import { indexSpecFromCatalog } from '../ddl/raw-sql.ts';
import { jsPropertyKey, sqlTemplate } from '../util/escape.ts';
import { hintCode, raw, type Code } from '../migration-code/code.ts';
import { compiledSpec, rawAddColumn } from '../migration-code/column-definitions.ts';
import { alterColumn, type Facets } from '../migration-code/column-changes.ts';
import { addForeignKey } from '../migration-code/foreign-keys.ts';
import { addUnique, createIndex } from '../migration-code/indexes.ts';
import { touches, type On, type TableDiff } from './table-diff.ts';

/** Use for the column findings of one table present on both sides. */
export function compareColumns(t: TableDiff): void {
  const mCols = new Map(t.m.columns.map((c) => [c.name, c]));
  for (const dc of t.d.columns) {
    const spec = t.ref.model.columns[dc.name] ?? specFromColumn(dc);
    const mc = mCols.get(dc.name);
    if (mc) compareColumn(t, dc, mc, spec);
    else missingColumn(t, dc, spec);
  }
  for (const mc of t.m.columns) if (t.unmodeled.has(mc.name)) unmodeledColumn(t, mc);
}

function missingColumn(t: TableDiff, dc: Column, spec: ColumnSpec): void {
  const model = t.ref.model;
  const compositePk = (t.d.primaryKey?.columns.length ?? 0) > 1;
  const enumExists = spec.kind === 'enum' ? t.enumExists(enumKeyOf(spec, model.schema, dc)) : false;
  // Knex splits a name with a dot into schema and table: such a column is added in raw SQL.
  const rawCode = rawAddColumn(t.on, dc.name, compiledSpec(spec));
  const addColumn = rawCode ? hintCode(rawCode) : knexColumnCall(dc.name, spec, { schema: model.schema, enumExists, primary: compositePk ? false : undefined });
  t.push('missing-column', {
    schema: t.on.schema,
    table: t.on.table,
    columns: [dc.name],
    expected: displayType(dc.type),
    ...text.missingColumn({ ...t.on, column: dc.name, addColumn, required: dc.notNull && effectiveDefault(dc) === null }),
  });
}

function unmodeledColumn(t: TableDiff, mc: Column): void {
  const m = t.m;
  const required = mc.notNull && mc.default === null && mc.identity === '' && mc.generated === null;
  const single = (cols: readonly string[]): boolean => cols.length === 1 && cols[0] === mc.name;
  const modelColumn = modelColumnCall(mc, {
    schema: m.schema,
    enums: t.migrated.enums,
    primary: m.primaryKey !== null && single(m.primaryKey.columns),
    unique: m.uniques.some((u) => single(u.columns)) || m.indexes.some((i) => isPlainUniqueIndex(i) && single(i.columns)),
    index: m.indexes.some((i) => !i.unique && i.predicate === null && (i.method || 'btree') === 'btree' && single(i.columns)),
    references: m.foreignKeys.find((f) => single(f.columns)),
  });
  t.push('unmodeled-column', {
    schema: t.on.schema,
    table: t.on.table,
    severity: required ? 'error' : 'warning',
    columns: [mc.name],
    actual: displayType(mc.type) + (mc.notNull ? ' NOT NULL' : ''),
    ...text.unmodeledColumn({ ...t.on, column: mc.name, required, modelColumn }),
  });
}

/** The enum type a model column uses, as 'schema.name'. */
function enumKeyOf(spec: ColumnSpec, modelSchema: string, dc: Column): string {
  if (dc.enumType) return qualified(dc.enumType.schema, dc.enumType.name);
  const e = splitQualified(spec.enumName ?? '', modelSchema);
  return qualified(e.schema, e.name);
}

function compareColumn(t: TableDiff, dc: Column, mc: Column, spec: ColumnSpec): void {
  const enumMissing = dc.enumType !== null && !t.enumExists(qualified(dc.enumType.schema, dc.enumType.name));
  const change = columnChanges(dc, mc);
  if (change.type && !enumMissing) typeMismatch(t, dc, mc, spec);
  if (change.nullability) {
    t.push('nullability-mismatch', {
      ...where(t.on, dc),
      expected: dc.notNull ? 'NOT NULL' : 'NULL',
      actual: mc.notNull ? 'NOT NULL' : 'NULL',
      ...text.nullabilityMismatch({ ...t.on, column: dc.name, modelNotNull: dc.notNull }),
    });
  }
  // one cause, one finding: a column generated on one side only has no default to compare
  if (change.generated) generatedMismatch(t, dc, mc, spec);
  else if (change.default) defaultMismatch(t, dc, mc, spec);
}

/** How a column's type reads in a message: its SQL spelling and collation. */
const shownType = (c: Column): string => displayType(c.type) + (c.collation ? ` COLLATE "${c.collation}"` : '');

const where = (on: On, dc: Column) => ({ schema: on.schema, table: on.table, columns: [dc.name] });

/** The shared migration code that changes these facets of the column to the model's (src/migration-code/). */
function migrationFor(t: TableDiff, dc: Column, mc: Column, spec: ColumnSpec, facets: Facets): string {
  return hintCode(alterColumn(t.on, dc, mc, compiledSpec(spec), facets, { modelSchema: t.ref.model.schema, restateAll: true }).up);
}

function typeMismatch(t: TableDiff, dc: Column, mc: Column, spec: ColumnSpec): void {
  const m = t.m;
  const expected = shownType(dc);
  const actual = shownType(mc);
  t.push('type-mismatch', {
    ...where(t.on, dc),
    object: dc.enumType ? qualified(dc.enumType.schema, dc.enumType.name) : null,
    expected,
    actual,
    ...text.typeMismatch({
      ...t.on,
      column: dc.name,
      expected,
      actual,
      alterColumn: migrationFor(t, dc, mc, spec, { type: true }),
      modelColumn: modelColumnCall(mc, { schema: m.schema, enums: t.migrated.enums, primary: m.primaryKey?.columns.length === 1 && m.primaryKey.columns[0] === mc.name }),
    }),
  });
}

/** What to write in the model so that its default (or identity) is the database's. */
function modelDefaultFix(t: TableDiff, dc: Column, mc: Column): { modelDefault: string | null; modelColumn?: string } {
  const primary = t.m.primaryKey?.columns.length === 1 && t.m.primaryKey.columns[0] === mc.name;
  const modelCall = modelColumnCall(mc, { schema: t.m.schema, enums: t.migrated.enums, primary });
  // identity on either side: the whole declaration (identity() and defaultTo() exclude each other)
  if (dc.identity !== '' || mc.identity !== '') return { modelDefault: null, modelColumn: modelCall };
  const actual = effectiveDefault(mc) === null ? null : displayDefault(mc);
  const dflt = /\.defaultTo\((?:[^()]|\([^()]*\))*\)/.exec(modelCall);
  return { modelDefault: actual === null ? null : (dflt?.[0] ?? `.defaultTo(${sqlTemplate(actual)})`) };
}

function defaultMismatch(t: TableDiff, dc: Column, mc: Column, spec: ColumnSpec): void {
  const expected = effectiveDefault(dc) === null ? null : displayDefault(dc);
  const actual = effectiveDefault(mc) === null ? null : displayDefault(mc);
  t.push('default-mismatch', {
    ...where(t.on, dc),
    expected,
    actual,
    ...text.defaultMismatch({
      ...t.on,
      column: dc.name,
      expected,
      actual,
      alterColumn: migrationFor(t, dc, mc, spec, { default: true }),
      ...modelDefaultFix(t, dc, mc),
    }),
  });
}

/** A stand-in ColumnSpec when the model has none for a declared column (should not happen). */
function specFromColumn(col: Column): ColumnSpec {
  return { kind: 'specificType', sqlType: displayType(col.type), nullable: !col.notNull, primary: false, unique: false, index: false };
}

/** A generated column's expression as written after GENERATED ALWAYS AS. */
const generation = (c: Column): string => `(${c.generated}) ${c.generatedKind === 'v' ? 'VIRTUAL' : 'STORED'}`;

/**
 * The model's uniques, indexes, checks and foreign keys over a column, as code: a column dropped and
 * added again loses them (the database's go with it), so the hint adds the model's back.
 */
function dependentsOf(t: TableDiff, column: string): Code[] {
  const on = new Set([column]);
  const d = t.d;
  const out: Code[] = [];
  for (const u of d.uniques) if (touches(u.columns, on)) out.push(...addUnique(t.on, u, null).up);
  for (const i of d.indexes) if (touches([...i.columns, ...i.include, ...(i.predicate ? [i.predicate] : [])], on)) out.push(...createIndex(t.on, indexSpecFromCatalog({ ...i, name: '' }), null).up);
  for (const c of d.checks) if (touches([...identifiers(c.expression)], on)) out.push(raw(`ALTER TABLE ${quoteQualified(t.on.schema, t.on.table)} ADD CHECK (${checkExpression(c)})`));
  for (const f of d.foreignKeys) if (touches(f.columns, on)) out.push(...addForeignKey(t.on, f, null).up);
  return out;
}

function generatedMismatch(t: TableDiff, dc: Column, mc: Column, spec: ColumnSpec): void {
  const code = alterColumn(t.on, dc, mc, compiledSpec(spec), { generated: true }, { modelSchema: t.ref.model.schema, restateAll: true }).up;
  // dropped and added again (the model's column is generated): what is built over it is added back
  const migration = hintCode(dc.generated !== null ? [...code, ...dependentsOf(t, dc.name)] : code);
  const primary = t.m.primaryKey?.columns.length === 1 && t.m.primaryKey.columns[0] === mc.name;
  const modelFix =
    mc.generated === null
      ? `declare it in the model as ${jsPropertyKey(dc.name)}: ${modelColumnCall(mc, { schema: t.m.schema, enums: t.migrated.enums, primary })}`
      : `write .generatedAlwaysAs(${sqlTemplate(mc.generated)}) on column ${dc.name}`;
  t.push('generated-mismatch', {
    schema: t.on.schema,
    table: t.on.table,
    columns: [dc.name],
    expected: dc.generated === null ? null : generation(dc),
    actual: mc.generated === null ? null : generation(mc),
    ...text.generatedMismatch({ ...t.on, column: dc.name, expected: dc.generated === null ? null : generation(dc), actual: mc.generated === null ? null : generation(mc), migration, modelFix }),
  });
}

// Columns of a table present on both sides: add the model's new columns, change those that differ
// (type and collation, nullability, default and identity, generation: the code is the shared one of
// src/migration-code/, also in the hints), drop those the model does not declare (destructive).
// Matched by name; what differs is match.ts columnChanges, as in the diff.
import type { ColumnSpec } from '../../model-api/types.ts';
import { qualified, type Column, type Table } from '../../schema/types.ts';
import { columnChanges, sameList, type ColumnChanges } from '../../diff/match.ts';
import { displayDefault, effectiveDefault } from '../../diff/normalise.ts';
import { addCatalogColumn, addModelColumn, compiledSpec, dropColumn } from '../../migration-code/column-definitions.ts';
import { alterColumn } from '../../migration-code/column-changes.ts';
import { isNarrowing } from './narrowing.ts';
import { whereOf } from './code.ts';
import type { Planner } from './planner.ts';
import type { PlanModel } from './types.ts';

/** The primary keys around a column change: .alter() must not switch nullability on a key column. */
interface KeyColumns {
  inNewPk: Set<string>;
  inOldPk: Set<string>;
}

/** Use for the columns of one table present on both sides. */
export function planColumns(p: Planner, ref: PlanModel, m: Table, d: Table): void {
  const mCols = new Map(m.columns.map((c) => [c.name, c]));
  const dCols = new Set(d.columns.map((c) => c.name));
  const pkChanges = !sameList(d.primaryKey?.columns ?? [], m.primaryKey?.columns ?? []);
  const keys: KeyColumns = { inNewPk: new Set(d.primaryKey?.columns ?? []), inOldPk: new Set(pkChanges ? [] : (m.primaryKey?.columns ?? [])) };
  for (const dc of d.columns) {
    const spec = compiledSpec(ref.model.columns[dc.name] ?? { kind: 'specificType', sqlType: dc.type, nullable: !dc.notNull, primary: false, unique: false, index: false });
    const mc = mCols.get(dc.name);
    if (!mc) addColumn(p, ref, d, dc, spec);
    else changeColumn(p, ref, d, dc, mc, spec, keys);
  }
  for (const mc of m.columns) if (!dCols.has(mc.name)) planDropColumn(p, m, mc);
}

function addColumn(p: Planner, ref: PlanModel, d: Table, dc: Column, spec: ColumnSpec): void {
  const key = qualified(d.schema, d.name);
  const col = `${key}.${dc.name}`;
  if (dc.notNull && effectiveDefault(dc) === null && dc.generated === null) {
    p.notes.push(`column ${col} is added NOT NULL without a default: the migration fails if ${key} has rows; add a default or backfill first`);
  }
  p.op({
    kind: 'add-column',
    phase: 'columns',
    target: col,
    description: `add column ${col}`,
    up: addModelColumn(whereOf(d), dc.name, { ...spec, nullable: !dc.notNull }, ref.model.schema),
    down: [dropColumn(whereOf(d), dc.name)],
  });
}

/** What a change says about a column, for the summary. */
function describeChange(dc: Column, mc: Column, change: ColumnChanges): string {
  const what: string[] = [];
  const type = (c: Column) => `${c.type}${c.collation ? ` COLLATE "${c.collation}"` : ''}`;
  if (change.type) what.push(`type ${type(mc)} -> ${type(dc)}`);
  if (change.nullability) what.push(dc.notNull ? 'NOT NULL' : 'nullable');
  if (change.generated) what.push(`generated ${mc.generated === null ? 'never' : `as (${mc.generated})`} -> ${dc.generated === null ? 'never' : `as (${dc.generated})`}`);
  if (change.default) what.push(`default ${displayDefault(mc) ?? 'none'} -> ${displayDefault(dc) ?? 'none'}`);
  return what.join(', ');
}

/** Why a column change is left out without --allow-destructive, or undefined. */
function riskOf(dc: Column, mc: Column, change: ColumnChanges): string | undefined {
  if (change.generated && mc.generated === null) return `replaces the values of the column by computed ones (generated always as (${dc.generated}))`;
  if (change.generated) return undefined; // a generated column is computed: dropping and adding it again loses nothing
  if (change.type && isNarrowing(mc.type, dc.type)) return `narrows the type from ${mc.type} to ${dc.type}: values may be cut or rounded`;
  return undefined;
}

function changeColumn(p: Planner, ref: PlanModel, d: Table, dc: Column, mc: Column, spec: ColumnSpec, keys: KeyColumns): void {
  const change = columnChanges(dc, mc);
  if (!change.type && !change.nullability && !change.default && !change.generated) return;
  const col = `${qualified(d.schema, d.name)}.${dc.name}`;
  const risk = riskOf(dc, mc, change);
  // a change of generation drops the column, in up or in down: what is built over it goes with it
  if (change.generated && (risk === undefined || p.ctx.allowDestructive === true)) p.recreated.add(col);
  if (change.nullability && keys.inOldPk.has(dc.name) && !dc.notNull) p.notes.push(`column ${col} stays NOT NULL while it is part of the primary key`);
  const code = alterColumn(whereOf(d), dc, mc, spec, change, {
    modelSchema: ref.model.schema,
    keyColumn: { before: keys.inOldPk.has(dc.name), after: keys.inNewPk.has(dc.name) },
    // a column whose enum type changes gets its old default back in the enum step (after its labels are back)
    defaultRestoredElsewhere: p.enumDefaultColumns.has(col),
  });
  p.op({
    kind: 'alter-column',
    phase: 'columns',
    target: col,
    description: `alter column ${col}: ${describeChange(dc, mc, change)}`,
    destructive: risk !== undefined,
    risk,
    ...code,
  });
}

function planDropColumn(p: Planner, m: Table, mc: Column): void {
  const col = `${qualified(m.schema, m.name)}.${mc.name}`;
  p.op({
    kind: 'drop-column',
    phase: 'dropColumn',
    target: col,
    description: `drop column ${col} (the model does not declare it)`,
    destructive: true,
    risk: 'drops the column and its data',
    up: [dropColumn(whereOf(m), mc.name)],
    down: addCatalogColumn(whereOf(m), mc),
  });
}

// Columns of a table present on both sides: add the model's new columns, alter those whose type,
// nullability or default differ, drop those the model does not declare (destructive). Matched by name.
import type { ColumnSpec } from '../../model-api/types.ts';
import { qualified, type Column, type Table } from '../../schema/types.ts';
import { sameList } from '../../diff/match.ts';
import { effectiveDefault, normaliseType } from '../../diff/normalise.ts';
import { kjs, knexAlterColumn, knexColumnCall } from '../../diff/snippets.ts';
import { compileAddColumn } from '../../ddl/compile.ts';
import { quoteIdent, quoteQualified } from '../../ddl/names.ts';
import { builderSafe, line, offlineKnex, raw } from './code.ts';
import { catalogColumnCall, compiledSpec, rawCatalogAddColumn } from './column-code.ts';
import { isNarrowing } from './narrowing.ts';
import type { Planner } from './planner.ts';
import type { Code, PlanModel } from './types.ts';

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
    else alterColumn(p, ref, d, dc, mc, spec, keys);
  }
  for (const mc of m.columns) if (!dCols.has(mc.name)) dropColumn(p, m, d, mc);
}

function addColumn(p: Planner, ref: PlanModel, d: Table, dc: Column, spec: ColumnSpec): void {
  const schema = d.schema;
  const key = qualified(schema, d.name);
  const col = `${key}.${dc.name}`;
  let call = knexColumnCall(dc.name, { ...spec, nullable: !dc.notNull }, { schema: ref.model.schema, constraints: false, enumExists: true });
  if (spec.kind === 'increments' || spec.kind === 'bigIncrements') call = call.replace(/^(table\.(?:big)?[iI]ncrements\('(?:[^'\\]|\\.)*')\)/, '$1, { primaryKey: false })');
  if (dc.notNull && effectiveDefault(dc) === null) p.notes.push(`column ${col} is added NOT NULL without a default: the migration fails if ${key} has rows; add a default or backfill first`);
  const safe = [schema, d.name, dc.name].every(builderSafe);
  const rawUp = () => compileAddColumn(offlineKnex(), { schema, table: d.name }, dc.name, { ...spec, nullable: !dc.notNull }).map(raw);
  p.op({
    kind: 'add-column',
    phase: 'columns',
    target: col,
    description: `add column ${col}`,
    up: safe ? [line(schema, d.name, call)] : rawUp(),
    down: [safe ? line(schema, d.name, `table.dropColumn(${kjs(dc.name)})`) : raw(`ALTER TABLE ${quoteQualified(schema, d.name)} DROP COLUMN ${quoteIdent(dc.name)}`)],
  });
}

/** What differs between the model's column and the database's. */
interface ColumnChange {
  type: boolean;
  nullability: boolean;
  default: boolean;
}

function alterColumn(p: Planner, ref: PlanModel, d: Table, dc: Column, mc: Column, spec: ColumnSpec, keys: KeyColumns): void {
  const change: ColumnChange = {
    type: normaliseType(dc.type) !== normaliseType(mc.type),
    nullability: dc.notNull !== mc.notNull,
    default: effectiveDefault(dc) !== effectiveDefault(mc),
  };
  if (!change.type && !change.nullability && !change.default) return;
  const col = `${qualified(d.schema, d.name)}.${dc.name}`;
  const what: string[] = [];
  if (change.type) what.push(`type ${mc.type} -> ${dc.type}`);
  if (change.nullability) what.push(dc.notNull ? 'NOT NULL' : 'nullable');
  if (change.default) what.push(`default ${mc.default ?? 'none'} -> ${dc.default ?? 'none'}`);
  const narrowing = change.type && isNarrowing(mc.type, dc.type);
  const codes =
    spec.kind === 'increments' || spec.kind === 'bigIncrements'
      ? alterIncrements(d, dc, mc, spec, change)
      : alterThroughBuilder(p, ref, d, dc, mc, spec, change, keys);
  p.op({
    kind: 'alter-column',
    phase: 'columns',
    target: col,
    description: `alter column ${col}: ${what.join(', ')}`,
    destructive: narrowing,
    risk: narrowing ? `narrows the type from ${mc.type} to ${dc.type}: values may be cut or rounded` : undefined,
    ...codes,
  });
}

/** An auto-increment column has no .alter() spelling (serial is not a type): raw SQL, one change at a time. */
function alterIncrements(d: Table, dc: Column, mc: Column, spec: ColumnSpec, change: ColumnChange): { up: Code[]; down: Code[] } {
  const up: Code[] = [];
  const down: Code[] = [];
  const target = `ALTER TABLE ${quoteQualified(d.schema, d.name)} ALTER COLUMN ${quoteIdent(dc.name)}`;
  if (change.type) {
    up.push({ statement: knexAlterColumn(dc.name, spec, { schema: d.schema, table: d.name }, 'type') });
    down.push(raw(`${target} TYPE ${mc.type}`));
  }
  if (change.default) {
    up.push(raw(`${target} ADD GENERATED BY DEFAULT AS IDENTITY`));
    const restore = mc.default ? `SET DEFAULT ${mc.default}` : 'DROP DEFAULT';
    down.unshift(raw(`${target} DROP IDENTITY`), raw(`${target} ${restore}`));
  }
  if (change.nullability) {
    up.push(raw(`${target} ${dc.notNull ? 'SET' : 'DROP'} NOT NULL`));
    down.unshift(raw(`${target} ${mc.notNull ? 'SET' : 'DROP'} NOT NULL`));
  }
  return { up, down };
}

/** .alter() restates type, nullability and default; only what differs is switched on. */
function alterThroughBuilder(p: Planner, ref: PlanModel, d: Table, dc: Column, mc: Column, spec: ColumnSpec, change: ColumnChange, keys: KeyColumns): { up: Code[]; down: Code[] } {
  const upOpts = `{ alterType: ${change.type}, alterNullable: ${change.nullability && !keys.inOldPk.has(dc.name)} }`;
  const call = knexColumnCall(dc.name, { ...spec, nullable: !dc.notNull }, { schema: ref.model.schema, constraints: false, enumExists: true });
  const downOpts = `{ alterType: ${change.type}, alterNullable: ${change.nullability && !keys.inNewPk.has(dc.name)} }`;
  // a column whose enum type changes gets its old default back in the enum step (after its labels are back)
  const usesChangingEnum = p.enumDefaultColumns.has(`${qualified(d.schema, d.name)}.${dc.name}`);
  if (change.nullability && keys.inOldPk.has(dc.name) && !dc.notNull) p.notes.push(`column ${qualified(d.schema, d.name)}.${dc.name} stays NOT NULL while it is part of the primary key`);
  return {
    up: [line(d.schema, d.name, `${call}.alter(${upOpts})`)],
    down: [line(d.schema, d.name, `${catalogColumnCall(mc, { forAlter: true, withDefault: !usesChangingEnum })}.alter(${downOpts})`)],
  };
}

function dropColumn(p: Planner, m: Table, d: Table, mc: Column): void {
  const schema = d.schema;
  const col = `${qualified(schema, d.name)}.${mc.name}`;
  p.op({
    kind: 'drop-column',
    phase: 'dropColumn',
    target: col,
    description: `drop column ${col} (the model does not declare it)`,
    destructive: true,
    risk: 'drops the column and its data',
    ...([schema, d.name, mc.name].every(builderSafe)
      ? { up: [line(schema, d.name, `table.dropColumn(${kjs(mc.name)})`)], down: [line(schema, d.name, catalogColumnCall(mc))] }
      : { up: [raw(`ALTER TABLE ${quoteQualified(schema, d.name)} DROP COLUMN ${quoteIdent(mc.name)}`)], down: rawCatalogAddColumn(m, mc) }),
  });
}

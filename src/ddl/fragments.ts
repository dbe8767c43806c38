// The declared side model by model (issue 13, a changed model at scale). Pure: what a model's table
// reads as in the declared database depends only on its own DDL units, the enum types and schemas it
// uses, and the tables its foreign keys (and specificType columns) name: its key hashes exactly
// those statements, taken from the plan of ALL the models (so every generated name is the one the
// whole plan gives). A model whose key is unchanged keeps its cached table (its fragment); only the
// others are applied, beside stubs of the tables they reference (see declared-incremental.ts).
import type { LoadedModel } from '../model-api/types.ts';
import type { Schema, Table } from '../schema/types.ts';
import type { DdlPlan, DdlUnit } from './compile.ts';
import { tableKey } from './compile.ts';
import type { SkippedForeignKey } from './apply.ts';
import { createHash } from 'node:crypto';
import { MAX_IDENTIFIER_BYTES } from './names.ts';
import { compare } from '../catalog/parse.ts';

/** A foreign key the DDL did not create, for a reason that depends on the key's inputs alone. */
export interface FragmentSkip {
  columns: string[];
  reason: 'undeclared-target' | 'target-not-unique';
  target: string;
  refColumns?: string[];
}

/** What the declared database holds of one model: its table as read, and the foreign keys not created. */
export interface ModelFragment {
  table: Table;
  skipped: FragmentSkip[];
}

/** Model key -> fragment. */
export type FragmentMap = Record<string, ModelFragment>;

const hash = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);

/**
 * Use on the plan of all the models: each model's key (none for a model that did not compile). `salt`
 * names everything else the DDL depends on (tool, PostgreSQL version, lockfile).
 */
export function modelKeys(plan: DdlPlan, salt: string): Map<LoadedModel, string> {
  const tableUnit = new Map<LoadedModel, DdlUnit>();
  const shared = new Map<LoadedModel, string[]>();
  const fks = new Map<LoadedModel, unknown[]>();
  for (const unit of plan.units) {
    if (unit.phase === 'table') tableUnit.set(unit.models[0]!, unit);
    else if (unit.phase === 'schema' || unit.phase === 'enum') for (const m of unit.models) shared.set(m, [...(shared.get(m) ?? []), ...unit.statements]);
  }
  const tableOf = (target: string): string[] | string => {
    const owner = plan.tables.get(target);
    return owner ? (tableUnit.get(owner)?.statements ?? 'failed to compile') : 'undeclared';
  };
  for (const unit of plan.units) {
    if (unit.phase !== 'foreignKey') continue;
    const m = unit.models[0]!;
    fks.set(m, [...(fks.get(m) ?? []), unit.statements, tableOf(unit.target!)]);
  }
  const keys = new Map<LoadedModel, string>();
  for (const [m, unit] of tableUnit) {
    const typed = typeTables(m, plan).map(tableOf);
    keys.set(m, hash([salt, unit.statements, shared.get(m) ?? [], fks.get(m) ?? [], typed]));
  }
  return keys;
}

/** Declared tables a model's specificType columns may name (a table's row type as a column type). */
function typeTables(lm: LoadedModel, plan: DdlPlan): string[] {
  const out: string[] = [];
  for (const spec of Object.values(lm.model.columns)) {
    if (spec.kind !== 'specificType' || !spec.sqlType) continue;
    const name = spec.sqlType.replace(/\[\s*\d*\s*\]/g, '').replace(/"/g, '').trim();
    for (const key of [name, tableKey(lm.model.schema, name)]) if (plan.tables.has(key)) out.push(key);
  }
  return out;
}

/**
 * Use to apply only the models `changed`: the part of the whole plan that builds their tables and
 * foreign keys, every schema and enum type (cheap, and then the database has them all, as the whole
 * plan would), and the tables (without foreign keys) of the models they reference: `stubs`.
 */
export function partialPlan(plan: DdlPlan, changed: Set<LoadedModel>): { plan: DdlPlan; stubs: LoadedModel[] } {
  const stubs = new Set<LoadedModel>();
  for (const unit of plan.units) {
    if (!changed.has(unit.models[0]!)) continue;
    const targets = unit.phase === 'foreignKey' ? [unit.target!] : unit.phase === 'table' ? typeTables(unit.models[0]!, plan) : [];
    for (const t of targets) {
      const owner = plan.tables.get(t);
      if (owner && !changed.has(owner)) stubs.add(owner);
    }
  }
  const keep = (unit: DdlUnit): boolean =>
    unit.phase === 'schema' || unit.phase === 'enum' || (unit.phase === 'table' && (changed.has(unit.models[0]!) || stubs.has(unit.models[0]!))) || (unit.phase === 'foreignKey' && changed.has(unit.models[0]!));
  return {
    plan: { units: plan.units.filter(keep), compileErrors: plan.compileErrors.filter((e) => changed.has(e.model)), tables: plan.tables },
    stubs: [...stubs],
  };
}

/** Use after the models' DDL ran (`tables` by 'schema.table'), for a model that did not fail: its fragment, or undefined when a target of its failed. */
export function fragmentOf(lm: LoadedModel, tables: Map<string, Table>, skipped: SkippedForeignKey[]): ModelFragment | undefined {
  const table = tables.get(tableKey(lm.model.schema, lm.model.table));
  const own = skipped.filter((k) => k.model === lm);
  if (!table || own.some((k) => k.reason === 'target-failed')) return undefined;
  return { table, skipped: own.map((k) => ({ columns: k.columns, reason: k.reason as FragmentSkip['reason'], target: k.target, ...(k.refColumns ? { refColumns: k.refColumns } : {}) })) };
}

/** The foreign keys a fragment records as not created, for this run's model. */
export function skipsOf(lm: LoadedModel, fragment: ModelFragment): SkippedForeignKey[] {
  return fragment.skipped.map((k) => ({ model: lm, label: '', target: k.target, columns: k.columns, refColumns: k.refColumns, reason: k.reason, sql: '' }));
}

/**
 * Use to put the declared schema together: the tables of `partial` (the changed models' database)
 * that belong to `changed`, the cached tables of the others, and `partial`'s enum types and schemas
 * (every one of the plan's). Undefined when the result may differ from applying all the models at
 * once: two relations or types of one name in a schema (one of them would have failed), or a serial
 * column whose sequence is not named as PostgreSQL names it when nothing else holds that name.
 */
export function mergeFragments(partial: Schema, changed: LoadedModel[], cached: ModelFragment[]): Schema | undefined {
  const own = new Set(changed.map((lm) => tableKey(lm.model.schema, lm.model.table)));
  const tables = [...partial.tables.filter((t) => own.has(tableKey(t.schema, t.name))), ...cached.map((f) => f.table)];
  if (tables.length !== changed.length + cached.length) return undefined;
  tables.sort((a, b) => compare(a.schema, b.schema) || compare(a.name, b.name));
  const merged: Schema = { tables, enums: partial.enums, schemas: partial.schemas };
  return namesAreUnique(merged) && tables.every(serialsNamedPlainly) ? merged : undefined;
}

/** No two relations (tables, indexes, keys, sequences) nor two types (tables' row types, enums) share a name in a schema. */
function namesAreUnique(schema: Schema): boolean {
  const seen = new Set<string>();
  const fresh = (space: string, schemaName: string, name: string): boolean => {
    const key = `${space}\0${schemaName}\0${name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  for (const e of schema.enums) if (!fresh('type', e.schema, e.name)) return false;
  for (const t of schema.tables) {
    const relations = [t.name, ...t.indexes.map((i) => i.name), ...t.uniques.map((u) => u.name), ...(t.primaryKey ? [t.primaryKey.name] : [])];
    // serialsNamedPlainly holds too: a serial's sequence is <table>_<column>_seq
    const sequences = t.columns.filter((c) => c.default?.startsWith('nextval(')).map((c) => `${t.name}_${c.name}_seq`);
    if (!fresh('type', t.schema, t.name) || ![...relations, ...sequences].every((r) => fresh('rel', t.schema, r))) return false;
  }
  return true;
}

/** Every nextval() default names `<table>_<column>_seq`, the name PostgreSQL gives a serial when it is free. */
function serialsNamedPlainly(t: Table): boolean {
  return t.columns.every((c) => {
    if (!c.default?.startsWith('nextval(')) return true;
    const name = `${t.name}_${c.name}_seq`;
    const m = /^nextval\('(.*)'::regclass\)$/.exec(c.default);
    const parts = m ? identifiers(m[1]!.replace(/''/g, "'")) : [];
    return Buffer.byteLength(name) <= MAX_IDENTIFIER_BYTES && parts.length === 2 && parts[0] === t.schema && parts[1] === name;
  });
}

/** The names of a dotted SQL name ('public.t_id_seq', '"My"."t_id_seq"'), unquoted. */
function identifiers(text: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"]|"")*)"|([^".]+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!);
  return out;
}

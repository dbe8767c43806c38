// `generate`, the planning half: from the structural difference between the migrated Schema and the
// declared one (both read by the catalog reader), the operations of ONE Knex migration whose `up` brings
// the migrated schema to the models and whose `down` restores the migrated schema exactly. Pure: no
// database, no file system; migration-writer-file.ts renders and writes the plan.
//
// Matching follows the diff (src/diff/diff.ts) so that applying the plan leaves no finding: tables and
// columns by name, primary keys by column list, foreign keys by column set, uniques by column set (a
// unique index counts), indexes by structure, checks by normalised expression, names never compared.
// Code comes from the hint snippets of src/diff/snippets.ts (Knex schema builder); knex.raw only where
// the builder has no spelling (enum types, expression indexes, checks with names Knex would not quote).
import { checkExpression, indexSchemas, colList, fkShape, fkTarget, identifiers, indexKey, isPlainUniqueIndex, frozenAlike, sameList, setKey } from '../diff/match.ts';
import type { ColumnSpec, LoadedModel, Model } from '../model-api/types.ts';
import {
  qualified,
  type CheckConstraint,
  type Column,
  type EnumType,
  type ForeignKey,
  type Index,
  type PrimaryKey,
  type Schema,
  type Table,
  type UniqueConstraint,
} from '../schema/types.ts';
import { knexTableGlobs, tableMatcher } from '../diff/ignore.ts';
import { effectiveDefault, normaliseExpression, normaliseType } from '../diff/normalise.ts';
import {
  kjs,
  knexNestedRaw,
  knexColumnComment,
  knexTableComment,
  knexAlterColumn,
  knexCheckCall,
  knexColumnCall,
  knexForeignCall,
  knexIndexCall,
  knexUniqueCall,
} from '../diff/snippets.ts';
import { NameAllocator, knexDefaultName, quoteIdent, quoteLiteral, quoteQualified, truncateIdentifier } from '../ddl/names.ts';
import { compileAddColumn, compileModelTable, toPgArrayLiteral } from '../ddl/compile.ts';
import createKnex, { type Knex } from 'knex';
import { knexText, templateBody } from '../util/escape.ts';

/** Steps of a migration, in `up` order; `down` runs them backwards. */
export const PHASES = [
  'schema', // create schemas
  'enum', // create enum types
  'enumChange', // change enum labels
  'dropForeignKey', // foreign keys replaced, removed, or in the way of a key change
  'dropConstraint', // primary keys, uniques, indexes, checks replaced or removed
  'createTable', // new tables, in foreign-key order
  'columns', // add and alter columns
  'addConstraint', // primary keys, uniques, indexes, checks
  'addForeignKey', // foreign keys (and those dropped only to change a key)
  'dropColumn', // destructive
  'dropTable', // destructive
] as const;
export type Phase = (typeof PHASES)[number];

export type OperationKind =
  | 'create-schema'
  | 'create-enum'
  | 'alter-enum'
  | 'create-table'
  | 'drop-table'
  | 'add-column'
  | 'alter-column'
  | 'drop-column'
  | 'add-primary-key'
  | 'drop-primary-key'
  | 'add-foreign-key'
  | 'drop-foreign-key'
  | 'add-unique'
  | 'drop-unique'
  | 'add-index'
  | 'drop-index'
  | 'add-check'
  | 'drop-check';

/** One line of migration code: inside an alterTable callback on `table`, or a statement of its own. */
export type Code = { table: { schema: string; name: string }; line: string } | { statement: string };

export interface Operation {
  kind: OperationKind;
  phase: Phase;
  /** What it touches: 'core.customers', 'core.customers.email', 'type public.user_status'. */
  target: string;
  /** One line for the summary: 'add column core.customers.email (text NOT NULL)'. */
  description: string;
  /** Drops something the database has and the models do not (or narrows a type): left out unless allowed. */
  destructive: boolean;
  /** Why it is destructive, for the warning. */
  risk?: string;
  up: Code[];
  down: Code[];
}

export interface MigrationPlan {
  /** The operations written, in up order. */
  operations: Operation[];
  /** Destructive operations left out (without allowDestructive), in up order. */
  skipped: Operation[];
  /** false when the migration must run outside a transaction (a new enum label used in the same migration). */
  transaction: boolean;
  /** Things the user should know (e.g. a NOT NULL column added without a default). */
  notes: string[];
}

/** A model whose table is compared; a LoadedModel fits. */
export type PlanModel = Pick<LoadedModel, 'name' | 'file' | 'model'>;

export interface PlanContext {
  /** The models compared (their DDL applied to the declared database). */
  models: readonly PlanModel[];
  /** Models loaded but not compared: their tables are neither created nor dropped. */
  claimed?: readonly { model: Pick<Model, 'schema' | 'table'> }[];
  /** config ignore.tables globs. */
  ignoreTables?: readonly string[];
  /** Knex's migration tables as configured (knexTableGlobs). */
  migrationTables?: readonly string[];
  /** Include drops and narrowing type changes. */
  allowDestructive?: boolean;
}

// ---------------------------------------------------------------------------------------------------
// small helpers, mirroring the diff's matching

const SAFE_IDENT = /^[a-z_][a-z0-9_$]*$/;





function describeIndex(i: Pick<Index, 'columns' | 'descending' | 'unique' | 'method' | 'predicate'>): string {
  const keys = i.columns.map((c, k) => `${c}${i.descending[k] ? ' DESC' : ''}`).join(', ');
  return `${i.unique ? 'unique ' : ''}${i.method && i.method !== 'btree' ? `${i.method} ` : ''}index (${keys})${i.predicate ? ` WHERE ${i.predicate}` : ''}`;
}



/** Raw SQL as a template literal: SQL's quotes stay readable. */
const sqlLiteral = (sql: string): string => '`' + templateBody(knexText(sql)) + '`';
const raw = (sql: string): Code => ({ statement: `knex.raw(${sqlLiteral(sql)})` });

/**
 * Knex splits a name at each '.' and at ' as ' (a.b is schema a, table b) and trims it (JavaScript's
 * trim: spaces, line terminators, BOM): a table whose names do any of that is written in raw SQL from
 * the DDL compiler and quoteIdent, never through the schema builder.
 */
export const builderSafe = (name: string): boolean => !name.includes('.') && !/ as /i.test(name) && name === name.trim();

/** Every name a model's table uses, as the schema builder would need to write them. */
function modelNames(model: Model): string[] {
  const out = [model.schema, model.table, ...Object.keys(model.columns)];
  for (const c of Object.values(model.columns)) if (c.references) out.push(c.references.schema ?? '', c.references.table, c.references.column);
  for (const fk of model.foreignKeys) out.push(fk.name ?? '', ...fk.columns, fk.references.schema ?? '', fk.references.table, ...fk.references.columns);
  for (const x of [...model.indexes, ...model.uniques]) out.push(x.name ?? '', ...x.columns);
  return out;
}

/** Every name of a catalog table (its foreign keys' targets included). */
const tableNames = (t: Table): string[] => [
  t.schema,
  t.name,
  ...t.columns.map((c) => c.name),
  ...t.foreignKeys.flatMap((f) => [f.name, f.refSchema, f.refTable, ...f.columns, ...f.refColumns]),
  ...[...t.indexes, ...t.uniques].flatMap((x) => [x.name, ...x.columns]),
  t.primaryKey?.name ?? '',
];

/** A catalog column as SQL: "name" type [GENERATED ...] [NOT NULL] [DEFAULT ...]. */
function columnDefinition(c: Column): string {
  let def = `${quoteIdent(c.name)} ${c.type}`;
  if (c.identity !== '') def += ` GENERATED ${c.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`;
  else if (c.generated !== null) def += ` GENERATED ALWAYS AS (${c.generated}) STORED`;
  if (c.notNull) def += ' NOT NULL';
  if (c.default !== null && c.identity === '' && c.generated === null) def += ` DEFAULT ${c.default}`;
  return def;
}

/** COMMENT ON statements for a catalog table and its columns. */
function commentCodes(t: Table): Code[] {
  const tbl = quoteQualified(t.schema, t.name);
  const out: Code[] = t.comment !== null ? [raw(`COMMENT ON TABLE ${tbl} IS ${quoteLiteral(t.comment)}`)] : [];
  for (const c of t.columns) if (c.comment !== null) out.push(raw(`COMMENT ON COLUMN ${tbl}.${quoteIdent(c.name)} IS ${quoteLiteral(c.comment)}`));
  return out;
}

/** ALTER TABLE ... ADD COLUMN from the catalog (the down of dropping a column), in raw SQL. */
function rawCatalogAddColumn(t: Table, c: Column): Code[] {
  const tbl = quoteQualified(t.schema, t.name);
  const comment = c.comment !== null ? [raw(`COMMENT ON COLUMN ${tbl}.${quoteIdent(c.name)} IS ${quoteLiteral(c.comment)}`)] : [];
  return [raw(`ALTER TABLE ${tbl} ADD COLUMN ${columnDefinition(c)}`), ...comment];
}

/** Knex sends a table comment as it is, between quotes. */
const tableCommentCall = (comment: string): string => `table.comment(${knexTableComment(comment)})`;

/** ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY, for tables the builder cannot name. */
function rawForeignKey(schema: string, table: string, fk: Pick<ForeignKey, 'columns' | 'refSchema' | 'refTable' | 'refColumns' | 'onDelete' | 'onUpdate'>, name: string): string {
  const cols = (c: readonly string[]) => c.map(quoteIdent).join(', ');
  const actions = `${fk.onDelete !== 'NO ACTION' ? ` ON DELETE ${fk.onDelete}` : ''}${fk.onUpdate !== 'NO ACTION' ? ` ON UPDATE ${fk.onUpdate}` : ''}`;
  return `ALTER TABLE ${quoteQualified(schema, table)} ADD CONSTRAINT ${quoteIdent(name)} FOREIGN KEY (${cols(fk.columns)}) REFERENCES ${quoteQualified(fk.refSchema, fk.refTable)} (${cols(fk.refColumns)})${actions}`;
}

/** A knex instance with no connection: compiles the raw SQL of tables the builder cannot name. */
let offline: Knex | undefined;
const offlineKnex = (): Knex => (offline ??= createKnex({ client: 'pg' }));
const line = (schema: string, name: string, l: string): Code => ({ table: { schema, name }, line: l });
const builder = (schema: string): string => (schema === 'public' ? 'knex.schema' : `knex.schema.withSchema(${kjs(schema)})`);

/** `table.xxx(...)` snippets that are in fact knex.raw(...) statements (expression indexes) become statements. */
function codeOf(schema: string, table: string, snippet: string): Code {
  return snippet.startsWith('knex.raw(') ? { statement: snippet } : line(schema, table, snippet);
}

/** A model column spec restated the way the DDL compiler reads it, so the snippet builds the same column. */
function compiledSpec(spec: ColumnSpec): ColumnSpec {
  let s: ColumnSpec = { ...spec };
  if (s.kind === 'time' && s.useTz) s = { ...s, kind: 'specificType', sqlType: 'timetz' };
  if (s.kind === 'decimal' && s.precision !== undefined && s.scale === undefined) s = { ...s, scale: 2 };
  if (s.default?.kind === 'value') {
    const v = s.default.value;
    if (v instanceof Date) s = { ...s, default: { kind: 'value', value: v.toISOString() } };
    else if (v !== null && typeof v === 'object') {
      const json = s.kind === 'json' || s.kind === 'jsonb' || !Array.isArray(v);
      s = { ...s, default: { kind: 'value', value: json ? JSON.stringify(v) : toPgArrayLiteral(v) } };
    }
  }
  return s;
}

const SERIAL: Record<string, string> = { integer: 'serial', bigint: 'bigserial', smallint: 'smallserial' };

/** A database column as a Knex builder call (for down and for re-creating what up dropped). */
function catalogColumnCall(col: Column, options: { forAlter?: boolean; withDefault?: boolean } = {}): string {
  const type = normaliseType(col.type);
  let sqlType = col.type;
  let dflt = options.withDefault === false ? null : col.default;
  if (!options.forAlter) {
    if (col.identity !== '') {
      sqlType = `${col.type} generated ${col.identity === 'a' ? 'always' : 'by default'} as identity`;
      dflt = null;
    } else if (col.generated !== null) {
      sqlType = `${col.type} generated always as (${col.generated}) stored`;
      dflt = null;
    } else if (col.default && /^nextval\(/i.test(col.default) && SERIAL[type]) {
      sqlType = SERIAL[type]!;
      dflt = null;
    }
  }
  let call = `table.specificType(${kjs(col.name)}, ${kjs(sqlType)})`;
  call += col.notNull ? '.notNullable()' : '.nullable()';
  if (dflt !== null) call += `.defaultTo(${knexNestedRaw(dflt)})`;
  if (col.comment !== null && !options.forAlter) call += `.comment(${knexColumnComment(col.comment)})`;
  return call;
}

/** Widening type changes keep every value; anything else may lose data (length, precision, time zone). */
export function isNarrowing(fromRaw: string, toRaw: string): boolean {
  const from = normaliseType(fromRaw);
  const to = normaliseType(toRaw);
  if (from === to) return false;
  if (to === 'text') return false; // every value has a text form
  const typmod = (t: string): number[] => (/\(([^)]*)\)/.exec(t)?.[1] ?? '').split(',').filter(Boolean).map(Number);
  const base = (t: string): string => t.replace(/\([^)]*\)/, '');
  const bf = base(from);
  const bt = base(to);
  const strings = ['character varying', 'character', 'text'];
  if (strings.includes(bf) && bt === 'character varying') {
    if (typmod(to).length === 0) return false;
    return bf === 'text' || typmod(from).length === 0 || typmod(from)[0]! > typmod(to)[0]!;
  }
  const ints = ['smallint', 'integer', 'bigint'];
  if (ints.includes(bf) && ints.includes(bt)) return ints.indexOf(bt) < ints.indexOf(bf);
  if (ints.includes(bf) && bt === 'numeric') {
    const [p, s] = typmod(to);
    return p !== undefined && p - (s ?? 0) < 19;
  }
  if (bf === 'real' && bt === 'double precision') return false;
  if (bf === 'numeric' && bt === 'numeric') {
    const [tp, ts] = typmod(to);
    if (tp === undefined) return false;
    const [fp, fs] = typmod(from);
    if (fp === undefined) return true;
    return ts! < fs! || tp - ts! < fp - fs!;
  }
  const times = /^(timestamp|time)(?:\((\d+)\))? (with|without) time zone$/;
  const mf = times.exec(from);
  const mt = times.exec(to);
  if (mf && mt && mf[1] === mt[1]) {
    if (mf[3] === 'with' && mt[3] === 'without') return true;
    return Number(mt[2] ?? 6) < Number(mf[2] ?? 6);
  }
  if (bf === 'json' && bt === 'jsonb') return false;
  return true;
}

// ---------------------------------------------------------------------------------------------------

/** Plan the migration that brings `migrated` to `declared` (pure). */
export function planMigration(migrated: Schema, declared: Schema, ctx: PlanContext): MigrationPlan {
  const planner = new Planner(migrated, declared, ctx);
  const plan = planner.run();
  return { ...plan, transaction: planner.transactionOk(plan.operations) };
}

interface NewTable {
  ref: PlanModel;
  table: Table;
  /** Referenced tables (qualified) that are created in this migration too. */
  deps: Set<string>;
}

class Planner {
  private readonly ops: Operation[] = [];
  private readonly notes: string[] = [];
  private readonly mTables: Map<string, Table>;
  private readonly dTables: Map<string, Table>;
  private readonly mEnums: Map<string, EnumType>;
  private readonly ignored: (schema: string, table: string) => boolean;
  private readonly names = new NameAllocator();
  /** Migrated foreign keys dropped by some operation (so a key change does not drop them twice). */
  private readonly droppedFks = new Set<ForeignKey>();
  /** Columns (qualified) whose default the enum step restores in down (see alterEnum). */
  private readonly enumDefaultColumns = new Set<string>();

  constructor(
    private readonly migrated: Schema,
    private readonly declared: Schema,
    private readonly ctx: PlanContext,
  ) {
    ({ mTables: this.mTables, dTables: this.dTables, mEnums: this.mEnums, ignored: this.ignored } = indexSchemas(migrated, declared, ctx));
    // every relation and constraint name the database already has: Knex's default names must not collide
    for (const t of migrated.tables) {
      const rel = `rel:${t.schema}`;
      this.names.reserve(rel, t.name);
      if (t.primaryKey) this.names.reserve(rel, t.primaryKey.name);
      for (const u of t.uniques) this.names.reserve(rel, u.name);
      for (const i of t.indexes) this.names.reserve(rel, i.name);
      const con = `con:${t.schema}.${t.name}`;
      for (const f of t.foreignKeys) this.names.reserve(con, f.name);
      for (const c of t.checks) this.names.reserve(con, c.name);
    }
    for (const ref of ctx.models) {
      const m = ref.model;
      this.names.reserve(`rel:${m.schema}`, m.table);
      for (const i of m.indexes) if (i.name) this.names.reserve(`rel:${m.schema}`, i.name);
      for (const u of m.uniques) if (u.name) this.names.reserve(`rel:${m.schema}`, u.name);
      for (const f of m.foreignKeys) if (f.name) this.names.reserve(`con:${m.schema}.${m.table}`, f.name);
      for (const c of m.checks) if (c.name) this.names.reserve(`con:${m.schema}.${m.table}`, c.name);
    }
  }

  run(): MigrationPlan {
    const refs = this.modelRefs();
    const modelled = new Set(refs.map((r) => qualified(r.model.schema, r.model.table)));
    for (const c of this.ctx.claimed ?? []) modelled.add(qualified(c.model.schema, c.model.table));

    this.schemas();
    this.enums();

    const created: NewTable[] = [];
    for (const ref of refs) {
      const key = qualified(ref.model.schema, ref.model.table);
      const d = this.dTables.get(key);
      if (!d) continue; // did not compile: reported elsewhere
      const m = this.mTables.get(key);
      if (!m) created.push({ ref, table: d, deps: new Set() });
      else this.alterTable(ref, m, d);
    }
    this.createTables(created);

    // tables no model declares
    const unmodeled = this.migrated.tables.filter((t) => !modelled.has(qualified(t.schema, t.name)) && !this.ignored(t.schema, t.name));
    for (const t of unmodeled) this.dropTable(t);

    const ordered = PHASES.flatMap((p) => this.ops.filter((o) => o.phase === p));
    const allow = this.ctx.allowDestructive === true;
    const operations = ordered.filter((o) => allow || !o.destructive);
    const skipped = ordered.filter((o) => !allow && o.destructive);
    return { operations, skipped, transaction: true, notes: this.notes };
  }

  private modelRefs(): PlanModel[] {
    const seen = new Set<string>();
    const out: PlanModel[] = [];
    const sorted = [...this.ctx.models].sort(
      (a, b) => qualified(a.model.schema, a.model.table).localeCompare(qualified(b.model.schema, b.model.table)) || a.name.localeCompare(b.name),
    );
    for (const ref of sorted) {
      const key = qualified(ref.model.schema, ref.model.table);
      if (seen.has(key) || this.ignored(ref.model.schema, ref.model.table)) continue;
      seen.add(key);
      out.push(ref);
    }
    return out;
  }

  private op(o: Omit<Operation, 'destructive'> & { destructive?: boolean }): Operation {
    const full: Operation = { destructive: false, ...o };
    this.ops.push(full);
    return full;
  }

  // ------------------------------------------------------------------------------------- schemas, enums

  private schemas(): void {
    const have = new Set(this.migrated.schemas);
    for (const s of this.declared.schemas) {
      if (have.has(s)) continue;
      this.op({
        kind: 'create-schema',
        phase: 'schema',
        target: `schema ${s}`,
        description: `create schema ${s}`,
        up: [builderSafe(s) ? { statement: `knex.schema.createSchema(${kjs(s)})` } : raw(`CREATE SCHEMA ${quoteIdent(s)}`)],
        down: [builderSafe(s) ? { statement: `knex.schema.dropSchema(${kjs(s)})` } : raw(`DROP SCHEMA ${quoteIdent(s)}`)],
      });
    }
  }

  private enums(): void {
    for (const de of this.declared.enums) {
      const key = qualified(de.schema, de.name);
      const me = this.mEnums.get(key);
      const type = quoteQualified(de.schema, de.name);
      if (!me) {
        this.op({
          kind: 'create-enum',
          phase: 'enum',
          target: `type ${key}`,
          description: `create enum type ${key} (${de.labels.join(', ')})`,
          up: [raw(`CREATE TYPE ${type} AS ENUM (${de.labels.map(quoteLiteral).join(', ')})`)],
          down: [raw(`DROP TYPE ${type}`)],
        });
        continue;
      }
      if (sameList(me.labels, de.labels)) continue;
      this.alterEnum(me, de);
    }
  }

  /** The columns of the migrated database that use an enum type (any table: the type cannot change without them). */
  private enumUsages(e: EnumType): { table: Table; column: Column; array: boolean }[] {
    const out: { table: Table; column: Column; array: boolean }[] = [];
    for (const t of this.migrated.tables) {
      for (const c of t.columns) {
        if (c.enumType && c.enumType.schema === e.schema && c.enumType.name === e.name) out.push({ table: t, column: c, array: normaliseType(c.type).endsWith('[]') });
      }
    }
    return out;
  }

  private alterEnum(me: EnumType, de: EnumType): void {
    const key = qualified(me.schema, me.name);
    const type = quoteQualified(me.schema, me.name);
    const oldL = me.labels;
    const newL = de.labels;
    // a label that only changed case is a rename: the rows keep their value
    const removed = oldL.filter((l) => !newL.includes(l));
    const added = newL.filter((l) => !oldL.includes(l));
    const renames = new Map<string, string>();
    for (const o of removed) {
      const hits = added.filter((n) => n.toLowerCase() === o.toLowerCase());
      const back = removed.filter((x) => x.toLowerCase() === o.toLowerCase());
      if (hits.length === 1 && back.length === 1) renames.set(o, hits[0]!);
    }
    const renamedOld = oldL.map((l) => renames.get(l) ?? l);
    const trulyRemoved = removed.filter((l) => !renames.has(l));
    const trulyAdded = added.filter((l) => ![...renames.values()].includes(l));
    const keepsOrder = trulyRemoved.length === 0 && sameList(renamedOld, newL.filter((l) => renamedOld.includes(l)));
    const usages = this.enumUsages(me);
    for (const u of usages) this.enumDefaultColumns.add(qualified(u.table.schema, `${u.table.name}.${u.column.name}`));

    const up: Code[] = [];
    const down: Code[] = [];
    const renameSql = (from: string, to: string) => raw(`ALTER TYPE ${type} RENAME VALUE ${quoteLiteral(from)} TO ${quoteLiteral(to)}`);
    if (keepsOrder) {
      for (const [o, n] of renames) up.push(renameSql(o, n));
      // ADD VALUE in place: BEFORE the next label that exists already, else AFTER the previous one
      const present = new Set(renamedOld);
      for (let i = 0; i < newL.length; i++) {
        const l = newL[i]!;
        if (present.has(l)) continue;
        const next = newL.slice(i + 1).find((x) => present.has(x));
        const prev = [...newL.slice(0, i)].reverse().find((x) => present.has(x));
        const where = next !== undefined ? ` BEFORE ${quoteLiteral(next)}` : prev !== undefined ? ` AFTER ${quoteLiteral(prev)}` : '';
        up.push(raw(`ALTER TYPE ${type} ADD VALUE ${quoteLiteral(l)}${where}`));
        present.add(l);
      }
      if (trulyAdded.length === 0) {
        for (const [o, n] of [...renames].reverse()) down.push(renameSql(n, o));
        for (const u of usages) down.push(...this.restoreDefault(u.table, u.column));
      } else {
        down.push(...this.recreateEnum(me, oldL, new Map([...renames].map(([o, n]) => [n, o])), usages, 'migrated'));
      }
      if (trulyAdded.length > 0) this.enumLabelsAdded.push(...trulyAdded);
    } else {
      up.push(...this.recreateEnum(me, newL, renames, usages, 'mapped'));
      down.push(...this.recreateEnum(me, oldL, new Map([...renames].map(([o, n]) => [n, o])), usages, 'migrated'));
    }
    const parts: string[] = [];
    if (renames.size) parts.push(`rename ${[...renames].map(([o, n]) => `'${o}' to '${n}'`).join(', ')}`);
    if (trulyAdded.length) parts.push(`add ${trulyAdded.map((l) => `'${l}'`).join(', ')}`);
    if (trulyRemoved.length) parts.push(`remove ${trulyRemoved.map((l) => `'${l}'`).join(', ')}`);
    if (!keepsOrder && trulyRemoved.length === 0) parts.push('reorder labels');
    this.op({
      kind: 'alter-enum',
      phase: 'enumChange',
      target: `type ${key}`,
      description: `change enum type ${key}: ${parts.join('; ')} (${oldL.join(', ')} -> ${newL.join(', ')})`,
      destructive: trulyRemoved.length > 0,
      risk: trulyRemoved.length > 0 ? `removes label${trulyRemoved.length > 1 ? 's' : ''} ${trulyRemoved.map((l) => `'${l}'`).join(', ')}` : undefined,
      up,
      down,
    });
  }

  /** Labels added with ADD VALUE: if the migration uses one, it must run outside a transaction. */
  private readonly enumLabelsAdded: string[] = [];

  /** SET DEFAULT back to the migrated default of a column (after its enum type changed under it). */
  private restoreDefault(t: Table, c: Column): Code[] {
    if (!c.default) return [];
    return [raw(`ALTER TABLE ${quoteQualified(t.schema, t.name)} ALTER COLUMN ${quoteIdent(c.name)} SET DEFAULT ${c.default}`)];
  }

  /**
   * Re-create an enum type with other labels: rename the old type away, create the new one, convert
   * every column through text (mapping renamed labels), drop the old type. Column defaults are
   * dropped first and set again: to the migrated default ('migrated'), or to it with labels mapped
   * when the label still exists ('mapped'; the columns step then sets the model's default).
   */
  private recreateEnum(e: EnumType, labels: readonly string[], mapping: ReadonlyMap<string, string>, usages: { table: Table; column: Column; array: boolean }[], defaults: 'migrated' | 'mapped'): Code[] {
    const type = quoteQualified(e.schema, e.name);
    const oldName = truncateIdentifier(`${e.name}__pcc_old`);
    const out: Code[] = [raw(`ALTER TYPE ${type} RENAME TO ${quoteIdent(oldName)}`), raw(`CREATE TYPE ${type} AS ENUM (${labels.map(quoteLiteral).join(', ')})`)];
    for (const u of usages) {
      const tbl = quoteQualified(u.table.schema, u.table.name);
      const col = quoteIdent(u.column.name);
      if (u.column.default) out.push(raw(`ALTER TABLE ${tbl} ALTER COLUMN ${col} DROP DEFAULT`));
      let using: string;
      if (u.array) using = `${col}::text[]::${type}[]`;
      else if (mapping.size === 0) using = `${col}::text::${type}`;
      else {
        const whens = [...mapping].map(([o, n]) => `WHEN ${quoteLiteral(o)} THEN ${quoteLiteral(n)}`).join(' ');
        using = `(CASE ${col}::text ${whens} ELSE ${col}::text END)::${type}`;
      }
      out.push(raw(`ALTER TABLE ${tbl} ALTER COLUMN ${col} TYPE ${type}${u.array ? '[]' : ''} USING ${using}`));
      if (u.column.default) {
        if (defaults === 'migrated') out.push(...this.restoreDefault(u.table, u.column));
        else {
          const m = /^'((?:[^']|'')*)'::/.exec(u.column.default);
          const label = m ? m[1]!.replace(/''/g, "'") : null;
          const mapped = label === null ? null : (mapping.get(label) ?? label);
          if (mapped !== null && labels.includes(mapped)) out.push(raw(`ALTER TABLE ${tbl} ALTER COLUMN ${col} SET DEFAULT ${quoteLiteral(mapped)}::${type}`));
        }
      }
    }
    out.push(raw(`DROP TYPE ${quoteQualified(e.schema, oldName)}`));
    return out;
  }

  // ------------------------------------------------------------------------------------------- tables

  /** New tables in foreign-key order; a reference into a cycle is added after every table exists. */
  private createTables(created: NewTable[]): void {
    const keys = new Set(created.map((c) => qualified(c.table.schema, c.table.name)));
    for (const c of created) {
      for (const fk of c.table.foreignKeys) {
        const target = qualified(fk.refSchema, fk.refTable);
        if (keys.has(target) && target !== qualified(c.table.schema, c.table.name)) c.deps.add(target);
      }
    }
    const done = new Set<string>();
    const order: NewTable[] = [];
    let pending = [...created];
    while (pending.length) {
      const ready = pending.filter((c) => [...c.deps].every((d) => done.has(d)));
      // a cycle: take the first table; its references into tables not yet created are added later
      const next = ready.length ? ready : [pending[0]!];
      for (const c of next) {
        order.push(c);
        done.add(qualified(c.table.schema, c.table.name));
      }
      pending = pending.filter((c) => !next.includes(c));
    }
    const createdSoFar = new Set<string>();
    for (const c of order) {
      createdSoFar.add(qualified(c.table.schema, c.table.name));
      this.createTable(c.ref, c.table, (target) => !keys.has(target) || createdSoFar.has(target));
    }
  }

  private createTable(ref: PlanModel, d: Table, referenceNow: (qualifiedTarget: string) => boolean): void {
    const model = ref.model;
    if (!modelNames(model).every(builderSafe)) return this.createTableRaw(ref, d, referenceNow);
    const schema = model.schema;
    const pk = Object.entries(model.columns).filter(([, c]) => c.primary);
    const composite = pk.length > 1;
    const lines: string[] = [];
    const after: Code[] = [];
    const later: ForeignKey[] = [];
    for (const [name, raw0] of Object.entries(model.columns)) {
      let spec = compiledSpec(raw0);
      if (spec.references) {
        const target = qualified(spec.references.schema ?? schema, spec.references.table);
        if (!referenceNow(target)) {
          const fk = d.foreignKeys.find((f) => f.columns.length === 1 && f.columns[0] === name);
          if (fk) later.push(fk);
          spec = { ...spec, references: undefined, onDelete: undefined, onUpdate: undefined };
        }
      }
      lines.push(knexColumnCall(name, spec, { schema, enumExists: true, primary: composite ? false : undefined }));
    }
    if (composite) lines.push(`table.primary(${jsList(pk.map(([n]) => n))})`);
    for (const fk of model.foreignKeys) {
      const target = qualified(fk.references.schema ?? schema, fk.references.table);
      const shape = {
        columns: fk.columns,
        refSchema: fk.references.schema ?? schema,
        refTable: fk.references.table,
        refColumns: fk.references.columns,
        onDelete: fk.onDelete ?? 'NO ACTION',
        onUpdate: fk.onUpdate ?? 'NO ACTION',
      } as const;
      if (referenceNow(target)) lines.push(knexForeignCall(shape, fk.name));
      else {
        const dbFk = d.foreignKeys.find((f) => setKey(f.columns) === setKey(fk.columns));
        if (dbFk) later.push({ ...dbFk, name: fk.name ?? '' });
      }
    }
    for (const u of model.uniques) lines.push(knexUniqueCall(u.columns, u.name));
    for (const i of model.indexes) {
      const snippet = knexIndexCall(
        { columns: i.columns, descending: i.columns.map(() => false), unique: i.unique ?? false, method: i.using ?? 'btree', predicate: i.where ?? null },
        { schema, table: model.table, name: i.name },
      );
      if (snippet.startsWith('knex.raw(')) after.push(this.rawIndex(schema, model.table, { columns: i.columns, descending: i.columns.map(() => false), unique: i.unique ?? false, method: i.using ?? 'btree', predicate: i.where ?? null }, i.name ?? null).up);
      else lines.push(snippet);
    }
    for (const c of model.checks) {
      if (c.name !== undefined && !SAFE_IDENT.test(c.name)) after.push(raw(`ALTER TABLE ${quoteQualified(schema, model.table)} ADD CONSTRAINT ${quoteIdent(c.name)} CHECK (${c.expression})`));
      else if (c.expression.includes('?')) after.push(raw(`ALTER TABLE ${quoteQualified(schema, model.table)} ADD ${c.name ? `CONSTRAINT ${quoteIdent(c.name)} ` : ''}CHECK (${c.expression})`));
      else lines.push(knexCheckCall(c.expression, c.name));
    }
    if (model.comment !== undefined) lines.push(tableCommentCall(model.comment));
    const body = lines.map((l) => `    ${l};`).join('\n');
    const key = qualified(schema, model.table);
    this.op({
      kind: 'create-table',
      phase: 'createTable',
      target: key,
      description: `create table ${key} (${Object.keys(model.columns).length} column${Object.keys(model.columns).length === 1 ? '' : 's'})`,
      up: [{ statement: `${builder(schema)}.createTable(${kjs(model.table)}, (table) => {\n${body}\n  })` }, ...after],
      down: [{ statement: `${builder(schema)}.dropTable(${kjs(model.table)})` }],
    });
    for (const fk of later) this.addForeignKey(ref, d, fk);
  }

  /** createTable for a model whose names the builder cannot write: the DDL compiler's statements, run raw. */
  private createTableRaw(ref: PlanModel, d: Table, referenceNow: (qualifiedTarget: string) => boolean): void {
    const model = ref.model;
    const up = compileModelTable(offlineKnex(), model, this.names).map(raw);
    const later: ForeignKey[] = [];
    for (const fk of d.foreignKeys) {
      if (!referenceNow(qualified(fk.refSchema, fk.refTable))) later.push(fk);
      else up.push(raw(rawForeignKey(d.schema, d.name, fk, this.names.allocate(`con:${d.schema}.${d.name}`, fk.name || knexDefaultName(d.name, fk.columns, 'foreign')))));
    }
    const key = qualified(model.schema, model.table);
    const n = Object.keys(model.columns).length;
    this.op({
      kind: 'create-table',
      phase: 'createTable',
      target: key,
      description: `create table ${key} (${n} column${n === 1 ? '' : 's'})`,
      up,
      down: [raw(`DROP TABLE ${quoteQualified(model.schema, model.table)}`)],
    });
    for (const fk of later) this.addForeignKey(ref, d, fk);
  }

  /** CREATE INDEX for what the builder cannot say (expression keys, DESC); always named, so down can drop it. */
  private rawIndex(schema: string, table: string, idx: Pick<Index, 'columns' | 'descending' | 'unique' | 'method' | 'predicate'>, name: string | null): { up: Code; down: Code; name: string } {
    const n = name ?? this.names.allocate(`rel:${schema}`, knexDefaultName(table, idx.columns.map((c) => c.replace(/[^a-z0-9_]+/gi, '_')), idx.unique ? 'unique' : 'index'));
    // a key naming a column of the table is quoted (any name); anything else is an expression, as SQL
    const table0 = this.dTables.get(qualified(schema, table)) ?? this.mTables.get(qualified(schema, table));
    const isColumn = (c: string) => SAFE_IDENT.test(c) || (table0?.columns.some((col) => col.name === c) ?? false);
    const keys = idx.columns.map((c, i) => `${isColumn(c) ? quoteIdent(c) : c}${idx.descending[i] ? ' DESC' : ''}`).join(', ');
    const using = idx.method && idx.method !== 'btree' ? ` USING ${idx.method}` : '';
    const pred = idx.predicate ? ` WHERE ${idx.predicate}` : '';
    return {
      name: n,
      up: raw(`CREATE ${idx.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(n)} ON ${quoteQualified(schema, table)}${using} (${keys})${pred}`),
      down: raw(`DROP INDEX ${quoteQualified(schema, n)}`),
    };
  }

  /** The same in raw SQL, for a table whose names the builder cannot write. */
  private rawCatalogCreateTable(t: Table): Code[] {
    const tbl = quoteQualified(t.schema, t.name);
    const defs = t.columns.map((c) => columnDefinition(c));
    if (t.primaryKey) defs.push(`CONSTRAINT ${quoteIdent(t.primaryKey.name)} PRIMARY KEY (${t.primaryKey.columns.map(quoteIdent).join(', ')})`);
    for (const u of t.uniques) defs.push(`CONSTRAINT ${quoteIdent(u.name)} UNIQUE (${u.columns.map(quoteIdent).join(', ')})`);
    const out: Code[] = [raw(`CREATE TABLE ${tbl} (${defs.join(', ')})`)];
    for (const i of t.indexes) out.push(this.rawIndex(t.schema, t.name, i, i.name).up);
    for (const c of t.checks) out.push(raw(`ALTER TABLE ${tbl} ADD CONSTRAINT ${quoteIdent(c.name)} CHECK (${checkExpression(c)})`));
    out.push(...commentCodes(t));
    return out;
  }

  /** Re-create a table as the migrated database has it (the down of dropping it). */
  private catalogCreateTable(t: Table): Code[] {
    const lines: string[] = t.columns.map((c) => catalogColumnCall(c));
    const after: Code[] = [];
    if (t.primaryKey) lines.push(`table.primary(${jsList(t.primaryKey.columns)}, { constraintName: ${kjs(t.primaryKey.name)} })`);
    for (const u of t.uniques) lines.push(`table.unique(${jsList(u.columns)}, { indexName: ${kjs(u.name)} })`);
    for (const i of t.indexes) {
      const c = this.indexCode(t.schema, t.name, i, i.name);
      if ('statement' in c.up) after.push(c.up);
      else lines.push(c.up.line);
    }
    for (const c of t.checks) after.push(raw(`ALTER TABLE ${quoteQualified(t.schema, t.name)} ADD CONSTRAINT ${quoteIdent(c.name)} CHECK (${checkExpression(c)})`));
    if (t.comment !== null) lines.push(tableCommentCall(t.comment));
    const body = lines.map((l) => `    ${l};`).join('\n');
    return [{ statement: `${builder(t.schema)}.createTable(${kjs(t.name)}, (table) => {\n${body}\n  })` }, ...after];
  }

  private dropTable(t: Table): void {
    const key = qualified(t.schema, t.name);
    for (const fk of t.foreignKeys) this.dropForeignKey(t, fk, `table ${key} is not modeled`, true);
    // foreign keys of other tables pointing at it go with it (their tables are dropped too, or they are dropped above)
    this.op({
      kind: 'drop-table',
      phase: 'dropTable',
      target: key,
      description: `drop table ${key} (no model declares it)`,
      destructive: true,
      risk: 'drops the table and its rows',
      ...(tableNames(t).every(builderSafe)
        ? { up: [{ statement: `${builder(t.schema)}.dropTable(${kjs(t.name)})` }], down: this.catalogCreateTable(t) }
        : { up: [raw(`DROP TABLE ${quoteQualified(t.schema, t.name)}`)], down: this.rawCatalogCreateTable(t) }),
    });
  }

  // ----------------------------------------------------------------------------------- existing tables

  private alterTable(ref: PlanModel, m: Table, d: Table): void {
    const model = ref.model;
    const schema = d.schema;
    const key = qualified(schema, d.name);
    const mCols = new Map(m.columns.map((c) => [c.name, c]));
    const dCols = new Map(d.columns.map((c) => [c.name, c]));
    const pkChanges = !sameList(d.primaryKey?.columns ?? [], m.primaryKey?.columns ?? []);
    const inNewPk = new Set(d.primaryKey?.columns ?? []);
    const inOldPk = new Set(pkChanges ? [] : (m.primaryKey?.columns ?? []));

    // ---- columns
    for (const dc of d.columns) {
      const spec = compiledSpec(model.columns[dc.name] ?? { kind: 'specificType', sqlType: dc.type, nullable: !dc.notNull, primary: false, unique: false, index: false });
      const mc = mCols.get(dc.name);
      const col = `${key}.${dc.name}`;
      if (!mc) {
        let call = knexColumnCall(dc.name, { ...spec, nullable: !dc.notNull }, { schema: model.schema, constraints: false, enumExists: true });
        if (spec.kind === 'increments' || spec.kind === 'bigIncrements') call = call.replace(/^(table\.(?:big)?[iI]ncrements\('(?:[^'\\]|\\.)*')\)/, '$1, { primaryKey: false })');
        if (dc.notNull && effectiveDefault(dc) === null) this.notes.push(`column ${col} is added NOT NULL without a default: the migration fails if ${key} has rows; add a default or backfill first`);
        const safe = [schema, d.name, dc.name].every(builderSafe);
        const rawUp = () => compileAddColumn(offlineKnex(), { schema, table: d.name }, dc.name, { ...spec, nullable: !dc.notNull }).map(raw);
        this.op({
          kind: 'add-column',
          phase: 'columns',
          target: col,
          description: `add column ${col}`,
          up: safe ? [line(schema, d.name, call)] : rawUp(),
          down: [safe ? line(schema, d.name, `table.dropColumn(${kjs(dc.name)})`) : raw(`ALTER TABLE ${quoteQualified(schema, d.name)} DROP COLUMN ${quoteIdent(dc.name)}`)],
        });
        continue;
      }
      const typeChanged = normaliseType(dc.type) !== normaliseType(mc.type);
      const nullChanged = dc.notNull !== mc.notNull;
      const defaultChanged = effectiveDefault(dc) !== effectiveDefault(mc) && !frozenAlike(dc, mc);
      if (!typeChanged && !nullChanged && !defaultChanged) continue;
      const what: string[] = [];
      if (typeChanged) what.push(`type ${mc.type} -> ${dc.type}`);
      if (nullChanged) what.push(dc.notNull ? 'NOT NULL' : 'nullable');
      if (defaultChanged) what.push(`default ${mc.default ?? 'none'} -> ${dc.default ?? 'none'}`);
      const narrowing = typeChanged && isNarrowing(mc.type, dc.type);
      let up: Code[];
      let down: Code[];
      const usesChangingEnum = this.enumDefaultColumns.has(`${key}.${dc.name}`);
      if (spec.kind === 'increments' || spec.kind === 'bigIncrements') {
        up = [];
        down = [];
        if (typeChanged) {
          up.push({ statement: knexAlterColumn(dc.name, spec, { schema, table: d.name }, 'type') });
          down.push(raw(`ALTER TABLE ${quoteQualified(schema, d.name)} ALTER COLUMN ${quoteIdent(dc.name)} TYPE ${mc.type}`));
        }
        if (defaultChanged) {
          up.push(raw(`ALTER TABLE ${quoteQualified(schema, d.name)} ALTER COLUMN ${quoteIdent(dc.name)} ADD GENERATED BY DEFAULT AS IDENTITY`));
          const restore = mc.default ? `SET DEFAULT ${mc.default}` : 'DROP DEFAULT';
          down.unshift(raw(`ALTER TABLE ${quoteQualified(schema, d.name)} ALTER COLUMN ${quoteIdent(dc.name)} DROP IDENTITY`), raw(`ALTER TABLE ${quoteQualified(schema, d.name)} ALTER COLUMN ${quoteIdent(dc.name)} ${restore}`));
        }
        if (nullChanged) {
          up.push(raw(`ALTER TABLE ${quoteQualified(schema, d.name)} ALTER COLUMN ${quoteIdent(dc.name)} ${dc.notNull ? 'SET' : 'DROP'} NOT NULL`));
          down.unshift(raw(`ALTER TABLE ${quoteQualified(schema, d.name)} ALTER COLUMN ${quoteIdent(dc.name)} ${mc.notNull ? 'SET' : 'DROP'} NOT NULL`));
        }
      } else {
        // .alter() restates type, nullability and default; only what differs is switched on
        const upOpts = `{ alterType: ${typeChanged}, alterNullable: ${nullChanged && !inOldPk.has(dc.name)} }`;
        const call = knexColumnCall(dc.name, { ...spec, nullable: !dc.notNull }, { schema: model.schema, constraints: false, enumExists: true });
        up = [line(schema, d.name, `${call}.alter(${upOpts})`)];
        const downOpts = `{ alterType: ${typeChanged}, alterNullable: ${nullChanged && !inNewPk.has(dc.name)} }`;
        // a column whose enum type changes gets its old default back in the enum step (after its labels are back)
        down = [line(schema, d.name, `${catalogColumnCall(mc, { forAlter: true, withDefault: !usesChangingEnum })}.alter(${downOpts})`)];
        if (nullChanged && inOldPk.has(dc.name) && !dc.notNull) this.notes.push(`column ${col} stays NOT NULL while it is part of the primary key`);
      }
      this.op({
        kind: 'alter-column',
        phase: 'columns',
        target: col,
        description: `alter column ${col}: ${what.join(', ')}`,
        destructive: narrowing,
        risk: narrowing ? `narrows the type from ${mc.type} to ${dc.type}: values may be cut or rounded` : undefined,
        up,
        down,
      });
    }
    for (const mc of m.columns) {
      if (dCols.has(mc.name)) continue;
      const col = `${key}.${mc.name}`;
      this.op({
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

    this.primaryKey(m, d, pkChanges);
    this.foreignKeys(ref, m, d);
    this.uniquesAndIndexes(ref, m, d);
    this.checks(ref, m, d);
  }

  private primaryKey(m: Table, d: Table, changes: boolean): void {
    if (!changes) return;
    const key = qualified(d.schema, d.name);
    const old = m.primaryKey;
    const want = d.primaryKey;
    if (old) this.dropPrimaryKey(m, old, want === null);
    if (want) {
      this.op({
        kind: 'add-primary-key',
        phase: 'addConstraint',
        target: key,
        description: `add primary key ${colList(want.columns)} to ${key}`,
        up: [line(d.schema, d.name, `table.primary(${jsList(want.columns)})`)],
        down: [line(d.schema, d.name, `table.dropPrimary()`)],
      });
    }
  }

  private dropPrimaryKey(m: Table, old: PrimaryKey, destructive: boolean): void {
    const key = qualified(m.schema, m.name);
    this.dropDependentForeignKeys(m, old.columns);
    this.op({
      kind: 'drop-primary-key',
      phase: 'dropConstraint',
      target: key,
      description: `drop primary key ${old.name} ${colList(old.columns)} of ${key}`,
      destructive,
      risk: destructive ? 'the model declares no primary key' : undefined,
      up: [line(m.schema, m.name, `table.dropPrimary(${kjs(old.name)})`)],
      down: [line(m.schema, m.name, `table.primary(${jsList(old.columns)}, { constraintName: ${kjs(old.name)} })`)],
    });
  }

  /** Foreign keys elsewhere that need a key about to be dropped: dropped first and put back afterwards. */
  private dropDependentForeignKeys(t: Table, columns: readonly string[]): void {
    for (const other of this.migrated.tables) {
      for (const fk of other.foreignKeys) {
        if (this.droppedFks.has(fk)) continue;
        if (fk.refSchema !== t.schema || fk.refTable !== t.name || setKey(fk.refColumns) !== setKey(columns)) continue;
        const otherKey = qualified(other.schema, other.name);
        this.droppedFks.add(fk);
        this.op({
          kind: 'drop-foreign-key',
          phase: 'dropForeignKey',
          target: otherKey,
          description: `drop foreign key ${fk.name} of ${otherKey} for now (it needs the key being changed)`,
          up: [line(other.schema, other.name, `table.dropForeign(${jsList(fk.columns)}, ${kjs(fk.name)})`)],
          down: [line(other.schema, other.name, knexForeignCall(fk, fk.name))],
        });
        this.op({
          kind: 'add-foreign-key',
          phase: 'addForeignKey',
          target: otherKey,
          description: `restore foreign key ${fk.name} of ${otherKey}`,
          up: [line(other.schema, other.name, knexForeignCall(fk, fk.name))],
          down: [line(other.schema, other.name, `table.dropForeign(${jsList(fk.columns)}, ${kjs(fk.name)})`)],
        });
      }
    }
  }

  // -------------------------------------------------------------------------------------- foreign keys

  /** The name to give a new object: the model's, else Knex's default (null) unless that is taken. */
  private nameFor(scope: string, modelName: string | null, knexName: string): string | null {
    if (modelName) return modelName;
    const n = this.names.allocate(scope, knexName);
    return n === truncateIdentifier(knexName) ? null : n;
  }

  private addForeignKey(ref: PlanModel, d: Table, fk: ForeignKey): void {
    const modelNames = new Set(ref.model.foreignKeys.map((f) => f.name).filter((n): n is string => !!n));
    const name = this.nameFor(`con:${d.schema}.${d.name}`, modelNames.has(fk.name) ? fk.name : null, knexDefaultName(d.name, fk.columns, 'foreign'));
    const key = qualified(d.schema, d.name);
    const safe = [d.schema, d.name, fk.refSchema, fk.refTable, ...fk.columns, ...fk.refColumns, name ?? ''].every(builderSafe);
    const rawName = name ?? truncateIdentifier(knexDefaultName(d.name, fk.columns, 'foreign'));
    this.op({
      kind: 'add-foreign-key',
      phase: 'addForeignKey',
      target: `${key}.${fk.columns.join(',')}`,
      description: `add foreign key ${key}${colList(fk.columns)} -> ${fkTarget(fk)}`,
      up: [safe ? line(d.schema, d.name, knexForeignCall(fk, name)) : raw(rawForeignKey(d.schema, d.name, fk, rawName))],
      down: [
        safe
          ? line(d.schema, d.name, `table.dropForeign(${jsList(fk.columns)}${name ? `, ${kjs(name)}` : ''})`)
          : raw(`ALTER TABLE ${quoteQualified(d.schema, d.name)} DROP CONSTRAINT ${quoteIdent(rawName)}`),
      ],
    });
  }

  private dropForeignKey(t: Table, fk: ForeignKey, why: string, destructive: boolean): void {
    if (this.droppedFks.has(fk)) return;
    this.droppedFks.add(fk);
    const key = qualified(t.schema, t.name);
    this.op({
      kind: 'drop-foreign-key',
      phase: 'dropForeignKey',
      target: `${key}.${fk.columns.join(',')}`,
      description: `drop foreign key ${fk.name} ${key}${colList(fk.columns)} -> ${fkTarget(fk)} (${why})`,
      destructive,
      risk: destructive ? 'drops a foreign key' : undefined,
      ...([t.schema, t.name, fk.name, fk.refSchema, fk.refTable, ...fk.columns, ...fk.refColumns].every(builderSafe)
        ? { up: [line(t.schema, t.name, `table.dropForeign(${jsList(fk.columns)}, ${kjs(fk.name)})`)], down: [line(t.schema, t.name, knexForeignCall(fk, fk.name))] }
        : { up: [raw(`ALTER TABLE ${quoteQualified(t.schema, t.name)} DROP CONSTRAINT ${quoteIdent(fk.name)}`)], down: [raw(rawForeignKey(t.schema, t.name, fk, fk.name))] }),
    });
  }

  private foreignKeys(ref: PlanModel, m: Table, d: Table): void {
    const used = new Set<ForeignKey>();
    const exact = (a: ForeignKey, b: ForeignKey): boolean => fkShape(a) === fkShape(b) && a.onDelete === b.onDelete && a.onUpdate === b.onUpdate;
    const pending: ForeignKey[] = [];
    for (const df of d.foreignKeys) {
      const hit = m.foreignKeys.find((mf) => !used.has(mf) && exact(df, mf));
      if (hit) used.add(hit);
      else pending.push(df);
    }
    for (const df of pending) {
      const near = m.foreignKeys.find((mf) => !used.has(mf) && setKey(mf.columns) === setKey(df.columns));
      if (near) {
        used.add(near);
        this.dropForeignKey(m, near, `replaced: the model wants ${fkTarget(df)}`, false);
      }
      this.addForeignKey(ref, d, df);
    }
    for (const mf of m.foreignKeys) {
      if (!used.has(mf)) this.dropForeignKey(m, mf, 'the model does not declare it', true);
    }
  }

  // ----------------------------------------------------------------------------------- uniques, indexes

  /** Builder or raw code for an index, with its inverse. */
  private indexCode(schema: string, table: string, i: Pick<Index, 'columns' | 'descending' | 'unique' | 'method' | 'predicate'>, name: string | null): { up: Code; down: Code } {
    const snippet = knexIndexCall(i, { schema, table, name });
    if (snippet.startsWith('knex.raw(')) {
      const r = this.rawIndex(schema, table, i, name);
      return { up: r.up, down: r.down };
    }
    return { up: line(schema, table, snippet), down: line(schema, table, `table.dropIndex(${jsList(i.columns)}${name ? `, ${kjs(name)}` : ''})`) };
  }

  private uniquesAndIndexes(ref: PlanModel, m: Table, d: Table): void {
    const model = ref.model;
    const key = qualified(d.schema, d.name);
    const rel = `rel:${d.schema}`;
    const uniqueNames = new Set(model.uniques.map((u) => u.name).filter((n): n is string => !!n));
    const indexNames = new Set(model.indexes.map((i) => i.name).filter((n): n is string => !!n));
    const usedU = new Set<UniqueConstraint>();
    const usedI = new Set<Index>();

    for (const u of d.uniques) {
      const k = setKey(u.columns);
      const byConstraint = m.uniques.filter((x) => setKey(x.columns) === k);
      const byIndex = m.indexes.filter((x) => isPlainUniqueIndex(x) && setKey(x.columns) === k);
      byConstraint.forEach((x) => usedU.add(x));
      byIndex.forEach((x) => usedI.add(x));
      if (byConstraint.length || byIndex.length) continue;
      const name = this.nameFor(rel, uniqueNames.has(u.name) ? u.name : null, knexDefaultName(d.name, u.columns, 'unique'));
      this.op({
        kind: 'add-unique',
        phase: 'addConstraint',
        target: `${key}${colList(u.columns)}`,
        description: `add unique ${colList(u.columns)} to ${key}`,
        up: [line(d.schema, d.name, knexUniqueCall(u.columns, name))],
        down: [line(d.schema, d.name, `table.dropUnique(${jsList(u.columns)}${name ? `, ${kjs(name)}` : ''})`)],
      });
    }

    const pending: Index[] = [];
    for (const i of d.indexes) {
      const k = indexKey(i);
      const hit = m.indexes.find((x) => !usedI.has(x) && indexKey(x) === k) ?? m.indexes.find((x) => indexKey(x) === k);
      if (hit) {
        usedI.add(hit);
        continue;
      }
      if (isPlainUniqueIndex(i) && !i.descending.some(Boolean)) {
        const c = m.uniques.find((x) => sameList(x.columns, i.columns));
        if (c) {
          usedU.add(c);
          continue;
        }
      }
      pending.push(i);
    }
    const norm = (cols: readonly string[]) => setKey(cols.map((c) => normaliseExpression(c)));
    for (const i of pending) {
      const near = m.indexes.find((x) => !usedI.has(x) && norm(x.columns) === norm(i.columns));
      if (near) {
        usedI.add(near);
        this.dropIndex(m, near, `replaced by ${describeIndex(i)}`, false);
      }
      const spec = model.indexes.find((s) => sameList(s.columns, i.columns) && (s.unique ?? false) === i.unique && (!indexNames.has(i.name) || s.name === i.name));
      const predicate = spec?.where ?? i.predicate;
      const name = this.nameFor(rel, indexNames.has(i.name) ? i.name : null, knexDefaultName(d.name, i.columns, i.unique ? 'unique' : 'index'));
      const code = this.indexCode(d.schema, d.name, { ...i, predicate }, name);
      this.op({
        kind: 'add-index',
        phase: 'addConstraint',
        target: `${key}${colList(i.columns)}`,
        description: `add ${describeIndex({ ...i, predicate })} to ${key}`,
        up: [code.up],
        down: [code.down],
      });
    }

    const modelUniqueSets = new Set([...d.uniques.map((u) => setKey(u.columns)), ...d.indexes.filter(isPlainUniqueIndex).map((i) => setKey(i.columns))]);
    for (const u of m.uniques) {
      if (usedU.has(u) || modelUniqueSets.has(setKey(u.columns))) continue;
      this.dropDependentForeignKeys(m, u.columns);
      this.op({
        kind: 'drop-unique',
        phase: 'dropConstraint',
        target: `${key}${colList(u.columns)}`,
        description: `drop unique ${u.name} ${colList(u.columns)} of ${key} (the model does not declare it)`,
        destructive: true,
        risk: 'drops a unique constraint',
        up: [line(m.schema, m.name, `table.dropUnique(${jsList(u.columns)}, ${kjs(u.name)})`)],
        down: [line(m.schema, m.name, `table.unique(${jsList(u.columns)}, { indexName: ${kjs(u.name)} })`)],
      });
    }
    for (const i of m.indexes) {
      if (usedI.has(i)) continue;
      if (isPlainUniqueIndex(i) && modelUniqueSets.has(setKey(i.columns))) continue;
      this.dropIndex(m, i, 'the model does not declare it', true);
    }
  }

  private dropIndex(m: Table, i: Index, why: string, destructive: boolean): void {
    const key = qualified(m.schema, m.name);
    if (isPlainUniqueIndex(i)) this.dropDependentForeignKeys(m, i.columns);
    const code = this.indexCode(m.schema, m.name, i, i.name);
    this.op({
      kind: 'drop-index',
      phase: 'dropConstraint',
      target: `${key}${colList(i.columns)}`,
      description: `drop ${describeIndex(i)} ${i.name} of ${key} (${why})`,
      destructive,
      risk: destructive ? 'drops an index' : undefined,
      up: [code.down],
      down: [code.up],
    });
  }

  // --------------------------------------------------------------------------------------------- checks

  private checks(ref: PlanModel, m: Table, d: Table): void {
    const key = qualified(d.schema, d.name);
    const have = new Set(m.checks.map((c) => normaliseExpression(c.expression)));
    const want = new Set(d.checks.map((c) => normaliseExpression(c.expression)));
    const modelNames = new Set(ref.model.checks.map((c) => c.name).filter((n): n is string => !!n));
    const replaced = new Set<CheckConstraint>();
    for (const c of d.checks) {
      const canon = normaliseExpression(c.expression);
      if (have.has(canon)) continue;
      const spec = ref.model.checks.find((s) => s.name !== undefined && s.name === c.name) ?? ref.model.checks.find((s) => normaliseExpression(s.expression) === canon);
      const expression = spec?.expression ?? checkExpression(c);
      let name: string;
      if (modelNames.has(c.name)) {
        name = c.name;
        const same = m.checks.find((x) => x.name === name);
        if (same) {
          replaced.add(same);
          this.dropCheck(m, same, `replaced by CHECK (${expression})`, false);
        }
      } else {
        const first = [...identifiers(expression)].find((id) => d.columns.some((col) => col.name === id));
        name = this.names.allocate(`con:${d.schema}.${d.name}`, `${d.name}_${first ? `${first}_` : ''}check`);
      }
      const tbl = quoteQualified(d.schema, d.name);
      const safe = SAFE_IDENT.test(name) && !expression.includes('?');
      this.op({
        kind: 'add-check',
        phase: 'addConstraint',
        target: `${key} ${name}`,
        description: `add check ${name} (${expression}) to ${key}`,
        up: [safe ? line(d.schema, d.name, knexCheckCall(expression, name)) : raw(`ALTER TABLE ${tbl} ADD CONSTRAINT ${quoteIdent(name)} CHECK (${expression})`)],
        down: [safe ? line(d.schema, d.name, `table.dropChecks([${kjs(name)}])`) : raw(`ALTER TABLE ${tbl} DROP CONSTRAINT ${quoteIdent(name)}`)],
      });
    }
    for (const c of m.checks) {
      if (replaced.has(c) || want.has(normaliseExpression(c.expression))) continue;
      this.dropCheck(m, c, 'the model does not declare it', true);
    }
  }

  private dropCheck(m: Table, c: CheckConstraint, why: string, destructive: boolean): void {
    const key = qualified(m.schema, m.name);
    const tbl = quoteQualified(m.schema, m.name);
    this.op({
      kind: 'drop-check',
      phase: 'dropConstraint',
      target: `${key} ${c.name}`,
      description: `drop check ${c.name} (${checkExpression(c)}) of ${key} (${why})`,
      destructive,
      risk: destructive ? 'drops a check constraint' : undefined,
      up: [raw(`ALTER TABLE ${tbl} DROP CONSTRAINT ${quoteIdent(c.name)}`)],
      down: [raw(`ALTER TABLE ${tbl} ADD CONSTRAINT ${quoteIdent(c.name)} CHECK (${checkExpression(c)})`)],
    });
  }

  /** Labels added by ADD VALUE that the rest of the migration uses: Postgres refuses that inside one transaction. */
  transactionOk(operations: Operation[]): boolean {
    if (this.enumLabelsAdded.length === 0) return true;
    const text = operations
      .filter((o) => o.phase !== 'enumChange')
      .flatMap((o) => o.up.map((c) => ('line' in c ? c.line : c.statement)))
      .join('\n');
    // a label appears as a Knex argument ('x'), or as an SQL literal inside raw SQL (`'x'::type`)
    return !this.enumLabelsAdded.some((l) => text.includes(kjs(l)) || text.includes(templateBody(knexText(quoteLiteral(l)))) || text.includes(kjs(quoteLiteral(l)).slice(1, -1)));
  }
}

const jsList = (items: readonly string[]): string => `[${items.map(kjs).join(', ')}]`;

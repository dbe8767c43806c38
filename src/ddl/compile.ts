// Compiles models to DDL with Knex's schema builder (design point 1): the statements a team would
// write in a migration, so Postgres normalises the declared schema exactly as it normalises theirs.
// Pure: builds SQL text, touches no database. apply.ts runs the plan.
import type { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import type { ColumnSpec, Deferral, LoadedModel, Model } from '../model-api/types.ts';
import { NameAllocator, knexDefaultName, quoteIdent, quoteLiteral, quoteQualified } from './names.ts';
import { addUniqueSql, columnClauses, createIndexSql, knexCanWriteIndex, sqlTypeOf } from './raw-sql.ts';

/** Which step of the plan a unit belongs to; units run in this order. */
export type DdlPhase = 'schema' | 'enum' | 'table' | 'foreignKey';

/** A group of statements that succeeds or fails together (one transaction when applied). */
export interface DdlUnit {
  phase: DdlPhase;
  /** What the unit creates, for messages: 'schema core', 'type core.booking_status', 'table core.bookings', ... */
  label: string;
  /** The models that fail with this unit: users of a schema or enum type; the owner of a table or foreign key. */
  models: LoadedModel[];
  statements: string[];
  /** foreignKey units: the table referenced, as 'schema.table'. */
  target?: string;
  /** foreignKey units: the referencing columns. */
  columns?: string[];
  /** foreignKey units: the referenced columns. */
  refColumns?: string[];
}

/** A model that could not be compiled at all (for instance an enum type declared twice with different labels). */
export interface CompileError {
  model: LoadedModel;
  error: Error;
}

export interface DdlPlan {
  units: DdlUnit[];
  compileErrors: CompileError[];
  /** 'schema.table' -> the model declaring it (the first one, if declared twice). */
  tables: Map<string, LoadedModel>;
}

const IDENT_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** 'schema.table' key of a model's table. */
export const tableKey = (schema: string, table: string): string => `${schema}.${table}`;

/** Split 'schema.name' (or 'name', meaning the model's schema) of an enum type. */
export function resolveEnumName(typeName: string, modelSchema: string): { schema: string; name: string } {
  const dot = typeName.indexOf('.');
  return dot > 0 ? { schema: typeName.slice(0, dot), name: typeName.slice(dot + 1) } : { schema: modelSchema, name: typeName };
}

/** The composite and single-column foreign keys of a model, in one shape. */
export interface ResolvedForeignKey {
  columns: string[];
  schema: string;
  table: string;
  refColumns: string[];
  onDelete?: string;
  onUpdate?: string;
  deferrable?: Deferral;
  name?: string;
}

export function foreignKeysOf(model: Model): ResolvedForeignKey[] {
  const out: ResolvedForeignKey[] = [];
  for (const [column, spec] of Object.entries(model.columns)) {
    if (!spec.references) continue;
    out.push({
      columns: [column],
      schema: spec.references.schema ?? model.schema,
      table: spec.references.table,
      refColumns: [spec.references.column],
      onDelete: spec.onDelete,
      onUpdate: spec.onUpdate,
      deferrable: spec.deferrable,
    });
  }
  for (const fk of model.foreignKeys) {
    out.push({
      columns: [...fk.columns],
      schema: fk.references.schema ?? model.schema,
      table: fk.references.table,
      refColumns: [...fk.references.columns],
      onDelete: fk.onDelete,
      onUpdate: fk.onUpdate,
      deferrable: fk.deferrable,
      name: fk.name,
    });
  }
  return out;
}

/** Postgres array literal for a JS array default on a non-JSON column: ['a', 'b'] -> {"a","b"}. */
export function toPgArrayLiteral(values: readonly unknown[]): string {
  const item = (v: unknown): string => {
    if (v === null || v === undefined) return 'NULL';
    if (Array.isArray(v)) return toPgArrayLiteral(v);
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  };
  return `{${values.map(item).join(',')}}`;
}

/**
 * Knex sees tokens, never a user's text, and they are put back into the compiled SQL afterwards:
 * - raw SQL (defaults, index predicates): Knex rewrites '?' and '\\?' in raw text, which would
 *   corrupt expressions such as jsonb's `tags ? 'vip'`;
 * - identifiers: Knex splits a name at each '.' and at ' as ', and writes enum type names without
 *   escaping '"', so `../x` or `a"b` would come out as other names (or as SQL). A token is a plain
 *   name Knex wraps in double quotes; the quoted token becomes quoteIdent(name).
 * The nonce keeps a user's text from ever looking like a token.
 */
/** A random part of every token of this process (a user's text cannot hold one by chance), and a counter per Tokens. */
const PROCESS_NONCE = randomBytes(6).toString('hex');
let tokensMade = 0;
/** Any Tokens' placeholder: restore() replaces only its own (the others are not in its map). */
const TOKEN_RE = /__pcc_raw_[0-9a-f]+_\d+__|"pcc_id_[0-9a-f]+_\d+"/g;

class Tokens {
  private readonly map = new Map<string, string>();
  private readonly nonce = `${PROCESS_NONCE}${(tokensMade++).toString(16)}`;
  private n = 0;
  /** A placeholder for raw SQL. */
  raw(sqlText: string): string {
    const t = `__pcc_raw_${this.nonce}_${this.n++}__`;
    this.map.set(t, sqlText);
    return t;
  }
  /** A placeholder for an identifier (table, column, schema, constraint, index or type name). */
  id(name: string): string {
    const t = `pcc_id_${this.nonce}_${this.n++}`;
    this.map.set(`"${t}"`, quoteIdent(name));
    return t;
  }
  restore(text: string): string {
    return text.replace(TOKEN_RE, (t) => this.map.get(t) ?? t);
  }
}

/** Knex's schema builders give back { sql, bindings } objects; DDL has its values inlined. */
function statementsOf(knex: Knex, builder: { toSQL(): unknown }, tokens?: Tokens): string[] {
  const compiled = builder.toSQL() as Array<{ sql: string; bindings?: readonly unknown[] }> | { sql: string; bindings?: readonly unknown[] };
  const list = Array.isArray(compiled) ? compiled : [compiled];
  return list.map(({ sql, bindings }) => {
    const text = bindings && bindings.length > 0 ? knex.raw(sql, bindings as Knex.RawBinding[]).toQuery() : sql;
    return tokens ? tokens.restore(text) : text;
  });
}

/** COMMENT ON statements, written by hand: Knex does not escape a table comment, and mangles '' in a column's. */
function commentStatements(m: Model): string[] {
  const table = quoteQualified(m.schema, m.table);
  const out: string[] = [];
  if (m.comment !== undefined) out.push(`comment on table ${table} is ${quoteLiteral(m.comment)}`);
  for (const [name, spec] of Object.entries(m.columns)) {
    if (spec.comment !== undefined) out.push(`comment on column ${table}.${quoteIdent(name)} is ${quoteLiteral(spec.comment)}`);
  }
  return out;
}

function addColumn(
  knex: Knex,
  tb: Knex.CreateTableBuilder,
  name: string,
  spec: ColumnSpec,
  modelSchema: string,
  tokens: Tokens,
): void {
  let col: Knex.ColumnBuilder;
  const clauses = columnClauses(spec);
  // Knex has no builder for collation, generation or identity on PostgreSQL: the whole type is ours.
  if (clauses !== '') col = tb.specificType(tokens.id(name), tokens.raw(sqlTypeOf(spec, (n) => resolveEnumName(n, modelSchema)) + clauses));
  else col = knexColumn(tb, name, spec, modelSchema, tokens);
  if (spec.nullable) col.nullable();
  else col.notNullable();
  if (spec.default) col.defaultTo(knexDefaultValue(knex, spec, tokens));
}

/** A column through Knex's own builder method for its kind. */
function knexColumn(tb: Knex.CreateTableBuilder, name: string, spec: ColumnSpec, modelSchema: string, tokens: Tokens): Knex.ColumnBuilder {
  let col: Knex.ColumnBuilder;
  const n = tokens.id(name);
  switch (spec.kind) {
    case 'increments':
      col = tb.increments(n, { primaryKey: false });
      break;
    case 'bigIncrements':
      col = tb.bigIncrements(n, { primaryKey: false });
      break;
    case 'integer':
      col = tb.integer(n);
      break;
    case 'bigInteger':
      col = tb.bigInteger(n);
      break;
    case 'smallint':
      col = tb.smallint(n);
      break;
    case 'string':
      col = tb.string(n, spec.length ?? 255);
      break;
    case 'text':
      col = tb.text(n);
      break;
    case 'boolean':
      col = tb.boolean(n);
      break;
    case 'uuid':
      col = tb.uuid(n);
      break;
    case 'date':
      col = tb.date(n);
      break;
    case 'time':
      // Knex's time() is always `time` (without time zone); a zoned time needs specificType.
      col = spec.useTz ? tb.specificType(n, 'timetz') : tb.time(n);
      break;
    case 'timestamp':
      col = tb.timestamp(n, { useTz: spec.useTz ?? true, precision: spec.precision });
      break;
    case 'decimal':
      col = spec.precision === undefined ? tb.decimal(n, null) : tb.decimal(n, spec.precision, spec.scale ?? 2);
      break;
    case 'float':
      col = tb.float(n); // real on PostgreSQL
      break;
    case 'double':
      col = tb.double(n); // double precision
      break;
    case 'json':
      col = tb.json(n);
      break;
    case 'jsonb':
      col = tb.jsonb(n);
      break;
    case 'binary':
      col = tb.binary(n); // bytea
      break;
    case 'enum': {
      if (!spec.enumName) throw new Error(`column ${name}: enum() needs a type name`);
      const e = resolveEnumName(spec.enumName, modelSchema);
      col = tb.enu(n, null, { useNative: true, existingType: true, enumName: tokens.id(e.name), schemaName: tokens.id(e.schema) });
      break;
    }
    case 'specificType':
      if (!spec.sqlType) throw new Error(`column ${name}: specificType() needs an SQL type`);
      col = tb.specificType(n, spec.sqlType);
      break;
    default:
      throw new Error(`column ${name}: unknown column kind '${(spec as { kind: string }).kind}'`);
  }
  return col;
}

/** A model default as Knex's defaultTo() argument: raw SQL kept as written, arrays as Postgres array literals. */
function knexDefaultValue(knex: Knex, spec: ColumnSpec, tokens: Tokens): Knex.Value | Knex.Raw {
  const d = spec.default!;
  if (d.kind === 'raw') return knex.raw(tokens.raw(d.sql));
  const v = d.value;
  if (v instanceof Date) return v.toISOString();
  if (v !== null && typeof v === 'object') {
    return spec.kind === 'json' || spec.kind === 'jsonb' || !Array.isArray(v) ? JSON.stringify(v) : toPgArrayLiteral(v);
  }
  return v as string | number | boolean | null;
}

/** The statements that create a model's table with its keys, uniques, indexes, checks and comments (no foreign keys). */
function compileTable(knex: Knex, m: Model, names: NameAllocator): string[] {
  const tokens = new Tokens();
  const ids = (cols: readonly string[]) => cols.map((c) => tokens.id(c));
  const relScope = `rel:${m.schema}`;
  const primary = Object.entries(m.columns).filter(([, c]) => c.primary).map(([n]) => n);
  const columnIndexes = Object.entries(m.columns).filter(([, c]) => c.index).map(([n]) => n);
  const columnUniques = Object.entries(m.columns).filter(([, c]) => c.unique).map(([n]) => n);
  const checks: string[] = [];
  // Statements Knex cannot write (indexes with expressions or options, NULLS NOT DISTINCT uniques), after the table.
  const raw: string[] = [];

  const builder = knex.schema.withSchema(tokens.id(m.schema)).createTable(tokens.id(m.table), (tb) => {
    for (const [name, spec] of Object.entries(m.columns)) addColumn(knex, tb, name, spec, m.schema, tokens);
    if (primary.length > 0) {
      tb.primary(ids(primary), { constraintName: tokens.id(names.allocate(relScope, `${m.table}_pkey`)) });
    }
    for (const c of columnUniques) {
      tb.unique(ids([c]), { indexName: tokens.id(names.allocate(relScope, knexDefaultName(m.table, [c], 'unique'))) });
    }
    for (const u of m.uniques) {
      const name = u.name ?? names.allocate(relScope, knexDefaultName(m.table, u.columns, 'unique'));
      if (u.nullsNotDistinct) raw.push(addUniqueSql(m.schema, m.table, name, u.columns, true));
      else tb.unique(ids(u.columns), { indexName: tokens.id(name) });
    }
    for (const c of columnIndexes) {
      tb.index(ids([c]), tokens.id(names.allocate(relScope, knexDefaultName(m.table, [c], 'index'))));
    }
    for (const ix of m.indexes) {
      if (ix.using !== undefined && !IDENT_RE.test(ix.using)) {
        throw new Error(`index on (${ix.columns.join(', ')}): unknown index method '${ix.using}'`);
      }
      const name = ix.name ?? names.allocate(relScope, knexDefaultName(m.table, ix.columns.map(nameFragment), ix.unique ? 'unique' : 'index'));
      if (!knexCanWriteIndex(ix)) {
        raw.push(createIndexSql(m.schema, m.table, name, ix));
        continue;
      }
      tb.index(ids(ix.columns), tokens.id(name), {
        indexType: ix.unique ? 'unique' : undefined,
        storageEngineIndexType: ix.using,
        predicate: ix.where !== undefined ? knex.whereRaw(tokens.raw(ix.where)) : undefined,
      } as Parameters<Knex.CreateTableBuilder['index']>[2]);
    }
  });
  // Checks are written by hand: Knex's table.check() leaves the constraint name unquoted.
  for (const ck of m.checks) {
    const name = ck.name !== undefined ? `constraint ${quoteIdent(ck.name)} ` : '';
    checks.push(`alter table ${quoteQualified(m.schema, m.table)} add ${name}check (${ck.expression})`);
  }
  return [...statementsOf(knex, builder, tokens), ...raw, ...commentStatements(m), ...checks];
}

/** An index key as part of a generated name: the column, or the expression's words (lower(email) -> lower_email). */
const nameFragment = (key: string): string => key.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'expr';

function compileForeignKey(knex: Knex, m: Model, fk: ResolvedForeignKey, names: NameAllocator): string[] {
  const tokens = new Tokens();
  const ids = (cols: readonly string[]) => cols.map((c) => tokens.id(c));
  const name = fk.name ?? names.allocate(`tbl:${m.schema}.${m.table}`, knexDefaultName(m.table, fk.columns, 'foreign'));
  const builder = knex.schema.withSchema(tokens.id(m.schema)).alterTable(tokens.id(m.table), (tb) => {
    let ref = tb.foreign(ids(fk.columns), tokens.id(name)).references(ids(fk.refColumns)).inTable(`${tokens.id(fk.schema)}.${tokens.id(fk.table)}`);
    if (fk.onDelete) ref = ref.onDelete(fk.onDelete);
    if (fk.onUpdate) ref = ref.onUpdate(fk.onUpdate);
    if (fk.deferrable) ref.deferrable(fk.deferrable);
  });
  return statementsOf(knex, builder, tokens);
}

/**
 * Use where Knex's builder cannot be written out (generate, for names holding '.' or ' as '): the exact
 * statements that create a model's table (keys, uniques, indexes, checks, comments) and, when asked,
 * its foreign keys. Names not given by the model come from `names`.
 */
export function compileModelTable(knex: Knex, model: Model, names: NameAllocator, options: { foreignKeys?: boolean } = {}): string[] {
  const fks = options.foreignKeys ? foreignKeysOf(model).flatMap((fk) => compileForeignKey(knex, model, fk, names)) : [];
  return [...compileTable(knex, model, names), ...fks];
}

/** Use for the same purpose: ALTER TABLE ... ADD COLUMN for one column (type, nullability, default, comment). */
export function compileAddColumn(knex: Knex, where: { schema: string; table: string }, name: string, spec: ColumnSpec): string[] {
  const tokens = new Tokens();
  const builder = knex.schema.withSchema(tokens.id(where.schema)).alterTable(tokens.id(where.table), (tb) => {
    addColumn(knex, tb as unknown as Knex.CreateTableBuilder, name, spec, where.schema, tokens);
  });
  const comment = spec.comment === undefined ? [] : [`comment on column ${quoteQualified(where.schema, where.table)}.${quoteIdent(name)} is ${quoteLiteral(spec.comment)}`];
  return [...statementsOf(knex, builder, tokens), ...comment];
}

/**
 * Plan the DDL for a set of models: schemas, then enum types (each once), then every table without
 * foreign keys (with its keys, uniques, indexes, checks, comments), then each foreign key on its own,
 * so declaration order and reference cycles do not matter and a unique target exists before the
 * foreign key that needs it.
 */
export function planModels(knex: Knex, models: readonly LoadedModel[]): DdlPlan {
  const failures = compileFailures();
  const { tables, names } = declaredNames(models);
  const enums = planEnums(models, failures.fail);
  const units: DdlUnit[] = [...schemaUnits(models, enums), ...enumUnits(enums)];
  for (const lm of models) {
    if (failures.failed.has(lm)) continue;
    try {
      units.push({
        phase: 'table',
        label: `table ${lm.model.schema}.${lm.model.table}`,
        models: [lm],
        statements: compileTable(knex, lm.model, names),
      });
    } catch (e) {
      failures.fail(lm, e instanceof Error ? e : new Error(String(e)));
    }
  }
  for (const lm of models) if (!failures.failed.has(lm)) foreignKeyUnits(knex, lm, names, units, failures.fail);
  return { units, compileErrors: failures.errors, tables };
}

/** The models that failed to compile, each once, with its first error. */
function compileFailures(): { failed: Set<LoadedModel>; errors: CompileError[]; fail: (model: LoadedModel, error: Error) => void } {
  const failed = new Set<LoadedModel>();
  const errors: CompileError[] = [];
  const fail = (model: LoadedModel, error: Error) => {
    if (failed.has(model)) return;
    failed.add(model);
    errors.push({ model, error });
  };
  return { failed, errors, fail };
}

/** Tables declared, and names the user chose (reserved before any name is generated). */
function declaredNames(models: readonly LoadedModel[]): { tables: Map<string, LoadedModel>; names: NameAllocator } {
  const tables = new Map<string, LoadedModel>();
  const names = new NameAllocator();
  for (const lm of models) {
    const m = lm.model;
    const key = tableKey(m.schema, m.table);
    if (!tables.has(key)) tables.set(key, lm);
    names.reserve(`rel:${m.schema}`, m.table);
    for (const ix of m.indexes) if (ix.name) names.reserve(`rel:${m.schema}`, ix.name);
    for (const u of m.uniques) if (u.name) names.reserve(`rel:${m.schema}`, u.name);
    for (const fk of m.foreignKeys) if (fk.name) names.reserve(`tbl:${key}`, fk.name);
  }
  return { tables, names };
}

/** An enum type to create, and the models that use it. */
interface PlannedEnum {
  schema: string;
  name: string;
  values: string[];
  owner: LoadedModel;
  users: LoadedModel[];
}

/** Enum types, each created once; a type declared again with other labels fails that model. */
function planEnums(models: readonly LoadedModel[], fail: (model: LoadedModel, error: Error) => void): Map<string, PlannedEnum> {
  const enums = new Map<string, PlannedEnum>();
  for (const lm of models) {
    for (const [col, spec] of Object.entries(lm.model.columns)) {
      if (spec.kind !== 'enum' || !spec.enumName) continue;
      const e = resolveEnumName(spec.enumName, lm.model.schema);
      const key = tableKey(e.schema, e.name);
      const values = spec.enumValues ?? [];
      const seen = enums.get(key);
      if (!seen) {
        enums.set(key, { ...e, values, owner: lm, users: [lm] });
      } else if (JSON.stringify(seen.values) !== JSON.stringify(values)) {
        fail(
          lm,
          new Error(
            `column ${col} declares enum type ${key} as (${values.join(', ')}), but model ${seen.owner.name} ` +
              `(${seen.owner.file}) declares it as (${seen.values.join(', ')})`,
          ),
        );
      } else if (!seen.users.includes(lm)) {
        seen.users.push(lm);
      }
    }
  }
  return enums;
}

/** Schemas: the models' own, their enum types', and those their references point into. */
function schemaUnits(models: readonly LoadedModel[], enums: Map<string, PlannedEnum>): DdlUnit[] {
  const schemaUsers = new Map<string, LoadedModel[]>();
  const useSchema = (schema: string, lm?: LoadedModel) => {
    const list = schemaUsers.get(schema) ?? [];
    if (lm && !list.includes(lm)) list.push(lm);
    schemaUsers.set(schema, list);
  };
  for (const lm of models) {
    useSchema(lm.model.schema, lm);
    for (const fk of foreignKeysOf(lm.model)) useSchema(fk.schema);
  }
  for (const e of enums.values()) for (const u of e.users) useSchema(e.schema, u);
  return [...schemaUsers].map(([schema, users]): DdlUnit => ({
    phase: 'schema',
    label: `schema ${schema}`,
    models: users,
    statements: [`create schema if not exists ${quoteIdent(schema)}`],
  }));
}

/** One create type per enum type. */
function enumUnits(enums: Map<string, PlannedEnum>): DdlUnit[] {
  return [...enums.values()].map((e): DdlUnit => ({
    phase: 'enum',
    label: `type ${e.schema}.${e.name}`,
    models: e.users,
    statements: [`create type ${quoteQualified(e.schema, e.name)} as enum (${e.values.map(quoteLiteral).join(', ')})`],
  }));
}

/** One unit per foreign key of a model, appended to `units`; the first that fails to compile fails the model. */
function foreignKeyUnits(knex: Knex, lm: LoadedModel, names: NameAllocator, units: DdlUnit[], fail: (model: LoadedModel, error: Error) => void): void {
  for (const fk of foreignKeysOf(lm.model)) {
    try {
      units.push({
        phase: 'foreignKey',
        label:
          `foreign key ${lm.model.schema}.${lm.model.table}(${fk.columns.join(', ')}) -> ` +
          `${fk.schema}.${fk.table}(${fk.refColumns.join(', ')})`,
        models: [lm],
        statements: compileForeignKey(knex, lm.model, fk, names),
        target: tableKey(fk.schema, fk.table),
        columns: fk.columns,
        refColumns: fk.refColumns,
      });
    } catch (e) {
      fail(lm, e instanceof Error ? e : new Error(String(e)));
      return;
    }
  }
}

/** The DDL the models compile to, as one SQL script: for debugging, and the base of `generate`. */
export function compileModelsToSql(knex: Knex, models: readonly LoadedModel[]): string {
  const plan = planModels(knex, models);
  const parts: string[] = [];
  for (const { model, error } of plan.compileErrors) {
    parts.push(`-- model ${model.name} (${model.file}) could not be compiled: ${error.message.replace(/\n/g, ' ')}`);
  }
  for (const unit of plan.units) {
    parts.push(`-- ${unit.label}\n${unit.statements.map((s) => `${s};`).join('\n')}`);
  }
  return parts.join('\n\n') + '\n';
}

// Tiny factories for Schema values, and a stand-in for "compile the model, apply it, read it back":
// declaredTable(model) gives the Table the catalog reader would return for a model's DDL, spelled the
// way Postgres prints it (format_type, pg_get_expr), so tests can start from a clean pair and mutate one.
import type { ColumnSpec, Model } from '../../src/model-api/types.ts';
import type { Column, EnumType, Index, Schema, Table } from '../../src/schema/types.ts';
import type { DiffContext, DiffModel } from '../../src/diff/diff.ts';

export function col(name: string, type: string, opts: Partial<Column> = {}): Column {
  return { name, type, notNull: false, default: null, identity: '', generated: null, generatedKind: '', collation: null, enumType: null, comment: null, ...opts };
}

export function table(schema: string, name: string, opts: Partial<Table> = {}): Table {
  return { schema, name, columns: [], primaryKey: null, foreignKeys: [], uniques: [], checks: [], indexes: [], comment: null, ...opts };
}

export function index(name: string, columns: string[], opts: Partial<Index> = {}): Index {
  const descending = opts.descending ?? columns.map(() => false);
  return {
    name,
    columns,
    expressions: columns.map(() => false),
    descending,
    nullsFirst: opts.nullsFirst ?? descending,
    opclasses: columns.map(() => null),
    collations: columns.map(() => null),
    include: [],
    unique: false,
    nullsNotDistinct: false,
    method: 'btree',
    predicate: null,
    ...opts,
  };
}

export function schema(tables: Table[], enums: EnumType[] = []): Schema {
  const sorted = [...tables].sort((a, b) => `${a.schema}.${a.name}`.localeCompare(`${b.schema}.${b.name}`));
  return {
    tables: sorted,
    enums: [...enums].sort((a, b) => `${a.schema}.${a.name}`.localeCompare(`${b.schema}.${b.name}`)),
    schemas: [...new Set([...tables.map((t) => t.schema), ...enums.map((e) => e.schema)])].sort(),
  };
}

/** Deep copy, to mutate the migrated side of a test. */
export const clone = <T>(v: T): T => structuredClone(v);

function enumOf(spec: ColumnSpec, modelSchema: string): { schema: string; name: string } {
  const n = spec.enumName!;
  return n.includes('.') ? { schema: n.split('.')[0]!, name: n.split('.')[1]! } : { schema: modelSchema, name: n };
}

function pgType(spec: ColumnSpec, modelSchema: string): string {
  switch (spec.kind) {
    case 'increments':
      return 'integer';
    case 'bigIncrements':
      return 'bigint';
    case 'integer':
      return 'integer';
    case 'bigInteger':
      return 'bigint';
    case 'smallint':
      return 'smallint';
    case 'string':
      return `character varying(${spec.length ?? 255})`;
    case 'text':
      return 'text';
    case 'boolean':
      return 'boolean';
    case 'uuid':
      return 'uuid';
    case 'date':
      return 'date';
    case 'time':
      return 'time without time zone';
    case 'timestamp':
      return `timestamp${spec.precision !== undefined ? `(${spec.precision})` : ''} ${spec.useTz === false ? 'without' : 'with'} time zone`;
    case 'decimal':
      return spec.precision === undefined ? 'numeric' : `numeric(${spec.precision},${spec.scale ?? 0})`;
    case 'float':
      return 'real';
    case 'double':
      return 'double precision';
    case 'json':
      return 'json';
    case 'jsonb':
      return 'jsonb';
    case 'binary':
      return 'bytea';
    case 'enum': {
      const e = enumOf(spec, modelSchema);
      return `${e.schema}.${e.name}`;
    }
    case 'specificType':
      return spec.sqlType!;
  }
}

function pgDefault(spec: ColumnSpec, type: string, where: { schema: string; table: string; column: string }): string | null {
  if (spec.kind === 'increments' || spec.kind === 'bigIncrements') {
    return `nextval('${where.schema}.${where.table}_${where.column}_seq'::regclass)`;
  }
  const d = spec.default;
  if (!d) return null;
  if (d.kind === 'raw') return d.sql;
  const v = d.value;
  if (v === null) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const castTo = type.startsWith('character varying') ? 'character varying' : type;
  return `'${String(typeof v === 'string' ? v : JSON.stringify(v)).replace(/'/g, "''")}'::${castTo}`;
}

/** The Table a model's DDL reads back as (knex's generated constraint and index names). */
export function declaredTable(model: Model): Table {
  const t = model.table;
  const columns: Column[] = [];
  const pk: string[] = [];
  const t0 = table(model.schema, t);
  for (const [name, spec] of Object.entries(model.columns)) {
    const type = pgType(spec, model.schema);
    columns.push(
      col(name, type, {
        notNull: !spec.nullable,
        default: spec.identity ? null : pgDefault(spec, type, { schema: model.schema, table: t, column: name }),
        identity: spec.identity === 'always' ? 'a' : spec.identity === 'byDefault' ? 'd' : '',
        collation: spec.collation ?? null,
        enumType: spec.kind === 'enum' ? enumOf(spec, model.schema) : null,
        comment: spec.comment ?? null,
      }),
    );
    if (spec.primary) pk.push(name);
    if (spec.unique) t0.uniques.push({ name: `${t}_${name}_unique`, columns: [name], nullsNotDistinct: false });
    if (spec.index) t0.indexes.push(index(`${t}_${name}_index`, [name]));
    if (spec.references) {
      t0.foreignKeys.push({
        name: `${t}_${name}_foreign`,
        columns: [name],
        refSchema: spec.references.schema ?? model.schema,
        refTable: spec.references.table,
        refColumns: [spec.references.column],
        onDelete: spec.onDelete ?? 'NO ACTION',
        onUpdate: spec.onUpdate ?? 'NO ACTION',
        deferrable: spec.deferrable ?? null,
      });
    }
  }
  for (const fk of model.foreignKeys) {
    t0.foreignKeys.push({
      name: fk.name ?? `${t}_${fk.columns.join('_')}_foreign`,
      columns: fk.columns,
      refSchema: fk.references.schema ?? model.schema,
      refTable: fk.references.table,
      refColumns: fk.references.columns,
      onDelete: fk.onDelete ?? 'NO ACTION',
      onUpdate: fk.onUpdate ?? 'NO ACTION',
      deferrable: fk.deferrable ?? null,
    });
  }
  for (const u of model.uniques) t0.uniques.push({ name: u.name ?? `${t}_${u.columns.join('_')}_unique`, columns: u.columns, nullsNotDistinct: u.nullsNotDistinct ?? false });
  for (const i of model.indexes) {
    t0.indexes.push(
      index(i.name ?? `${t}_${i.columns.join('_')}_${i.unique ? 'unique' : 'index'}`, i.columns, {
        unique: i.unique ?? false,
        method: i.using ?? 'btree',
        predicate: i.where ? `(${i.where})` : null,
      }),
    );
  }
  for (const c of model.checks) t0.checks.push({ name: c.name ?? `${t}_check`, expression: `(${c.expression})` });
  return { ...t0, columns, primaryKey: pk.length ? { name: `${t}_pkey`, columns: pk } : null, comment: model.comment ?? null };
}

/** Enum types the models declare. */
export function declaredEnums(models: Model[]): EnumType[] {
  const out = new Map<string, EnumType>();
  for (const m of models) {
    for (const spec of Object.values(m.columns)) {
      if (spec.kind !== 'enum') continue;
      const e = enumOf(spec, m.schema);
      out.set(`${e.schema}.${e.name}`, { ...e, labels: spec.enumValues ?? [] });
    }
  }
  return [...out.values()];
}

/** The declared Schema of some models. */
export function declaredSchema(models: Model[]): Schema {
  return schema(models.map(declaredTable), declaredEnums(models));
}

/** A DiffContext for models, each in src/models/<table>.ts. */
export function ctxFor(models: Model[], extra: Partial<DiffContext> = {}): DiffContext {
  const refs: DiffModel[] = models.map((model) => ({ name: model.name ?? model.table, file: `src/models/${model.table}.ts`, model }));
  return { models: refs, ...extra };
}

/** Replace one table of a schema (by schema.name) with a mutated copy. */
export function withTable(s: Schema, schemaName: string, name: string, mutate: (t: Table) => void): Schema {
  const out = clone(s);
  const t = out.tables.find((x) => x.schema === schemaName && x.name === name);
  if (!t) throw new Error(`no table ${schemaName}.${name}`);
  mutate(t);
  return out;
}

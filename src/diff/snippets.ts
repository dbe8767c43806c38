// Code snippets for hints: what to write in a Knex migration (schema builder syntax) to bring the
// database to a model, and what to write in a model (the t.* API) to describe what the database has.
// Pure string builders; the prose around them lives in src/messages/findings.ts.
import type { ColumnSpec, IndexKey, IndexSpec, Model } from '../model-api/types.ts';
import type { Column, EnumType, ForeignKey, Index } from '../schema/types.ts';
import { AUTOINCREMENT, baseType, displayType, normaliseDefault, normaliseType } from './normalise.ts';
import { addUniqueSql, columnClauses, createIndexSql, indexSpecFromCatalog, knexCanWriteIndex, sqlTypeOf } from '../ddl/raw-sql.ts';
import { compileModelTable, toPgArrayLiteral } from '../ddl/compile.ts';
import { jsString, knexNestedText, knexString, knexText, sqlTemplate, templateBody } from '../util/escape.ts';
import { NameAllocator, quoteIdent, quoteLiteral } from '../ddl/names.ts';
import { builderSafe } from '../migration-code/code.ts';
import { offlineKnex } from '../migration-code/column-definitions.ts';

/** A JavaScript string literal for the model API (t.*, defineModel): exact, whatever `s` holds. */
export const js = jsString;

/** A JavaScript string literal for an argument of a Knex call: exact once Knex has sent it ('?' escaped). */
export const kjs = knexString;

const jsList = (items: readonly string[]): string => `[${items.map(js).join(', ')}]`;
const kjsList = (items: readonly string[]): string => `[${items.map(kjs).join(', ')}]`;

/** knex.raw(`...`) of a statement built with quoteIdent / quoteLiteral: a template literal keeps SQL's quotes readable. */
export const knexRaw = (sqlText: string): string => `knex.raw(\`${templateBody(knexText(sqlText))}\`)`;

/** knex.raw(`...`) nested in a builder call (defaultTo): Knex unescapes it once more, see knexNestedText. */
export const knexNestedRaw = (sqlText: string, shown = sqlText): string => `knex.raw(\`${templateBody(knexNestedText(sqlText, shown))}\`)`;

/** Knex writes enum type names and labels between quotes without escaping them: double the quotes first. */
const knexEnumName = (name: string): string => name.replace(/"/g, '""');
const knexEnumLabel = (label: string): string => label.replace(/'/g, "''");
/** Knex doubles a lone ' in a column comment and leaves a run of several as it is: double those runs ourselves. */
const knexComment = (comment: string): string => comment.replace(/'{2,}/g, (run) => run + run);
/** A column comment as the argument of Knex's .comment(), exact once Knex has quoted it. */
export const knexColumnComment = (comment: string): string => kjs(knexComment(comment));
/** Knex writes a table comment between quotes as it is: table.comment(knexTableComment(text)). */
export const knexTableComment = (comment: string): string => kjs(comment.replace(/'/g, "''"));

/** 'core.customers', or just 'customers' in public: how Knex's inTable()/alterTable() want a table. */
export function knexTableName(schema: string, table: string): string {
  return schema === 'public' ? table : `${schema}.${table}`;
}

/** Split 'schema.name' (or 'name', meaning `defaultSchema`). */
export function splitQualified(name: string, defaultSchema: string): { schema: string; name: string } {
  const i = name.indexOf('.');
  return i < 0 ? { schema: defaultSchema, name } : { schema: name.slice(0, i), name: name.slice(i + 1) };
}

const NOW_SQL = /^\s*(now\(\)|current_timestamp|transaction_timestamp\(\))\s*$/i;

/**
 * A model default as a Knex defaultTo() argument. An array on a column that is not json(b) is a
 * Postgres array literal ('{a,b}'): Knex would write ['a', 'b'] as 'a,b', a malformed array literal,
 * and JSON text is one too.
 */
export function knexDefault(def: NonNullable<ColumnSpec['default']>, kind?: ColumnSpec['kind']): string {
  if (def.kind === 'raw') return NOW_SQL.test(def.sql) ? 'knex.fn.now()' : knexNestedRaw(def.sql);
  const v = def.value;
  if (v === null) return 'null';
  // Knex writes a string default with a backslash as E'...' and doubles the backslash that would escape
  // a '?' for its pg client: a value with a '?' goes in as raw SQL, where '\\?' survives
  const array = Array.isArray(v) && kind !== 'json' && kind !== 'jsonb';
  const text = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? null : array ? toPgArrayLiteral(v as unknown[]) : JSON.stringify(v);
  if (text === null) return String(v);
  return text.includes('?') ? knexNestedRaw(quoteLiteral(text), text) : kjs(text);
}

export interface KnexColumnOptions {
  /** The model's schema: what unqualified references and enum names mean. Default 'public'. */
  schema?: string;
  /** Include primary/unique/index/references modifiers (default true); false when writing .alter(). */
  constraints?: boolean;
  /** The enum type already exists in the database: existingType: true, so Knex does not create it. */
  enumExists?: boolean;
  /** Emit .primary() (default: the spec's primary flag); false for members of a composite key. */
  primary?: boolean;
}

const KNEX_METHOD: Partial<Record<ColumnSpec['kind'], string>> = {
  increments: 'increments',
  bigIncrements: 'bigIncrements',
  integer: 'integer',
  bigInteger: 'bigInteger',
  smallint: 'smallint',
  text: 'text',
  boolean: 'boolean',
  uuid: 'uuid',
  date: 'date',
  time: 'time',
  float: 'float',
  double: 'double',
  json: 'json',
  jsonb: 'jsonb',
  binary: 'binary',
};

/**
 * The Knex schema-builder call that declares a model column, e.g.
 * `table.string('email', 100).notNullable()` or
 * `table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())`.
 */
export function knexColumnCall(name: string, spec: ColumnSpec, options: KnexColumnOptions = {}): string {
  const schema = options.schema ?? 'public';
  const constraints = options.constraints ?? true;
  const n = kjs(name);
  let call: string;
  // Knex has no builder for a collation, generation or identity on PostgreSQL: the whole type is ours (as in src/ddl/compile.ts)
  const clauses = spec.kind === 'enum' ? '' : columnClauses(spec);
  if (clauses !== '') call = `table.specificType(${n}, ${kjs(sqlTypeOf(spec, (e) => splitQualified(e, schema)) + clauses)})`;
  else switch (spec.kind) {
    case 'string':
      call = `table.string(${n}, ${spec.length ?? 255})`;
      break;
    case 'timestamp': {
      const opts = [`useTz: ${spec.useTz ?? true}`];
      if (spec.precision !== undefined) opts.push(`precision: ${spec.precision}`);
      call = `table.timestamp(${n}, { ${opts.join(', ')} })`;
      break;
    }
    case 'decimal':
      call = spec.precision === undefined ? `table.decimal(${n}, null)` : `table.decimal(${n}, ${spec.precision}, ${spec.scale ?? 0})`;
      break;
    case 'enum': {
      const { schema: enumSchema, name: enumName } = splitQualified(spec.enumName ?? name, schema);
      const opts = [`useNative: true`];
      if (options.enumExists) opts.push('existingType: true');
      opts.push(`enumName: ${kjs(knexEnumName(enumName))}`);
      if (enumSchema !== 'public') opts.push(`schemaName: ${kjs(knexEnumName(enumSchema))}`);
      call = `table.enu(${n}, ${options.enumExists ? 'null' : kjsList((spec.enumValues ?? []).map(knexEnumLabel))}, { ${opts.join(', ')} })`;
      break;
    }
    case 'specificType':
      call = `table.specificType(${n}, ${kjs(spec.sqlType ?? 'text')})`;
      break;
    default:
      call = `table.${KNEX_METHOD[spec.kind] ?? spec.kind}(${n})`;
  }
  const autoPk = spec.kind === 'increments' || spec.kind === 'bigIncrements';
  const primary = constraints && !autoPk && (options.primary ?? spec.primary);
  if (primary) call += '.primary()';
  if (!spec.nullable && !primary && !autoPk) call += '.notNullable()';
  if (spec.default !== undefined) call += `.defaultTo(${knexDefault(spec.default, spec.kind)})`;
  if (constraints) {
    if (spec.unique) call += '.unique()';
    if (spec.index) call += '.index()';
    if (spec.references) {
      const r = spec.references;
      call += `.references(${kjs(r.column)}).inTable(${kjs(knexTableName(r.schema ?? schema, r.table))})`;
      if (spec.onDelete) call += `.onDelete(${kjs(spec.onDelete)})`;
      if (spec.onUpdate) call += `.onUpdate(${kjs(spec.onUpdate)})`;
      if (spec.deferrable) call += `.deferrable(${kjs(spec.deferrable)})`;
    }
  }
  // Knex escapes a lone ' in a column comment but leaves '' as it is: double both, so '' stays ''.
  if (spec.comment !== undefined) call += `.comment(${knexColumnComment(spec.comment)})`;
  return call;
}

/** A plain lower-case identifier: Knex's table.index() writes it as the column it is. */
const PLAIN_COLUMN = /^[a-z_][a-z0-9_$]*$/;

/** True when Knex's table.index() can write this index (plain column keys with no option, no INCLUDE, no NULLS NOT DISTINCT). */
export const knexCanIndex = (spec: IndexSpec): boolean => knexCanWriteIndex(spec) && spec.columns.every((c) => PLAIN_COLUMN.test(c));

/** An index as Knex's table.index([...], name?, { indexType, storageEngineIndexType, predicate }) (see knexCanIndex). */
export function knexIndexLine(spec: IndexSpec, name: string | null): string {
  const opts: string[] = [];
  if (spec.unique) opts.push(`indexType: 'unique'`);
  if (spec.using && spec.using !== 'btree') opts.push(`storageEngineIndexType: ${kjs(spec.using)}`);
  if (spec.where) opts.push(`predicate: knex.whereRaw(${kjs(spec.where)})`);
  const n = name ? kjs(name) : opts.length ? 'undefined' : '';
  const args = [kjsList(spec.columns), n, opts.length ? `{ ${opts.join(', ')} }` : ''].filter((a) => a !== '');
  return `table.index(${args.join(', ')})`;
}

/** A model's index as a Knex call, or raw SQL where the builder cannot say it (expression keys, key options, INCLUDE, NULLS NOT DISTINCT). */
export function knexIndexSpecCall(spec: IndexSpec, where: { schema: string; table: string; name?: string | null }): string {
  if (knexCanIndex(spec)) return knexIndexLine(spec, where.name ?? null);
  return knexRaw(createIndexSql(where.schema, where.table, where.name ?? null, spec));
}

/** An index read from the catalog as a Knex call, or raw SQL where the builder cannot say it. */
export function knexIndexCall(
  idx: Pick<Index, 'columns' | 'descending' | 'unique' | 'method' | 'predicate'> & Partial<Index>,
  where: { schema: string; table: string; name?: string | null },
): string {
  return knexIndexSpecCall(indexSpecFromCatalog({ ...idx, name: undefined }), where);
}

/** A unique constraint as a Knex call: table.unique([...]) or table.unique([...], { indexName }); raw SQL for NULLS NOT DISTINCT. */
export function knexUniqueCall(columns: readonly string[], name?: string | null, where?: { schema: string; table: string; nullsNotDistinct?: boolean }): string {
  if (where?.nullsNotDistinct) return knexRaw(addUniqueSql(where.schema, where.table, name ?? null, columns, true));
  return name ? `table.unique(${kjsList(columns)}, { indexName: ${kjs(name)} })` : `table.unique(${kjsList(columns)})`;
}

/** A check constraint as a Knex call: table.check('expr', [], 'name'). */
export function knexCheckCall(expression: string, name?: string | null): string {
  // Knex writes the constraint name as it is: quote any name that is not a plain lower-case identifier
  const n = name && !/^[a-z_][a-z0-9_$]*$/.test(name) ? quoteIdent(name) : name;
  return n ? `table.check(${kjs(expression)}, [], ${kjs(n)})` : `table.check(${kjs(expression)})`;
}

/** A foreign key as a Knex call on existing columns, with its actions and deferrability. */
export function knexForeignCall(fk: Pick<ForeignKey, 'columns' | 'refSchema' | 'refTable' | 'refColumns' | 'onDelete' | 'onUpdate'> & { deferrable?: ForeignKey['deferrable'] }, name?: string | null): string {
  const cols = fk.columns.length === 1 ? kjs(fk.columns[0]!) : kjsList(fk.columns);
  const refs = fk.refColumns.length === 1 ? kjs(fk.refColumns[0]!) : kjsList(fk.refColumns);
  let call = `table.foreign(${cols}${name ? `, ${kjs(name)}` : ''}).references(${refs}).inTable(${kjs(knexTableName(fk.refSchema, fk.refTable))})`;
  if (fk.onDelete !== 'NO ACTION') call += `.onDelete(${kjs(fk.onDelete)})`;
  if (fk.onUpdate !== 'NO ACTION') call += `.onUpdate(${kjs(fk.onUpdate)})`;
  if (fk.deferrable) call += `.deferrable(${kjs(fk.deferrable)})`;
  return call;
}

/**
 * A whole createTable for a model, as the migration that creates its table would read; what the
 * builder cannot say inside it (indexes with options, NULLS NOT DISTINCT uniques) follows as raw SQL.
 */
export function knexCreateTable(model: Model, enumExists: (qualifiedEnum: string) => boolean = () => false): string {
  // Knex splits a name with a dot into schema and table: such names go through the DDL compiler, as raw SQL.
  if (!modelNames(model).every(builderSafe)) return compileModelTable(offlineKnex(), model, new NameAllocator(), { foreignKeys: true }).map(knexRaw).join('; ');
  const pk = Object.entries(model.columns).filter(([, c]) => c.primary);
  const composite = pk.length > 1;
  const lines: string[] = [];
  const after: string[] = [];
  const where = { schema: model.schema, table: model.table };
  for (const [name, spec] of Object.entries(model.columns)) {
    let exists = false;
    if (spec.kind === 'enum') {
      const e = splitQualified(spec.enumName ?? name, model.schema);
      exists = enumExists(`${e.schema}.${e.name}`);
    }
    lines.push(knexColumnCall(name, spec, { schema: model.schema, enumExists: exists, primary: composite ? false : undefined }));
  }
  if (composite) lines.push(`table.primary(${kjsList(pk.map(([n]) => n))})`);
  for (const fk of model.foreignKeys) {
    const shape = {
      columns: fk.columns,
      refSchema: fk.references.schema ?? model.schema,
      refTable: fk.references.table,
      refColumns: fk.references.columns,
      onDelete: fk.onDelete ?? 'NO ACTION',
      onUpdate: fk.onUpdate ?? 'NO ACTION',
      deferrable: fk.deferrable ?? null,
    } as const;
    lines.push(knexForeignCall(shape, fk.name));
  }
  for (const u of model.uniques) {
    if (u.nullsNotDistinct) after.push(knexUniqueCall(u.columns, u.name, { ...where, nullsNotDistinct: true }));
    else lines.push(knexUniqueCall(u.columns, u.name));
  }
  for (const i of model.indexes) {
    const call = knexIndexSpecCall(i, { ...where, name: i.name });
    (call.startsWith('knex.raw(') ? after : lines).push(call);
  }
  for (const c of model.checks) lines.push(knexCheckCall(c.expression, c.name));
  if (model.comment !== undefined) lines.push(`table.comment(${knexTableComment(model.comment)})`);
  const builder = model.schema === 'public' ? 'knex.schema' : `knex.schema.withSchema(${kjs(model.schema)})`;
  return [`${builder}.createTable(${kjs(model.table)}, (table) => { ${lines.join('; ')}; })`, ...after].join('; ');
}

/** Every name a model's createTable writes: its table, columns, constraints, indexes and what its foreign keys reference. */
function modelNames(model: Model): string[] {
  return [
    model.schema,
    model.table,
    ...Object.keys(model.columns),
    ...model.foreignKeys.flatMap((fk) => [...fk.columns, ...fk.references.columns, fk.references.table, fk.references.schema ?? '', fk.name ?? '']),
    ...model.uniques.flatMap((u) => [...u.columns, u.name ?? '']),
    ...model.indexes.flatMap((i) => [...i.columns, i.name ?? '']),
    ...model.checks.map((c) => c.name ?? ''),
  ];
}

// ---------------------------------------------------------------------------------------------------
// The model side: what to write in a model to declare what the database has.

/** A model default: defaultTo('x'), defaultTo(0), defaultTo(true) or defaultTo(sql`...`). */
function modelDefault(col: Column): string | null {
  if (col.default === null) return null;
  const canon = normaliseDefault(col.default, col.type);
  if (canon === null) return null;
  if (/^'(?:[^']|'')*'$/.test(canon) && !baseType(normaliseType(col.type)).startsWith('json')) {
    return `.defaultTo(${js(canon.slice(1, -1).replace(/''/g, "'"))})`;
  }
  if (/^-?\d+(\.\d+)?$/.test(canon) || canon === 'true' || canon === 'false') return `.defaultTo(${canon})`;
  return `.defaultTo(${sqlTemplate(col.default)})`;
}

export interface ModelColumnOptions {
  /** The table's schema: an enum type in it is written unqualified. */
  schema: string;
  /** The database's enum types, for t.enum(name, labels). */
  enums?: readonly EnumType[];
  /** The column alone forms the primary key. */
  primary?: boolean;
  unique?: boolean;
  index?: boolean;
  /** Its single-column foreign key, if any. */
  references?: Pick<ForeignKey, 'refSchema' | 'refTable' | 'refColumns' | 'onDelete' | 'onUpdate'>;
}

/** The model-API declaration of a database column, e.g. `t.string(100).notNullable()`. */
export function modelColumnCall(col: Column, options: ModelColumnOptions): string {
  const type = normaliseType(col.type);
  // an identity column says so (identity()); a serial one is increments()
  const autoinc = col.identity === '' && normaliseDefault(col.default, col.type) === AUTOINCREMENT;
  let call: string | null = null;
  let m: RegExpExecArray | null;
  if (autoinc && options.primary && (type === 'integer' || type === 'bigint')) {
    call = type === 'integer' ? 't.increments()' : 't.bigIncrements()';
  } else if (col.enumType && !type.endsWith('[]')) {
    const e = col.enumType;
    const labels = options.enums?.find((x) => x.schema === e.schema && x.name === e.name)?.labels ?? [];
    call = `t.enum(${js(e.schema === options.schema ? e.name : `${e.schema}.${e.name}`)}, ${jsList(labels)})`;
  } else if ((m = /^character varying\((\d+)\)$/.exec(type))) {
    call = m[1] === '255' ? 't.string()' : `t.string(${m[1]})`;
  } else if ((m = /^timestamp(?:\((\d+)\))? (with|without) time zone$/.exec(type))) {
    const opts: string[] = [];
    if (m[2] === 'without') opts.push('useTz: false');
    if (m[1] !== undefined) opts.push(`precision: ${m[1]}`);
    call = opts.length ? `t.timestamp({ ${opts.join(', ')} })` : 't.timestamp()';
  } else if ((m = /^numeric\((\d+),(\d+)\)$/.exec(type))) {
    call = `t.decimal(${m[1]}, ${m[2]})`;
  } else {
    const simple: Record<string, string> = {
      integer: 't.integer()',
      bigint: 't.bigInteger()',
      smallint: 't.smallint()',
      text: 't.text()',
      boolean: 't.boolean()',
      uuid: 't.uuid()',
      date: 't.date()',
      'time without time zone': 't.time()',
      numeric: 't.decimal(null)',
      real: 't.float()',
      'double precision': 't.double()',
      json: 't.json()',
      jsonb: 't.jsonb()',
      bytea: 't.binary()',
    };
    call = simple[type] ?? `t.specificType(${js(displayType(col.type))})`;
  }
  const isIncrements = call.startsWith('t.increments') || call.startsWith('t.bigIncrements');
  if (col.collation) call += `.collate(${js(col.collation)})`;
  if (options.primary && !isIncrements) call += '.primary()';
  else if (col.notNull && !isIncrements && col.identity === '') call += '.notNullable()';
  if (col.identity !== '') call += `.identity({ always: ${col.identity === 'a'} })`;
  else if (col.generated !== null) call += `.generatedAlwaysAs(${sqlTemplate(col.generated)})`;
  else if (!autoinc) {
    const d = modelDefault(col);
    if (d) call += d;
  } else if (!isIncrements && col.default) {
    call += `.defaultTo(${sqlTemplate(col.default)})`;
  }
  if (options.unique) call += '.unique()';
  if (options.index) call += '.index()';
  const r = options.references;
  if (r && r.refColumns.length === 1) {
    call += `.references(${js(`${r.refSchema}.${r.refTable}.${r.refColumns[0]}`)})`;
    if (r.onDelete !== 'NO ACTION') call += `.onDelete(${js(r.onDelete)})`;
    if (r.onUpdate !== 'NO ACTION') call += `.onUpdate(${js(r.onUpdate)})`;
  }
  return call;
}

/** A model `indexes` entry for a database index, every facet said: keys as column names, sql`expressions` or key objects. */
export function modelIndexEntry(idx: Index): string {
  const spec = indexSpecFromCatalog({ ...idx, name: undefined });
  const parts = [`columns: [${(spec.keys ?? []).map(modelIndexKey).join(', ')}]`];
  if (spec.unique) parts.push('unique: true');
  if (spec.nullsNotDistinct) parts.push('nullsNotDistinct: true');
  if (spec.include?.length) parts.push(`include: [${spec.include.map(js).join(', ')}]`);
  if (spec.where !== undefined) parts.push(`where: ${js(spec.where)}`);
  if (spec.using !== undefined) parts.push(`using: ${js(spec.using)}`);
  return `{ ${parts.join(', ')} }`;
}

/** One index key of a model: 'col', sql`expr`, or { column | expression, order, nulls, opclass, collate } when it has options. */
export function modelIndexKey(key: IndexKey): string {
  const target = key.column !== undefined ? js(key.column) : sqlTemplate(key.expression!);
  const options: string[] = [];
  if (key.order) options.push(`order: ${js(key.order)}`);
  if (key.nulls) options.push(`nulls: ${js(key.nulls)}`);
  if (key.opclass) options.push(`opclass: ${js(key.opclass)}`);
  if (key.collate) options.push(`collate: ${js(key.collate)}`);
  if (options.length === 0) return target;
  return `{ ${key.column !== undefined ? 'column' : 'expression'}: ${target}, ${options.join(', ')} }`;
}

/** A model `foreignKeys` entry for a (composite) database foreign key. */
export function modelForeignKeyEntry(fk: Pick<ForeignKey, 'columns' | 'refSchema' | 'refTable' | 'refColumns' | 'onDelete' | 'onUpdate'> & { deferrable?: ForeignKey['deferrable'] }): string {
  const parts = [
    `columns: ${jsList(fk.columns)}`,
    `references: { schema: ${js(fk.refSchema)}, table: ${js(fk.refTable)}, columns: ${jsList(fk.refColumns)} }`,
  ];
  if (fk.onDelete !== 'NO ACTION') parts.push(`onDelete: ${js(fk.onDelete)}`);
  if (fk.onUpdate !== 'NO ACTION') parts.push(`onUpdate: ${js(fk.onUpdate)}`);
  if (fk.deferrable) parts.push(`deferrable: ${js(fk.deferrable)}`);
  return `{ ${parts.join(', ')} }`;
}

/** `'a', 'b'` as SQL: enum labels for messages and CREATE TYPE. */
export function sqlList(labels: readonly string[]): string {
  return labels.map(quoteLiteral).join(', ');
}

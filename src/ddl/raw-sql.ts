// The DDL Knex's schema builder cannot write on PostgreSQL, written by hand: a column's full type
// (for generated, identity and collated columns, which Knex has no builder for: its collate() is
// MySQL-only), index keys with expressions and options, INCLUDE and NULLS NOT DISTINCT. Pure text;
// every name goes through quoteIdent, every user expression is kept as written.
import type { ColumnSpec, IndexKey, IndexSpec } from '../model-api/types.ts';
import type { Index } from '../schema/types.ts';
import { quoteIdent, quoteQualified } from './names.ts';

const PLAIN_TYPES: Partial<Record<ColumnSpec['kind'], string>> = {
  increments: 'integer',
  bigIncrements: 'bigint',
  integer: 'integer',
  bigInteger: 'bigint',
  smallint: 'smallint',
  text: 'text',
  boolean: 'boolean',
  uuid: 'uuid',
  date: 'date',
  float: 'real',
  double: 'double precision',
  json: 'json',
  jsonb: 'jsonb',
  binary: 'bytea',
};

/** Use for the SQL type of a model column, as Knex would create it on PostgreSQL (varchar(255), timestamptz, ...). */
export function sqlTypeOf(spec: ColumnSpec, enumType: (typeName: string) => { schema: string; name: string }): string {
  switch (spec.kind) {
    case 'string':
      return `varchar(${spec.length ?? 255})`;
    case 'time':
      return spec.useTz ? 'timetz' : 'time';
    case 'timestamp':
      return `${spec.useTz === false ? 'timestamp' : 'timestamptz'}${spec.precision !== undefined ? `(${spec.precision})` : ''}`;
    case 'decimal':
      return spec.precision === undefined ? 'numeric' : `numeric(${spec.precision}, ${spec.scale ?? 2})`;
    case 'enum': {
      const e = enumType(spec.enumName ?? '');
      return quoteQualified(e.schema, e.name);
    }
    case 'specificType':
      return spec.sqlType ?? 'text';
    default:
      return PLAIN_TYPES[spec.kind] ?? spec.kind;
  }
}

/** Use when Knex cannot declare a column: its collation, generation or identity clause (after the type), or ''. */
export function columnClauses(spec: ColumnSpec): string {
  let s = '';
  if (spec.collation) s += ` collate ${quoteCollation(spec.collation)}`;
  if (spec.generated) s += ` generated always as (${spec.generated.sql}) stored`;
  if (spec.identity) s += ` generated ${spec.identity === 'always' ? 'always' : 'by default'} as identity`;
  return s;
}

/** "C", or "schema"."name" for a qualified collation. */
export function quoteCollation(collation: string): string {
  const dot = collation.indexOf('.');
  return dot > 0 ? quoteQualified(collation.slice(0, dot), collation.slice(dot + 1)) : quoteIdent(collation);
}

/** Use to get an index's keys: the resolved ones, or plain columns for an IndexSpec built by hand. */
export const indexKeys = (ix: Pick<IndexSpec, 'columns' | 'keys'>): IndexKey[] => ix.keys ?? ix.columns.map((column): IndexKey => ({ column }));

/** True when Knex's table.index() can write this index: plain column keys with no option, no INCLUDE, no NULLS NOT DISTINCT. */
export function knexCanWriteIndex(ix: IndexSpec): boolean {
  const keys = indexKeys(ix);
  return keys.every((k) => k.column !== undefined && !k.order && !k.nulls && !k.opclass && !k.collate) && !(ix.include?.length) && !ix.nullsNotDistinct;
}

/** One index key as SQL: "col" or (expression), then COLLATE, operator class, ASC/DESC, NULLS. */
export function indexKeySql(key: IndexKey): string {
  let s = key.column !== undefined ? quoteIdent(key.column) : `(${key.expression})`;
  if (key.collate) s += ` collate ${quoteCollation(key.collate)}`;
  if (key.opclass) s += ` ${key.opclass}`;
  if (key.order) s += ` ${key.order}`;
  if (key.nulls) s += ` nulls ${key.nulls}`;
  return s;
}

/** Use for an index Knex cannot write: CREATE [UNIQUE] INDEX [name] ON schema.table USING m (keys) INCLUDE (...) [NULLS NOT DISTINCT] [WHERE ...]. */
export function createIndexSql(schema: string, table: string, name: string | null, ix: IndexSpec): string {
  const keys = indexKeys(ix).map(indexKeySql).join(', ');
  let s = `create ${ix.unique ? 'unique ' : ''}index ${name === null ? '' : `${quoteIdent(name)} `}on ${quoteQualified(schema, table)}`;
  if (ix.using && ix.using !== 'btree') s += ` using ${ix.using}`;
  s += ` (${keys})`;
  if (ix.include?.length) s += ` include (${ix.include.map(quoteIdent).join(', ')})`;
  if (ix.unique && ix.nullsNotDistinct) s += ' nulls not distinct';
  if (ix.where !== undefined) s += ` where ${ix.where}`;
  return s;
}

/** Use for a unique constraint Knex cannot write (NULLS NOT DISTINCT); unnamed, Postgres names it. */
export function addUniqueSql(schema: string, table: string, name: string | null, columns: readonly string[], nullsNotDistinct: boolean): string {
  return `alter table ${quoteQualified(schema, table)} add ${name === null ? '' : `constraint ${quoteIdent(name)} `}unique${nullsNotDistinct ? ' nulls not distinct' : ''} (${columns.map(quoteIdent).join(', ')})`;
}

/** Use to turn an index read from the catalog into the model's IndexSpec (keys with only their non-default options). */
export function indexSpecFromCatalog(i: Pick<Index, 'columns' | 'descending' | 'unique' | 'method' | 'predicate'> & Partial<Index>): IndexSpec {
  const keys = i.columns.map((text, k): IndexKey => {
    const key: IndexKey = i.expressions?.[k] ? { expression: text } : { column: text };
    const desc = i.descending[k] ?? false;
    const nullsFirst = i.nullsFirst?.[k] ?? desc;
    if (desc) key.order = 'desc';
    if (nullsFirst !== desc) key.nulls = nullsFirst ? 'first' : 'last';
    if (i.opclasses?.[k]) key.opclass = i.opclasses[k]!;
    if (i.collations?.[k]) key.collate = i.collations[k]!;
    return key;
  });
  const spec: IndexSpec = { columns: [...i.columns], keys };
  if (i.unique) spec.unique = true;
  if (i.unique && i.nullsNotDistinct) spec.nullsNotDistinct = true;
  if (i.method && i.method !== 'btree') spec.using = i.method;
  if (i.include?.length) spec.include = [...i.include];
  if (i.predicate) spec.where = i.predicate;
  if (i.name) spec.name = i.name;
  return spec;
}

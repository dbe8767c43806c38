// Which TypeScript shapes a column's PostgreSQL type is read as by node-pg (its default parsers), for
// the shape-only sources (Knex table types, Objection): a coarse family per column type, never a length,
// precision or time zone. Pure.
import type { Column } from '../../schema/types.ts';
import type { CoarseType, ShapeColumn } from '../types.ts';
import { baseType, normaliseType } from '../../diff/normalise.ts';
import { knexString as kjs } from '../../util/escape.ts';

const STRINGS = ['character varying', 'character', 'text', 'uuid', 'citext', 'inet', 'cidr', 'macaddr', 'macaddr8', 'time', 'time with time zone', 'time without time zone', 'money', 'xml', 'tsvector', 'tsquery', 'bit', 'bit varying', 'name'];
const NUMBERS = ['smallint', 'integer', 'real', 'double precision', 'oid'];
// node-pg returns int8 and numeric as strings (precision): a row type may say string, number or bigint.
const WIDE_NUMBERS = ['bigint', 'numeric'];
const DATES = ['date', 'timestamp with time zone', 'timestamp without time zone', 'timestamp'];

/** The coarse types a column accepts, or null when any type is fine (a type this table does not know: a domain, point, interval...). */
export function acceptedTypes(col: Pick<Column, 'type' | 'enumType'>): ReadonlySet<CoarseType> | null {
  const t = normaliseType(col.type);
  if (t.endsWith('[]')) return new Set(['array']);
  if (col.enumType) return new Set(['string']);
  const base = baseType(t).replace(/^public\./, '');
  if (STRINGS.includes(base)) return new Set(['string']);
  if (NUMBERS.includes(base)) return new Set(['number']);
  if (WIDE_NUMBERS.includes(base)) return new Set(['string', 'number', 'bigint']);
  if (base === 'boolean') return new Set(['boolean']);
  if (DATES.includes(base)) return new Set(['date', 'string']);
  // JSON holds any value; a row type states an object or an array for it.
  if (base === 'json' || base === 'jsonb') return new Set(['json', 'array']);
  if (base === 'bytea') return new Set(['buffer']);
  return null;
}

/** Use to compare a stated type with a column: true when node-pg's value fits it (or either side says nothing). */
export function typeFits(col: Pick<Column, 'type' | 'enumType'>, type: CoarseType | undefined): boolean {
  if (type === undefined || type === 'unknown') return true;
  const accepted = acceptedTypes(col);
  return accepted === null || accepted.has(type);
}

/** How a coarse type is written in a row type (for messages and hints). */
export const TS_SPELLING: Record<CoarseType, string> = {
  string: 'string',
  number: 'number',
  bigint: 'bigint',
  boolean: 'boolean',
  date: 'Date',
  json: 'Record<string, unknown>',
  buffer: 'Buffer',
  array: 'string[]',
  unknown: 'unknown',
};

/** The coarse type a row type should state for a column: the first of its family (Date for timestamps), else unknown. */
export function coarseTypeOf(col: Pick<Column, 'type' | 'enumType'>): CoarseType {
  const accepted = acceptedTypes(col);
  if (!accepted) return 'unknown';
  if (accepted.has('date')) return 'date';
  return [...accepted][0]!;
}

/** The Knex column builder call that creates a column of the stated shape: `table.text('email').notNullable()`. */
export function knexShapeColumn(col: ShapeColumn): string {
  const name = kjs(col.name);
  const call: Record<CoarseType, string> = {
    string: `table.text(${name})`,
    number: `table.integer(${name})`,
    bigint: `table.bigInteger(${name})`,
    boolean: `table.boolean(${name})`,
    date: `table.timestamp(${name})`,
    json: `table.jsonb(${name})`,
    buffer: `table.binary(${name})`,
    array: `table.specificType(${name}, 'text[]')`,
    unknown: `table.text(${name})`,
  };
  return call[col.type ?? 'unknown'] + (col.nullable === false ? '.notNullable()' : '');
}

/** The same column as knex's alter: `table.integer('age').notNullable().alter()`, keeping the database's nullability. */
export function knexAlterToShape(col: ShapeColumn, notNull: boolean): string {
  return `${knexShapeColumn({ ...col, nullable: !notNull })}.alter()`;
}

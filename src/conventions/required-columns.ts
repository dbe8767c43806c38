// conventions.requiredColumns: every table matching a glob has a column, with a type, nullability
// and default when the rule says so. Pure: Schema in, Violations out.
import type { Conventions, RequiredColumn } from '../config/types.ts';
import { baseType, displayDefault, displayType, normaliseDefault, normaliseType, tableMatcher } from '../diff/index.ts';
import { modelColumnCall } from '../diff/snippets.ts';
import type { Column, Table } from '../schema/types.ts';
import { conventionMessages as m } from '../messages/conventions.ts';
import { ruleSeverity } from './severity.ts';
import { addColumnSql, alterColumnSql } from './snippets.ts';
import type { Violation } from './types.ts';

/**
 * Whether a column's type satisfies the rule's: 'timestamp' or 'time' alone accepts both time zones,
 * a type without a length ('varchar', 'numeric') any length; anything more precise must match exactly.
 */
export function typeSatisfies(wanted: string, actual: string): boolean {
  const w = normaliseType(wanted);
  const a = normaliseType(actual);
  if (w === a) return true;
  const raw = wanted.trim().toLowerCase();
  const arrays = (t: string) => (/(\[\])*$/.exec(t)?.[0] ?? '');
  if (arrays(w) !== arrays(a)) return false;
  if (/^(timestamp|time)$/.test(raw)) return baseType(a).startsWith(`${raw} `) || baseType(a) === raw;
  if (!raw.includes('(')) return baseType(w) === baseType(a);
  return false;
}

/** How the rule's column reads: 'timestamp NOT NULL DEFAULT now()'. */
const describeWanted = (r: RequiredColumn): string =>
  [r.type ?? 'any type', r.notNullable ? 'NOT NULL' : '', r.default ? `DEFAULT ${r.default}` : ''].filter(Boolean).join(' ');

/** How an existing column reads, on the facets the rule judges. */
const describeActual = (c: Column, r: RequiredColumn): string =>
  [displayType(c.type), c.notNull ? 'NOT NULL' : 'NULL', c.default ? `DEFAULT ${displayDefault(c)}` : r.default !== undefined ? 'with no default' : ''].filter(Boolean).join(' ');

/** A Column as the rule would have it, for the model snippet. */
function wantedColumn(r: RequiredColumn, existing: Column | undefined): Column {
  const type = r.type ? (existing && typeSatisfies(r.type, existing.type) ? existing.type : normaliseType(r.type)) : (existing?.type ?? 'text');
  return {
    name: r.column,
    type,
    notNull: r.notNullable ? true : (existing?.notNull ?? false),
    default: r.default ?? existing?.default ?? null,
    identity: '',
    generated: null,
    generatedKind: '',
    collation: existing?.collation ?? null,
    enumType: existing?.enumType ?? null,
    comment: null,
  };
}

function checkOne(t: Table, r: RequiredColumn, conventions: Conventions): Violation | null {
  const col = t.columns.find((c) => c.name === r.column);
  const severity = ruleSeverity(r.severity, conventions);
  const modelEntry = `${r.column}: ${modelColumnCall(wantedColumn(r, col), { schema: t.schema })}`;
  const base = { rule: 'requiredColumns' as const, severity, schema: t.schema, table: t.name, object: null, expected: describeWanted(r) };
  if (!col) {
    const add = addColumnSql(t.schema, t.name, r.column, r.type ?? 'text', !!r.notNullable, r.default);
    return { ...base, columns: [], actual: null, mentions: [[t.name]], word: m.requiredMissing({ schema: t.schema, table: t.name, column: r.column, wanted: base.expected, add, modelEntry }) };
  }
  const badType = r.type !== undefined && !typeSatisfies(r.type, col.type);
  const badNull = r.notNullable === true && !col.notNull;
  const badDefault = r.default !== undefined && normaliseDefault(r.default, col.type) !== normaliseDefault(col.default, col.type);
  if (!badType && !badNull && !badDefault) return null;
  // A type change casts the old default too, which may fail: drop it first and set it again after.
  const reset = badType && col.default !== null;
  const def = badDefault || reset ? (r.default ?? col.default ?? undefined) : undefined;
  const alter = alterColumnSql(t.schema, t.name, r.column, { type: badType ? r.type : undefined, notNull: badNull, def, dropDefault: reset });
  const actual = describeActual(col, r);
  return { ...base, columns: [r.column], actual, mentions: [[t.name, r.column]], word: m.requiredWrong({ schema: t.schema, table: t.name, column: r.column, wanted: base.expected, actual, alter, modelEntry }) };
}

/** Each rule's table matcher, compiled once per rule object (the rules are judged table by table). */
const matchers = new WeakMap<RequiredColumn, (schema: string, table: string) => boolean>();
function appliesTo(r: RequiredColumn, t: Table): boolean {
  let match = matchers.get(r);
  if (!match) matchers.set(r, (match = tableMatcher(typeof r.tables === 'string' ? [r.tables] : r.tables)));
  return match(t.schema, t.name);
}

/** Use for conventions.requiredColumns on one table. */
export function checkRequiredColumns(t: Table, conventions: Conventions): Violation[] {
  const out: Violation[] = [];
  for (const r of conventions.requiredColumns ?? []) {
    if (!appliesTo(r, t)) continue;
    const v = checkOne(t, r, conventions);
    if (v) out.push(v);
  }
  return out;
}

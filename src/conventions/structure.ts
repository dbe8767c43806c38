// The structure rules: conventions.primaryKey (every table has one), conventions.indexedForeignKeys
// (an index starts with each foreign key's columns) and conventions.explicitOnDelete (each foreign key
// says what a delete does, optionally one of the actions allowed for its nullability). Pure.
import type { Conventions, OnDeleteAction, OnDeleteConvention } from '../config/types.ts';
import type { ForeignKey, Table } from '../schema/types.ts';
import { conventionMessages as m } from '../messages/conventions.ts';
import { isOn, ruleSeverity } from './severity.ts';
import { addIndexSnippet, alterTable, modelIndex, restateForeignKey } from './snippets.ts';
import { jsString } from '../util/escape.ts';
import type { Violation } from './types.ts';

/** Use for conventions.primaryKey on one table. */
export function checkPrimaryKey(t: Table, conventions: Conventions): Violation[] {
  if (!isOn(conventions.primaryKey) || t.primaryKey) return [];
  const hasId = t.columns.some((c) => c.name === 'id');
  const add = hasId ? alterTable(t.schema, t.name, `table.primary(['id'])`) : alterTable(t.schema, t.name, `table.increments('id')`);
  const modelChange = hasId ? 'add .primary() to its id column' : 'add id: t.increments()';
  return [
    {
      rule: 'primaryKey',
      severity: ruleSeverity(conventions.primaryKey, conventions),
      schema: t.schema,
      table: t.name,
      columns: [],
      object: null,
      expected: 'a primary key',
      actual: null,
      mentions: [[t.name]],
      word: m.noPrimaryKey({ schema: t.schema, table: t.name, add, modelChange }),
    },
  ];
}

/**
 * Whether an index serves a foreign key's lookups: a btree (or, for one column, hash) index without a
 * predicate whose leading keys are exactly the foreign key's columns, in any order; the primary key and
 * unique constraints count.
 */
export function isCovered(t: Table, fk: ForeignKey): boolean {
  const want = new Set(fk.columns);
  const leads = (cols: readonly string[]) => cols.length >= want.size && cols.slice(0, want.size).every((c) => want.has(c)) && new Set(cols.slice(0, want.size)).size === want.size;
  if (t.primaryKey && leads(t.primaryKey.columns)) return true;
  if (t.uniques.some((u) => leads(u.columns))) return true;
  return t.indexes.some((i) => {
    if (i.predicate !== null) return false;
    if (!(i.method === 'btree' || (i.method === 'hash' && want.size === 1))) return false;
    return !i.expressions.slice(0, want.size).some(Boolean) && leads(i.columns);
  });
}

const fkMentions = (t: Table, fk: ForeignKey): string[][] => [[t.name, fk.name], [t.name, ...fk.columns]];

/** Use for conventions.indexedForeignKeys on one table. */
export function checkIndexedForeignKeys(t: Table, conventions: Conventions): Violation[] {
  if (!isOn(conventions.indexedForeignKeys)) return [];
  const severity = ruleSeverity(conventions.indexedForeignKeys, conventions);
  return t.foreignKeys
    .filter((fk) => !isCovered(t, fk))
    .map((fk) => ({
      rule: 'indexedForeignKeys' as const,
      severity,
      schema: t.schema,
      table: t.name,
      columns: [...fk.columns],
      object: fk.name,
      expected: `an index on (${fk.columns.join(', ')})`,
      actual: null,
      mentions: fkMentions(t, fk),
      word: m.unindexedForeignKey({ schema: t.schema, table: t.name, name: fk.name, columns: fk.columns, add: addIndexSnippet(t.schema, t.name, fk.columns), modelEntry: modelIndex(fk.columns) }),
    }));
}

const list = (a: OnDeleteAction | OnDeleteAction[] | undefined): OnDeleteAction[] | null => (a === undefined ? null : Array.isArray(a) ? a : [a]);

/**
 * Use for conventions.explicitOnDelete on one table. NO ACTION counts as "not stated": the catalog cannot
 * tell an explicit ON DELETE NO ACTION from none. With allowed actions by nullability, the action must be
 * one of them (listing 'NO ACTION' there accepts it).
 */
export function checkOnDelete(t: Table, conventions: Conventions): Violation[] {
  const setting = conventions.explicitOnDelete;
  if (!isOn(setting)) return [];
  const long: OnDeleteConvention = typeof setting === 'object' ? setting : {};
  const severity = ruleSeverity(typeof setting === 'object' ? setting.severity : setting, conventions);
  const out: Violation[] = [];
  for (const fk of t.foreignKeys) {
    const nullable = fk.columns.some((c) => t.columns.find((x) => x.name === c)?.notNull === false);
    const allowed = list(nullable ? long.nullable : long.notNullable);
    if (allowed ? allowed.includes(fk.onDelete) : fk.onDelete !== 'NO ACTION') continue;
    const suggested: ForeignKey['onDelete'] = allowed?.find((a) => a !== 'NO ACTION') ?? (nullable ? 'SET NULL' : 'CASCADE');
    out.push({
      rule: 'explicitOnDelete',
      severity,
      schema: t.schema,
      table: t.name,
      columns: [...fk.columns],
      object: fk.name,
      expected: allowed ? allowed.join(' | ') : 'an ON DELETE action',
      actual: fk.onDelete,
      mentions: fkMentions(t, fk),
      word: m.onDelete({
        schema: t.schema,
        table: t.name,
        name: fk.name,
        columns: fk.columns,
        actual: fk.onDelete,
        allowed,
        nullable,
        restate: restateForeignKey(t.schema, t.name, fk, suggested),
        modelChange: `set .onDelete(${jsString(suggested)}) on the reference of ${fk.columns.join(', ')}`,
      }),
    });
  }
  return out;
}

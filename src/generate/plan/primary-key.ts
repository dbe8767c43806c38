// The primary key of a table present on both sides: matched by its column list; a change drops the
// old key (and, for now, the foreign keys that need it) and adds the new one.
import { qualified, type PrimaryKey, type Table } from '../../schema/types.ts';
import { colList, sameList } from '../../diff/match.ts';
import { kjs } from '../../diff/snippets.ts';
import { jsList, line } from './code.ts';
import { dropDependentForeignKeys } from './foreign-keys.ts';
import type { Planner } from './planner.ts';

/** Use for the primary key of one table present on both sides. */
export function planPrimaryKey(p: Planner, m: Table, d: Table): void {
  if (sameList(d.primaryKey?.columns ?? [], m.primaryKey?.columns ?? [])) return;
  const key = qualified(d.schema, d.name);
  const old = m.primaryKey;
  const want = d.primaryKey;
  if (old) dropPrimaryKey(p, m, old, want === null);
  if (!want) return;
  p.op({
    kind: 'add-primary-key',
    phase: 'addConstraint',
    target: key,
    description: `add primary key ${colList(want.columns)} to ${key}`,
    up: [line(d.schema, d.name, `table.primary(${jsList(want.columns)})`)],
    down: [line(d.schema, d.name, `table.dropPrimary()`)],
  });
}

function dropPrimaryKey(p: Planner, m: Table, old: PrimaryKey, destructive: boolean): void {
  const key = qualified(m.schema, m.name);
  dropDependentForeignKeys(p, m, old.columns);
  p.op({
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

// Foreign keys: add the model's, replace those whose target, actions or deferrability differ, drop
// those the model does not declare (destructive), and drop-then-restore those that reference a key
// about to change. Matched as the diff matches them (match.ts matchForeignKeys); the code is the
// shared one of src/migration-code/foreign-keys.ts, also in the hints.
import { qualified, type ForeignKey, type Table } from '../../schema/types.ts';
import { colList, fkTarget, matchForeignKeys, setKey } from '../../diff/match.ts';
import { knexDefaultName } from '../../ddl/names.ts';
import { addForeignKey as addForeignKeyCode, dropForeignKey as dropForeignKeyCode } from '../../migration-code/foreign-keys.ts';
import { whereOf } from './code.ts';
import type { Planner } from './planner.ts';
import type { PlanModel } from './types.ts';

/** Use for the foreign keys of one table present on both sides. */
export function planForeignKeys(p: Planner, ref: PlanModel, m: Table, d: Table): void {
  const key = qualified(m.schema, m.name);
  // a key over a column that is dropped and added again goes with it: dropped first, the model's added after
  const gone = (f: ForeignKey) => f.columns.some((c) => p.recreated.has(`${key}.${c}`));
  for (const f of m.foreignKeys.filter(gone)) dropForeignKey(p, m, f, 'its column is re-created', false);
  const match = matchForeignKeys(d.foreignKeys, m.foreignKeys.filter((f) => !gone(f)));
  for (const { want, near } of match.missing) {
    if (near) dropForeignKey(p, m, near, `replaced: the model wants ${fkTarget(want)}`, false);
    addForeignKey(p, ref, d, want);
  }
  for (const mf of match.unmodeled) dropForeignKey(p, m, mf, 'the model does not declare it', true);
}

/** Use to add a model's foreign key to a table (new or existing). */
export function addForeignKey(p: Planner, ref: PlanModel, d: Table, fk: ForeignKey): void {
  const modelNames = new Set(ref.model.foreignKeys.map((f) => f.name).filter((n): n is string => !!n));
  const name = p.nameFor(`con:${d.schema}.${d.name}`, modelNames.has(fk.name) ? fk.name : null, knexDefaultName(d.name, fk.columns, 'foreign'));
  const key = qualified(d.schema, d.name);
  p.op({
    kind: 'add-foreign-key',
    phase: 'addForeignKey',
    target: `${key}.${fk.columns.join(',')}`,
    description: `add foreign key ${key}${colList(fk.columns)} -> ${fkTarget(fk)}`,
    ...addForeignKeyCode(whereOf(d), fk, name),
  });
}

/** Use to drop a foreign key of the migrated database (once, whoever asks first). */
export function dropForeignKey(p: Planner, t: Table, fk: ForeignKey, why: string, destructive: boolean): void {
  if (p.droppedFks.has(fk)) return;
  p.droppedFks.add(fk);
  const key = qualified(t.schema, t.name);
  p.op({
    kind: 'drop-foreign-key',
    phase: 'dropForeignKey',
    target: `${key}.${fk.columns.join(',')}`,
    description: `drop foreign key ${fk.name} ${key}${colList(fk.columns)} -> ${fkTarget(fk)} (${why})`,
    destructive,
    risk: destructive ? 'drops a foreign key' : undefined,
    ...dropForeignKeyCode(whereOf(t), fk),
  });
}

/** Use before dropping a key (primary or unique): the foreign keys elsewhere that need it are dropped first and put back afterwards. */
export function dropDependentForeignKeys(p: Planner, t: Table, columns: readonly string[]): void {
  for (const other of p.migrated.tables) {
    for (const fk of other.foreignKeys) {
      if (p.droppedFks.has(fk)) continue;
      if (fk.refSchema !== t.schema || fk.refTable !== t.name || setKey(fk.refColumns) !== setKey(columns)) continue;
      p.droppedFks.add(fk);
      dropAndRestore(p, other, fk);
    }
  }
}

function dropAndRestore(p: Planner, other: Table, fk: ForeignKey): void {
  const otherKey = qualified(other.schema, other.name);
  const code = dropForeignKeyCode(whereOf(other), fk);
  p.op({
    kind: 'drop-foreign-key',
    phase: 'dropForeignKey',
    target: otherKey,
    description: `drop foreign key ${fk.name} of ${otherKey} for now (it needs the key being changed)`,
    ...code,
  });
  p.op({
    kind: 'add-foreign-key',
    phase: 'addForeignKey',
    target: otherKey,
    description: `restore foreign key ${fk.name} of ${otherKey}`,
    up: code.down,
    down: code.up,
  });
}

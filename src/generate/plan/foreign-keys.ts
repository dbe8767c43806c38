// Foreign keys: add the model's, replace those whose target or actions differ, drop those the model
// does not declare (destructive), and drop-then-restore those that reference a key about to change.
// Matched by shape (match.ts fkShape) and actions, never by name.
import { qualified, type ForeignKey, type Table } from '../../schema/types.ts';
import { colList, fkShape, fkTarget, setKey } from '../../diff/match.ts';
import { kjs, knexForeignCall } from '../../diff/snippets.ts';
import { knexDefaultName, quoteIdent, quoteQualified, truncateIdentifier } from '../../ddl/names.ts';
import { builderSafe, jsList, line, raw } from './code.ts';
import type { Planner } from './planner.ts';
import type { Code, PlanModel } from './types.ts';

/** The foreign key's columns and target, for messages and the SQL. */
type FkShape = Pick<ForeignKey, 'columns' | 'refSchema' | 'refTable' | 'refColumns' | 'onDelete' | 'onUpdate'>;

/** Use for a table the builder cannot name: ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY. */
export function rawForeignKey(schema: string, table: string, fk: FkShape, name: string): string {
  const cols = (c: readonly string[]) => c.map(quoteIdent).join(', ');
  const actions = `${fk.onDelete !== 'NO ACTION' ? ` ON DELETE ${fk.onDelete}` : ''}${fk.onUpdate !== 'NO ACTION' ? ` ON UPDATE ${fk.onUpdate}` : ''}`;
  return `ALTER TABLE ${quoteQualified(schema, table)} ADD CONSTRAINT ${quoteIdent(name)} FOREIGN KEY (${cols(fk.columns)}) REFERENCES ${quoteQualified(fk.refSchema, fk.refTable)} (${cols(fk.refColumns)})${actions}`;
}

const dropForeignLine = (t: Pick<Table, 'schema' | 'name'>, fk: ForeignKey, name: string | null): Code =>
  line(t.schema, t.name, `table.dropForeign(${jsList(fk.columns)}${name ? `, ${kjs(name)}` : ''})`);

/** Use for the foreign keys of one table present on both sides. */
export function planForeignKeys(p: Planner, ref: PlanModel, m: Table, d: Table): void {
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
      dropForeignKey(p, m, near, `replaced: the model wants ${fkTarget(df)}`, false);
    }
    addForeignKey(p, ref, d, df);
  }
  for (const mf of m.foreignKeys) {
    if (!used.has(mf)) dropForeignKey(p, m, mf, 'the model does not declare it', true);
  }
}

/** Use to add a model's foreign key to a table (new or existing). */
export function addForeignKey(p: Planner, ref: PlanModel, d: Table, fk: ForeignKey): void {
  const modelNames = new Set(ref.model.foreignKeys.map((f) => f.name).filter((n): n is string => !!n));
  const name = p.nameFor(`con:${d.schema}.${d.name}`, modelNames.has(fk.name) ? fk.name : null, knexDefaultName(d.name, fk.columns, 'foreign'));
  const key = qualified(d.schema, d.name);
  const safe = [d.schema, d.name, fk.refSchema, fk.refTable, ...fk.columns, ...fk.refColumns, name ?? ''].every(builderSafe);
  const rawName = name ?? truncateIdentifier(knexDefaultName(d.name, fk.columns, 'foreign'));
  p.op({
    kind: 'add-foreign-key',
    phase: 'addForeignKey',
    target: `${key}.${fk.columns.join(',')}`,
    description: `add foreign key ${key}${colList(fk.columns)} -> ${fkTarget(fk)}`,
    up: [safe ? line(d.schema, d.name, knexForeignCall(fk, name)) : raw(rawForeignKey(d.schema, d.name, fk, rawName))],
    down: [safe ? dropForeignLine(d, fk, name) : raw(`ALTER TABLE ${quoteQualified(d.schema, d.name)} DROP CONSTRAINT ${quoteIdent(rawName)}`)],
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
    ...([t.schema, t.name, fk.name, fk.refSchema, fk.refTable, ...fk.columns, ...fk.refColumns].every(builderSafe)
      ? { up: [dropForeignLine(t, fk, fk.name)], down: [line(t.schema, t.name, knexForeignCall(fk, fk.name))] }
      : { up: [raw(`ALTER TABLE ${quoteQualified(t.schema, t.name)} DROP CONSTRAINT ${quoteIdent(fk.name)}`)], down: [raw(rawForeignKey(t.schema, t.name, fk, fk.name))] }),
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
  p.op({
    kind: 'drop-foreign-key',
    phase: 'dropForeignKey',
    target: otherKey,
    description: `drop foreign key ${fk.name} of ${otherKey} for now (it needs the key being changed)`,
    up: [dropForeignLine(other, fk, fk.name)],
    down: [line(other.schema, other.name, knexForeignCall(fk, fk.name))],
  });
  p.op({
    kind: 'add-foreign-key',
    phase: 'addForeignKey',
    target: otherKey,
    description: `restore foreign key ${fk.name} of ${otherKey}`,
    up: [line(other.schema, other.name, knexForeignCall(fk, fk.name))],
    down: [dropForeignLine(other, fk, fk.name)],
  });
}

// Foreign keys of one table: missing-foreign-key, foreign-key-mismatch, unmodeled-foreign-key.
// Matched by shape (local -> referenced column pairs, target table) and actions, never by name; a
// key on the same columns with another target or action is one foreign-key-mismatch.
import type { ForeignKey } from '../schema/types.ts';
import * as text from '../messages/findings.ts';
import { colList, fkShape, fkTarget, matchForeignKeys } from './match.ts';
import { js, modelForeignKeyEntry } from './snippets.ts';
import { hintCode } from '../migration-code/code.ts';
import { addForeignKey, dropForeignKey } from '../migration-code/foreign-keys.ts';
import { touches, type TableDiff } from './table-diff.ts';

/** Use for the foreign-key findings of one table present on both sides. */
export function compareForeignKeys(t: TableDiff): void {
  const dFks = t.d.foreignKeys.filter((f) => !touches(f.columns, t.missing));
  const mFks = t.m.foreignKeys.filter((f) => !touches(f.columns, t.unmodeled));
  const match = matchForeignKeys(dFks, mFks);
  const modelNames = new Set(t.ref.model.foreignKeys.map((f) => f.name).filter((n): n is string => !!n));
  for (const { want, near } of match.missing) differentOrMissing(t, want, near, modelNames.has(want.name) ? want.name : null);
  for (const mf of match.unmodeled) unmodeled(t, mf);
}

function differentOrMissing(t: TableDiff, df: ForeignKey, near: ForeignKey | undefined, object: string | null): void {
  const { on } = t;
  const where = { schema: on.schema, table: on.table, columns: [...df.columns] };
  const add = addForeignKey(on, df, object).up;
  const addForeign = hintCode(add);
  if (!near) {
    t.push('missing-foreign-key', {
      ...where,
      object,
      expected: fkTarget(df),
      ...text.missingForeignKey({ ...on, columns: df.columns, target: fkTarget(df), addForeign }),
    });
    return;
  }
  t.push('foreign-key-mismatch', {
    ...where,
    object: near.name,
    expected: fkTarget(df),
    actual: fkTarget(near),
    ...text.foreignKeyMismatch({
      ...on,
      columns: df.columns,
      constraint: near.name,
      differences: differences(df, near),
      migration: hintCode([...dropForeignKey(on, near).up, ...add]),
      modelFix: modelFix(t, df, near),
    }),
  });
}

function differences(df: ForeignKey, near: ForeignKey): string[] {
  const out: string[] = [];
  if (fkShape(df) !== fkShape(near)) {
    out.push(`it references ${near.refSchema}.${near.refTable}${colList(near.refColumns)} in the database but ${df.refSchema}.${df.refTable}${colList(df.refColumns)} in the model`);
  }
  if (df.onDelete !== near.onDelete) out.push(`ON DELETE is ${near.onDelete} in the database but ${df.onDelete} in the model`);
  if (df.onUpdate !== near.onUpdate) out.push(`ON UPDATE is ${near.onUpdate} in the database but ${df.onUpdate} in the model`);
  if (df.deferrable !== near.deferrable) out.push(`it is ${deferral(near)} in the database but ${deferral(df)} in the model`);
  return out;
}

/** The model code that says the database's key: the column's references() chain, or the model's foreignKeys entry. */
function modelFix(t: TableDiff, df: ForeignKey, near: ForeignKey): string {
  const declared = t.ref.model.foreignKeys.some((f) => colList(f.columns) === colList(df.columns));
  if (declared || df.columns.length !== 1 || near.columns.length !== 1) {
    return `write ${modelForeignKeyEntry(near)} in the model's foreignKeys in place of its entry for ${colList(df.columns)}`;
  }
  let chain = `.references(${js(`${near.refSchema}.${near.refTable}.${near.refColumns[0]}`)})`;
  if (near.onDelete !== 'NO ACTION' || df.onDelete !== 'NO ACTION') chain += `.onDelete(${js(near.onDelete)})`;
  if (near.onUpdate !== 'NO ACTION' || df.onUpdate !== 'NO ACTION') chain += `.onUpdate(${js(near.onUpdate)})`;
  if (near.deferrable) chain += `.deferrable(${js(near.deferrable)})`;
  const undefer = df.deferrable && !near.deferrable ? ', and remove .deferrable() from it' : '';
  return `write ${chain} on column ${df.columns[0]}${undefer}`;
}

const deferral = (fk: ForeignKey): string => (fk.deferrable ? `DEFERRABLE INITIALLY ${fk.deferrable.toUpperCase()}` : 'NOT DEFERRABLE');

function unmodeled(t: TableDiff, mf: ForeignKey): void {
  const modelSnippet: text.ModelSnippet =
    mf.columns.length === 1
      ? {
          column: mf.columns[0]!,
          modifier: `.references('${mf.refSchema}.${mf.refTable}.${mf.refColumns[0]}')${mf.onDelete !== 'NO ACTION' ? `.onDelete('${mf.onDelete}')` : ''}${mf.onUpdate !== 'NO ACTION' ? `.onUpdate('${mf.onUpdate}')` : ''}`,
        }
      : { key: 'foreignKeys', entry: modelForeignKeyEntry(mf) };
  t.push('unmodeled-foreign-key', {
    schema: t.on.schema,
    table: t.on.table,
    columns: [...mf.columns],
    object: mf.name,
    actual: fkTarget(mf),
    ...text.unmodeledForeignKey({ ...t.on, columns: mf.columns, constraint: mf.name, target: fkTarget(mf), modelSnippet }),
  });
}

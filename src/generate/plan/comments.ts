// Comments of a table present on both sides and of its columns: set to the model's where the model
// declares one that differs (match.ts commentDiffers, as in the diff); down puts the database's back.
// New columns and re-created ones get theirs with the column.
import { qualified, type Table } from '../../schema/types.ts';
import { commentDiffers } from '../../diff/match.ts';
import { changeComment } from '../../migration-code/comments.ts';
import { whereOf } from './code.ts';
import type { Planner } from './planner.ts';
import type { PlanModel } from './types.ts';

/** Use for the comments of one table present on both sides. */
export function planComments(p: Planner, ref: PlanModel, m: Table): void {
  const model = ref.model;
  const key = qualified(m.schema, m.name);
  const set = (target: string, column: string | undefined, want: string, have: string | null) =>
    p.op({
      kind: 'set-comment',
      phase: 'comment',
      target,
      description: `set the comment of ${target} to ${JSON.stringify(want)}`,
      ...changeComment(whereOf(m), column, want, have),
    });
  if (commentDiffers(model.comment, m.comment)) set(key, undefined, model.comment!, m.comment);
  for (const mc of m.columns) {
    const declared = model.columns[mc.name]?.comment;
    if (p.recreated.has(`${key}.${mc.name}`) || !commentDiffers(declared, mc.comment)) continue;
    set(`${key}.${mc.name}`, mc.name, declared!, mc.comment);
  }
}

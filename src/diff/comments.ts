// Comments of one table and its columns: comment-mismatch (a warning), only where the model declares
// a comment: a model that says nothing about comments does not care. An empty comment is no comment
// (PostgreSQL deletes a comment set to '').
import * as text from '../messages/findings.ts';
import { jsString } from '../util/escape.ts';
import { hintCode } from '../migration-code/code.ts';
import { setComment } from '../migration-code/comments.ts';
import { commentDiffers } from './match.ts';
import type { TableDiff } from './table-diff.ts';

/** Use for the comment findings of one table present on both sides. */
export function compareComments(t: TableDiff): void {
  const model = t.ref.model;
  if (commentDiffers(model.comment, t.m.comment)) commentMismatch(t, model.comment!, t.m.comment);
  for (const mc of t.m.columns) {
    const declared = model.columns[mc.name]?.comment;
    if (commentDiffers(declared, mc.comment)) commentMismatch(t, declared!, mc.comment, mc.name);
  }
}

function commentMismatch(t: TableDiff, expected: string, actual: string | null, column?: string): void {
  const migration = hintCode([setComment(t.on, column, expected)]);
  let modelFix: string;
  if (column === undefined) modelFix = actual === null ? 'remove comment from the model' : `write comment: ${jsString(actual)} in the model`;
  else modelFix = actual === null ? `remove .comment() from column ${column}` : `write .comment(${jsString(actual)}) on column ${column}`;
  t.push('comment-mismatch', {
    schema: t.on.schema,
    table: t.on.table,
    columns: column === undefined ? [] : [column],
    expected,
    actual,
    ...text.commentMismatch({ ...t.on, column, expected, actual, migration, modelFix }),
  });
}

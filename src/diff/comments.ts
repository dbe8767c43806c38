// Comments of one table and its columns: comment-mismatch (a warning), only where the model declares
// a comment: a model that says nothing about comments does not care. An empty comment is no comment
// (PostgreSQL deletes a comment set to '').
import * as text from '../messages/findings.ts';
import { quoteIdent, quoteLiteral, quoteQualified } from '../ddl/names.ts';
import { js } from './snippets.ts';
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
  const table = quoteQualified(t.on.schema, t.on.table);
  const target = column === undefined ? `table ${table}` : `column ${table}.${quoteIdent(column)}`;
  const migration = `knex.raw(${js(`comment on ${target} is ${expected === '' ? 'null' : quoteLiteral(expected)}`)})`;
  const where = column === undefined ? ' as the model\'s comment' : ` on column ${column}`;
  const modelFix = actual === null ? `remove the comment${where}` : `write .comment(${js(actual)})${where}`;
  t.push('comment-mismatch', {
    schema: t.on.schema,
    table: t.on.table,
    columns: column === undefined ? [] : [column],
    expected,
    actual,
    ...text.commentMismatch({ ...t.on, column, expected, actual, migration, modelFix }),
  });
}

// Comments as migration code: COMMENT ON, written by hand (Knex's .comment() sends a table comment
// as it is between quotes and mangles '' in a column's: knexTableComment / knexColumnComment undo
// that where the builder writes a comment inside createTable).
import type { Table } from '../schema/types.ts';
import { knexTableComment } from '../diff/snippets.ts';
import { quoteIdent, quoteLiteral, quoteQualified } from '../ddl/names.ts';
import { raw, type Change, type Code, type Where } from './code.ts';

/** Use inside a createTable callback: table.comment('...'). */
export const tableCommentCall = (comment: string): string => `table.comment(${knexTableComment(comment)})`;

/** Use to set (or, with null or '', remove) the comment of a table or of one of its columns. */
export function setComment(where: Where, column: string | undefined, text: string | null): Code {
  const table = quoteQualified(where.schema, where.table);
  const target = column === undefined ? `TABLE ${table}` : `COLUMN ${table}.${quoteIdent(column)}`;
  return raw(`COMMENT ON ${target} IS ${text ? quoteLiteral(text) : 'NULL'}`);
}

/** Use to change a comment to the model's; down puts the database's back. */
export const changeComment = (where: Where, column: string | undefined, want: string, have: string | null): Change => ({
  up: [setComment(where, column, want)],
  down: [setComment(where, column, have)],
});

/** Use for a table re-created in raw SQL: COMMENT ON statements for it and its columns. */
export function catalogComments(t: Table): Code[] {
  const where = { schema: t.schema, table: t.name };
  const out: Code[] = t.comment !== null ? [setComment(where, undefined, t.comment)] : [];
  for (const c of t.columns) if (c.comment !== null) out.push(setComment(where, c.name, c.comment));
  return out;
}

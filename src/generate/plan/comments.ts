// Comments of a table and its columns as migration code. Knex sends a table comment as it is between
// quotes: knexTableComment doubles them first.
import type { Table } from '../../schema/types.ts';
import { knexTableComment } from '../../diff/snippets.ts';
import { quoteIdent, quoteLiteral, quoteQualified } from '../../ddl/names.ts';
import { raw } from './code.ts';
import type { Code } from './types.ts';

/** Use inside a createTable callback: table.comment('...'). */
export const tableCommentCall = (comment: string): string => `table.comment(${knexTableComment(comment)})`;

/** Use for a table re-created in raw SQL: COMMENT ON statements for it and its columns. */
export function commentCodes(t: Table): Code[] {
  const tbl = quoteQualified(t.schema, t.name);
  const out: Code[] = t.comment !== null ? [raw(`COMMENT ON TABLE ${tbl} IS ${quoteLiteral(t.comment)}`)] : [];
  for (const c of t.columns) if (c.comment !== null) out.push(raw(`COMMENT ON COLUMN ${tbl}.${quoteIdent(c.name)} IS ${quoteLiteral(c.comment)}`));
  return out;
}

// Drizzle's sql`` objects (defaults, index keys and predicates, checks, generated columns) as the SQL
// text a migration would hold: columns by bare name (as drizzle-kit writes index expressions),
// values inlined as literals (a `$1` cannot go into DDL).
import { quoteIdent, quoteLiteral } from '../../ddl/names.ts';
import type { DrizzleOrm } from './orm.ts';

interface SqlLike {
  toQuery(config: Record<string, unknown>): { sql: string };
}

/** Use for any sql`` value of a drizzle table: its text; `casing` is the project's drizzle casing, if any. */
export function sqlText(orm: DrizzleOrm, value: unknown, casing: string | undefined): string {
  const query = (value as SqlLike).toQuery({
    casing: new orm.CasingCache(casing),
    escapeName: quoteIdent,
    escapeParam: () => {
      throw new Error('a placeholder cannot be part of a schema declaration');
    },
    escapeString: quoteLiteral,
    inlineParams: true,
    invokeSource: 'indexes',
  });
  return query.sql;
}

/** True when `value` is one of drizzle's sql`` objects. */
export const isSql = (orm: DrizzleOrm, value: unknown): boolean => value !== null && typeof value === 'object' && orm.is(value, orm.SQL);

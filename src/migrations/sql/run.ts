// Running a SQL migration's scripts on the connection Knex gives the migration (its transaction's,
// or a pooled one), each script sent whole as one query, as its tool sends it. A failure is thrown
// as a SqlStatementError naming the file, line and statement: found from PostgreSQL's error
// position, else by running the script's statements again one at a time (rolled back) to see which
// one fails with the same error.
import type { Knex } from 'knex';
import type { SqlPart, SqlScript } from './parse.ts';
import { lineAt, splitStatements, type StatementSpan } from './split.ts';

/** The part of a pg Client used here. */
interface Connection {
  query(text: string): Promise<unknown>;
}

/** A pg error, as far as this module reads it. */
interface PgError {
  message?: string;
  code?: string;
  position?: string;
}

/** Thrown when a statement of a SQL migration fails: the database's error with where it comes from. */
export class SqlStatementError extends Error {
  /** SQLSTATE, as the database gave it. */
  readonly code: string | undefined;
  constructor(
    readonly original: unknown,
    /** The file, relative to the project root. */
    readonly file: string,
    /** 1-based line of the statement in the file; undefined when it could not be told. */
    readonly line: number | undefined,
    /** The statement, shortened to one line; undefined when it could not be told. */
    readonly statement: string | undefined,
  ) {
    super(((original as PgError)?.message ?? String(original)).split('\n')[0]!);
    this.name = 'SqlStatementError';
    this.code = (original as PgError)?.code;
  }
}

const SAVEPOINT = 'pcc_sql_statement';

/** Use as the body of a SQL migration's up or down: runs its scripts on `knex` (the migration's transaction when it has one). */
export async function runSqlPart(knex: Knex, part: SqlPart, file: string): Promise<void> {
  const connection = (await knex.client.acquireConnection()) as Connection;
  try {
    for (const script of part.scripts) await runScript(connection, script, file, part.transaction);
  } finally {
    await knex.client.releaseConnection(connection);
  }
}

async function runScript(c: Connection, script: SqlScript, file: string, inTransaction: boolean): Promise<void> {
  const spans = splitStatements(script.text);
  // In a transaction, a savepoint lets a failed script be run again statement by statement to find the culprit.
  const guarded = inTransaction && spans.length > 1;
  if (guarded) await c.query(`SAVEPOINT ${SAVEPOINT}`);
  try {
    await c.query(script.text);
  } catch (error) {
    let span = spanAt(spans, Number((error as PgError)?.position));
    if (!span && spans.length === 1) span = spans[0];
    if (!span && spans.length > 1) {
      if (guarded) await c.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`).catch(() => {});
      span = await culprit(c, script.text, spans, error as PgError, inTransaction).catch(() => undefined);
    }
    const line = span ? script.line + lineAt(script.text, span.start) - 1 : undefined;
    throw new SqlStatementError(error, file, line, span ? excerpt(script.text.slice(span.start, span.end)) : undefined);
  }
  if (guarded) await c.query(`RELEASE SAVEPOINT ${SAVEPOINT}`);
}

/** The statement holding a 1-based character position of the script. */
function spanAt(spans: StatementSpan[], position: number): StatementSpan | undefined {
  if (!Number.isInteger(position) || position < 1) return undefined;
  return spans.find((s) => position - 1 >= s.start && position - 1 < s.end);
}

/**
 * Run the statements one at a time, each under a savepoint (outside a transaction: inside one opened
 * and rolled back here), until one fails with the script's error: that one. Nothing it does stays.
 */
async function culprit(c: Connection, text: string, spans: StatementSpan[], error: PgError, inTransaction: boolean): Promise<StatementSpan | undefined> {
  if (!inTransaction) await c.query('BEGIN');
  try {
    for (const span of spans) {
      await c.query(`SAVEPOINT ${SAVEPOINT}`);
      try {
        await c.query(text.slice(span.start, span.end));
      } catch (e) {
        await c.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
        if ((e as PgError).code === error.code && (e as PgError).message === error.message) return span;
      }
    }
    return undefined;
  } finally {
    if (!inTransaction) await c.query('ROLLBACK').catch(() => {});
  }
}

/** A statement on one line, comments and runs of blanks removed, at most 120 characters. */
function excerpt(statement: string): string {
  const flat = statement
    .replace(/--[^\n]*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}

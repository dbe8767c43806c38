// Findings produced by the migrations stage: migration-failed, missing-down (and irreversible-migration later).
import type { Finding } from '../diff/findings.ts';
import { DEFAULT_SEVERITY } from '../diff/findings.ts';
import { migrationMessages as m } from '../messages/migrations.ts';
import { UserExitError } from '../util/user-code.ts';
import { MigrationTimeoutError } from './stop.ts';
import { SqlStatementError } from './sql/run.ts';
import { SqlParseError } from './sql/parse.ts';
import type { SqlFormat } from './sql/formats.ts';
import { sqlMigrationMessages as sqlText } from '../messages/sql-migrations.ts';
import { basename } from 'node:path';

/** Use to describe a database error in one line: knex prefixes the SQL; keep the Postgres message. */
export function describeDbError(error: unknown): string {
  const e = error as { message?: string; code?: string; detail?: string };
  const msg = (e?.message ?? String(error)).split('\n')[0]!;
  return e?.code && /^[0-9A-Z]{5}$/.test(e.code) ? `${msg} (SQLSTATE ${e.code})` : msg;
}

/** Use to make the finding for a migration: code, relative file, migration name, and for failures the error. */
export function makeMigrationFinding(
  code: 'migration-failed' | 'missing-down',
  file: string,
  name: string,
  extra: { direction?: 'up' | 'down'; error?: unknown; skipped?: string[]; sql?: boolean } = {},
): Finding {
  const direction = extra.direction ?? 'up';
  const text =
    code === 'missing-down'
      ? { message: m.missingDown(name), hint: m.missingDownHint }
      : extra.sql
        ? sqlFailureText(name, file, direction, extra.error, extra.skipped ?? [])
        : failureText(name, direction, extra.error, extra.skipped ?? []);
  return {
    code,
    severity: DEFAULT_SEVERITY[code],
    model: null,
    schema: null,
    table: null,
    columns: [],
    object: name,
    expected: null,
    actual: null,
    message: text.message,
    hint: text.hint,
    file,
    // A SQL migration's statement: its own file (a plain folder's down is NNN.down.sql) and line.
    ...(extra.error instanceof SqlStatementError ? { file: extra.error.file, ...(extra.error.line !== undefined ? { line: extra.error.line } : {}) } : {}),
  };
}

/** Use for the missing-down of a SQL folder's migration: the message and hint in the folder's terms. */
export function sqlMissingDownText(name: string, path: string, format: SqlFormat): { message: string; hint: string } {
  const downFile = basename(path).replace(/(\.up)?\.sql$/, '.down.sql');
  return { message: sqlText.missingDown(name, format), hint: sqlText.missingDownHint(format, downFile) };
}

/** The message and hint of a SQL folder's migration that failed: a statement, the file itself (unreadable, unparsable), or running too long; never up() or down(), which it has not. */
function sqlFailureText(name: string, file: string, direction: 'up' | 'down', error: unknown, skipped: string[]): { message: string; hint: string } {
  if (error instanceof MigrationTimeoutError) return { message: sqlText.timedOut(name, direction, error.seconds, error.running, skipped), hint: sqlText.timedOutHint };
  const at = error instanceof SqlStatementError ? error : { file, line: undefined, statement: undefined };
  const hint = error instanceof SqlParseError ? sqlText.unreadableHint(file) : sqlText.failedHint(direction, at.file, at.line);
  return { message: sqlText.failed(name, direction, at.file, at.line, at.statement, describeDbError(error), skipped), hint };
}

/** The message and hint of a migration that failed: it threw, called process.exit(), or ran out of time. */
function failureText(name: string, direction: 'up' | 'down', error: unknown, skipped: string[]): { message: string; hint: string } {
  if (error instanceof UserExitError) {
    const where = error.scope?.kind === 'migration' ? `in ${direction}()` : 'while loading';
    return { message: m.exitCalled(name, where, error.call, skipped), hint: m.exitCalledHint(direction) };
  }
  if (error instanceof MigrationTimeoutError) {
    return { message: m.timedOut(name, direction, error.seconds, error.running, skipped), hint: m.timedOutHint(direction) };
  }
  return { message: m.failed(name, direction, describeDbError(error), skipped), hint: m.failedHint(direction) };
}

// Findings produced by the migrations stage: migration-failed, missing-down (and irreversible-migration later).
import type { Finding } from '../diff/findings.ts';
import { DEFAULT_SEVERITY } from '../diff/findings.ts';
import { migrationMessages as m } from '../messages/migrations.ts';

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
  extra: { direction?: 'up' | 'down'; error?: unknown; skipped?: string[] } = {},
): Finding {
  const text =
    code === 'missing-down'
      ? { message: m.missingDown(name), hint: m.missingDownHint }
      : { message: m.failed(name, extra.direction ?? 'up', describeDbError(extra.error), extra.skipped ?? []), hint: m.failedHint(extra.direction ?? 'up') };
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
  };
}

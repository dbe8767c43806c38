// The JSON report of contract section 5: exactly { ok, summary, findings }, nothing else.
import type { Finding, Report } from '../diff/findings.ts';
import { redact } from '../util/secrets.ts';

const FIELDS = ['code', 'severity', 'model', 'schema', 'table', 'columns', 'object', 'expected', 'actual', 'message', 'hint', 'file'] as const;

/** Use to build the report object from findings: ok iff no error finding. */
export function buildReport(findings: Finding[], counts: { models: number; tables: number; durationMs: number }): Report {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return {
    ok: errors === 0,
    summary: { models: counts.models, tables: counts.tables, errors, warnings: findings.length - errors, durationMs: Math.round(counts.durationMs) },
    // `line` only when known (contract section 5: a finding "may also carry" it).
    // `migration` (an addition) only on convention violations a migration can be found for.
    // `line` only when known (contract section 5: a finding "may also carry" it); `detail` (a diff, a command's output) only when there is one.
    findings: findings.map(
      (f) =>
        ({
          ...Object.fromEntries(FIELDS.map((k) => [k, f[k]])),
          ...(typeof f.line === 'number' ? { line: f.line } : {}),
          ...(typeof f.migration === 'string' ? { migration: f.migration } : {}),
          ...(f.detail ? { detail: f.detail } : {}),
        }) as unknown as Finding,
    ),
  };
}

/** Use for --json: the report serialised, one document, trailing newline. */
export function renderJson(report: Report): string {
  // every string redacted before it is escaped for JSON, so no escaped form of a password slips through
  return JSON.stringify(report, (_key, value: unknown) => (typeof value === 'string' ? redact(value) : value), 2) + '\n';
}

// Expected findings of a golden fixture (test/fixtures/<case>/expected.json) or a corpus project, and
// the comparison with a report: the multiset of (code, schema, table, columns) is equal, so one cause
// gives one finding, and the fields an expected finding names (severity, object, model, file,
// messageIncludes) match. Every finding must carry a message and a hint; `ok` follows the errors.
import type { Finding, Report } from '../../src/diff/findings.ts';

/** A finding as written in expected.json: the key fields always, the others only where they matter. */
export interface ExpectedFinding {
  code: string;
  schema: string | null;
  table: string | null;
  columns: string[];
  severity?: 'error' | 'warning';
  object?: string | null;
  model?: string | null;
  file?: string | null;
  /** The 1-based line of the model or column in `file` (contract section 5). */
  line?: number;
  /** Substrings the message must contain (e.g. both files of a duplicate-model). */
  messageIncludes?: string[];
}

export interface Expected {
  description: string;
  /** Run `check --full` (the migration round trip) instead of `check`. */
  full?: boolean;
  findings: ExpectedFinding[];
}

const DETAIL_FIELDS = ['severity', 'object', 'model', 'file', 'line'] as const;

const sameKey = (e: ExpectedFinding, a: Finding): boolean =>
  a.code === e.code && a.schema === e.schema && a.table === e.table && JSON.stringify(a.columns) === JSON.stringify(e.columns);

/** The ways an actual finding differs from an expected one with the same key ([] = a full match). */
function detailProblems(e: ExpectedFinding, a: Finding): string[] {
  const problems: string[] = [];
  for (const field of DETAIL_FIELDS) {
    if (field in e && e[field] !== a[field]) problems.push(`${field}: expected ${JSON.stringify(e[field])}, got ${JSON.stringify(a[field])}`);
  }
  for (const part of e.messageIncludes ?? []) {
    if (!a.message.includes(part)) problems.push(`message should contain ${JSON.stringify(part)}: ${JSON.stringify(a.message)}`);
  }
  return problems;
}

const label = (f: ExpectedFinding | Finding): string =>
  `${f.code} ${f.schema ?? '-'}.${f.table ?? '-'} [${f.columns.join(', ')}]${f.object ? ` (${f.object})` : ''}`;

/** Use to compare a report's findings with the expected list; returns human-readable problems. */
export function compareFindings(expected: ExpectedFinding[], actual: Finding[]): string[] {
  const problems: string[] = [];
  const used = new Set<number>();
  const pairs = new Map<number, number>();
  // First the full matches, then key-only matches (so two findings with one key pair up correctly).
  for (const pass of ['full', 'key'] as const) {
    expected.forEach((e, i) => {
      if (pairs.has(i)) return;
      const j = actual.findIndex((a, k) => !used.has(k) && sameKey(e, a) && (pass === 'key' || detailProblems(e, a).length === 0));
      if (j >= 0) {
        used.add(j);
        pairs.set(i, j);
      }
    });
  }
  expected.forEach((e, i) => {
    const j = pairs.get(i);
    if (j === undefined) problems.push(`missing: ${label(e)}`);
    else for (const p of detailProblems(e, actual[j]!)) problems.push(`${label(e)}: ${p}`);
  });
  actual.forEach((a, k) => {
    if (!used.has(k)) problems.push(`unexpected: ${label(a)} [${a.severity}] ${a.message}`);
  });
  for (const a of actual) {
    if (typeof a.message !== 'string' || a.message.trim() === '') problems.push(`${label(a)}: empty message`);
    if (typeof a.hint !== 'string' || a.hint.trim() === '') problems.push(`${label(a)}: empty hint`);
  }
  return problems;
}

/** Use to check a whole report against an expected list: the findings, then `ok` and the summary counts. */
export function reportProblems(expected: ExpectedFinding[], report: Report): string[] {
  const problems = compareFindings(expected, report.findings);
  const wantOk = !expected.some((f) => f.severity === 'error');
  if (report.ok !== wantOk) problems.push(`report.ok is ${report.ok}, expected ${wantOk}`);
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  if (report.ok !== (errors === 0)) problems.push(`report.ok is ${report.ok} with ${errors} error finding(s)`);
  if (report.summary.errors !== errors || report.summary.warnings !== report.findings.length - errors) {
    problems.push(`summary counts ${report.summary.errors} errors / ${report.summary.warnings} warnings do not match the findings`);
  }
  return problems;
}

/** Use to show a report's findings in a failure message, the fields that matter first. */
export function showFindings(findings: Finding[]): string {
  const shown = findings.map(({ code, severity, model, schema, table, columns, object, expected: exp, actual, file, message, hint }) => ({
    code, severity, model, schema, table, columns, object, expected: exp, actual, file, message, hint,
  }));
  return JSON.stringify(shown, null, 2);
}

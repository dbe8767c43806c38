// Finding codes, default severities and the Finding shape of the JSON report (contract sections 4 and 5).

/** Every finding code of the contract. Add new codes at the end; never rename one. */
export const FINDING_CODES = [
  'missing-table',
  'missing-column',
  'type-mismatch',
  'nullability-mismatch',
  'default-mismatch',
  'primary-key-mismatch',
  'missing-foreign-key',
  'foreign-key-mismatch',
  'missing-index',
  'missing-unique',
  'missing-check',
  'enum-mismatch',
  'unmodeled-table',
  'unmodeled-column',
  'unmodeled-foreign-key',
  'unmodeled-index',
  'unmodeled-unique',
  'duplicate-model',
  'unresolved-reference',
  'invalid-model',
  'migration-failed',
  'missing-down',
  'irreversible-migration',
  'generated-mismatch',
  'comment-mismatch',
  'missing-object',
  'convention-violation',
  'stale-generated',
  'generated-failed',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];
export type Severity = 'error' | 'warning';

/** Default severity per code; `unmodeled-column` is decided per column (error if NOT NULL without default). */
export const DEFAULT_SEVERITY: Record<FindingCode, Severity> = {
  'missing-table': 'error',
  'missing-column': 'error',
  'type-mismatch': 'error',
  'nullability-mismatch': 'error',
  'default-mismatch': 'error',
  'primary-key-mismatch': 'error',
  'missing-foreign-key': 'error',
  'foreign-key-mismatch': 'error',
  'missing-index': 'error',
  'missing-unique': 'error',
  'missing-check': 'error',
  'enum-mismatch': 'error',
  'unmodeled-table': 'warning',
  'unmodeled-column': 'warning',
  'unmodeled-foreign-key': 'warning',
  'unmodeled-index': 'warning',
  'unmodeled-unique': 'warning',
  'duplicate-model': 'error',
  'unresolved-reference': 'error',
  'invalid-model': 'error',
  'migration-failed': 'error',
  'missing-down': 'error',
  'irreversible-migration': 'error',
  'generated-mismatch': 'error',
  'comment-mismatch': 'warning',
  'missing-object': 'error',
  'convention-violation': 'warning',
  'stale-generated': 'error',
  'generated-failed': 'error',
};

/** One finding, exactly the shape of contract section 5. */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  model: string | null;
  schema: string | null;
  table: string | null;
  columns: string[];
  object: string | null;
  expected: string | null;
  actual: string | null;
  message: string;
  hint: string;
  file: string | null;
  /** The 1-based line in `file` where the model, column or migration is declared, when known (contract section 5). */
  line?: number;
  /** convention-violation: the migration file (relative to the project root) that first mentions the object, when one does. */
  migration?: string;
  /** Lines shown under the message, when there are some: a stale generated file's diff, a failed command's last output. */
  detail?: string;
}

/** The report of contract section 5. */
export interface Report {
  ok: boolean;
  summary: { models: number; tables: number; errors: number; warnings: number; durationMs: number };
  findings: Finding[];
}

/** A rule setting from the config: 'warn' (the contract's spelling) and 'warning' both mean severity 'warning'. */
export type RuleSetting = 'error' | 'warn' | 'warning' | 'off';
export type Rules = Partial<Record<FindingCode, RuleSetting>>;

/** Everything of a Finding but its code; severity defaults to DEFAULT_SEVERITY[code]. */
export interface FindingInit {
  severity?: Severity;
  model?: string | null;
  schema?: string | null;
  table?: string | null;
  columns?: string[];
  object?: string | null;
  expected?: string | null;
  actual?: string | null;
  message: string;
  hint: string;
  file?: string | null;
}

/**
 * Build a Finding with exactly the fields of contract section 5, in report order. Every stage uses this
 * (then applyRules) so defaults and config rules apply the same way everywhere.
 */
export function makeFinding(code: FindingCode, init: FindingInit): Finding {
  return {
    code,
    severity: init.severity ?? DEFAULT_SEVERITY[code],
    model: init.model ?? null,
    schema: init.schema ?? null,
    table: init.table ?? null,
    columns: [...(init.columns ?? [])],
    object: init.object ?? null,
    expected: init.expected ?? null,
    actual: init.actual ?? null,
    message: init.message,
    hint: init.hint,
    file: init.file ?? null,
  };
}

/** What a rule setting does to a finding: a severity, 'off' (drop it), or undefined (keep as is). */
export function ruleSeverity(setting: RuleSetting | undefined): Severity | 'off' | undefined {
  switch (setting) {
    case 'error':
      return 'error';
    case 'warn':
    case 'warning':
      return 'warning';
    case 'off':
      return 'off';
    default:
      return undefined;
  }
}

/** Apply config.rules: 'off' removes the code's findings, 'warn'/'error' set their severity. */
export function applyRules(findings: readonly Finding[], rules: Rules | undefined): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const r = ruleSeverity(rules?.[f.code]);
    if (r === 'off') continue;
    out.push(r === undefined || r === f.severity ? f : { ...f, severity: r });
  }
  return out;
}

const codeOrder = (c: FindingCode): number => FINDING_CODES.indexOf(c);
const cmpNullable = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : a > b ? 1 : 0;

/**
 * Report order: schema, table (findings without a table first), errors before warnings, code in
 * contract order, columns, then object and message so the order never depends on input order.
 */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmpNullable(a.schema, b.schema) ||
    cmpNullable(a.table, b.table) ||
    (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
    codeOrder(a.code) - codeOrder(b.code) ||
    cmpNullable(a.columns.join(','), b.columns.join(',')) ||
    cmpNullable(a.object, b.object) ||
    cmpNullable(a.message, b.message)
  );
}

/** A sorted copy (see compareFindings). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

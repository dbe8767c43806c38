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
}

/** The report of contract section 5. */
export interface Report {
  ok: boolean;
  summary: { models: number; tables: number; errors: number; warnings: number; durationMs: number };
  findings: Finding[];
}

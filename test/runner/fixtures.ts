// Small values for the runner's tests: findings, reports, a resolved config.
import type { ResolvedConfig } from '../../src/config/types.ts';
import type { Finding, Report } from '../../src/diff/findings.ts';

export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    code: 'missing-column',
    severity: 'error',
    model: 'User',
    schema: 'public',
    table: 'users',
    columns: ['stripe_customer_id'],
    object: null,
    expected: 'varchar(255)',
    actual: null,
    message: 'Column public.users.stripe_customer_id of model User is missing from the database',
    hint: "add it in a migration: table.string('stripe_customer_id', 255)",
    file: 'src/models/user.ts',
    ...overrides,
  };
}

export function report(findings: Finding[] = []): Report {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return {
    ok: errors === 0,
    summary: { models: 1, tables: 1, errors, warnings: findings.length - errors, durationMs: 5 },
    findings,
  };
}

export function config(root: string, stages: Partial<ResolvedConfig['stages']> = {}): ResolvedConfig {
  return {
    root,
    source: null,
    from: {},
    models: ['models/**/*.ts'],
    knexfile: 'knexfile.ts',
    knexfileExplicit: false,
    database: 'embedded',
    ignore: { tables: [] },
    rules: {},
    migrationTimeout: 120,
    generated: [],
    conventions: {},
    stages: { static: [], unit: false, integration: false, ...stages },
  };
}

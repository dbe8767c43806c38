// Golden fixtures (design.md): every test/fixtures/<case>/ with an expected.json is a small real project
// (knexfile, migrations, models, config). The check runs on it in-process and the findings must be
// EXACTLY the expected ones: the multiset of (code, schema, table, columns) is equal, so one cause
// gives one finding, and the fields an expected finding names (severity, object, model, file,
// messageIncludes) match. Every finding must carry a message and a hint; `ok` follows the errors.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { CheckOptions, CheckRun } from '../../src/check/check-project.ts';
import type { Finding } from '../../src/diff/findings.ts';
import type { PgServer } from '../../src/postgres/types.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = join(REPO, 'test/fixtures');

/** A finding as written in expected.json: the key fields always, the others only where they matter. */
interface ExpectedFinding {
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

interface Expected {
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
function compareFindings(expected: ExpectedFinding[], actual: Finding[]): string[] {
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

const fixtureDirs = existsSync(FIXTURES)
  ? readdirSync(FIXTURES, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(FIXTURES, d.name, 'expected.json')))
      .map((d) => d.name)
      .sort()
  : [];

/** The shared test server of test/helpers/pg.ts when it exists (its owner stops it), else null. */
async function sharedServer(): Promise<PgServer | null> {
  const helperPath = '../helpers/pg.ts';
  let helper: { sharedServer?: () => Promise<PgServer> };
  try {
    helper = await import(helperPath);
  } catch (error) {
    const e = error as { code?: string; message?: string };
    if (e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('helpers/pg')) return null;
    throw error;
  }
  return helper.sharedServer ? helper.sharedServer() : null;
}

describe('golden fixtures (test/fixtures/*/expected.json)', function () {
  this.timeout(120_000);
  let runCheck: (options: CheckOptions) => Promise<CheckRun>;
  let server: PgServer | undefined;
  let ownServer = false;

  before(async function () {
    this.timeout(180_000);
    ({ runCheck } = await import('../../src/check/check-project.ts'));
    // One PostgreSQL for the whole suite: the shared test server, else one started here and stopped in after().
    server = (await sharedServer()) ?? undefined;
    if (!server) {
      const { startServer } = await import('../../src/postgres/index.ts');
      server = await startServer({ projectRoot: REPO, databaseUrl: process.env.PCC_TEST_DATABASE_URL, useCache: true });
      ownServer = true;
    }
  });

  after(async function () {
    this.timeout(60_000);
    if (server && ownServer) await server.stop();
  });

  it('has fixtures', () => {
    expect(fixtureDirs.length, `no fixture with an expected.json under ${FIXTURES}`).to.be.greaterThan(0);
  });

  for (const dir of fixtureDirs) {
    it(dir, async () => {
      const fixture = join(FIXTURES, dir);
      const expected = JSON.parse(readFileSync(join(fixture, 'expected.json'), 'utf8')) as Expected;
      const { report } = await runCheck({ cwd: fixture, cache: true, server, full: expected.full === true });
      const problems = compareFindings(expected.findings, report.findings);
      const wantOk = !expected.findings.some((f) => f.severity === 'error');
      if (report.ok !== wantOk) problems.push(`report.ok is ${report.ok}, expected ${wantOk}`);
      const errors = report.findings.filter((f) => f.severity === 'error').length;
      if (report.ok !== (errors === 0)) problems.push(`report.ok is ${report.ok} with ${errors} error finding(s)`);
      if (report.summary.errors !== errors || report.summary.warnings !== report.findings.length - errors) {
        problems.push(`summary counts ${report.summary.errors} errors / ${report.summary.warnings} warnings do not match the findings`);
      }
      if (problems.length > 0) {
        const shown = report.findings.map(({ code, severity, model, schema, table, columns, object, expected: exp, actual, file, message, hint }) => ({
          code, severity, model, schema, table, columns, object, expected: exp, actual, file, message, hint,
        }));
        expect.fail(
          `${dir}: ${expected.description}\n  ${problems.join('\n  ')}\nactual findings:\n${JSON.stringify(shown, null, 2)}`,
        );
      }
    });
  }
});

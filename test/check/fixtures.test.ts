// Golden fixtures (design.md): every test/fixtures/<case>/ with an expected.json is a small real project
// (knexfile, migrations, models, config). The check runs on it in-process and the findings must be
// EXACTLY the expected ones (test/helpers/expected-findings.ts says how they are compared).
// The real-* fixtures are reduced from public migration histories (issue 11, test/corpus/README.md);
// `npm run test:corpus` also runs pull then check on each.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { CheckOptions, CheckRun } from '../../src/check/check-project.ts';
import type { PgServer } from '../../src/postgres/types.ts';
import { type Expected, reportProblems, showFindings } from '../helpers/expected-findings.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = join(REPO, 'test/fixtures');

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
      const problems = reportProblems(expected.findings, report);
      if (problems.length > 0) {
        expect.fail(`${dir}: ${expected.description}\n  ${problems.join('\n  ')}\nactual findings:\n${showFindings(report.findings)}`);
      }
    });
  }
});

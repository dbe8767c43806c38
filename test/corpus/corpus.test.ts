// Issue 11's evidence: what the tool must do on real Knex + PostgreSQL migration histories. Run it with
// `npm run test:corpus` (about 15 CLI runs of pull and check --full: too slow for every `npm test`).
// 1. test/fixtures/real-*: the smallest reproductions reduced from the corpus. The check on the fixture's
//    own model gives exactly its expected.json (npm test runs that too, test/check/fixtures.test.ts); and,
//    as a new user would, `pull` then `check` on a copy of its migrations gives the same.
// 2. test/corpus/<project>: migration histories exactly as their npm packages ship them (README.md).
//    `pull`, then `check --full`: exactly the real irreversibility listed in corpus.json, nothing else.
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Finding, Report } from '../../src/diff/findings.ts';
import { runCheck } from '../../src/check/check-project.ts';
import { sharedServer } from '../helpers/pg.ts';
import { REPO, makeProject, runCli, type TempProject } from '../helpers/project.ts';
import { type Expected, type ExpectedFinding, reportProblems, showFindings } from '../helpers/expected-findings.ts';

const FIXTURES = join(REPO, 'test/fixtures');
const CORPUS = join(REPO, 'test/corpus');
/** A CLI run on the largest history takes ~10 s on an idle 2-core machine; leave room for a loaded one. */
const CLI_TIMEOUT = 300_000;

/** A corpus project's corpus.json: where it comes from and the real findings of its down() functions. */
interface CorpusProject {
  package: string;
  version: string;
  license: string;
  migrations: number;
  tables: number;
  findings: { code: string; object: string; why: string }[];
}

const dirsWith = (root: string, file: string, prefix = ''): string[] =>
  readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name.startsWith(prefix) && existsSync(join(root, d.name, file)))
    .map((d) => d.name)
    .sort();

/** Use to copy a project into a temp dir without its models (nor what a run in place left), as a user who has not pulled yet. */
function unpulled(from: string): TempProject {
  const project = makeProject();
  cpSync(from, project.dir, { recursive: true, filter: (src) => !/[/\\](node_modules|models)$/.test(src) });
  return project;
}

/** Use to run `pull`, then `check` (`--full` when asked) through the real binary; returns check's report. */
async function pullThenCheck(project: TempProject, full: boolean): Promise<Report> {
  const pull = await runCli(['pull'], { cwd: project.dir, timeout: CLI_TIMEOUT });
  expect(pull.exitCode, `pull failed:\n${pull.stdout}\n${pull.stderr}`).to.equal(0);
  const check = await runCli(['check', ...(full ? ['--full'] : []), '--json'], { cwd: project.dir, timeout: CLI_TIMEOUT });
  expect(check.exitCode, check.stderr).to.be.oneOf([0, 1]);
  const report = JSON.parse(check.stdout) as Report;
  expect(check.exitCode).to.equal(report.ok ? 0 : 1);
  return report;
}

/** Expected findings as they read once `pull` wrote the models: the model names and model files are pull's. */
const forPulled = (findings: ExpectedFinding[]): ExpectedFinding[] =>
  findings.map(({ model: _model, file, ...rest }) => (file && !file.startsWith('models/') ? { ...rest, file } : rest));

/** The corpus's expected findings: the real ones name their migration in `object`. */
const asExpected = (p: CorpusProject): ExpectedFinding[] =>
  p.findings.map((f) => ({ code: f.code, severity: 'error', schema: null, table: null, columns: [], object: f.object }));

/** How many models a fixture declares: pull must write as many (a migration skipped without a word writes fewer). */
function modelsOf(dir: string): number {
  const files = readdirSync(join(dir, 'models'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  return files.reduce((n, f) => n + (readFileSync(join(dir, 'models', f), 'utf8').match(/defineModel\(/g) ?? []).length, 0);
}

const fail = (what: string, problems: string[], findings: Finding[]): never =>
  expect.fail(`${what}\n  ${problems.join('\n  ')}\nactual findings:\n${showFindings(findings)}`);

describe('corpus: real-* fixtures reduced from public migration histories', function () {
  this.timeout(CLI_TIMEOUT * 2);

  for (const name of dirsWith(FIXTURES, 'expected.json', 'real-')) {
    const dir = join(FIXTURES, name);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;

    it(`${name}: check on its model gives expected.json`, async () => {
      const { report } = await runCheck({ cwd: dir, cache: true, server: await sharedServer(), full: expected.full === true });
      const problems = reportProblems(expected.findings, report);
      if (problems.length) fail(`${name}: ${expected.description}`, problems, report.findings);
    });

    it(`${name}: pull then check gives expected.json`, async () => {
      const project = unpulled(dir);
      try {
        const report = await pullThenCheck(project, expected.full === true);
        const problems = reportProblems(forPulled(expected.findings), report);
        if (report.summary.models !== modelsOf(dir)) problems.push(`pull wrote ${report.summary.models} models, the fixture declares ${modelsOf(dir)}`);
        if (problems.length) fail(`${name} (pulled): ${expected.description}`, problems, report.findings);
      } finally {
        project.remove();
      }
    });
  }
});

describe('corpus: real migration histories from npm (test/corpus/README.md)', function () {
  this.timeout(CLI_TIMEOUT * 2);

  for (const name of dirsWith(CORPUS, 'corpus.json')) {
    const corpus = JSON.parse(readFileSync(join(CORPUS, name, 'corpus.json'), 'utf8')) as CorpusProject;

    it(`${name} (${corpus.package}@${corpus.version}, ${corpus.migrations} migrations): pull then check --full reports only real irreversibility`, async () => {
      const project = unpulled(join(CORPUS, name));
      try {
        const report = await pullThenCheck(project, true);
        const problems = reportProblems(asExpected(corpus), report);
        if (report.summary.tables !== corpus.tables) problems.push(`${report.summary.tables} tables checked, the migrations create ${corpus.tables}`);
        if (problems.length) fail(`${name}:`, problems, report.findings);
      } finally {
        project.remove();
      }
    });
  }
});

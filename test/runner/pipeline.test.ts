// The orchestrator in temporary git repositories, with a fake check (the real one is exercised by
// the end-to-end tests of the CLI).
import { expect } from 'chai';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CheckOptions } from '../../src/check/check-project.ts';
import type { Report } from '../../src/diff/findings.ts';
import { runPipeline } from '../../src/runner/pipeline.ts';
import { snapshotParent } from '../../src/runner/snapshot.ts';
import type { PipelineOptions } from '../../src/runner/types.ts';
import { config, finding, report } from './fixtures.ts';
import { assertWellFormedXml, isolateGitEnv, makeRepo, type TempRepo } from './helpers.ts';

const node = (script: string) => `node -e ${JSON.stringify(script)}`;

/** A fake check that records its options and what it saw in the (snapshot) directory it was given. */
function fakeCheck(result: Report = report(), read?: string) {
  const calls: Array<{ options: CheckOptions; seen?: string; cwdExisted: boolean }> = [];
  const check = async (options: CheckOptions) => {
    const seen = read && options.cwd ? readFileSync(join(options.cwd, read), 'utf8') : undefined;
    calls.push({ options, ...(seen !== undefined ? { seen } : {}), cwdExisted: options.cwd ? existsSync(options.cwd) : false });
    return result;
  };
  return { check, calls };
}

/** Stage an edit of a model file, so hook mode has something to check. */
function stageModelChange(repo: TempRepo): void {
  repo.write('models/user.ts', 'export const staged = 2;\n');
  repo.git('add', 'models/user.ts');
}

function base(repo: TempRepo, overrides: Partial<PipelineOptions> & Pick<PipelineOptions, 'check'>): PipelineOptions {
  return { mode: 'hook', config: config(repo.dir), renderer: 'silent', ...overrides };
}

/** True while the process runs; a zombie (exited, not yet reaped by a container's pid 1) counts as gone. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}

describe('runner/pipeline', function () {
  this.timeout(60_000);
  let restoreEnv: () => void;
  let repo: TempRepo;
  before(() => (restoreEnv = isolateGitEnv()));
  after(() => restoreEnv());
  beforeEach(() => {
    repo = makeRepo();
    repo.write('package.json', JSON.stringify({ name: 'demo', version: '1.0.0', type: 'module' }, null, 2) + '\n');
    repo.write('models/user.ts', 'export const committed = 1;\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'initial');
  });
  afterEach(() => repo.remove());

  describe('hook mode', () => {
    it('checks the STAGED content, not the unstaged edit, and removes the snapshot afterwards', async () => {
      repo.write('models/user.ts', 'export const staged = 2;\n');
      repo.git('add', 'models/user.ts');
      repo.write('models/user.ts', 'export const unstaged = 3;\n');
      const fake = fakeCheck(report(), 'models/user.ts');
      const result = await runPipeline(base(repo, { check: fake.check }));

      expect(fake.calls).to.have.length(1);
      const call = fake.calls[0]!;
      expect(call.seen).to.equal('export const staged = 2;\n');
      expect(call.options.full).to.equal(false);
      expect(call.options.cwd!.startsWith(join(snapshotParent(repo.dir), 'staged-'))).to.equal(true);
      expect(existsSync(call.options.cwd!)).to.equal(false);
      expect(readdirSync(snapshotParent(repo.dir))).to.deep.equal([]);
      expect(repo.read('models/user.ts')).to.equal('export const unstaged = 3;\n');
      expect(result.ok).to.equal(true);
      expect(result.stages.map((s) => s.name)).to.deep.equal(['lint-staged', 'unit', 'check']);
    });

    it('shows skipped stages: no lint-staged config, stages.unit false', async () => {
      repo.write('models/user.ts', 'export const staged = 2;\n');
      repo.git('add', 'models/user.ts');
      const result = await runPipeline(base(repo, { check: fakeCheck().check }));
      const [lint, unit] = result.stages;
      expect(lint).to.include({ name: 'lint-staged', ok: true, skipped: true });
      expect(lint!.reason).to.match(/no lint-staged configuration/);
      expect(unit).to.include({ name: 'unit', ok: true, skipped: true });
      expect(unit!.reason).to.match(/stages\.unit is false/);
      expect(result.ok).to.equal(true);
    });

    it('with no staged files at all, lint-staged has nothing to do and the run is OK', async () => {
      repo.write('package.json', JSON.stringify({ name: 'demo', 'lint-staged': { '*.ts': 'false' } }, null, 2));
      repo.git('add', 'package.json');
      repo.git('commit', '-q', '-m', 'config');
      const result = await runPipeline(base(repo, { check: fakeCheck().check }));
      expect(result.stages[0]).to.include({ name: 'lint-staged', ok: true, reason: 'no staged files' });
      expect(result.ok).to.equal(true);
    });

    it('a failing unit command blocks: result not ok, command and output tail present', async () => {
      const unit = node("for (let i = 0; i < 50; i++) console.log('line ' + i); console.error('boom'); process.exit(3)");
      const result = await runPipeline(base(repo, { check: fakeCheck().check, config: config(repo.dir, { unit }) }));
      const stage = result.stages.find((s) => s.name === 'unit')!;
      expect(result.ok).to.equal(false);
      expect(stage).to.include({ ok: false, command: unit, exitCode: 3, reason: 'exit code 3' });
      const lines = stage.outputTail!.split('\n');
      expect(lines).to.have.length(30);
      expect(lines.at(-1)).to.equal('boom');
      expect(lines[0]).to.equal('line 21');
      expect(stage.omittedLines).to.equal(21);
    });

    it('prints the failed stage command and its tail after the task list', async () => {
      const out = new PassThrough();
      let text = '';
      out.on('data', (d) => (text += d));
      const unit = node("console.log('first'); console.log('second'); process.exit(1)");
      await runPipeline(base(repo, { check: fakeCheck().check, config: config(repo.dir, { unit }), renderer: 'simple', output: out }));
      expect(text).to.contain(`$ ${unit}`);
      expect(text).to.contain('│ second');
      expect(text).to.match(/Unit tests: .*\(\d+(ms|\.\ds)\)/);
    });

    it('an error finding of the check blocks the commit and the report is returned', async () => {
      stageModelChange(repo); // with nothing relevant staged the check is skipped
      const r = report([finding()]);
      const result = await runPipeline(base(repo, { check: fakeCheck(r).check }));
      expect(result.ok).to.equal(false);
      expect(result.report).to.equal(r);
      expect(result.stages.find((s) => s.name === 'check')!.reason).to.match(/1 error, 0 warnings/);
    });

    it('a check that throws is a failed stage carrying the error, and the snapshot is still removed', async () => {
      stageModelChange(repo);
      const boom = new Error('cannot start PostgreSQL');
      let cwd = '';
      const result = await runPipeline(
        base(repo, {
          check: async (o) => {
            cwd = o.cwd!;
            throw boom;
          },
        }),
      );
      expect(result.ok).to.equal(false);
      expect(result.error).to.equal(boom);
      expect(result.report).to.equal(null);
      expect(existsSync(cwd)).to.equal(false);
    });

    it('unstaged changes in a staged file survive a failing lint-staged run byte-for-byte', async () => {
      const scripts = mkdtempSync(join(tmpdir(), 'pcc-scripts-'));
      try {
        // A "linter" that rewrites every file it is given, then fails.
        const linter = join(scripts, 'bad-linter.cjs');
        writeFileSync(
          linter,
          "const fs = require('fs'); for (const f of process.argv.slice(2)) fs.appendFileSync(f, '// touched\\n'); console.log('lint error in', process.argv.length - 2, 'file'); process.exit(1);\n",
        );
        repo.write('package.json', JSON.stringify({ name: 'demo', 'lint-staged': { '*.ts': `node ${linter}` } }, null, 2) + '\n');
        repo.git('add', 'package.json');
        repo.git('commit', '-q', '-m', 'lint-staged config');

        const staged = 'export const staged = 2;\n';
        const unstaged = 'export const staged = 2;\n// unstaged edit \u00e9\r\n\u0000binary-ish\n';
        repo.write('models/user.ts', staged);
        repo.git('add', 'models/user.ts');
        writeFileSync(join(repo.dir, 'models/user.ts'), unstaged);
        const indexBefore = repo.git('diff', '--cached');
        const fake = fakeCheck(report(), 'models/user.ts');

        const result = await runPipeline(base(repo, { check: fake.check }));

        const lint = result.stages.find((s) => s.name === 'lint-staged')!;
        expect(lint.ok).to.equal(false);
        expect(lint.outputTail).to.contain('lint error in 1 file');
        expect(result.ok).to.equal(false);
        expect(readFileSync(join(repo.dir, 'models/user.ts'))).to.deep.equal(Buffer.from(unstaged));
        expect(repo.git('diff', '--cached')).to.equal(indexBefore);
        // The check saw the staged content, taken before lint-staged touched anything.
        expect(fake.calls[0]!.seen).to.equal(staged);
        expect(repo.git('stash', 'list')).to.equal('');
      } finally {
        rmSync(scripts, { recursive: true, force: true });
      }
    });

    it('lint-staged fixes are staged and the unit tests run after them', async () => {
      const scripts = mkdtempSync(join(tmpdir(), 'pcc-scripts-'));
      try {
        const fixer = join(scripts, 'fixer.cjs');
        writeFileSync(fixer, "const fs = require('fs'); for (const f of process.argv.slice(2)) fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace('var ', 'const '));\n");
        repo.write('package.json', JSON.stringify({ name: 'demo', 'lint-staged': { '*.ts': `node ${fixer}` } }, null, 2) + '\n');
        repo.git('add', 'package.json');
        repo.git('commit', '-q', '-m', 'lint-staged config');
        repo.write('models/user.ts', 'var x = 1;\n');
        repo.git('add', 'models/user.ts');
        // The unit command records what it sees: it must see the fixed file.
        const unit = node("require('fs').copyFileSync('models/user.ts', 'seen-by-unit.txt')");
        const result = await runPipeline(base(repo, { check: fakeCheck().check, config: config(repo.dir, { unit }) }));
        expect(result.ok, JSON.stringify(result.stages, null, 2)).to.equal(true);
        expect(repo.read('seen-by-unit.txt')).to.equal('const x = 1;\n');
        expect(repo.git('show', ':models/user.ts')).to.equal('const x = 1;\n');
      } finally {
        rmSync(scripts, { recursive: true, force: true });
      }
    });

    it('remaps --config and --knexfile paths into the snapshot', async () => {
      repo.write('pcc.json', '{}\n');
      repo.write('knexfile.ts', 'export default {};\n');
      repo.git('add', '-A');
      const fake = fakeCheck();
      await runPipeline(
        base(repo, { check: fake.check, checkOptions: { config: join(repo.dir, 'pcc.json'), knexfile: 'knexfile.ts', databaseUrl: 'postgres://x' } }),
      );
      const o = fake.calls[0]!.options;
      expect(o.config).to.equal(join(o.cwd!, 'pcc.json'));
      expect(o.knexfile).to.equal(join(o.cwd!, 'knexfile.ts'));
      expect(o.databaseUrl).to.equal('postgres://x');
    });
  });

  describe('full and ci modes', () => {
    it('runs static commands, unit tests, the check with round trip, and integration with DATABASE_URL', async () => {
      const order: string[] = [];
      const fake = async (o: CheckOptions) => {
        order.push('check');
        expect(o.full).to.equal(true);
        expect(o.cwd).to.equal(repo.dir);
        await o.integration!('postgres://u@localhost:5433/scratch_1');
        order.push('check-end');
        return report();
      };
      const cfg = config(repo.dir, {
        static: [node("require('fs').appendFileSync('order.txt', 'static1\\n')"), node("require('fs').appendFileSync('order.txt', 'static2\\n')")],
        unit: node("setTimeout(() => require('fs').appendFileSync('order.txt', 'unit\\n'), 300)"),
        integration: node("require('fs').appendFileSync('order.txt', 'integration ' + process.env.DATABASE_URL + '\\n')"),
      });
      const result = await runPipeline({ mode: 'full', config: cfg, check: fake, renderer: 'silent' });
      expect(result.ok, JSON.stringify(result.stages, null, 2)).to.equal(true);
      expect(result.stages.map((s) => s.name)).to.deep.equal(['static', 'static', 'unit', 'check', 'integration']);
      const lines = repo.read('order.txt').trim().split('\n');
      expect(lines.indexOf('static1')).to.be.lessThan(lines.indexOf('static2'));
      expect(lines.at(-1)).to.equal('integration postgres://u@localhost:5433/scratch_1');
      expect(lines.indexOf('unit')).to.be.lessThan(lines.length - 1);
      expect(order).to.deep.equal(['check', 'check-end']);
    });

    it('skips integration when the check never reaches a migrated database', async () => {
      const cfg = config(repo.dir, { integration: 'echo never' });
      const result = await runPipeline({ mode: 'full', config: cfg, check: fakeCheck(report([finding({ code: 'migration-failed' })])).check, renderer: 'silent' });
      const integration = result.stages.find((s) => s.name === 'integration')!;
      expect(integration).to.include({ ok: true, skipped: true });
      expect(result.ok).to.equal(false);
    });

    it('a failing integration command fails the run while the check passes', async () => {
      const cfg = config(repo.dir, { integration: node('process.exit(4)') });
      const result = await runPipeline({
        mode: 'ci',
        config: cfg,
        check: async (o) => {
          await o.integration!('postgres://x');
          return report();
        },
        renderer: 'silent',
      });
      expect(result.ok).to.equal(false);
      expect(result.stages.find((s) => s.name === 'integration')).to.include({ ok: false, exitCode: 4 });
    });

    it('--ci writes a well-formed JUnit file and GitHub annotations', async () => {
      const out = new PassThrough();
      let annotations = '';
      out.on('data', (d) => (annotations += d));
      const r = report([finding(), finding({ severity: 'warning', code: 'unmodeled-table', file: 'src/models/x.ts' }), finding({ file: null })]);
      const cfg = config(repo.dir, { static: ['true'], unit: node('process.exit(2)') });
      const result = await runPipeline({
        mode: 'ci',
        config: cfg,
        check: fakeCheck(r).check,
        renderer: 'silent',
        junit: 'reports/junit.xml',
        env: { GITHUB_ACTIONS: 'true', CI: 'true' },
        annotationOutput: out,
      });
      expect(result.junitFile).to.equal(join(repo.dir, 'reports/junit.xml'));
      const xml = readFileSync(result.junitFile!, 'utf8');
      assertWellFormedXml(xml);
      // stages: static, unit, check, integration; findings: 3
      expect((xml.match(/<testcase /g) ?? []).length).to.equal(7);
      // the unit stage, the check stage and two error findings
      expect((xml.match(/<failure /g) ?? []).length).to.equal(4);
      const lines = annotations.trim().split('\n');
      expect(lines).to.have.length(2);
      expect(lines[0]).to.match(/^::error file=src\/models\/user\.ts,title=missing-column::/);
      expect(lines[1]).to.match(/^::warning file=src\/models\/x\.ts,title=unmodeled-table::/);
    });
  });

  describe('interruption', () => {
    it('a signal kills running commands, waits for the stages and resolves as interrupted', async () => {
      const pidFile = join(repo.dir, 'pid');
      const unit = `${node(`require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000)`)} && echo never`;
      const signals = new EventEmitter();
      let checkSettled = false;
      const started = Date.now();
      const run = runPipeline({
        mode: 'full',
        config: config(repo.dir, { unit }),
        check: async () => {
          await new Promise((r) => setTimeout(r, 200));
          checkSettled = true;
          return report();
        },
        renderer: 'silent',
        signalSource: signals,
      });
      while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8') === '') await new Promise((r) => setTimeout(r, 50));
      const pid = Number(readFileSync(pidFile, 'utf8'));
      expect(alive(pid)).to.equal(true);
      signals.emit('SIGINT');
      const result = await run;
      expect(Date.now() - started).to.be.lessThan(10_000);
      expect(result).to.include({ ok: false, interrupted: true, signal: 'SIGINT' });
      expect(result.stages.find((s) => s.name === 'unit')).to.include({ ok: false, interrupted: true });
      expect(checkSettled).to.equal(true);
      expect(alive(pid)).to.equal(false);
      expect(signals.listenerCount('SIGINT')).to.equal(0);
    });

    it('an abort signal stops a hook run and removes the snapshot', async () => {
      const controller = new AbortController();
      let cwd = '';
      const unit = node('setInterval(() => {}, 1000)');
      setTimeout(() => controller.abort(), 500);
      const result = await runPipeline(
        base(repo, {
          config: config(repo.dir, { unit }),
          check: async (o) => {
            cwd = o.cwd!;
            return report();
          },
          signal: controller.signal,
        }),
      );
      expect(result.interrupted).to.equal(true);
      expect(result.ok).to.equal(false);
      expect(existsSync(cwd)).to.equal(false);
    });
  });
});

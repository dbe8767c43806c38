// End to end: the gate's integrity against the user's own code (issue 10, items 5 and 6). The real
// binary on temporary projects whose model files, migrations, knexfile or config misbehave: a run
// that did not finish its check never exits 0, the --json report stays whole and alone on stdout.
import { expect } from 'chai';
import { chmodSync, cpSync, mkdtempSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { BIN, CLEAN_FILES, REPO, leftovers, makeProject, postgresPids, runCli, type CliResult, type TempProject } from '../helpers/project.ts';

const config = (extra = '') =>
  `import { defineConfig } from 'pre-commit-check';\nexport default defineConfig({ models: ['models/**/*.ts'], ${extra} stages: { static: [], unit: false } });\n`;

const migration = (up: string, head = '') => `${head}\nexport async function up(knex) {\n${up}\n}\nexport async function down() {}\n`;

/** A later migration: it must not run after one that failed or was stopped. */
const LATER = { 'migrations/20260103000000_later.ts': migration("  await knex.raw('create table later (id int)');") };

const NO_TABLE_MODEL = `import { defineModel, t } from 'pre-commit-check';\nexport const Post = defineModel({ table: 'posts', columns: { id: t.increments() } });\n`;

interface Report {
  ok: boolean;
  summary: { models: number; errors: number };
  findings: Array<{ code: string; file: string | null; object: string | null; message: string; hint: string | null }>;
}

/** The --json report: stdout must be exactly one JSON document. */
function report(r: CliResult): Report {
  try {
    return JSON.parse(r.stdout) as Report;
  } catch {
    throw new Error(`stdout is not the JSON report (exit ${r.exitCode}):\n${r.stdout}\n--- stderr:\n${r.stderr}`);
  }
}

describe('cli: the gate holds whatever the user code does', function () {
  this.timeout(120_000);
  let project: TempProject;
  let tmp: string;
  const check = (args: string[] = [], timeout = 90_000) => runCli(['check', ...args], { cwd: project.dir, env: { TMPDIR: tmp }, timeout });

  beforeEach(() => {
    project = makeProject(CLEAN_FILES);
    tmp = mkdtempSync(join(tmpdir(), 'pcc-e2e-tmp-'));
    chmodSync(tmp, 0o755);
  });
  afterEach(() => {
    project.remove();
    rmSync(tmp, { recursive: true, force: true });
  });

  describe('process.exit() in user code', () => {
    it('a model file that calls process.exit(0), beside a model with no table: exit 1, the whole report, invalid-model naming the file', async () => {
      project.write('models/aaa.ts', 'process.exit(0);\n');
      project.write('models/post.ts', NO_TABLE_MODEL);
      const r = await check(['--json']);
      expect(r.exitCode, r.stderr).to.equal(1);
      const rep = report(r);
      expect(rep.ok).to.equal(false);
      const invalid = rep.findings.find((f) => f.code === 'invalid-model')!;
      expect(invalid, r.stdout).to.include({ file: 'models/aaa.ts' });
      expect(invalid.message).to.contain('models/aaa.ts called process.exit(0) while loading');
      expect(invalid.hint).to.contain('remove the process.exit() call');
      expect(rep.findings.map((f) => f.code)).to.include('missing-table');
    });

    it('a migration that calls process.exit(0) in up() is migration-failed, and the migrations after it do not run', async () => {
      project.write('migrations/20260102000000_exit.ts', migration("  await knex.raw('create table t2 (id int)');\n  process.exit(0);"));
      for (const [p, c] of Object.entries(LATER)) project.write(p, c);
      const r = await check(['--json']);
      expect(r.exitCode, r.stderr).to.equal(1);
      const rep = report(r);
      expect(rep.findings.map((f) => f.code)).to.deep.equal(['migration-failed']);
      const f = rep.findings[0]!;
      expect(f.object).to.equal('20260102000000_exit.ts');
      expect(f.message).to.contain('called process.exit(0) in up()').and.contain('1 later migration was not applied: 20260103000000_later.ts');
    });

    it('process.exit() swallowed by a try/catch, and process.reallyExit(), still fail their model file', async () => {
      project.write('models/caught.ts', 'try { process.exit(0); } catch {}\nexport const x = 1;\n');
      project.write('models/really.ts', 'process.reallyExit(0);\n');
      const r = await check(['--json']);
      expect(r.exitCode, r.stderr).to.equal(1);
      const messages = report(r).findings.filter((f) => f.code === 'invalid-model').map((f) => f.message);
      expect(messages).to.have.length(2);
      expect(messages.find((m) => m.includes('models/caught.ts'))).to.contain('called process.exit(0)');
      expect(messages.find((m) => m.includes('models/really.ts'))).to.contain('called process.reallyExit(0)');
    });

    it('a model file whose timer calls process.exit(0) after it loaded is still reported', async () => {
      project.write('models/user.ts', `${CLEAN_FILES['models/user.ts']}setImmediate(() => process.exit(0));\n`);
      const r = await check(['--json']);
      expect(r.exitCode, r.stderr).to.equal(1);
      const f = report(r).findings.find((x) => x.code === 'invalid-model')!;
      expect(f, r.stdout).to.include({ file: 'models/user.ts' });
      expect(f.message).to.contain('process.exit(0)');
    });

    it('a knexfile or a config file that calls process.exit(0) is exit 2 naming the file', async () => {
      project.write('knexfile.ts', 'process.exit(0);\n');
      const k = await check();
      expect(k.exitCode, k.stderr).to.equal(2);
      expect(k.stderr).to.contain('Knexfile knexfile.ts could not be loaded: it called process.exit(0)');
      project.write('knexfile.ts', CLEAN_FILES['knexfile.ts']!);
      project.write('pre-commit-check.config.ts', 'process.exit(0);\n');
      const c = await check();
      expect(c.exitCode, c.stderr).to.equal(2);
      expect(c.stderr).to.contain('Config file pre-commit-check.config.ts could not be loaded: it called process.exit(0)');
      expect(c.stderr).to.contain('Remove the process.exit() call');
    });
  });

  describe('stdout is the report alone', () => {
    const noisy = (who: string) => `console.log('log from ${who}');\nprocess.stdout.write('write from ${who}\\n');\n`;

    it('check --json: what model files and migrations print goes to stderr', async () => {
      project.write('models/user.ts', noisy('a model') + CLEAN_FILES['models/user.ts']);
      project.write('migrations/20260102000000_noisy.ts', migration(noisy('a migration')));
      const r = await check(['--json', '--no-cache']);
      expect(r.exitCode, r.stderr).to.equal(0);
      expect(report(r).ok).to.equal(true);
      expect(r.stderr).to.contain('log from a model').and.contain('write from a model');
      expect(r.stderr).to.contain('log from a migration').and.contain('write from a migration');
    });

    it('--full --json (the orchestrator): the same', async () => {
      project.write('models/user.ts', noisy('a model') + CLEAN_FILES['models/user.ts']);
      // --no-cache: a clean result cached by an earlier run of the same files would load no model.
      const r = await runCli(['--full', '--json', '--no-cache'], { cwd: project.dir, env: { TMPDIR: tmp } });
      expect(r.exitCode, r.stderr).to.equal(0);
      expect(report(r).ok).to.equal(true);
      expect(r.stderr).to.contain('log from a model').and.contain('write from a model');
    });
  });

  describe('errors raised where nothing awaited them', () => {
    it('an unhandled rejection (a failing query not awaited) is migration-failed for the migration that ran it', async () => {
      project.write(
        'migrations/20260102000000_unawaited.ts',
        migration("  knex.raw('select * from no_such_table').then();\n  await knex.raw('select pg_sleep(0.5)');"),
      );
      for (const [p, c] of Object.entries(LATER)) project.write(p, c);
      const r = await check(['--json']);
      expect(r.exitCode, r.stderr).to.equal(1);
      const rep = report(r);
      expect(rep.findings.map((f) => f.code)).to.deep.equal(['migration-failed']);
      expect(rep.findings[0]!.object).to.equal('20260102000000_unawaited.ts');
      expect(rep.findings[0]!.message).to.contain('relation "no_such_table" does not exist').and.contain('unhandled rejection').and.contain('not applied');
    });

    it('an exception thrown in a timer callback is migration-failed for the migration that set it', async () => {
      project.write('migrations/20260102000000_timer.ts', migration("  setTimeout(() => { throw new Error('boom from a timer'); }, 10);\n  await knex.raw('select pg_sleep(0.5)');"));
      const r = await check(['--json']);
      expect(r.exitCode, r.stderr).to.equal(1);
      const rep = report(r);
      expect(rep.findings.map((f) => f.code)).to.deep.equal(['migration-failed']);
      expect(rep.findings[0]!.message).to.contain('boom from a timer').and.contain('uncaught exception');
    });
  });

  describe('migrationTimeout', () => {
    // Long enough for the steps that do finish (the first migration, the model files) on a busy
    // machine. Each of these hangs for ever on a tool without the limit: the run's own timeout fails it.
    const LIMIT = 8;
    const hangs = (up: string, head = '') => {
      project.write('pre-commit-check.config.ts', config(`migrationTimeout: ${LIMIT},`));
      project.write('migrations/20260102000000_hangs.ts', migration(up, head));
      for (const [p, c] of Object.entries(LATER)) project.write(p, c);
      return check(['--json', '--no-cache'], 60_000);
    };
    const stopped = (r: CliResult) => {
      expect(r.exitCode, r.stderr).to.equal(1);
      const rep = report(r);
      expect(rep.findings.map((f) => f.code)).to.deep.equal(['migration-failed']);
      const f = rep.findings[0]!;
      expect(f.object).to.equal('20260102000000_hangs.ts');
      expect(f.message).to.contain(`did not finish up() within ${LIMIT} s (migrationTimeout) and was stopped`);
      expect(f.message).to.contain('1 later migration was not applied: 20260103000000_later.ts');
      expect(f.hint).to.contain('raise migrationTimeout');
      expect(r.stderr, 'knex noise about the ended sessions').to.not.contain('knex:');
      return f;
    };

    it('is validated: a number of seconds greater than 0', async () => {
      project.write('pre-commit-check.config.ts', config("migrationTimeout: 'soon',"));
      const r = await check();
      expect(r.exitCode, r.stderr).to.equal(2);
      expect(r.stderr).to.contain(`'migrationTimeout' must be a number of seconds greater than 0, at most 2147483 (got "soon")`);
    });

    it('a statement that runs too long: stopped, and named in the finding', async () => {
      const f = stopped(await hangs("  await knex.raw('SELECT pg_sleep(1000)');"));
      expect(f.message).to.contain('it was running: SELECT pg_sleep(1000)');
    });

    it('a promise that never settles: stopped; no statement was running', async () => {
      const f = stopped(await hangs("  await knex.raw('create table t9 (id int)');\n  await new Promise(() => {});"));
      expect(f.message).to.contain('no statement was running');
    });

    it('a lock wait between two of its own connections: stopped, naming the waiting statement and the holder', async () => {
      const f = stopped(
        await hangs(
          [
            '  const trx = await knex.transaction();',
            "  await trx.raw('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');",
            "  await knex('users').select('*');",
            '  await trx.commit();',
          ].join('\n'),
          'export const config = { transaction: false };',
        ),
      );
      expect(f.message).to.contain('it was waiting for a lock in: select * from "users"').and.contain('which last ran: LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
    });

    it('a model file that never finishes loading is invalid-model', async () => {
      project.write('package.json', '{ "type": "module" }\n');
      project.write('pre-commit-check.config.ts', config(`migrationTimeout: ${LIMIT},`));
      project.write('models/hangs.ts', 'await new Promise(() => {});\nexport const x = 1;\n');
      const r = await check(['--json'], 60_000);
      expect(r.exitCode, r.stderr).to.equal(1);
      const rep = report(r);
      expect(rep.findings.map((f) => f.code)).to.deep.equal(['invalid-model']);
      expect(rep.findings[0]).to.include({ file: 'models/hangs.ts' });
      expect(rep.findings[0]!.message).to.contain(`did not finish loading within ${LIMIT} s (migrationTimeout)`);
    });

    it('a synchronous infinite loop cannot be stopped in the process: the run kills itself, says why, and leaves no server behind', async () => {
      project.write('pre-commit-check.config.ts', config(`migrationTimeout: ${LIMIT},`));
      project.write('migrations/20260102000000_loops.ts', migration("  await knex.raw('create table t9 (id int)');\n  while (true) {}"));
      const r = await execa(BIN, ['check'], { cwd: project.dir, reject: false, timeout: 90_000, env: { TMPDIR: tmp, PRE_COMMIT_CHECK_RUN_DIR: tmp, NO_COLOR: '1' } });
      // Killed by its own stall watch (SIGKILL), not by this test's timeout (SIGTERM): a shell sees 137.
      expect(r.signal, String(r.stderr)).to.equal('SIGKILL');
      expect(String(r.stderr)).to.contain('20260102000000_loops.ts ran past its time limit (migrationTimeout)').and.contain('synchronous infinite loop');
      // The server's watchdog stops it, and removes its files, once the killed process is gone.
      let left = await postgresPids(tmp);
      for (let i = 0; i < 150 && (left.length || leftovers(tmp).length); i++) {
        await new Promise((done) => setTimeout(done, 100));
        left = await postgresPids(tmp);
      }
      expect(left).to.deep.equal([]);
      expect(leftovers(tmp)).to.deep.equal([]);
    });

    it('--verbose names each migration as it starts, on stderr', async () => {
      for (const [p, c] of Object.entries(LATER)) project.write(p, c);
      const r = await check(['--verbose', '--no-cache']);
      expect(r.exitCode, r.stderr).to.equal(0);
      expect(r.stderr).to.contain('running migration 1/2: 20260101000000_users.ts').and.contain('running migration 2/2: 20260103000000_later.ts');
    });
  });

  describe('exit codes', () => {
    it('4 when the tool itself fails (an installation missing one of its modules): says so and how to report it', async () => {
      // A copy of the package (bin and sources) with one module of its own gone; dependencies shared.
      const pkg = mkdtempSync(join(tmpdir(), 'pcc-broken-'));
      try {
        for (const d of ['bin', 'src']) cpSync(join(REPO, d), join(pkg, d), { recursive: true });
        cpSync(join(REPO, 'package.json'), join(pkg, 'package.json'));
        symlinkSync(join(REPO, 'node_modules'), join(pkg, 'node_modules'));
        unlinkSync(join(pkg, 'src/diff/diff.ts'));
        const r = await execa(join(pkg, 'bin/pre-commit-check'), ['check'], { cwd: project.dir, reject: false, env: { TMPDIR: tmp, NO_COLOR: '1' } });
        expect(r.exitCode, String(r.stderr)).to.equal(4);
        expect(String(r.stderr)).to.contain('Unexpected error').and.contain('this is a bug in pre-commit-check (exit code 4): please report it');
      } finally {
        rmSync(pkg, { recursive: true, force: true });
      }
    });

    it('2 (not a crash) when --junit names a file that cannot be written', async () => {
      project.write('not-a-dir', '');
      const r = await check(['--junit', 'not-a-dir/report.xml']);
      expect(r.exitCode, r.stderr).to.equal(2);
      expect(r.stderr).to.match(/Cannot write the report file \S*not-a-dir\/report\.xml/);
    });

    it('stdout closed early (check | true): no EPIPE crash, the exit status is still the check\'s', async () => {
      const run = () => execa('bash', ['-c', `'${BIN}' check | true; echo "status=\${PIPESTATUS[0]}" >&2`], { cwd: project.dir, reject: false, env: { TMPDIR: tmp, NO_COLOR: '1' } });
      const clean = await run();
      expect(String(clean.stderr)).to.contain('status=0').and.not.match(/EPIPE|Unhandled 'error'/);
      project.write('models/post.ts', NO_TABLE_MODEL);
      const drift = await run();
      expect(String(drift.stderr)).to.contain('status=1').and.not.match(/EPIPE|Unhandled 'error'/);
      expect(leftovers(tmp)).to.deep.equal([]);
    });
  });
});

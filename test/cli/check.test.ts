// End to end: the real binary on temporary projects; exit codes, stdout JSON, nothing left behind.
import { expect } from 'chai';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { BIN, CLEAN_FILES, leftovers, makeProject, postgresPids, ramDirEntries, runCli, type TempProject } from '../helpers/project.ts';
import { serverUser } from '../../src/postgres/binaries.ts';
import { chooseRunParent, systemProbe } from '../../src/postgres/run-dir.ts';

/** The system's run-directory probe, minus an override this test process may have in its own environment. */
function systemProbeWithoutOverride() {
  const env = { ...process.env };
  delete env.PRE_COMMIT_CHECK_RUN_DIR;
  return { ...systemProbe, env };
}

describe('cli: pre-commit-check check', function () {
  this.timeout(120_000);
  let project: TempProject;
  let tmp: string;
  const env = () => ({ TMPDIR: tmp });

  beforeEach(function () {
    // Tests that look for leftovers need a cache of their own: the server's run directory lives there.
    project = makeProject(CLEAN_FILES, { localCache: /leaves no|Ctrl-C/.test(this.currentTest?.title ?? '') });
    tmp = mkdtempSync(join(tmpdir(), 'pcc-e2e-tmp-'));
    chmodSync(tmp, 0o755);
  });
  afterEach(() => {
    project.remove();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('exits 0 on a clean project and leaves no process or temporary file', async () => {
    const r = await runCli(['check'], { cwd: project.dir, env: env() });
    expect(r.exitCode, r.stderr + r.stdout).to.equal(0);
    expect(r.stdout).to.match(/0 errors, 0 warnings \(1 model, 1 table/);
    expect(await postgresPids(tmp)).to.deep.equal([]);
    expect(await postgresPids(project.dir)).to.deep.equal([]);
    expect(leftovers(tmp, project)).to.deep.equal([]);
  });

  it('by default runs its server where chooseRunParent says (/dev/shm when it has room) and leaves nothing there', async () => {
    const where = chooseRunParent(project.dir, serverUser(), true, { ...systemProbeWithoutOverride() }).dir;
    // Other servers may run there too (this process's shared one, other suites on the machine): only
    // the ones this run started count, i.e. the postgres processes whose parent is the run's process.
    const before = ramDirEntries();
    const child = execa(BIN, ['check', '--no-cache'], {
      cwd: project.dir,
      reject: false,
      env: { NO_COLOR: '1', CI: '', GITHUB_ACTIONS: '', PRE_COMMIT_CHECK_RUN_DIR: undefined },
      extendEnv: true,
      stdin: 'ignore',
    });
    const runPid = String(child.pid);
    const parentOf = (pid: string) => readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[1];
    const ours = new Set<string>();
    const runDirs = new Set<string>();
    for (let i = 0; i < 600 && ours.size === 0; i++) {
      for (const pid of await postgresPids(where)) {
        try {
          if (parentOf(pid) !== runPid) continue;
          ours.add(pid);
          // postgres -D <run dir>/data ...: the run directory this run made
          const dataDir = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[2];
          if (dataDir) runDirs.add(dirname(dataDir));
        } catch {
          // gone already
        }
      }
      if (ours.size === 0) await new Promise((r) => setTimeout(r, 25));
    }
    const r = await child;
    expect(r.exitCode, String(r.stderr) + String(r.stdout)).to.equal(0);
    expect(ours.size, `no server ran under ${where}`).to.be.greaterThan(0);
    const alive = (await postgresPids(where)).filter((pid) => ours.has(pid));
    expect(alive).to.deep.equal([]);
    expect([...runDirs].filter((d) => existsSync(d)), 'run directory left behind').to.deep.equal([]);
    // and nothing else of ours in /dev/shm (entries other runs on the machine made meanwhile are not ours)
    const mine = (e: string) => [...runDirs].some((d) => d.endsWith(e)) || /^PostgreSQL\./.test(e);
    expect(ramDirEntries().filter((e) => !before.includes(e) && mine(e)), 'left in /dev/shm').to.deep.equal([]);
  });

  it('an unusable PRE_COMMIT_CHECK_RUN_DIR stops the run with exit 3, naming it', async () => {
    project.write('not-a-dir', '');
    const r = await runCli(['check', '--no-cache'], { cwd: project.dir, env: { PRE_COMMIT_CHECK_RUN_DIR: join(project.dir, 'not-a-dir') } });
    expect(r.exitCode, r.stderr + r.stdout).to.equal(3);
    expect(r.stderr).to.include('PRE_COMMIT_CHECK_RUN_DIR').and.include(join(project.dir, 'not-a-dir'));
  });

  it('--json prints exactly the report on stdout, exit 1 on drift', async () => {
    project.write(
      'models/user.ts',
      CLEAN_FILES['models/user.ts']!.replace("created_at:", "stripe_customer_id: t.string(255),\n    created_at:"),
    );
    const r = await runCli(['check', '--json'], { cwd: project.dir, env: env() });
    expect(r.exitCode, r.stderr).to.equal(1);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).to.deep.equal(['ok', 'summary', 'findings']);
    expect(report.ok).to.equal(false);
    expect(report.summary).to.include({ models: 1, tables: 1, errors: 1, warnings: 0 });
    expect(report.findings).to.have.length(1);
    const f = report.findings[0];
    // contract section 5's fields in order, then `line` (the column's line in the model file) where it is known
    expect(Object.keys(f)).to.deep.equal(['code', 'severity', 'model', 'schema', 'table', 'columns', 'object', 'expected', 'actual', 'message', 'hint', 'file', 'line']);
    expect(f.line).to.equal(readFileSync(join(project.dir, 'models/user.ts'), 'utf8').split('\n').findIndex((l) => l.includes('stripe_customer_id:')) + 1);
    expect(f).to.include({ code: 'missing-column', severity: 'error', model: 'User', schema: 'public', table: 'users', file: 'models/user.ts' });
    expect(f.columns).to.deep.equal(['stripe_customer_id']);
    expect(f.hint).to.contain("table.string('stripe_customer_id'");
  });

  it('the text report groups by model and table and ends with a summary line, without colour in a pipe', async () => {
    project.write('models/user.ts', CLEAN_FILES['models/user.ts']!.replace('t.string(255).notNullable()', 't.string(100).notNullable()'));
    const r = await runCli(['check'], { cwd: project.dir, env: env() });
    expect(r.exitCode).to.equal(1);
    expect(r.stdout).to.not.match(/\x1b\[/);
    expect(r.stdout).to.contain('User  public.users  (models/user.ts)');
    expect(r.stdout).to.match(/type-mismatch/);
    expect(r.stdout.trim().split('\n').at(-1)).to.match(/^✖ 1 error, 0 warnings .*blocked/);
  });

  it('exit 2: unknown flag, missing config file, missing knexfile, a knexfile that throws', async () => {
    const unknown = await runCli(['check', '--nope'], { cwd: project.dir });
    expect(unknown.exitCode).to.equal(2);
    expect(unknown.stderr).to.match(/--nope/);
    const noConfig = await runCli(['check', '--config', 'missing.config.ts'], { cwd: project.dir });
    expect(noConfig.exitCode).to.equal(2);
    expect(noConfig.stderr).to.match(/missing\.config\.ts does not exist/);
    const noKnexfile = await runCli(['check', '--knexfile', 'nope.ts'], { cwd: project.dir });
    expect(noKnexfile.exitCode).to.equal(2);
    expect(noKnexfile.stderr).to.match(/Knexfile nope\.ts was not found/);
    project.write('knexfile.ts', "throw new Error('boom in knexfile');\n");
    const bad = await runCli(['check'], { cwd: project.dir });
    expect(bad.exitCode).to.equal(2);
    expect(bad.stderr).to.match(/knexfile\.ts could not be loaded: boom in knexfile/);
  });

  it('exit 3 for an unreachable --database-url, and the password is never printed', async () => {
    const r = await runCli(['check', '--database-url', 'postgres://alice:s3cr3t-pw@127.0.0.1:1/postgres'], { cwd: project.dir });
    expect(r.exitCode, r.stderr).to.equal(3);
    expect(r.stderr + r.stdout).to.not.contain('s3cr3t-pw');
    expect(r.stderr).to.match(/127\.0\.0\.1/);
  });

  it('a server that crashes mid-run (a backend killed) is exit 3 naming the crash, not a failed migration', async () => {
    project.write(
      'migrations/20260102000000_slow.ts',
      `import type { Knex } from 'knex';\nexport async function up(knex: Knex) { await knex.raw('select pg_sleep(30)'); }\nexport async function down() {}\n`,
    );
    const child = runCli(['check', '--no-cache'], { cwd: project.dir, env: env() });
    // The backend running the sleeping migration: kill it outright, as the OOM killer would. Only a
    // backend of THIS run's server (a child of the postmaster whose data directory is under tmp):
    // other suites may be running their own servers on the machine.
    let killed = false;
    for (let i = 0; i < 300 && !killed; i++) {
      const postmasters = await postgresPids(tmp);
      const r = postmasters.length ? await execa('pgrep', ['-P', postmasters.join(','), '-f', 'pcc_migrated_.*SELECT'], { reject: false }) : { stdout: '' };
      const pid = String(r.stdout).split('\n').filter(Boolean)[0];
      if (pid) killed = (process.kill(Number(pid), 'SIGKILL'), true);
      else await new Promise((r) => setTimeout(r, 100));
    }
    expect(killed, 'never saw the migration running').to.equal(true);
    const r = await child;
    expect(r.exitCode, r.stderr + r.stdout).to.equal(3);
    expect(r.stderr).to.match(/PostgreSQL server crashed during the check: .*terminated by signal 9/);
    expect(r.stdout + r.stderr).to.not.match(/migration-failed|Unexpected error|knex:/);
    expect(await postgresPids(tmp)).to.deep.equal([]);
    // Only the server log, kept on purpose where the message says, for the user to read.
    const kept = `pre-commit-check-postgres-failure-${process.getuid?.() ?? 0}.log`;
    expect(leftovers(tmp, project)).to.deep.equal([kept]);
    expect(r.stderr).to.include(join(tmp, kept));
    expect(readFileSync(join(tmp, kept), 'utf8')).to.match(/terminated by signal 9/);
  });

  it('Ctrl-C in the middle of a run stops PostgreSQL, removes its files and exits non-zero', async () => {
    // A migration that sleeps keeps the run inside the database stage long enough to interrupt it.
    project.write(
      'migrations/20260102000000_slow.ts',
      `import type { Knex } from 'knex';\nexport async function up(knex: Knex) { await knex.raw('select pg_sleep(30)'); }\nexport async function down() {}\n`,
    );
    const child = execa(BIN, ['check'], { cwd: project.dir, reject: false, env: { TMPDIR: tmp, PRE_COMMIT_CHECK_RUN_DIR: tmp, NO_COLOR: '1' } });
    // wait until the server is up (a postgres process of ours appears)
    const deadline = Date.now() + 30_000;
    let sawServer = false;
    while (Date.now() < deadline && !sawServer) {
      sawServer = (await postgresPids(tmp)).length + (await postgresPids(project.dir)).length > 0;
      if (!sawServer) await new Promise((r) => setTimeout(r, 100));
    }
    expect(sawServer, 'the run never started its server').to.equal(true);
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode === null ? 130 : r.exitCode).to.not.equal(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(await postgresPids(tmp)).to.deep.equal([]);
    expect(await postgresPids(project.dir)).to.deep.equal([]);
    expect(leftovers(tmp, project)).to.deep.equal([]);
  });
});

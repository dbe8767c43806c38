// `pre-commit-check clean`: removes what killed runs left (their servers, run directories, staged
// snapshots here; their scratch databases on the user's server), never what a live run owns, and
// says what it removed or that there was nothing to clean.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { startServer, type PgServer } from '../../src/postgres/index.ts';
import { LOCK_CLASS, lockKey } from '../../src/postgres/scratch.ts';
import { CLEAN_FILES, makeProject, runCli, type TempProject } from '../helpers/project.ts';
import { REPO_ROOT } from '../helpers/pg.ts';
import { makeRunDir, spawnHolder, type Holder } from '../helpers/holder.ts';
import { isAlive, settle, watchdogOf } from '../postgres/procs.ts';

async function sql<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client(url);
  c.on('error', () => {});
  try {
    await c.connect();
    return (await c.query<T>(text, params)).rows;
  } finally {
    await c.end().catch(() => {});
  }
}

describe('cli: pre-commit-check clean', function () {
  this.timeout(120_000);
  let project: TempProject;
  let runDir: string;
  let holders: Holder[];
  beforeEach(() => {
    project = makeProject(CLEAN_FILES, { localCache: true });
    runDir = makeRunDir();
    holders = [];
  });
  afterEach(async () => {
    for (const h of holders) h.child.kill('SIGTERM');
    await Promise.all(holders.map((h) => h.exit));
    project.remove();
    rmSync(runDir, { recursive: true, force: true });
  });
  // runCli puts the server's run directory in TMPDIR when a test sets one.
  const clean = (args: string[] = []) => runCli(['clean', ...args], { cwd: project.dir, env: { TMPDIR: runDir } });

  it("removes a killed run's server, run directory and snapshot, leaves a live run's alone, then finds nothing", async () => {
    const live = spawnHolder({ runDir });
    const dead = spawnHolder({ runDir });
    holders.push(live, dead);
    const [alive, killed] = await Promise.all([live.up, dead.up]);
    // Killed outright, and its watchdog too: its server keeps running with nobody to stop it.
    process.kill(watchdogOf(killed.tempDir)!, 'SIGKILL');
    dead.child.kill('SIGKILL');
    await dead.exit;
    const gonePid = spawnSync('true').pid!; // a pid that no longer runs
    const snapshot = join(project.dir, 'node_modules/.cache/pre-commit-check', `staged-${gonePid}-0badcafe`);
    mkdirSync(join(snapshot, 'models'), { recursive: true });

    const r = await clean();
    expect(r.exitCode, r.stderr).to.equal(0);
    expect(r.stdout).to.include(`stopped the embedded PostgreSQL (pid ${killed.pid}) of a dead run in ${killed.tempDir}`);
    expect(r.stdout).to.include(`removed the run directory ${killed.tempDir}`);
    expect(r.stdout).to.include(`removed the staged snapshot ${snapshot}`);
    expect(await settle(() => (isAlive(killed.pid) ? ['server'] : []), 5000)).to.deep.equal([]);
    expect(existsSync(killed.tempDir)).to.equal(false);
    expect(existsSync(snapshot)).to.equal(false);
    // The live run: untouched, still serving.
    expect(isAlive(alive.pid)).to.equal(true);
    expect(existsSync(alive.tempDir)).to.equal(true);
    expect(r.stdout).to.not.include(alive.tempDir);

    // Nothing of ours is left to clean (on a shared machine, other runs' leftovers may be).
    const again = await clean();
    expect(again.exitCode).to.equal(0);
    expect(again.stdout.split('\n').filter((l) => l.includes(runDir) || l.includes(project.dir))).to.deep.equal([]);
    if (!/pcc-pg-/.test(again.stdout)) expect(again.stdout.trim()).to.match(/^nothing to clean/);
  });

  describe('--database-url', () => {
    let users: PgServer;
    before(async () => {
      const dir = makeRunDir('pcc-users-');
      process.env.PRE_COMMIT_CHECK_RUN_DIR = dir;
      try {
        users = await startServer({ projectRoot: REPO_ROOT, useCache: true }); // "the user's server", of its own
      } finally {
        delete process.env.PRE_COMMIT_CHECK_RUN_DIR;
      }
    });
    after(async () => users?.stop());

    it("drops the scratch databases of runs that are gone, keeps a live run's and every other database", async () => {
      const liveRun = await startServer({ projectRoot: REPO_ROOT, useCache: true, databaseUrl: users.adminUrl });
      const deadRun = await startServer({ projectRoot: REPO_ROOT, useCache: true, databaseUrl: users.adminUrl });
      const scratch = async () => (await sql<{ datname: string }>(users.adminUrl, "SELECT datname FROM pg_database WHERE datname LIKE 'pcc%' ORDER BY 1")).map((r) => r.datname);
      try {
        const kept = await liveRun.createDatabase('live');
        const left = await deadRun.createDatabase('dead');
        await sql(users.adminUrl, 'CREATE DATABASE pcc_mine');
        // The dead run's session ends as a SIGKILL would end it, and its lock with it.
        await sql(users.adminUrl, "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND objid = $2", [LOCK_CLASS, lockKey(left.name)]);
        await new Promise((r) => setTimeout(r, 300));

        const r = await clean(['--database-url', users.adminUrl]);
        expect(r.exitCode, r.stderr).to.equal(0);
        expect(r.stdout).to.match(new RegExp(`dropped the scratch database ${left.name} on postgres://postgres:\\*\\*\\*@127\\.0\\.0\\.1:\\d+/postgres \\(left by pid ${process.pid} on `));
        expect(r.stdout).to.include('left 1 scratch database that a live run owns');
        expect(r.stdout + r.stderr).to.not.include(new URL(users.adminUrl).password);
        expect(await scratch()).to.deep.equal([kept.name, 'pcc_mine'].sort());
      } finally {
        await liveRun.stop();
        await deadRun.stop().catch(() => {});
        await sql(users.adminUrl, 'DROP DATABASE IF EXISTS pcc_mine');
      }
    });
  });
});

// --database-url: scratch databases are tracked before CREATE DATABASE is sent, claimed by their run
// (an advisory lock held by its session, a comment for people), and a sweep drops only those of our
// exact name pattern that no live run owns.
import { expect } from 'chai';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startServer, type PgServer } from '../../src/postgres/index.ts';
import { sweepDatabases } from '../../src/postgres/db-sweep.ts';
import { COMMENT_MARK, LOCK_CLASS } from '../../src/postgres/scratch.ts';
import { REPO_ROOT } from '../helpers/pg.ts';

async function client(url: string): Promise<pg.Client> {
  const c = new pg.Client(url);
  c.on('error', () => {});
  await c.connect();
  return c;
}

/** The URL of database `db` on the same server as `url`. */
const onDb = (url: string, db: string) => Object.assign(new URL(url), { pathname: `/${db}` }).toString();

describe('postgres: scratch databases on the user\'s server', function () {
  this.timeout(60_000);
  // "The user's server": an embedded server of its own, so that no other test's database is near.
  let users: PgServer;
  let runDir: string;
  let admin: pg.Client;
  const scratchNames = async () =>
    (await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'pcc\\_%' ORDER BY 1")).rows.map((r) => r.datname);

  before(async () => {
    runDir = mkdtempSync(path.join(os.tmpdir(), 'pcc-users-'));
    chmodSync(runDir, 0o755);
    const saved = process.env.PRE_COMMIT_CHECK_RUN_DIR;
    process.env.PRE_COMMIT_CHECK_RUN_DIR = runDir;
    try {
      users = await startServer({ projectRoot: REPO_ROOT, useCache: true });
    } finally {
      if (saved === undefined) delete process.env.PRE_COMMIT_CHECK_RUN_DIR;
      else process.env.PRE_COMMIT_CHECK_RUN_DIR = saved;
    }
    admin = await client(users.adminUrl);
  });
  after(async () => {
    await admin?.end();
    await users?.stop();
    rmSync(runDir, { recursive: true, force: true });
  });

  it('a database whose CREATE DATABASE is running when the run stops (Ctrl-C) is dropped too', async function () {
    const server = await startServer({ projectRoot: REPO_ROOT, useCache: true, databaseUrl: users.adminUrl });
    // Hold CREATE DATABASE up on the server (it inserts into pg_database), as a busy server would.
    const blocker = await client(users.adminUrl);
    await blocker.query('BEGIN; LOCK TABLE pg_catalog.pg_database IN EXCLUSIVE MODE');
    const creating = server.createDatabase('racing').catch((e: Error) => e);
    const creates = async (waiting: boolean) =>
      (
        await admin.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'CREATE DATABASE "pcc\\_racing\\_%'${waiting ? " AND wait_event_type = 'Lock'" : " AND state = 'active'"}`,
        )
      ).rows[0]!.n;
    for (let i = 0; i < 200 && (await creates(true)) === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await creates(true), 'CREATE DATABASE never started').to.equal(1);
    const stopping = server.stop(); // what the cleanup registry does on Ctrl-C
    await new Promise((r) => setTimeout(r, 200));
    await blocker.query('ROLLBACK');
    await blocker.end();
    await stopping;
    await creating;
    // An orphaned CREATE (its client gone) still runs to its end on the server: wait for it.
    for (let i = 0; i < 500 && (await creates(false)) > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await scratchNames()).to.deep.equal([]);
  });

  it("holds its run's lock: a sweep (from any database of the server) keeps it while the run lives, drops it once the run is gone", async function () {
    const run = await startServer({ projectRoot: REPO_ROOT, useCache: true, databaseUrl: users.adminUrl });
    const db = await run.createDatabase('owned');
    const comment = (await admin.query<{ c: string }>("SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = $1", [db.name])).rows[0]!.c;
    expect(comment).to.match(new RegExp(`^${COMMENT_MARK} of pid ${process.pid} on `));

    const elsewhere = await client(onDb(users.adminUrl, 'template1')); // another database: another advisory lock scope
    try {
      const kept = await sweepDatabases(elsewhere);
      expect(kept.kept).to.deep.equal([{ name: db.name, reason: 'owned' }]);
      expect(kept.dropped).to.deep.equal([]);
      expect(await scratchNames()).to.deep.equal([db.name]);

      // The run dies without cleaning up (SIGKILL): its sessions end, and its lock with them.
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = $1", [LOCK_CLASS]);
      await new Promise((r) => setTimeout(r, 200));
      const swept = await sweepDatabases(elsewhere);
      expect(swept.dropped.map((d) => d.name)).to.deep.equal([db.name]);
      expect(await scratchNames()).to.deep.equal([]);
    } finally {
      await elsewhere.end();
      await run.stop();
    }
  });

  it('never touches a database it did not create: other names, and an older version\'s one in use', async function () {
    const names = ['pcc_notours', 'pcc_x_012345678', 'pcc_x_0123456789abc', 'pcc_older_0123456789', 'app'];
    for (const n of names) await admin.query(`CREATE DATABASE "${n}"`);
    const session = await client(onDb(users.adminUrl, 'pcc_older_0123456789'));
    try {
      const r = await sweepDatabases(admin);
      expect(r.dropped).to.deep.equal([]);
      expect(r.kept).to.deep.equal([{ name: 'pcc_older_0123456789', reason: 'in-use' }]);
      // Unclaimed, of our exact pattern, and nobody connected: it goes.
      await session.end();
      expect((await sweepDatabases(admin)).dropped.map((d) => d.name)).to.deep.equal(['pcc_older_0123456789']);
      expect(await scratchNames()).to.deep.equal(['pcc_notours', 'pcc_x_012345678', 'pcc_x_0123456789abc']);
    } finally {
      await session.end().catch(() => {});
      for (const n of names) await admin.query(`DROP DATABASE IF EXISTS "${n}"`);
    }
  });
});

// Honest interrupts, end to end: SIGINT / SIGTERM to the real binary in the middle of its work (a
// migration running) says so in one line on stderr, reports no finding, writes nothing, exits 130 /
// 143, and leaves nothing: no server, no run directory, no scratch database on the user's server.
import { expect } from 'chai';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import pg from 'pg';
import { BIN, CLEAN_FILES, leftovers, makeProject, postgresPids, type TempProject } from '../helpers/project.ts';
import { sharedServer } from '../helpers/pg.ts';
import { childrenOf, commandLine } from '../postgres/procs.ts';

const INTERRUPTED = /^Interrupted by (SIGINT|SIGTERM): the run stopped before its end/m;
/** A migration that keeps the run inside the database stage (its query visible as pg_sleep). */
const SLOW = `import type { Knex } from 'knex';\nexport async function up(knex: Knex) { await knex.raw('select pg_sleep(30)'); }\nexport async function down() {}\n`;

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client(url);
  c.on('error', () => {});
  try {
    await c.connect();
    return (await c.query<T>(text)).rows;
  } finally {
    await c.end().catch(() => {});
  }
}

/** Until `probe` is true (every 100 ms, at most `ms`). */
async function until(probe: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await probe()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** The run's slow migration is executing: a backend of a server under `dir` runs its SELECT. */
async function sleepingUnder(dir: string): Promise<boolean> {
  const servers = (await postgresPids(dir)).map(Number);
  return servers.some((pid) => childrenOf(pid).some((c) => /pcc_(migrated|pull)_.*SELECT/.test(commandLine(c))));
}

describe('cli: interrupted runs', function () {
  this.timeout(120_000);
  let project: TempProject;
  let tmp: string;
  let children: ResultPromise[] = [];
  beforeEach(() => {
    children = [];
    project = makeProject({ ...CLEAN_FILES, 'migrations/20260102000000_slow.ts': SLOW });
    tmp = mkdtempSync(join(tmpdir(), 'pcc-int-tmp-'));
    chmodSync(tmp, 0o755);
  });
  afterEach(async () => {
    for (const c of children) c.kill('SIGKILL');
    await Promise.all(children);
    project.remove();
    rmSync(tmp, { recursive: true, force: true });
  });
  const start = (args: string[]): ResultPromise => {
    const child = execa(BIN, args, { cwd: project.dir, reject: false, stdin: 'ignore', env: { TMPDIR: tmp, PRE_COMMIT_CHECK_RUN_DIR: tmp, NO_COLOR: '1', CI: '' } });
    children.push(child);
    return child;
  };

  /** The end of an interrupted run: its status, one line, no finding, nothing written or left. */
  async function expectHonest(child: ResultPromise, signal: 'SIGINT' | 'SIGTERM') {
    const r = await child;
    const status = signal === 'SIGINT' ? 130 : 143;
    expect(r.exitCode, `${r.stderr}${r.stdout}`).to.equal(status);
    expect(String(r.stderr).match(new RegExp(INTERRUPTED.source, 'gm')), String(r.stderr)).to.have.length(1);
    expect(String(r.stdout), 'stdout').to.equal('');
    expect(String(r.stderr)).to.not.match(/migration-failed|missing-|error finding|Unexpected error|initdb|--no-cache|knex/i);
    expect(await postgresPids(tmp)).to.deep.equal([]);
    expect(leftovers(tmp, project)).to.deep.equal([]);
  }

  for (const [args, signal] of [
    [['check'], 'SIGTERM'],
    [['generate', '--name', 'x'], 'SIGINT'],
    [['pull', '--out', 'pulled'], 'SIGINT'],
  ] as const) {
    it(`${args[0]}: ${signal} while a migration runs exits ${signal === 'SIGINT' ? 130 : 143}, says so once, writes nothing`, async () => {
      const child = start([...args]);
      expect(await until(() => sleepingUnder(tmp), 60_000), 'the migration never ran').to.equal(true);
      child.kill(signal);
      await expectHonest(child, signal);
      expect(existsSync(join(project.dir, 'pulled'))).to.equal(false);
      expect(readdirSync(join(project.dir, 'migrations'))).to.have.length(2);
    });
  }

  it('check --full --database-url: SIGINT in the round trip exits 130, no finding, no scratch database left', async () => {
    const users = await sharedServer();
    const scratch = async () => (await query<{ datname: string }>(users.adminUrl, "SELECT datname FROM pg_database WHERE datname LIKE 'pcc\\_%'")).map((r) => r.datname);
    const before = new Set(await scratch());
    const child = start(['check', '--full', '--database-url', users.adminUrl]);
    const sleeping = async () =>
      (await query<{ n: number }>(users.adminUrl, "SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'select pg_sleep%' AND datname LIKE 'pcc\\_migrated\\_%'"))[0]!.n > 0;
    expect(await until(sleeping, 60_000), 'the migration never ran').to.equal(true);
    child.kill('SIGINT');
    await expectHonest(child, 'SIGINT');
    expect((await scratch()).filter((d) => !before.has(d))).to.deep.equal([]);
  });
});

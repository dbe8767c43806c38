// Leaving nothing behind when the process running the provider is interrupted or killed, at any
// moment: while initdb runs, while the server starts, once it is up; and when even the watchdog was
// killed, the next run's sweep.
import { expect } from 'chai';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { startServer } from '../../src/postgres/index.ts';
import { sweepParent } from '../../src/postgres/sweep.ts';
import { REPO_ROOT } from '../helpers/pg.ts';
import { makeRunDir, spawnHolder, type Holder } from '../helpers/holder.ts';
import { commandLine, isAlive, leftovers, posixShmMappedBy, processesUnder, settle, sysvSegments, waitFor, watchdogOf } from './procs.ts';

/** Everything of the runs under `runDir`: processes working there and entries left in it. */
const everything = (runDir: string) => [...processesUnder(runDir).map((p) => `process ${p}: ${commandLine(p)}`), ...readdirSync(runDir)];

describe('postgres: cleanup on signals', function () {
  this.timeout(90_000);
  let runDir: string;
  let holders: Holder[] = [];
  beforeEach(() => {
    runDir = makeRunDir();
    holders = [];
  });
  afterEach(async () => {
    for (const h of holders) h.child.kill('SIGKILL');
    await Promise.all(holders.map((h) => h.exit));
    await sweepParent(runDir); // whatever a failed test left
    rmSync(runDir, { recursive: true, force: true });
  });
  const hold = (options: { cache?: boolean } = {}) => {
    const h = spawnHolder({ runDir, ...options });
    holders.push(h);
    return h;
  };

  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    it(`${sig} to the process stops PostgreSQL, removes its files and exits non-zero`, async function () {
      const held = await hold().up;
      expect(leftovers(held.pid, held.tempDir)).to.include(`postmaster ${held.pid} still running`);
      holders[0]!.child.kill(sig);
      const { code, signal } = await holders[0]!.exit;
      // Re-raised with the default action: the shell would see 128 + n.
      expect(signal ?? code, 'exit status').to.equal(sig);
      expect(await settle(() => leftovers(held.pid, held.tempDir), 3000)).to.deep.equal([]);
    });
  }

  it('SIGKILL to the process: the watchdog stops PostgreSQL and removes its files', async function () {
    const held = await hold().up;
    holders[0]!.child.kill('SIGKILL');
    const { signal } = await holders[0]!.exit;
    expect(signal).to.equal('SIGKILL');
    expect(await settle(() => leftovers(held.pid, held.tempDir), 15_000)).to.deep.equal([]);
  });

  it('SIGKILL while initdb runs (empty cache): initdb is stopped and the run directory removed', async function () {
    const h = hold({ cache: false });
    const initdb = await waitFor(() => processesUnder(runDir).find((p) => /\/initdb /.test(commandLine(p))), 60_000);
    expect(initdb, 'initdb never started').to.be.a('number');
    h.child.kill('SIGKILL');
    await h.exit;
    expect(await settle(() => everything(runDir), 20_000)).to.deep.equal([]);
  });

  it('SIGKILL right after postgres is spawned, before it answers: the server does not outlive the process', async function () {
    const h = hold();
    const server = await waitFor(() => processesUnder(runDir).find((p) => /\/postgres -D /.test(commandLine(p))), 60_000);
    expect(server, 'postgres never started').to.be.a('number');
    h.child.kill('SIGKILL');
    await h.exit;
    expect(await settle(() => everything(runDir), 20_000)).to.deep.equal([]);
  });

  it('SIGINT while initdb runs: its bootstrap backend ends cleanly, no shared memory is left', async function () {
    const h = hold({ cache: false });
    // initdb's bootstrap and single-user backends (postgres processes working in the run's data
    // directory), and the /dev/shm files they map, watched from the first one on.
    const backends = new Set<number>();
    const files = new Set<string>();
    const watch = () => {
      for (const p of processesUnder(runDir).filter((p) => /\/postgres (--boot|--single)/.test(commandLine(p)))) {
        backends.add(p);
        for (const f of posixShmMappedBy(p)) files.add(f);
      }
      return backends.size ? true : undefined;
    };
    expect(await waitFor(watch, 60_000), 'the bootstrap backend never started').to.equal(true);
    // Mid-work (old code leaked every time 150-500 ms in: the directory was removed under the backend).
    await waitFor(() => void watch(), 300);
    h.child.kill('SIGINT');
    const { code, signal } = await h.exit;
    expect(signal ?? code, 'ended by the signal, or by startServer rejecting with INTERRUPTED').to.be.oneOf(['SIGINT', 1]);
    expect(await settle(() => everything(runDir), 20_000)).to.deep.equal([]);
    expect(sysvSegments().filter((s) => backends.has(s.cpid)), 'SysV segments of the backends').to.deep.equal([]);
    expect([...files].filter((f) => readdirSync('/dev/shm').includes(path.basename(f))), '/dev/shm files of the backends').to.deep.equal([]);
  });

  it('a server whose process and watchdog were both killed is stopped by the next run, its directory removed', async function () {
    const held = await hold().up;
    const watchdog = watchdogOf(held.tempDir);
    expect(watchdog, 'no watchdog found').to.be.a('number');
    process.kill(watchdog!, 'SIGKILL');
    holders[0]!.child.kill('SIGKILL');
    await holders[0]!.exit;
    await new Promise((r) => setTimeout(r, 500));
    expect(isAlive(held.pid), 'the orphaned server runs').to.equal(true);

    const next = await withRunDir(runDir, () => startServer({ projectRoot: REPO_ROOT, useCache: true }));
    await next.stop(); // waits for its sweep
    expect(isAlive(held.pid), 'the orphaned server still runs').to.equal(false);
    expect(await settle(() => everything(runDir), 5000)).to.deep.equal([]);
  });

  it('the shared memory of a server that died uncleanly is freed by the next run, proven by its postmaster.pid', async function () {
    const held = await hold().up;
    process.kill(watchdogOf(held.tempDir)!, 'SIGKILL');
    holders[0]!.child.kill('SIGKILL');
    await holders[0]!.exit;
    const [key, id] = readFileSync(path.join(held.dataDir, 'postmaster.pid'), 'utf8').split('\n')[6]!.trim().split(/\s+/);
    process.kill(held.pid, 'SIGKILL'); // no shutdown at all: the segment stays
    expect(await settle(() => (isAlive(held.pid) ? ['postmaster'] : []), 5000)).to.deep.equal([]);
    const segment = () => sysvSegments().filter((s) => s.key === key && s.id === id);
    expect(await settle(() => segment().filter((s) => s.nattch > 0).map((s) => s.id), 5000)).to.deep.equal([]);
    expect(segment(), 'the dead server left its segment').to.have.length(1);

    const next = await withRunDir(runDir, () => startServer({ projectRoot: REPO_ROOT, useCache: true }));
    await next.stop();
    expect(segment()).to.deep.equal([]);
    expect(await settle(() => everything(runDir), 5000)).to.deep.equal([]);
  });
});

/** Run `fn` with PRE_COMMIT_CHECK_RUN_DIR set to `dir` (the provider reads it when it starts). */
async function withRunDir<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.PRE_COMMIT_CHECK_RUN_DIR;
  process.env.PRE_COMMIT_CHECK_RUN_DIR = dir;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.PRE_COMMIT_CHECK_RUN_DIR;
    else process.env.PRE_COMMIT_CHECK_RUN_DIR = saved;
  }
}

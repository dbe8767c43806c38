// Removing what runs that died without cleaning up (SIGKILL, a crash, a power cut) left on this
// machine: their embedded servers still running, their run directories, the SysV shared memory
// segment of a server that could not shut down cleanly, half-written spares and template copies,
// staged snapshots of the hook, half-written migrated snapshots (in the cache's snapshots/). Used at the start of each embedded run (for its own run parent and
// the project's cache) and by `pre-commit-check clean` (every place a run can use).
//
// What is removed must be proven to belong to a dead owner (owner.ts): a live run's files, a run of
// another machine, and anything the tool did not name are never touched. A process is signalled only
// if its pid is recorded in the run's directory (pids, postmaster.pid), it runs as the user that owns
// that directory, and its working directory or command line is in it; a shared memory segment is
// removed only if the run's postmaster.pid names its key and id, it has the same owner, and no process
// is attached to it any more.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { removeTree, sleep } from './proc.ts';
import { ownerState, pidEntryState, processAlive, readOwner, type OwnerState } from './owner.ts';
import { PIDS_FILE } from './watchdog.ts';
import { SNAPSHOTS_DIR } from './snapshot.ts';
import { SNAP_SPARE_PREFIX, SNAP_SPARE_STALE_MS } from './snapshot-spare.ts';

export const RUN_PREFIX = 'pcc-pg-';
export const SOCKET_PREFIX = 'pcc-s-';
export const SPARE_TMP_PREFIX = 'pcc-sparetmp-';
/** A directory of an older version (no owner.json) is only removed when older than this and its server is gone. */
const LEGACY_STALE_MS = 10 * 60 * 1000;
const STOP_WAIT_MS = 5_000;
const KILL_WAIT_MS = 2_000;

/** One thing a sweep removed (or found and could not remove). */
export interface Swept {
  kind: 'server' | 'process' | 'run-dir' | 'socket-dir' | 'shared-memory' | 'snapshot' | 'temp-dir';
  /** The directory it belonged to. */
  path: string;
  /** pid, segment id, … */
  detail?: string;
  /** Set when it could not be removed: why. */
  failed?: string;
}

/** Entries of `parent` a sweep looks at, and how each one's owner is found. */
function classify(name: string): 'run' | 'socket' | 'pid-named' | 'legacy-spare' | 'snapshots' | 'snapshot-spare' | undefined {
  if (name.startsWith(RUN_PREFIX)) return 'run';
  if (name.startsWith(SNAP_SPARE_PREFIX)) return 'snapshot-spare';
  if (name === SNAPSHOTS_DIR) return 'snapshots';
  if (name.startsWith(SOCKET_PREFIX)) return 'socket';
  if (pidOfName(name) !== undefined) return 'pid-named';
  if (name.startsWith(SPARE_TMP_PREFIX)) return 'legacy-spare';
  return undefined;
}

/** The pid in staged-<pid>-<hex>, pcc-sparetmp-<pid>-<hex>, pgdata-….tmp-<pid>-<hex>, pgdata-….trash-<pid>-<hex>. */
function pidOfName(name: string): number | undefined {
  const m = /^(?:staged-|pcc-sparetmp-)(\d+)-[0-9a-f]+$/.exec(name) ?? /^pgdata-.*\.(?:tmp|trash)-(\d+)-[0-9a-f]+$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** Use to clean a directory where runs put their files; returns what was removed. Never throws. */
export async function sweepParent(parent: string, now = Date.now()): Promise<Swept[]> {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const results = await Promise.all(
    names.map(async (name): Promise<Swept[]> => {
      const dir = path.join(parent, name);
      try {
        switch (classify(name)) {
          case 'run':
            return await sweepRunDir(dir, now);
          case 'socket':
            return ownerOf(dir, now) === 'dead' ? removed(dir, 'socket-dir') : [];
          case 'pid-named':
            return pidEntryState(pidOfName(name)!, dir) === 'dead' ? removed(dir, name.startsWith('staged-') ? 'snapshot' : 'temp-dir') : [];
          case 'snapshots':
            return await sweepSnapshots(dir, now);
          case 'legacy-spare':
            return now - statSync(dir).mtimeMs > LEGACY_STALE_MS ? removed(dir, 'temp-dir') : [];
          case 'snapshot-spare':
            return now - statSync(dir).mtimeMs > SNAP_SPARE_STALE_MS ? removed(dir, 'temp-dir') : [];
          default:
            return [];
        }
      } catch {
        return []; // vanished meanwhile, or not ours to read
      }
    }),
  );
  return results.flat();
}

/**
 * The migrated snapshots' directory (src/postgres/snapshot.ts): an entry's temp or trash copy
 * (<key>.tmp-<pid>-<hex>, <key>.trash-<pid>-<hex>) or meta file being written (<key>.json.<pid>.tmp)
 * of a dead process; a data directory whose meta file never came (its writer died between the two,
 * which are a moment apart), once older than LEGACY_STALE_MS.
 */
async function sweepSnapshots(dir: string, now: number): Promise<Swept[]> {
  const names = readdirSync(dir);
  const metas = new Set(names.filter((n) => n.endsWith('.json')));
  const out = await Promise.all(
    names.map(async (name): Promise<Swept[]> => {
      const entry = path.join(dir, name);
      const pid = /\.(?:tmp|trash)-(\d+)-[0-9a-f]+$/.exec(name)?.[1] ?? /\.json\.(\d+)\.tmp$/.exec(name)?.[1];
      try {
        if (pid !== undefined) return pidEntryState(Number(pid), entry) === 'dead' ? await removed(entry, 'temp-dir') : [];
        const orphan = /^[0-9a-f]{32}$/.test(name) && !metas.has(`${name}.json`) && now - statSync(entry).mtimeMs > LEGACY_STALE_MS;
        return orphan ? await removed(entry, 'temp-dir') : [];
      } catch {
        return []; // vanished meanwhile
      }
    }),
  );
  return out.flat();
}

/** Owner state of a run or socket directory; one without owner.json is an older version's (or just made). */
function ownerOf(dir: string, now: number): OwnerState {
  const owner = readOwner(dir);
  if (owner) return ownerState(owner);
  const st = statSync(dir);
  if (!st.isDirectory() || now - st.mtimeMs < LEGACY_STALE_MS) return 'unknown';
  return legacyServerAlive(dir) ? 'unknown' : 'dead';
}

async function removed(dir: string, kind: Swept['kind']): Promise<Swept[]> {
  await removeTree(dir);
  return [{ kind, path: dir }];
}

/** A run directory of a dead owner: stop what still runs there, free its shared memory, remove it. */
async function sweepRunDir(dir: string, now: number): Promise<Swept[]> {
  if (ownerOf(dir, now) !== 'dead') return [];
  const out: Swept[] = [];
  if (readOwner(dir)) {
    const { stopped, stuck } = await stopRunProcesses(dir);
    out.push(...stopped.map((p) => ({ kind: p.server ? ('server' as const) : ('process' as const), path: dir, detail: `pid ${p.pid}` })));
    if (stuck.length) return [...out, { kind: 'run-dir', path: dir, failed: `process ${stuck.join(', ')} could not be stopped` }];
  }
  const segment = await removeSegment(dir);
  if (segment) out.push(segment);
  await removeTree(dir);
  out.push({ kind: 'run-dir', path: dir });
  return out;
}

/** postmaster.pid of a run directory: [pid (negative for a bootstrap backend), data dir, …, "key shmid"]. */
function postmasterPid(dir: string): string[] | undefined {
  try {
    return readFileSync(path.join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
}

/** An older version's run directory: alive while the pid in its postmaster.pid runs. */
function legacyServerAlive(dir: string): boolean {
  const pid = Math.abs(Number(postmasterPid(dir)?.[0]));
  return Number.isInteger(pid) && pid > 0 && processAlive(pid);
}

/** The pids recorded in a run directory that are still processes of that run (see the file comment). */
function runProcesses(dir: string): Array<{ pid: number; server: boolean }> {
  let uid: number;
  let real: string;
  try {
    uid = statSync(dir).uid;
    real = realpathSync(dir);
  } catch {
    return [];
  }
  let recorded: number[] = [];
  try {
    recorded = readFileSync(path.join(dir, PIDS_FILE), 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // none spawned yet
  }
  const pm = Math.abs(Number(postmasterPid(dir)?.[0]));
  const all = [...new Set([...recorded, ...(Number.isInteger(pm) && pm > 0 ? [pm] : [])])];
  return all.filter((pid) => Number.isInteger(pid) && pid > 0 && processAlive(pid) && belongsTo(pid, dir, real, uid)).map((pid) => ({ pid, server: pid === pm }));
}

function belongsTo(pid: number, dir: string, real: string, uid: number): boolean {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    if (Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]) !== uid) return false;
    const cwd = realpathSync(`/proc/${pid}/cwd`);
    if (cwd === real || cwd.startsWith(real + path.sep)) return true;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes(dir + path.sep) || cmdline.includes(real + path.sep);
  } catch {
    return false; // no /proc, or the process is gone: nothing proven
  }
}

/** SIGINT (initdb: clean exit; postmaster: fast shutdown), SIGKILL after STOP_WAIT_MS; wait until gone. */
async function stopRunProcesses(dir: string): Promise<{ stopped: Array<{ pid: number; server: boolean }>; stuck: number[] }> {
  const procs = runProcesses(dir);
  const signal = (sig: NodeJS.Signals, pids: number[]) => {
    for (const pid of pids) {
      try {
        process.kill(pid, sig);
      } catch {
        // gone already, or not ours to signal (reported as stuck below)
      }
    }
  };
  const waitGone = async (pids: number[], ms: number) => {
    const end = Date.now() + ms;
    while (pids.some(processAlive) && Date.now() < end) await sleep(50);
    return pids.filter(processAlive);
  };
  const pids = procs.map((p) => p.pid);
  signal('SIGINT', pids);
  let left = await waitGone(pids, STOP_WAIT_MS);
  if (left.length) {
    signal('SIGKILL', left);
    left = await waitGone(left, KILL_WAIT_MS);
  }
  return { stopped: procs.filter((p) => !left.includes(p.pid)), stuck: left };
}

/** The SysV segment named by a dead run's postmaster.pid, removed when proven unused and ours. */
async function removeSegment(dir: string): Promise<Swept | undefined> {
  const line = postmasterPid(dir)?.[6]?.trim();
  const m = line ? /^(\d+)\s+(\d+)$/.exec(line) : null;
  if (!m) return undefined;
  const [key, id] = [m[1]!, m[2]!];
  let uid: number;
  let table: string;
  try {
    uid = statSync(path.join(dir, 'data')).uid;
    table = readFileSync('/proc/sysvipc/shm', 'utf8');
  } catch {
    return undefined;
  }
  // Columns: key shmid perms size cpid lpid nattch uid …
  const row = table
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s+/))
    .find((f) => f[0] === key && f[1] === id);
  if (!row || row[6] !== '0' || Number(row[7]) !== uid) return undefined;
  const failed = await new Promise<string | undefined>((resolve) =>
    execFile('ipcrm', ['-m', id], (error, _out, stderr) => resolve(error ? stderr.trim() || error.message : undefined)),
  );
  return { kind: 'shared-memory', path: dir, detail: `segment ${id} (key ${key})`, ...(failed ? { failed } : {}) };
}

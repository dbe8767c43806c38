// /proc helpers for the postgres tests: check for leftover processes of *our* servers only
// (other servers may run on the same machine, so `pgrep -x postgres` would be wrong here).
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';

function stat(pid: number): { state: string; ppid: number } | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    return { state: rest[0]!, ppid: Number(rest[1]) };
  } catch {
    return undefined;
  }
}

/** True while `pid` runs (a zombie counts as gone). */
export function isAlive(pid: number): boolean {
  const s = stat(pid);
  return s !== undefined && s.state !== 'Z' && s.state !== 'X';
}

const pids = () => readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);

/** Live processes whose parent is `pid` (a postmaster's backends and workers). */
export function childrenOf(pid: number): number[] {
  return pids().filter((p) => stat(p)?.ppid === pid && isAlive(p));
}

/** Live processes whose command line contains `text` (e.g. a run's temp dir). */
export function processesMentioning(text: string): number[] {
  return pids().filter((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(text) && isAlive(p);
    } catch {
      return false;
    }
  });
}

/** Nothing of a server left: no postmaster, no child of it, no process naming its dir, no dir. */
export function leftovers(pid: number, tempDir: string): string[] {
  const found: string[] = [];
  if (isAlive(pid)) found.push(`postmaster ${pid} still running`);
  for (const c of childrenOf(pid)) found.push(`child ${c} of postmaster still running`);
  for (const p of processesMentioning(tempDir)) found.push(`process ${p} mentions ${tempDir}`);
  if (existsSync(tempDir)) found.push(`${tempDir} still exists`);
  return found;
}

/** Poll `check` until it returns an empty list or `ms` pass; returns the last list. */
export async function settle(check: () => string[], ms: number): Promise<string[]> {
  const end = Date.now() + ms;
  let last = check();
  while (last.length > 0 && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    last = check();
  }
  return last;
}

/** Live processes that work in `dir` (their cwd is in it) or name it on their command line. */
export function processesUnder(dir: string): number[] {
  return pids().filter((p) => {
    if (!isAlive(p)) return false;
    try {
      if (readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(dir)) return true;
      return realpathSync(`/proc/${p}/cwd`).startsWith(dir);
    } catch {
      return false;
    }
  });
}

/** The command line of `pid` with spaces, or '' when it is gone. */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** SysV shared memory segments (id, key, creator pid, attached processes), from /proc/sysvipc/shm. */
export function sysvSegments(): Array<{ key: string; id: string; cpid: number; nattch: number }> {
  return readFileSync('/proc/sysvipc/shm', 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length > 6)
    .map((f) => ({ key: f[0]!, id: f[1]!, cpid: Number(f[4]), nattch: Number(f[6]) }));
}

/** The /dev/shm/PostgreSQL.* files `pid` has mapped (POSIX dynamic shared memory). */
export function posixShmMappedBy(pid: number): string[] {
  try {
    return [...new Set(readFileSync(`/proc/${pid}/maps`, 'utf8').match(/\/dev\/shm\/PostgreSQL\.\d+/g) ?? [])];
  } catch {
    return [];
  }
}

/** Poll `probe` every 10 ms until it returns a value or `ms` pass. */
export async function waitFor<T>(probe: () => T | undefined, ms: number): Promise<T | undefined> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The watchdog of the run in `tempDir` (its command line names the run's directory). */
export const watchdogOf = (tempDir: string): number | undefined =>
  processesUnder(tempDir).find((p) => commandLine(p).includes('pcc-pg-watchdog'));

// /proc helpers for the postgres tests: check for leftover processes of *our* servers only
// (other servers may run on the same machine, so `pgrep -x postgres` would be wrong here).
import { existsSync, readdirSync, readFileSync } from 'node:fs';

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

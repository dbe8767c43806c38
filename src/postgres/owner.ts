// Who owns what a run leaves on disk, and whether that owner still lives. A run directory holds
// owner.json (the tool process that made it: pid, the kernel's start time of that pid, boot id,
// host); directories named after a pid (staged-<pid>-…, <template>.tmp-<pid>-…) carry only the pid.
// A later run, or `pre-commit-check clean`, removes only what belongs to a dead owner: never a live
// run's (other runs may be going on at the same time), never what another machine made (a shared
// directory), and never when it cannot tell (owner 'unknown' is treated as alive).
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const OWNER_FILE = 'owner.json';

export interface RunOwner {
  pid: number;
  /** Start time of `pid` in clock ticks since boot (/proc/<pid>/stat field 22); '' when unknown. */
  start: string;
  /** /proc/sys/kernel/random/boot_id; '' when unknown. */
  boot: string;
  host: string;
  /** When the owner made the directory (ms since the epoch). */
  created: number;
}

export type OwnerState = 'alive' | 'dead' | 'unknown';

const readText = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

const bootId = (): string => readText('/proc/sys/kernel/random/boot_id')?.trim() ?? '';

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces): [state, ppid, …]. */
function statFields(pid: number): string[] | undefined {
  const raw = readText(`/proc/${pid}/stat`);
  return raw === undefined ? undefined : raw.slice(raw.lastIndexOf(')') + 2).split(' ');
}

/** The kernel's start time of `pid` (clock ticks since boot), or undefined without /proc. */
export function processStart(pid: number): string | undefined {
  return statFields(pid)?.[19];
}

/** True while `pid` exists and is not a zombie (a zombie holds no resource but its pid). */
export function processAlive(pid: number): boolean {
  const fields = statFields(pid);
  if (fields) return fields[0] !== 'Z' && fields[0] !== 'X';
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This process as the owner of a directory it is about to fill. */
export function currentOwner(): RunOwner {
  return { pid: process.pid, start: processStart(process.pid) ?? '', boot: bootId(), host: os.hostname(), created: Date.now() };
}

/** Use right after creating a run's directory: records this process as its owner. */
export function writeOwner(dir: string): void {
  writeFileSync(path.join(dir, OWNER_FILE), JSON.stringify(currentOwner()), { mode: 0o644 });
}

/** The owner recorded in `dir`, or undefined when there is none (yet) or it is unreadable. */
export function readOwner(dir: string): RunOwner | undefined {
  const text = readText(path.join(dir, OWNER_FILE));
  if (text === undefined) return undefined;
  try {
    const o = JSON.parse(text) as RunOwner;
    return Number.isInteger(o.pid) && o.pid > 0 && typeof o.host === 'string' ? o : undefined;
  } catch {
    return undefined;
  }
}

/** Is the process that wrote `owner` still running? 'unknown' when another machine made it. */
export function ownerState(owner: RunOwner): OwnerState {
  if (owner.host !== os.hostname()) return 'unknown';
  const boot = bootId();
  if (owner.boot && boot && owner.boot !== boot) return 'dead'; // the machine restarted since
  if (!processAlive(owner.pid)) return 'dead';
  const start = processStart(owner.pid);
  // The same pid with another start time is another process: the owner is gone.
  if (owner.start && start !== undefined) return start === owner.start ? 'alive' : 'dead';
  return 'alive';
}

/** Ticks per second of /proc/<pid>/stat start times (USER_HZ: 100 on every Linux Node supports). */
const TICKS_PER_SECOND = 100;

/**
 * For a file or directory named after the pid of the process that made it: 'dead' when no such
 * process runs, or the one that runs started after the entry was made (its pid was reused).
 */
export function pidEntryState(pid: number, entry: string): OwnerState {
  if (!Number.isInteger(pid) || pid <= 0) return 'unknown';
  if (!processAlive(pid)) return 'dead';
  const start = processStart(pid);
  const btime = /^btime (\d+)$/m.exec(readText('/proc/stat') ?? '')?.[1];
  let made: number;
  try {
    const st = statSync(entry);
    made = Math.min(...[st.birthtimeMs, st.ctimeMs, st.mtimeMs].filter((t) => t > 0));
  } catch {
    return 'unknown';
  }
  if (start === undefined || btime === undefined) return 'alive';
  const startedMs = (Number(btime) + Number(start) / TICKS_PER_SECOND) * 1000;
  // Two seconds of slack: btime and the tick count are coarse.
  return startedMs > made + 2000 ? 'dead' : 'alive';
}

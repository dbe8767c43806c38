// Where a run's throwaway data directory lives. PostgreSQL DDL is dominated by file work (every
// table, index and sequence is a file created, extended and synced into the journal), so a
// RAM-backed directory makes migrations and model DDL about 1.5-2x faster than this machine's ext4
// disk (6,000 DDL statements: 3.9-5.6 s on /dev/shm vs 7.6-8.6 s on disk), and copying the template
// there takes 0.05 s instead of 0.5 s. The data directory is thrown away after each run anyway.
//
// Order: $PRE_COMMIT_CHECK_RUN_DIR when set (the user's choice, no fallback); /dev/shm (Linux) when it is a
// tmpfs the server's user can write to with at least RAM_MIN_FREE_BYTES free (a container's default
// 64 MB /dev/shm is skipped: a big schema would fill it); else the project's cache directory; else
// os.tmpdir().
import { accessSync, constants, mkdirSync, realpathSync, statfsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PccError } from '../errors.ts';
import { dbMessages } from '../messages/errors.ts';
import { canAccess } from './binaries.ts';
import { platformTraits } from './platform.ts';
import type { RunAs } from './proc.ts';

export const RUN_DIR_ENV = 'PRE_COMMIT_CHECK_RUN_DIR';
/** Linux's RAM-backed directory (platform.ts: macOS and Windows have none). */
export const RAM_DIR = platformTraits('linux').ramDir!;
/** Free space /dev/shm must have: a 1,000-table check writes about 250 MB there. */
export const RAM_MIN_FREE_BYTES = 1024 ** 3;
const TMPFS_MAGIC = 0x01021994;

export type RunDirKind = 'env' | 'ram' | 'cache' | 'tmp';

/** What the choice depends on, passed in so that tests can describe any machine. */
export interface RunDirProbe {
  env: NodeJS.ProcessEnv;
  /** The operating system (default: this one): only Linux has a RAM directory to use. */
  platform?: NodeJS.Platform;
  /** Free bytes and whether it is a tmpfs, or undefined when `dir` is not there. */
  statfs(dir: string): { free: number; tmpfs: boolean } | undefined;
  /** Can we create entries in `dir` (we make the run's directory, then hand it to the server's user), and can the server's user reach it? */
  writable(dir: string, user: RunAs | undefined): boolean;
}

export const systemProbe: RunDirProbe = {
  env: process.env,
  statfs(dir) {
    try {
      if (!statSync(dir).isDirectory()) return undefined;
      const s = statfsSync(dir);
      return { free: s.bavail * s.bsize, tmpfs: s.type === TMPFS_MAGIC };
    } catch {
      return undefined;
    }
  },
  writable(dir, user) {
    try {
      accessSync(dir, constants.W_OK | constants.X_OK);
    } catch {
      return false;
    }
    return !user || canAccess(dir, user, 1);
  },
};

/**
 * Use to decide where a run's temp directory goes (see the file comment). `useCache` false keeps
 * the project's node_modules/.cache untouched. Throws PccError DB_START_FAILED when the user's
 * $PRE_COMMIT_CHECK_RUN_DIR cannot be used.
 */
export function chooseRunParent(
  projectRoot: string,
  user: RunAs | undefined,
  useCache: boolean,
  probe: RunDirProbe = systemProbe,
): { dir: string; kind: RunDirKind } {
  const wanted = probe.env[RUN_DIR_ENV];
  if (wanted) {
    const dir = path.resolve(wanted);
    try {
      mkdirSync(dir, { recursive: true });
    } catch {
      /* reported below */
    }
    if (!probe.statfs(dir) || !probe.writable(dir, user)) {
      throw new PccError('DB_START_FAILED', dbMessages.runDirUnusable(RUN_DIR_ENV, dir, user?.name), {
        hint: dbMessages.runDirUnusableHint(RUN_DIR_ENV),
      });
    }
    return { dir, kind: 'env' };
  }
  const ramDir = platformTraits(probe.platform).ramDir;
  const ram = ramDir === undefined ? undefined : probe.statfs(ramDir);
  if (ramDir && ram?.tmpfs && ram.free >= RAM_MIN_FREE_BYTES && probe.writable(ramDir, user)) return { dir: ramDir, kind: 'ram' };
  if (useCache) {
    const cache = projectCacheDir(projectRoot, user);
    if (cache) return { dir: cache, kind: 'cache' };
  }
  return { dir: os.tmpdir(), kind: 'tmp' };
}

/** <projectRoot>/node_modules/.cache/pre-commit-check, created, when the server's user can reach it. */
function projectCacheDir(projectRoot: string, user: RunAs | undefined): string | undefined {
  let base = path.join(path.resolve(projectRoot), 'node_modules', '.cache', 'pre-commit-check');
  try {
    mkdirSync(base, { recursive: true });
    base = realpathSync(base); // a staged snapshot reaches it through a node_modules symlink: keep the path short
  } catch {
    return undefined;
  }
  if (user && !canAccess(base, user, 1)) return undefined;
  return base;
}

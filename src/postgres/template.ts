// The template cache: an initialised data directory kept under
// <projectRoot>/node_modules/.cache/pre-commit-check/pgdata-<pgversion>-<hash>/, copied for each run
// so that initdb (the slow part of a cold start) runs once per project and PostgreSQL version.
//
// Atomic: an entry is written into a temp sibling and renamed into place, so a reader sees a whole
// entry or none; two runs racing both end up with one valid entry. An entry holds a marker file
// listing every file and its size; an entry whose listing differs (a file deleted, truncated or
// added, the marker missing) is treated as corrupt and rebuilt.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { copyTree, listTree, removeTree } from './proc.ts';

const FORMAT = 1;
const MARKER = 'pcc-template.json';

interface Marker {
  format: number;
  key: string;
  files: Array<[string, number]>;
}

/** The cache entry for these binaries and initdb arguments (the path may not exist yet). */
export function templateDir(projectRoot: string, pgVersion: string, key: unknown): { dir: string; key: string } {
  const hash = createHash('sha256').update(JSON.stringify({ FORMAT, key })).digest('hex').slice(0, 12);
  const base = path.join(path.resolve(projectRoot), 'node_modules', '.cache', 'pre-commit-check');
  return { dir: path.join(base, `pgdata-${pgVersion}-${hash}`), key: hash };
}

/** Why the entry at `dir` cannot be used, or undefined when it is whole; 'missing' when there is none. */
export async function checkTemplate(dir: string, key: string): Promise<string | undefined> {
  let marker: Marker;
  try {
    marker = JSON.parse(await fs.readFile(path.join(dir, MARKER), 'utf8')) as Marker;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      try {
        await fs.access(dir);
      } catch {
        return 'missing';
      }
      return 'marker file missing';
    }
    return 'marker file unreadable';
  }
  if (marker.format !== FORMAT || marker.key !== key || !Array.isArray(marker.files)) return 'marker file outdated';
  let files: Array<[string, number]>;
  try {
    files = (await listTree(dir)).filter(([f]) => f !== MARKER);
  } catch {
    return 'unreadable';
  }
  if (files.length !== marker.files.length) return `${marker.files.length - files.length} file(s) missing or added`;
  for (let i = 0; i < files.length; i++) {
    const [f, size] = files[i]!;
    const [mf, msize] = marker.files[i]!;
    if (f !== mf) return `file ${mf} missing`;
    if (size !== msize) return `file ${f} changed size`;
  }
  return undefined;
}

/**
 * Store a freshly initialised (never started) data directory as the entry `dir`. Throws on I/O
 * failure (the caller only warns: the cache is an optimisation). `background`: at the lowest CPU
 * priority, while a check runs beside it.
 */
export async function writeTemplate(dataDir: string, dir: string, key: string, background = false): Promise<void> {
  const owner = process.getuid?.() === 0 ? { uid: 0, gid: 0 } : undefined;
  await writeEntry(dir, key, (tmp) => copyTree(dataDir, tmp, owner, { background }));
}

/**
 * Use to store an entry made by `fill` (which creates the data directory at the path it is given,
 * a temp sibling of `dir`): its marker is written and it is renamed into place. Throws on I/O failure.
 */
export async function writeEntry(dir: string, key: string, fill: (tmp: string) => Promise<void>): Promise<void> {
  await fs.mkdir(path.dirname(dir), { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await fill(tmp);
    const files = (await listTree(tmp)).filter(([f]) => f !== MARKER);
    const marker: Marker = { format: FORMAT, key, files };
    await fs.writeFile(path.join(tmp, MARKER), JSON.stringify(marker));
    try {
      await fs.rename(tmp, dir);
    } catch {
      // Target exists: another run finished first (keep theirs) or it is corrupt (replace it).
      if ((await checkTemplate(dir, key)) !== undefined) {
        await discardTemplate(dir);
        await fs.rename(tmp, dir);
      }
    }
  } finally {
    await removeTree(tmp);
  }
}

/** Remove an entry atomically (rename away first, so no reader sees half of it); never throws. */
export async function discardTemplate(dir: string): Promise<void> {
  const trash = `${dir}.trash-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await fs.rename(dir, trash);
  } catch {
    return;
  }
  await removeTree(trash);
}

/** Copy the entry into `dataDir` for a run, owned by `owner`; the marker file is left out. */
export async function copyTemplate(dir: string, dataDir: string, owner?: { uid: number; gid: number }, signal?: AbortSignal): Promise<void> {
  await copyTree(dir, dataDir, owner, { signal });
  await fs.rm(path.join(dataDir, MARKER), { force: true });
}

// The data directory a run that kept a migrated snapshot hands to the next run: once its server has
// stopped, the run's data directory holds exactly what the snapshot holds (every other database was
// dropped before it was taken, and nothing wrote since), so instead of being removed it is renamed
// to pcc-snapspare-<snapshotKey>-<random> next to the run directories. The next run resuming from
// that snapshot claims it with one rename instead of copying the snapshot (the largest part of its
// server start on a long history: ~1,900 files, 38 MB at 150 tables). Only when the run directory
// is in the project's disk cache (as spare.ts does for the template: in RAM the copy is cheap and a
// spare would hold RAM between runs). At most one is kept per run parent; one left unclaimed for
// SNAP_SPARE_STALE_MS is removed by the sweep of a later run or of `clean` (sweep.ts).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { removeTree } from './proc.ts';

export const SNAP_SPARE_PREFIX = 'pcc-snapspare-';
/** An unclaimed spare older than this is removed by the sweep (it holds RAM when the run parent is /dev/shm). */
export const SNAP_SPARE_STALE_MS = 60 * 60 * 1000;
/** What only described the stopped server: never carried to the next run. */
const LIVE_FILES = ['postmaster.pid', 'postmaster.opts'];

/** Use after the run's server has stopped (never while it runs): moves its data directory aside for the next run from `key`; other spares in `parent` go. Never throws. */
export async function handOffDataDir(parent: string, dataDir: string, key: string): Promise<void> {
  try {
    await removeSnapshotSpares(parent);
    for (const f of LIVE_FILES) await fs.rm(path.join(dataDir, f), { force: true });
    await fs.rename(dataDir, path.join(parent, `${SNAP_SPARE_PREFIX}${key}-${randomBytes(4).toString('hex')}`));
  } catch {
    // the run directory is removed with it, as without a spare
  }
}

/** Use before copying the snapshot of `key`: moves a spare of it to `dataDir`; false when there is none (or another run took it). */
export async function claimSnapshotSpare(parent: string, key: string, dataDir: string): Promise<boolean> {
  const names = await fs.readdir(parent).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(`${SNAP_SPARE_PREFIX}${key}-`))) {
    try {
      await fs.rename(path.join(parent, name), dataDir);
      return true;
    } catch {
      // another run took it first
    }
  }
  return false;
}

/** Use to free what spares hold: removes every snapshot spare in `parent` (of any key). Never throws. */
export async function removeSnapshotSpares(parent: string): Promise<void> {
  const names = await fs.readdir(parent).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(SNAP_SPARE_PREFIX)).map((n) => removeTree(path.join(parent, n)).catch(() => {})));
}

// A spare data directory: while a run's server works, a copy of the template is made for the next
// run, so that run claims it with one rename instead of copying ~30 MB on its critical path (the
// copy is the largest part of a warm start: about 0.5 s of ~0.6 s on this machine's disk).
//
// Layout, next to the run directories: pcc-spare-<templateKey>-<random>/data. A spare is made under
// a pcc-sparetmp- name and renamed when whole, so a claimed spare is always a complete copy of a
// verified template. Claiming is a rename of its data/ into the run directory: of two runs racing
// for one spare, one wins and the other copies. A spare of another template key is removed; a
// half-made one of a killed run (pcc-sparetmp-<pid>-…) is removed by the next run's sweep (sweep.ts).
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { onShutdown } from './cleanup.ts';
import { removeTree } from './proc.ts';
import { copyTemplate } from './template.ts';

import { SPARE_TMP_PREFIX } from './sweep.ts';

const PREFIX = 'pcc-spare-';

/** Use before copying the template: moves a ready spare's data/ to `dataDir`; false when there is none. */
export async function claimSpare(parent: string, key: string, dataDir: string): Promise<boolean> {
  let names: string[];
  try {
    names = await fs.readdir(parent);
  } catch {
    return false;
  }
  for (const name of names.filter((n) => n.startsWith(PREFIX))) {
    const dir = path.join(parent, name);
    if (!name.startsWith(`${PREFIX}${key}-`)) {
      await removeTree(dir); // made from a template that is no longer current
      continue;
    }
    try {
      await fs.rename(path.join(dir, 'data'), dataDir);
    } catch {
      continue; // another run took it first
    }
    await fs.rm(dir, { recursive: true, force: true });
    return true;
  }
  return false;
}

/**
 * Use once a run's server is up: starts copying the template into a new spare unless one is ready.
 * Returns a promise that settles when the copy is done (or abandoned); it never rejects. A copy cut
 * short by Ctrl-C is removed by the shutdown registry.
 */
export function prepareSpare(parent: string, key: string, templateDir: string, owner?: { uid: number; gid: number }): Promise<void> {
  return (async () => {
    const names = await fs.readdir(parent).catch(() => [] as string[]);
    if (names.some((n) => n.startsWith(`${PREFIX}${key}-`))) return;
    const suffix = randomBytes(4).toString('hex');
    const tmp = path.join(parent, `${SPARE_TMP_PREFIX}${process.pid}-${suffix}`);
    // On Ctrl-C the copy is killed first (else cp would go on writing into a removed directory).
    const abort = new AbortController();
    let copying: Promise<unknown> = Promise.resolve();
    const unregister = onShutdown(
      async () => {
        abort.abort();
        await copying.catch(() => {});
        await removeTree(tmp);
      },
      () => {
        abort.abort();
        rmSync(tmp, { recursive: true, force: true });
      },
    );
    try {
      await fs.mkdir(tmp);
      if (owner) await fs.chown(tmp, owner.uid, owner.gid);
      copying = copyTemplate(templateDir, path.join(tmp, 'data'), owner, abort.signal);
      await copying;
      await fs.rename(tmp, path.join(parent, `${PREFIX}${key}-${suffix}`));
    } catch {
      await removeTree(tmp);
    } finally {
      unregister();
    }
  })().catch(() => {});
}

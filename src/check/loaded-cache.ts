// The check's cache of model files as loaded (src/cache/index.ts, loaded/): a model file whose contents
// and local imports are unchanged is restored, not imported (src/model-api/load.ts). What was imported
// this run is written at the end of the run, once code that fails late (a timer a model file started)
// has had its chance to: such a file is not kept, so its finding comes back on the next run.
import type { CheckCache } from '../cache/index.ts';
import type { LoadCache } from '../model-api/load.ts';
import type { StoredFile } from '../model-api/stored.ts';
import { readCache, writeCacheEntry } from './check-cache.ts';

/** A LoadCache over the check's cache, with what a run needs to report and store it. */
export interface RunLoadCache extends LoadCache {
  /** How many files were looked up, and how many of them were not in the cache (imported). */
  counts(): { total: number; imported: number };
  /** Use at the end of a run that writes the cache: store the files imported this run, but those in `failedLate` (absolute). */
  flush(failedLate: Set<string>): Promise<void>;
}

/** Use when the run has a cache: reads it now, writes with flush(). */
export function runLoadCache(cache: CheckCache, notes: string[]): RunLoadCache {
  const pending = new Map<string, StoredFile>();
  let total = 0;
  let imported = 0;
  return {
    async get(abs) {
      total++;
      const key = cache.loadKeys.get(abs);
      const hit = key === undefined ? undefined : await readCache(cache.loaded, key, notes);
      if (!hit) imported++;
      return hit;
    },
    put: (abs, stored) => void pending.set(abs, stored),
    counts: () => ({ total, imported }),
    async flush(failedLate) {
      const writes = [...pending].filter(([abs]) => !failedLate.has(abs) && cache.loadKeys.has(abs));
      await Promise.all(writes.map(([abs, stored]) => writeCacheEntry(cache.loaded, cache.loadKeys.get(abs)!, stored, cache.dir)));
      if (writes.length) await cache.loaded.pruneExcept(new Set(cache.loadKeys.values()));
    },
  };
}

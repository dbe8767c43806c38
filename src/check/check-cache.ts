// The check's use of its caches (src/cache/): which of them this run may read and write, the lookup
// of the three entries (result, migrated side, declared side), and storing an entry (a failure is a
// warning, never a failed check). What an entry holds and how it maps to this run: cache-entries.ts.
import type { EntryStore } from '../cache/store.ts';
import { openCheckCache, type CheckCache, type DeclaredEntry, type MigratedEntry, type ResultEntry } from '../cache/index.ts';
import type { ResolvedConfig } from '../config/types.ts';
import type { MigrationSettings } from '../migrations/knexfile.ts';
import { cacheMessages } from '../messages/cache.ts';
import { roundTripPassedPrefix } from '../cache/prefix.ts';
import { passedRoundTrips } from '../cache/round-trip.ts';
import type { RunContext } from './run-context.ts';

/** The inputs of a run that its caches key on and that every stage reads. */
export interface ProjectInputs {
  config: ResolvedConfig;
  root: string;
  settings: MigrationSettings;
  modelFiles: string[];
  /** The files the sources of `from` read (src/sources/): in the cache keys like model files. */
  sourceFiles: string[];
  /** config.migrationTimeout, in seconds. */
  timeoutS: number;
  /** What the conventions look at (see src/conventions/). */
  conventionsSince: Awaited<ReturnType<typeof import('../conventions/index.ts').conventionScope>>;
}

/** Which caches a run uses, and what it found in them. */
export interface CacheLookup {
  cache: CheckCache | undefined;
  /** false: read the caches, never write them (CI). */
  writeCache: boolean;
  /** The commands of config `generated` run (they read a migrated database no cache describes). */
  runsGenerated: boolean;
  /** The result cache is read and written (a clean result served whole). */
  useResult: boolean;
  /** The migrated side may come from the cache (no --full, integration stage nor generated commands). */
  useMigrated: boolean;
  resultHit: ResultEntry | undefined;
  migratedHit: MigratedEntry | undefined;
  declaredHit: DeclaredEntry | undefined;
  /** check --full with the cache: how many migrations, from the first, passed an earlier round trip unchanged (0: none). */
  roundTripPassed: number;
}

/** Use once the project's inputs are known: opens the caches this run may use (only with the embedded server it starts itself) and reads them. */
export async function lookUpCaches(ctx: RunContext, project: ProjectInputs): Promise<CacheLookup> {
  const { options, lap, notes } = ctx;
  const { config, root, settings, modelFiles, sourceFiles, conventionsSince } = project;
  const writeCache = options.writeCache !== false;
  const cache: CheckCache | undefined =
    options.cache !== false && !options.server && config.database === 'embedded'
      ? await lap('cache', () => openCheckCache({ root, config, settings, full: !!options.full, modelFiles: [...modelFiles, ...sourceFiles], conventionScope: conventionsSince }).catch(() => undefined))
      : undefined;
  // The commands of `generated` read a migrated database, and what they write is not in any cache key.
  const runsGenerated = options.generated !== false && config.generated.length > 0;
  const useResult = !!cache && !!options.resultCache && writeCache && !options.integration && !runsGenerated;
  // --full needs a real migration run (the round trip), the integration stage a migrated database.
  const useMigrated = !!cache && !options.full && !options.integration && !runsGenerated;
  const [resultHit, migratedHit, declaredHit] = await lap('cache', () =>
    Promise.all([
      useResult ? readCache(cache!.result, cache!.resultKey, notes) : undefined,
      useMigrated ? readCache(cache!.migrated, cache!.migratedKey, notes) : undefined,
      cache ? readCache(cache.declared, cache.declaredKey, notes).then((hit) => (hit?.overMigrations === undefined || hit.overMigrations === cache.migratedKey ? hit : undefined)) : undefined,
    ]),
  );
  for (const n of notes) ctx.cacheNotes.add(n); // notes about the cache itself are not part of a cached result
  const keys = cache?.prefixes?.keys;
  const roundTripPassed = options.full && writeCache && keys ? roundTripPassedPrefix(keys, await lap('cache', () => passedRoundTrips(cache!.dir))) : 0;
  return { cache, writeCache, runsGenerated, useResult, useMigrated, resultHit, migratedHit, declaredHit, roundTripPassed };
}

/** Use to read a cache entry: the entry, or undefined; a corrupt or foreign one is removed (it is rebuilt by this run) and noted. */
export async function readCache<T>(store: EntryStore<T>, key: string, notes: string[]): Promise<T | undefined> {
  const r = await store.read(key);
  if (r.status === 'hit') return r.value;
  if (r.status === 'corrupt') {
    notes.push(`note: ${cacheMessages.corrupt(r.file, r.reason)}`);
    await store.remove(key);
  }
  return undefined;
}

/** Use to store a cache entry; a failure is a warning on stderr, never a failed check. */
export async function writeCacheEntry<T>(store: EntryStore<T>, key: string, value: T, dir: string): Promise<void> {
  await store.write(key, value).catch((e: Error) => process.stderr.write(`pre-commit-check: ${cacheMessages.writeFailed(dir, e.message)}\n`));
}

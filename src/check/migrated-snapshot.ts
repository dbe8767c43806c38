// Apply only what is new: the check's use of migrated snapshots (src/postgres/snapshot.ts), keyed by
// the prefixes of the migration history (src/cache/prefix.ts). A run finds the longest prefix of its
// history that an earlier run kept, starts the embedded server from that snapshot and applies only
// the migrations after it. A run that applied migrations keeps its final state for the next one when
// that pays: keeping costs a checkpoint and a copy of the data directory (0.5 s at 150 tables, 3 s at
// 1,000), while applying a migration or two again costs tens of ms. So a run keeps its state only
// once the migrations it applied after its snapshot took as long as keeping that snapshot did
// (worthKeeping); until then each run resumes from the older snapshot and applies them again.
import path from 'node:path';
import type { Knex } from 'knex';
import type { Finding } from '../diff/findings.ts';
import { cacheMessages } from '../messages/cache.ts';
import type { CheckCache } from '../cache/index.ts';
import { longestKeptPrefix } from '../cache/prefix.ts';
import type { MigrationInfo } from '../migrations/apply.ts';
import { keptSnapshots, readSnapshot, recordSnapshot, type Snapshot } from '../postgres/snapshot.ts';
import type { PgServer, ScratchDatabase } from '../postgres/types.ts';

/** Use before starting the server: the snapshot of the longest kept prefix of this history (of at most `max` migrations), or undefined (run from zero). */
export async function findResumePoint(cache: CheckCache, max = Infinity): Promise<Snapshot | undefined> {
  const keys = cache.prefixes?.keys;
  if (!keys) return undefined;
  const kept = await keptSnapshots(cache.snapshotsDir);
  for (let k = longestKeptPrefix(keys, kept, max); k > 0; k = longestKeptPrefix(keys, kept, max)) {
    const snapshot = await readSnapshot(cache.snapshotsDir, keys[k]!);
    if (snapshot && snapshot.count === k) return snapshot;
    kept.delete(keys[k]!); // broken (and removed), or not what its key says: a shorter prefix then
  }
  return undefined;
}

/**
 * Use once the migrations ran whole and both sides are read (nothing writes to the server): keeps the
 * migrated state of the whole history as a snapshot, unless this run applied nothing new or the
 * history it ran is not the one the keys describe (a file changed during the run). Throws on I/O
 * failure (the caller only warns).
 */
export async function keepMigratedSnapshot(
  server: PgServer,
  cache: CheckCache,
  db: ScratchDatabase,
  ran: MigrationInfo[],
  resumedAt: number,
  missingDown: string[],
  lastUse = false,
): Promise<boolean> {
  const prefixes = cache.prefixes;
  if (!prefixes || !server.saveSnapshot || ran.length === resumedAt) return false;
  if (ran.length !== prefixes.names.length || ran.some((m, i) => m.name !== prefixes.names[i])) return false;
  const key = prefixes.keys[ran.length]!;
  const t0 = performance.now();
  await server.saveSnapshot({ dir: path.join(cache.snapshotsDir, key), key }, db.name, { lastUse });
  await recordSnapshot(cache.snapshotsDir, { key, count: ran.length, database: db.name, missingDown, keepMs: Math.round(performance.now() - t0) });
  return true;
}

/**
 * What keeping a snapshot is taken to cost while no kept one says (a run from zero, or from an entry
 * that did not record it): about what it costs at 150 tables (0.5-0.8 s). A history that migrates
 * from zero faster than that is cheaper to run again than to keep (the reference schema's 9
 * migrations: 0.6 s). PRE_COMMIT_CHECK_FIRST_KEEP_MS sets another value (0: keep every time).
 */
export const FIRST_KEEP_MS = 1000;
export const FIRST_KEEP_ENV = 'PRE_COMMIT_CHECK_FIRST_KEEP_MS';

/**
 * Use before keeping a run's migrated state: true when the migrations it applied after `resumed` (or
 * from zero) took at least as long as keeping `resumed` did (else `firstKeepMs`): the next run would
 * apply them again otherwise. Pure.
 */
export function worthKeeping(resumed: Pick<Snapshot, 'keepMs'> | undefined, appliedMs: number, firstKeepMs = FIRST_KEEP_MS): boolean {
  return appliedMs >= (resumed?.keepMs ?? firstKeepMs);
}

/** FIRST_KEEP_MS, or the value of PRE_COMMIT_CHECK_FIRST_KEEP_MS when it is a number of ms. */
function firstKeepMs(): number {
  const v = Number(process.env[FIRST_KEEP_ENV]?.trim() || NaN); // unset or empty: the default
  return Number.isFinite(v) && v >= 0 ? v : FIRST_KEEP_MS;
}

/** Use before starting the server: where this run resumes (after at most `max` migrations), or undefined (run from zero; also without a cache). Never throws. */
export async function resumePoint(cache: CheckCache | undefined, max = Infinity): Promise<Snapshot | undefined> {
  return cache ? findResumePoint(cache, max).catch(() => undefined) : undefined;
}

/**
 * Use once the server is up: the migrated database, adopted from the snapshot the server started
 * from (`resumed` set), else a new one (a snapshot that did not start is the same as none).
 */
export async function openMigratedDatabase(server: PgServer, resume: Snapshot | undefined): Promise<{ db: ScratchDatabase; resumed?: Snapshot }> {
  if (resume && server.embedded?.fromSnapshot && server.adoptDatabase) return { db: server.adoptDatabase(resume.database), resumed: resume };
  return { db: await server.createDatabase('migrated') };
}

/**
 * Use at the end of a run's work on the server (nothing else may use it afterwards): closes the
 * `others` pools (their databases are dropped by the snapshot), then keeps the migrated state. A
 * failure is a warning on stderr, never a failed check.
 */
export async function keepSnapshotAfterRun(input: {
  server: PgServer;
  cache: CheckCache;
  db: ScratchDatabase;
  ran: MigrationInfo[];
  resumed: Snapshot | undefined;
  downFindings: Finding[];
  /** How long the migrations this run applied (after `resumed`) took, in ms. */
  appliedMs: number;
  others: Knex[];
  /** Nothing uses the server afterwards (no round trip): its data directory may go to the next run. */
  lastUse: boolean;
}): Promise<void> {
  const { server, cache, db, ran, resumed } = input;
  if (!worthKeeping(resumed, input.appliedMs, firstKeepMs())) return;
  await Promise.all(input.others.map((k) => k.destroy().catch(() => {})));
  const missingDown = input.downFindings.map((f) => f.object!);
  await keepMigratedSnapshot(server, cache, db, ran, resumed?.count ?? 0, missingDown, input.lastUse).catch((e: Error) =>
    process.stderr.write(`pre-commit-check: ${cacheMessages.writeFailed(cache.dir, e.message)}\n`),
  );
}

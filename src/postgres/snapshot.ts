// Migrated snapshots: data directories of the embedded server holding a database migrated up to the
// k-th migration of a project's history, kept in the cache under snapshots/<prefixKey>/ (keyed by
// src/cache/prefix.ts) with a small meta file snapshots/<prefixKey>.json. A later run whose history
// extends that prefix starts its server from the snapshot and applies only the migrations after it.
//
// A snapshot is written like the template (src/postgres/template.ts: a temp sibling renamed into
// place, a marker listing every file and its size) from the running server's data directory, after
// a CHECKPOINT, while nothing writes to it. The copy is crash-consistent: the next start replays the
// little WAL after the checkpoint. Files that only describe the live process are left out, and so
// are WAL segments outside the checkpoint's (recycled ones would cost disk and copy time).
// At most KEEP snapshots are kept, the least recently used removed first.
import fs from 'node:fs/promises';
import path from 'node:path';
import { checkTemplate, copyTemplate, discardTemplate } from './template.ts';
import { removeTree } from './proc.ts';

/** The cache's subdirectory holding them (swept by sweep.ts like other run leftovers). */
export const SNAPSHOTS_DIR = 'snapshots';
/** Snapshots kept per project (each a whole data directory: about 25 MB plus the schema). */
export const SNAPSHOT_KEEP = 3;
const FORMAT = 1;

/** What a snapshot holds, besides its data directory. */
export interface SnapshotMeta {
  format: number;
  key: string;
  /** How many migrations (the first ones of the history) its database has applied. */
  count: number;
  /** The database holding the migrated state. */
  database: string;
  /** Names of those migrations that export no down() (their missing-down findings, known without loading them). */
  missingDown: string[];
  /** How long keeping it took (checkpoint, copy, record), in ms: what keeping the next one will cost (absent in older entries). */
  keepMs?: number;
}

/** A snapshot a run can start from. */
export interface Snapshot extends SnapshotMeta {
  /** Its data directory (the cache entry; copy it, never start a server on it). */
  dir: string;
}

const metaFile = (dir: string, key: string) => path.join(dir, `${key}.json`);

/** Use to know which prefix keys have a snapshot in `dir` (by their meta files; verified when used). */
export async function keptSnapshots(dir: string): Promise<Set<string>> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  return new Set(names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).map((n) => n.slice(0, -5)));
}

/** Use to read the snapshot of `key`: undefined when it is missing, incomplete or of another format (it is removed then). */
export async function readSnapshot(dir: string, key: string): Promise<Snapshot | undefined> {
  const data = path.join(dir, key);
  let meta: SnapshotMeta;
  try {
    meta = JSON.parse(await fs.readFile(metaFile(dir, key), 'utf8')) as SnapshotMeta;
  } catch {
    return undefined;
  }
  const whole = meta.format === FORMAT && meta.key === key && Number.isInteger(meta.count) && typeof meta.database === 'string' && Array.isArray(meta.missingDown);
  // Its files are verified as they are copied (copySnapshot), not here: the listing costs as much as the copy.
  if (!whole || !(await fs.stat(data).then((st) => st.isDirectory(), () => false))) {
    await discardSnapshot(dir, key);
    return undefined;
  }
  const now = new Date();
  await fs.utimes(metaFile(dir, key), now, now).catch(() => {}); // recently used: pruned last
  const keepMs = typeof meta.keepMs === 'number' && Number.isFinite(meta.keepMs) ? meta.keepMs : undefined;
  return { ...meta, keepMs, dir: data };
}

/** Use once a snapshot's data directory is in place (written by PgServer.saveSnapshot): records it, then prunes. */
export async function recordSnapshot(dir: string, meta: Omit<SnapshotMeta, 'format'>): Promise<void> {
  const tmp = `${metaFile(dir, meta.key)}.${process.pid}.tmp`;
  await fs.writeFile(tmp, JSON.stringify({ format: FORMAT, ...meta }));
  await fs.rename(tmp, metaFile(dir, meta.key));
  await pruneSnapshots(dir);
}

/** Remove one snapshot (meta first, so that no reader picks it up half removed); never throws. */
export async function discardSnapshot(dir: string, key: string): Promise<void> {
  await fs.rm(metaFile(dir, key), { force: true }).catch(() => {});
  await discardTemplate(path.join(dir, key));
}

/** Keep the SNAPSHOT_KEEP most recently used snapshots; data directories without a meta file go too. */
export async function pruneSnapshots(dir: string, keep = SNAPSHOT_KEEP): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const metas = await Promise.all(
    names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).map(async (n) => ({ key: n.slice(0, -5), mtime: (await fs.stat(path.join(dir, n)).catch(() => undefined))?.mtimeMs ?? 0 })),
  );
  metas.sort((a, b) => b.mtime - a.mtime);
  const kept = new Set(metas.slice(0, keep).map((m) => m.key));
  await Promise.all(metas.slice(keep).map((m) => discardSnapshot(dir, m.key)));
  // What a run killed half way left: a data directory whose meta file never came (older than a
  // minute), a temp or trash sibling of an entry (older than ten minutes).
  const now = Date.now();
  for (const n of names.filter((x) => !x.endsWith('.json') && !kept.has(x))) {
    const st = await fs.stat(path.join(dir, n)).catch(() => undefined);
    const stale = /\.(tmp|trash)-/.test(n) ? now - (st?.mtimeMs ?? now) > 600_000 : now - (st?.mtimeMs ?? now) > 60_000;
    if (st?.isDirectory() && stale && !(await fs.access(metaFile(dir, n)).then(() => true, () => false))) await removeTree(path.join(dir, n));
  }
}

/** WAL segment file names (timeline + segment number, 24 hex digits). */
const WAL_SEGMENT = /^[0-9A-F]{24}$/;
/** What describes the live process, never part of a snapshot (pg_basebackup leaves them out too). */
const LIVE_FILES = new Set(['postmaster.pid', 'postmaster.opts']);
const LIVE_DIRS = new Set(['pg_dynshmem', 'pg_stat_tmp']);

/**
 * Use to copy a live data directory `src` (idle, just checkpointed) into a new snapshot entry `dst`.
 * A file the server has not written since the run copied it from `base` (the cache entry it started
 * from: same size and modification time, which cp -a kept) is hard-linked to base's file instead of
 * copied: the databases the migrations never touch cost no disk and no copy. Leaves out the
 * live-process files and the WAL segments outside [wal.first, wal.last] (the checkpoint's redo
 * segment to the current one; recycled segments would cost disk and time).
 */
export async function snapshotTree(src: string, dst: string, base: string | undefined, wal: { first: string; last: string }): Promise<void> {
  const walk = async (rel: string): Promise<void> => {
    const from = path.join(src, rel);
    await fs.mkdir(path.join(dst, rel), { mode: (await fs.stat(from)).mode & 0o7777 });
    const entries = await fs.readdir(from, { withFileTypes: true });
    await Promise.all(
      entries.map(async (e) => {
        const r = path.join(rel, e.name);
        if (rel === '' && LIVE_FILES.has(e.name)) return;
        if (LIVE_DIRS.has(rel) || (rel === 'pg_wal' && WAL_SEGMENT.test(e.name) && (e.name < wal.first || e.name > wal.last))) return;
        if (e.isDirectory()) return walk(r);
        if (e.isSymbolicLink()) return fs.symlink(await fs.readlink(path.join(src, r)), path.join(dst, r));
        await linkOrCopy(path.join(src, r), path.join(dst, r), base && path.join(base, r));
      }),
    );
  };
  await walk('');
}

/**
 * How far apart two modification times of one unchanged file may be: a copy's times are set through
 * fs.utimes in float seconds (~240 ns apart from the original's at today's dates), so a data
 * directory handed on whole (snapshot-spare.ts), not copied from the entry, has its files' original
 * times. Any write of this run is seconds later than the entry it started from.
 */
const SAME_TIME_NS = 2_000n;

/** Hard-link `base` to `to` when `from` is still what was copied from it, else copy `from` (times kept). */
async function linkOrCopy(from: string, to: string, base: string | undefined): Promise<void> {
  const [s, b] = await Promise.all([fs.stat(from, { bigint: true }), base ? fs.stat(base, { bigint: true }).catch(() => undefined) : undefined]);
  const apart = b ? (b.mtimeNs > s.mtimeNs ? b.mtimeNs - s.mtimeNs : s.mtimeNs - b.mtimeNs) : undefined;
  if (b && b.size === s.size && apart! < SAME_TIME_NS) {
    try {
      await fs.link(base!, to);
      return;
    } catch {
      // removed meanwhile, or another file system: copy
    }
  }
  await fs.copyFile(from, to);
  await fs.utimes(to, Number(s.atimeNs) / 1e9, Number(s.mtimeNs) / 1e9);
}

/**
 * Use to start a run from a snapshot (read just before by readSnapshot): copies its data directory
 * and verifies the entry at once; false when either fails (an entry that is not whole is removed).
 */
export async function copySnapshot(snapshot: { dir: string; key: string }, dataDir: string, owner?: { uid: number; gid: number }): Promise<boolean> {
  const [problem, copied] = await Promise.all([
    checkTemplate(snapshot.dir, snapshot.key),
    copyTemplate(snapshot.dir, dataDir, owner).then(
      () => true,
      () => false, // removed meanwhile (pruned by another run): start as without it
    ),
  ]);
  if (problem === undefined && copied) return true;
  await removeTree(dataDir);
  if (problem !== undefined && problem !== 'missing') await discardSnapshot(path.dirname(snapshot.dir), path.basename(snapshot.dir));
  return false;
}

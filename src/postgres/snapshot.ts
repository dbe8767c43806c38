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
  return { ...meta, dir: data };
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
  // A data directory whose meta file never came (a run killed half way): older than a minute, it goes.
  const now = Date.now();
  for (const n of names.filter((x) => !x.includes('.') && !kept.has(x))) {
    const st = await fs.stat(path.join(dir, n)).catch(() => undefined);
    if (st?.isDirectory() && now - st.mtimeMs > 60_000 && !(await fs.access(metaFile(dir, n)).then(() => true, () => false))) await discardTemplate(path.join(dir, n));
  }
}

/** WAL segment file names (timeline + segment number, 24 hex digits). */
const WAL_SEGMENT = /^[0-9A-F]{24}$/;

/**
 * Use on a copy of a live data directory (before its marker is written): leaves out what describes
 * the running process and the WAL segments outside [firstWal, lastWal] (the checkpoint's redo
 * segment to the current one).
 */
export async function pruneDataDirCopy(dataDir: string, firstWal: string, lastWal: string): Promise<void> {
  const gone = ['postmaster.pid', 'postmaster.opts'].map((f) => path.join(dataDir, f));
  for (const sub of ['pg_dynshmem', 'pg_stat_tmp']) {
    for (const f of await fs.readdir(path.join(dataDir, sub)).catch(() => [] as string[])) gone.push(path.join(dataDir, sub, f));
  }
  for (const f of await fs.readdir(path.join(dataDir, 'pg_wal')).catch(() => [] as string[])) {
    if (WAL_SEGMENT.test(f) && (f < firstWal || f > lastWal)) gone.push(path.join(dataDir, 'pg_wal', f));
  }
  await Promise.all(gone.map((f) => fs.rm(f, { force: true, recursive: true })));
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

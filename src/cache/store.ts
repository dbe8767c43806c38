// One JSON file per cache entry: <cacheDir>/<kind>/<key>.json, self-checking and written atomically.
//
// An entry is { format, kind, key, tool, sha256, payload } where payload is the value serialised as a
// JSON string and sha256 its hash: a truncated, edited or half-written file, one written by another
// version of the tool, or one filed under the wrong name is detected on read and treated as a miss
// (the caller rebuilds and overwrites it). Writes go to a unique temp file in the same directory and
// are renamed into place, so two runs at once (two terminals, two worktrees sharing a cache) each see
// a whole entry or none; the last rename wins, and both wrote the same value for the same key.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from './fingerprint.ts';

/** Bump when the shape of an entry or of a payload changes. */
export const CACHE_FORMAT = 1;
/** Entries kept per kind (oldest removed first): a few branches' worth. */
const KEEP = 8;

interface Envelope {
  format: number;
  kind: string;
  key: string;
  tool: string;
  sha256: string;
  payload: string;
}

export type ReadOutcome<T> = { status: 'hit'; value: T } | { status: 'miss' } | { status: 'corrupt'; reason: string; file: string };

/** A directory of entries of one kind, e.g. <root>/node_modules/.cache/pre-commit-check/migrated. */
export class EntryStore<T> {
  constructor(
    readonly dir: string,
    readonly kind: string,
    readonly tool: string,
    /** Entries kept; undefined: KEEP, pruned after each write. Set for a store of one entry per file (per model), pruned once per run with pruneExcept. */
    readonly keep?: number,
  ) {}

  file(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }

  /** Read the entry for `key`; never throws. */
  async read(key: string): Promise<ReadOutcome<T>> {
    const file = this.file(key);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      return { status: 'miss' };
    }
    const bad = (reason: string): ReadOutcome<T> => ({ status: 'corrupt', reason, file });
    let env: Envelope;
    try {
      env = JSON.parse(text) as Envelope;
    } catch {
      return bad('not valid JSON');
    }
    if (!env || typeof env !== 'object' || typeof env.payload !== 'string') return bad('no payload');
    if (env.format !== CACHE_FORMAT || env.tool !== this.tool) return bad(`written by another version (${String(env.tool)}, format ${String(env.format)})`);
    if (env.kind !== this.kind || env.key !== key) return bad('filed under the wrong key');
    if (sha256(env.payload) !== env.sha256) return bad('checksum mismatch');
    try {
      return { status: 'hit', value: JSON.parse(env.payload) as T };
    } catch {
      return bad('payload is not valid JSON');
    }
  }

  /** Write the entry for `key` atomically, then prune old entries; throws on I/O failure (callers only warn). */
  async write(key: string, value: T): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    const payload = JSON.stringify(value);
    const env: Envelope = { format: CACHE_FORMAT, kind: this.kind, key, tool: this.tool, sha256: sha256(payload), payload };
    const tmp = path.join(this.dir, `.${key}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    try {
      await fs.writeFile(tmp, JSON.stringify(env));
      await fs.rename(tmp, this.file(key));
    } finally {
      await fs.rm(tmp, { force: true }).catch(() => {});
    }
    if (this.keep === undefined) await this.prune(KEEP).catch(() => {});
  }

  /** Remove the entry for `key` (a corrupt one); never throws. */
  async remove(key: string): Promise<void> {
    await fs.rm(this.file(key), { force: true }).catch(() => {});
  }

  /** Use once a run wrote a store with `keep` set: the entries it uses (`live`) stay, the oldest others go beyond `keep`; never throws. */
  async pruneExcept(live: Set<string>): Promise<void> {
    await this.prune(this.keep ?? KEEP, live).catch(() => {});
  }

  /** Keep the `keep` most recently written entries (and every live one); stale temp files of dead writers go too. */
  private async prune(keep: number, live = new Set<string>()): Promise<void> {
    const names = await fs.readdir(this.dir);
    // A store of one entry per model holds a thousand files: stat them only when some may go.
    if (names.length <= keep && !names.some((n) => n.endsWith('.tmp'))) return;
    const stats = await Promise.all(
      names.map(async (n) => ({ n, st: await fs.stat(path.join(this.dir, n)).catch(() => undefined) })),
    );
    const now = Date.now();
    const entries = stats.filter((s) => s.st && s.n.endsWith('.json') && !s.n.startsWith('.'));
    entries.sort((a, b) => b.st!.mtimeMs - a.st!.mtimeMs);
    const doomed = entries.slice(keep).map((s) => s.n).filter((n) => !live.has(n.slice(0, -'.json'.length)));
    for (const s of stats) if (s.st && s.n.endsWith('.tmp') && now - s.st.mtimeMs > 10 * 60_000) doomed.push(s.n);
    await Promise.all(doomed.map((n) => fs.rm(path.join(this.dir, n), { force: true }).catch(() => {})));
  }
}

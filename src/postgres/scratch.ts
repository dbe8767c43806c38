// Scratch databases, the same on the embedded server and on the user's: uniquely named
// pcc_<label>_<random>, tracked from before CREATE DATABASE is sent (an interrupt while it runs still
// drops it), always dropped (WITH (FORCE) on PostgreSQL 13+).
//
// On the user's server (`owned`), each database is also claimed by its run: a session-level advisory
// lock derived from its name (lockKey) is taken on the run's admin connection before the database is
// created and held until it is dropped, so it lasts exactly as long as the run's session; and a
// comment on the database says which run made it (host, pid, start), for people. pg_locks is
// cluster-wide, so `pre-commit-check clean` (db-sweep.ts), from any machine and any database of
// that server, tells a database no live run owns: nobody holds its lock.
import { createHash, randomBytes } from 'node:crypto';
import os from 'node:os';
import type pg from 'pg';
import { PccError } from '../errors.ts';
import { dbMessages } from '../messages/errors.ts';
import { interruption } from '../util/interrupt.ts';
import type { CreateDatabaseOptions, ScratchDatabase } from './types.ts';

/** Exactly the names scratchName() makes: nothing else is ever dropped by a sweep. */
export const SCRATCH_NAME = /^pcc_[a-z0-9_]+_[0-9a-f]{10}$/;
/** First key of every scratch database's advisory lock ('pcc' in ASCII): second key = lockKey(name). */
export const LOCK_CLASS = 0x706363;
/** Every comment this tool puts on a scratch database starts with this. */
export const COMMENT_MARK = 'pre-commit-check scratch database';

/** The advisory lock key (31 bits, so that pg_locks shows it as is) that claims database `name`. */
export function lockKey(name: string): number {
  return createHash('sha256').update(name).digest().readUInt32BE(0) & 0x7fffffff;
}

/** The comment that tells people which run made a scratch database. */
export function ownerComment(now = new Date()): string {
  return `${COMMENT_MARK} of pid ${process.pid} on ${os.hostname()}, started ${now.toISOString()}; dropped when that run ends, or by \`pre-commit-check clean --database-url …\` once it is gone`;
}

/** Quote an SQL identifier. */
export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A unique database name pcc_<label>_<random>, at most 63 bytes (PostgreSQL's identifier limit). */
export function scratchName(label: string): string {
  const clean = label.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40) || 'db';
  return `pcc_${clean}_${randomBytes(5).toString('hex')}`;
}

export interface ScratchFactory {
  createDatabase(label: string, options?: CreateDatabaseOptions): Promise<ScratchDatabase>;
  /** Track a database that exists already (one a snapshot brought), as if createDatabase had made it. */
  adopt(name: string): ScratchDatabase;
  /** Drop every database still alive (but `except`); never throws. */
  dropAll(except?: string): Promise<void>;
  /** Stop tracking every database without dropping it (the server and its files are going away). */
  forgetAll(): void;
  /** Names of the databases still alive. */
  alive(): string[];
}

/** Build createDatabase/dropAll on top of an admin connection; `urlFor` turns a name into a connection URL. */
export function scratchFactory(opts: {
  admin: pg.Client;
  majorVersion: number;
  urlFor: (name: string) => string;
  /** For messages: the server's URL (redacted when printed). */
  serverUrl: string;
  role: string;
  onWarning: (message: string) => void;
  /** The user's server: claim each database with an advisory lock and a comment (see the file comment). */
  owned?: boolean;
}): ScratchFactory {
  const { admin, owned } = opts;
  const live = new Map<string, Promise<void> | undefined>();
  let closing = false;

  const drop = (name: string): Promise<void> => {
    if (!live.has(name)) return Promise.resolve();
    const pending = live.get(name);
    if (pending) return pending;
    const p = dropDatabase(admin, name, opts.majorVersion)
      .then(() => (owned ? unlock(admin, name) : undefined))
      .catch((e: Error) => opts.onWarning(dbMessages.dropFailed(name, e.message)))
      .finally(() => live.delete(name));
    live.set(name, p);
    return p;
  };

  return {
    async createDatabase(label, options = {}) {
      if (closing || interruption()) throw new PccError('INTERRUPTED', dbMessages.interrupted);
      const name = scratchName(label);
      const strategy = options.fileCopy && opts.majorVersion >= 15 ? ' STRATEGY FILE_COPY' : '';
      const template = options.template ? ` TEMPLATE ${quoteIdent(options.template)}${strategy}` : '';
      if (owned) await admin.query('SELECT pg_advisory_lock($1, $2)', [LOCK_CLASS, lockKey(name)]);
      if (closing || interruption()) {
        if (owned) await unlock(admin, name).catch(() => {});
        throw new PccError('INTERRUPTED', dbMessages.interrupted);
      }
      // Tracked before it exists, in the same tick as the CREATE is queued: a dropAll() from now on
      // drops it (its DROP waits behind the CREATE on this connection).
      live.set(name, undefined);
      try {
        await admin.query(`CREATE DATABASE ${quoteIdent(name)}${template}`);
        if (owned) await admin.query(`COMMENT ON DATABASE ${quoteIdent(name)} IS ${quoteLiteral(ownerComment())}`);
      } catch (e) {
        await drop(name);
        if (closing || interruption()) throw new PccError('INTERRUPTED', dbMessages.interrupted, { cause: e });
        throw createError(e, name, opts);
      }
      if (closing || interruption()) {
        await drop(name);
        throw new PccError('INTERRUPTED', dbMessages.interrupted);
      }
      return { name, url: opts.urlFor(name), drop: () => drop(name) };
    },
    adopt(name) {
      if (closing || interruption()) throw new PccError('INTERRUPTED', dbMessages.interrupted);
      live.set(name, undefined);
      return { name, url: opts.urlFor(name), drop: () => drop(name) };
    },
    async dropAll(except) {
      // Without `except` the run is ending: nothing may be created after. With it (a snapshot is
      // being kept) the run goes on.
      if (except === undefined) closing = true;
      await Promise.all([...live.keys()].filter((name) => name !== except).map(drop));
    },
    forgetAll: () => {
      closing = true;
      live.clear();
    },
    alive: () => [...live.keys()],
  };
}

/** The typed error of a CREATE DATABASE that failed. */
function createError(e: unknown, name: string, opts: { serverUrl: string; role: string }): PccError {
  const err = e as Error & { code?: string };
  if (err.code === '42501') {
    return new PccError('DB_CREATE_DENIED', dbMessages.createDenied(opts.serverUrl, opts.role), {
      hint: dbMessages.createDeniedHint(opts.role),
      cause: e,
    });
  }
  return new PccError('DB_START_FAILED', dbMessages.createFailed(name, opts.serverUrl, err.message), {
    hint: dbMessages.createFailedHint,
    cause: e,
  });
}

/** Quote an SQL string literal. */
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

async function unlock(admin: pg.Client, name: string): Promise<void> {
  await admin.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_CLASS, lockKey(name)]);
}

async function dropDatabase(admin: pg.Client, name: string, major: number): Promise<void> {
  if (major >= 13) {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    return;
  }
  await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
  await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
}

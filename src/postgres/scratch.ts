// Scratch databases, the same on the embedded server and on the user's: uniquely named
// pcc_<label>_<random>, tracked, always dropped (WITH (FORCE) on PostgreSQL 13+).
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { PccError } from '../errors.ts';
import { dbMessages } from '../messages/errors.ts';
import type { ScratchDatabase } from './types.ts';

/** Quote an SQL identifier. */
export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A unique database name pcc_<label>_<random>, at most 63 bytes (PostgreSQL's identifier limit). */
export function scratchName(label: string): string {
  const clean = label.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40) || 'db';
  return `pcc_${clean}_${randomBytes(5).toString('hex')}`;
}

export interface ScratchFactory {
  createDatabase(label: string, options?: { template?: string }): Promise<ScratchDatabase>;
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
}): ScratchFactory {
  const live = new Map<string, Promise<void> | undefined>();

  const drop = (name: string): Promise<void> => {
    if (!live.has(name)) return Promise.resolve();
    const pending = live.get(name);
    if (pending) return pending;
    const p = dropDatabase(opts.admin, name, opts.majorVersion)
      .catch((e: Error) => opts.onWarning(dbMessages.dropFailed(name, e.message)))
      .finally(() => live.delete(name));
    live.set(name, p);
    return p;
  };

  return {
    async createDatabase(label, options = {}) {
      const name = scratchName(label);
      const template = options.template ? ` TEMPLATE ${quoteIdent(options.template)}` : '';
      try {
        await opts.admin.query(`CREATE DATABASE ${quoteIdent(name)}${template}`);
      } catch (e) {
        const err = e as Error & { code?: string };
        if (err.code === '42501') {
          throw new PccError('DB_CREATE_DENIED', dbMessages.createDenied(opts.serverUrl, opts.role), {
            hint: dbMessages.createDeniedHint(opts.role),
            cause: e,
          });
        }
        throw new PccError('DB_START_FAILED', dbMessages.createFailed(name, opts.serverUrl, err.message), {
          hint: dbMessages.createFailedHint,
          cause: e,
        });
      }
      live.set(name, undefined);
      return { name, url: opts.urlFor(name), drop: () => drop(name) };
    },
    adopt(name) {
      live.set(name, undefined);
      return { name, url: opts.urlFor(name), drop: () => drop(name) };
    },
    async dropAll(except) {
      await Promise.all([...live.keys()].filter((name) => name !== except).map(drop));
    },
    forgetAll: () => live.clear(),
    alive: () => [...live.keys()],
  };
}

async function dropDatabase(admin: pg.Client, name: string, major: number): Promise<void> {
  if (major >= 13) {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    return;
  }
  await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
  await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
}

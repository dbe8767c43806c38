// Stopping a migration that ran past migrationTimeout: what it was running on the database is
// found (pg_stat_activity), named in its finding, and ended (pg_terminate_backend), so that nothing
// keeps running or holding locks; Knex's connections that its abandoned code still holds are given
// back to the pool, so that the Knex instance can be destroyed.
import type { Knex } from 'knex';

/** A statement a timed-out migration was running when it was stopped. */
export interface StoppedStatement {
  sql: string;
  /** It was waiting for a lock that another session of this database held. */
  waitingForLock: boolean;
  /** The last statement of the session holding that lock, when there is one. */
  blockerSql?: string;
}

/** A migration step that ran past migrationTimeout: it was stopped, and `running` says what it was doing. */
export class MigrationTimeoutError extends Error {
  constructor(
    readonly seconds: number,
    readonly running: StoppedStatement[],
  ) {
    super(`did not finish within ${seconds} s`);
    this.name = 'MigrationTimeoutError';
  }
}

interface ActivityRow {
  pid: number;
  state: string | null;
  wait_event_type: string | null;
  query: string;
  blockers: number[];
}

// Sessions of this scratch database but ours: 'idle' ones hold no lock and run nothing (Knex's
// free pool connections): they are left alone, so the pool can still use them.
const ACTIVITY = `
SELECT pid, state, wait_event_type, left(query, 1000) AS query, pg_blocking_pids(pid) AS blockers
  FROM pg_stat_activity
 WHERE datname = current_database() AND pid <> pg_backend_pid()
   AND backend_type = 'client backend' AND state IS DISTINCT FROM 'idle'`;

/**
 * Use when a migration ran out of time on `knex`'s database: ends its sessions (on a connection of
 * its own, outside the pool, which the migration may have filled) and returns what was running.
 */
export async function stopRunningStatements(knex: Knex): Promise<StoppedStatement[]> {
  const client = knex.client as { acquireRawConnection(): Promise<RawConnection>; destroyRawConnection(c: RawConnection): Promise<void> };
  const conn = await client.acquireRawConnection();
  try {
    const rows = (await conn.query(ACTIVITY)).rows as ActivityRow[];
    if (rows.length) await conn.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [rows.map((r) => r.pid)]);
    const byPid = new Map(rows.map((r) => [r.pid, r]));
    return rows
      .filter((r) => r.state === 'active')
      .map((r) => {
        const blocker = r.blockers.map((pid) => byPid.get(pid)).find((b) => b !== undefined);
        return { sql: oneLine(r.query), waitingForLock: r.wait_event_type === 'Lock', ...(blocker ? { blockerSql: oneLine(blocker.query) } : {}) };
      });
  } finally {
    await client.destroyRawConnection(conn).catch(() => {});
  }
}

/**
 * Use after stopRunningStatements, once the migration's code had its chance to finish: the
 * connections it still holds (a transaction it never ends, a promise that never settles) are
 * released, dead, so that knex.destroy() does not wait for them forever. Only while nothing else
 * uses `knex` (migrations run one at a time). Reaches into the pool (tarn's `used` list): Knex
 * offers no other way to take a connection back from code that will never return it.
 */
export async function releaseAbandonedConnections(knex: Knex): Promise<void> {
  const pool = (knex.client as { pool?: { used?: Array<{ resource: unknown }> } }).pool;
  for (const used of [...(pool?.used ?? [])]) {
    await knex.client.releaseConnection(used.resource).catch(() => {});
  }
}

interface RawConnection {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** A statement on one line, at most 300 characters, for a message. */
function oneLine(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

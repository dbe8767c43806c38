// The user's server: dropping the scratch databases that runs killed outright (SIGKILL, a crash, a
// lost machine) left there. A database is dropped only when all of this holds:
// - its name is exactly of our pattern (SCRATCH_NAME: pcc_<label>_<10 hex digits>);
// - no session anywhere on the server holds its advisory lock (scratch.ts: its run holds it for as
//   long as it lives; pg_locks shows the locks of every database, so this works from any machine and
//   any database of the server); we take that lock ourselves while we look, so two sweeps never race;
// - it carries our comment (made by a version that claims its databases), or, without one, nobody is
//   connected to it: an older version took no lock, and a run killed while CREATE DATABASE ran (or
//   right after it) made one that has no comment yet.
// Anything else, including every database the tool did not create, is never touched.
import type pg from 'pg';
import { COMMENT_MARK, LOCK_CLASS, lockKey, quoteIdent, SCRATCH_NAME } from './scratch.ts';

export interface DbSweepResult {
  dropped: Array<{ name: string; comment: string | null }>;
  /** Found and left alone: a live run owns it, or someone is connected to an unclaimed one. */
  kept: Array<{ name: string; reason: 'owned' | 'in-use' }>;
  failed: Array<{ name: string; reason: string }>;
}

interface Candidate {
  name: string;
  comment: string | null;
  sessions: number;
}

/**
 * Use with a connection to the user's server (each run at its end, and `clean`): drops our scratch
 * databases that no live run owns. Never throws for one database; a failed listing throws.
 */
export async function sweepDatabases(client: pg.Client): Promise<DbSweepResult> {
  const result: DbSweepResult = { dropped: [], kept: [], failed: [] };
  const version = Number((await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v);
  const { rows } = await client.query<Candidate>(
    `SELECT d.datname AS name, shobj_description(d.oid, 'pg_database') AS comment,
            (SELECT count(*)::int FROM pg_stat_activity a WHERE a.datid = d.oid) AS sessions
       FROM pg_database d
      WHERE d.datname ~ '^pcc_[a-z0-9_]+_[0-9a-f]{10}$'
      ORDER BY 1`,
  );
  for (const db of rows) {
    const marked = db.comment?.startsWith(COMMENT_MARK) ?? false;
    if (!SCRATCH_NAME.test(db.name)) continue;
    const key = [LOCK_CLASS, lockKey(db.name)];
    const got = (await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS got', key)).rows[0]!.got;
    if (!got) {
      result.kept.push({ name: db.name, reason: 'owned' });
      continue;
    }
    try {
      const verdict = await judge(client, db, marked);
      if (verdict !== 'drop') {
        result.kept.push({ name: db.name, reason: verdict });
        continue;
      }
      const force = marked && version >= 130000 ? ' WITH (FORCE)' : '';
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(db.name)}${force}`);
      result.dropped.push({ name: db.name, comment: db.comment });
    } catch (e) {
      result.failed.push({ name: db.name, reason: (e as Error).message });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', key).catch(() => {});
    }
  }
  return result;
}

/** With its lock taken by us: does a session of another database hold it too, or is an unclaimed one in use? */
async function judge(client: pg.Client, db: Candidate, marked: boolean): Promise<'drop' | 'owned' | 'in-use'> {
  const { rows } = await client.query<{ held: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_locks
                     WHERE locktype = 'advisory' AND classid = $1 AND objid = $2 AND objsubid = 2
                       AND granted AND pid <> pg_backend_pid()) AS held`,
    [LOCK_CLASS, lockKey(db.name)],
  );
  if (rows[0]!.held) return 'owned';
  if (!marked && db.sessions > 0) return 'in-use';
  return 'drop';
}

// User-facing text of the migrations stage.

import type { StoppedStatement } from '../migrations/stop.ts';

/** " (2 later migrations were not applied: a, b)" */
export const notApplied = (skipped: string[]) =>
  skipped.length ? ` (${skipped.length} later migration${skipped.length > 1 ? 's were' : ' was'} not applied: ${skipped.slice(0, 3).join(', ')}${skipped.length > 3 ? ', …' : ''})` : '';

/** What a stopped migration was doing on the database. */
export const wasRunning = (running: StoppedStatement[]) => {
  if (running.length === 0) return 'no statement was running: its code was waiting for something else (a promise that never settles?)';
  return running
    .map((r) =>
      r.waitingForLock
        ? `it was waiting for a lock in: ${r.sql}${r.blockerSql ? ` (the lock is held by another session of the migration, which last ran: ${r.blockerSql})` : ''}`
        : `it was running: ${r.sql}`,
    )
    .join('; ');
};

export const migrationMessages = {
  diffSkippedFailed: 'the models were not compared with the database: a migration fails on the way up (see above), so the later ones did not run',
  roundTripSkippedFailed: 'the migration round trip was skipped: a migration fails on the way up (see above)',
  roundTripIncremental: (passed: number, total: number) =>
    passed === total
      ? `the migration round trip was skipped: all ${total} migrations passed an earlier round trip unchanged; --ci checks them all`
      : `the migration round trip checked only the ${total - passed} migration${total - passed === 1 ? '' : 's'} after the first ${passed}, which passed an earlier round trip unchanged; --ci checks them all`,
  roundTripSkippedNoDown: (names: string[]) => `the migration round trip was skipped: ${names.join(', ')} ha${names.length > 1 ? 've' : 's'} no down()`,
  noDownToRun: (file: string) => `migration ${file} has no down() to run`,
  missingDown: (name: string) => `Migration ${name} has no down(): it cannot be rolled back`,
  missingDownHint: 'export async function down(knex) that undoes exactly what up() does (drop what it creates, in reverse order)',
  failed: (name: string, direction: 'up' | 'down', error: string, skipped: string[]) => `Migration ${name} failed in ${direction}(): ${error}${notApplied(skipped)}`,
  exitCalled: (name: string, where: string, call: string, skipped: string[]) =>
    `Migration ${name} called ${call} ${where}: that would end the check before it finished${notApplied(skipped)}`,
  exitCalledHint: (direction: 'up' | 'down') =>
    `remove the process.exit() call: migrations run inside pre-commit-check (and knex migrate), so ${direction}() must return, or throw an error to fail`,
  timedOut: (name: string, direction: 'up' | 'down', seconds: number, running: StoppedStatement[], skipped: string[]) =>
    `Migration ${name} did not finish ${direction}() within ${seconds} s (migrationTimeout) and was stopped; ${wasRunning(running)}${notApplied(skipped)}`,
  timedOutHint: (direction: 'up' | 'down') =>
    `make ${direction}() finish: await every query, and run them on the knex it is given (inside its transaction: a query on another connection waits for that transaction's locks forever); if it is only slow, raise migrationTimeout (seconds) in pre-commit-check.config.ts`,
  lateFailure: (name: string, error: string) => `Migration ${name} succeeded, but code it left running failed afterwards: ${error}`,
  lateFailureHint: 'await every query and promise in the migration: a query that is not awaited runs after it, outside its transaction, and its error is lost to knex migrate',
  failedHint: (direction: 'up' | 'down') =>
    direction === 'up'
      ? 'fix up() so that it runs on a database migrated from zero by the migrations before it; then run `npx pre-commit-check check` again'
      : 'fix down() so that it runs right after up(), undoing it (drop what up() created, in reverse order); then run `npx pre-commit-check check --full` again',
};

const listObjects = (d: { added: string[]; removed: string[]; changed: string[] }) => {
  const parts: string[] = [];
  if (d.added.length) parts.push(`left behind: ${d.added.slice(0, 5).join(', ')}${d.added.length > 5 ? ', …' : ''}`);
  if (d.removed.length) parts.push(`dropped although an earlier migration created it: ${d.removed.slice(0, 5).join(', ')}${d.removed.length > 5 ? ', …' : ''}`);
  if (d.changed.length) parts.push(`changed: ${d.changed.slice(0, 5).join(', ')}${d.changed.length > 5 ? ', …' : ''}`);
  return parts.join('; ');
};

/** Round-trip messages (irreversible-migration). */
export const roundTripMessages = {
  leftBehind: (name: string, d: { added: string[]; removed: string[]; changed: string[] }) =>
    `Rolling back ${name} does not restore the schema it started from (${listObjects(d)})`,
  differsAfterReapply: (name: string, d: { added: string[]; removed: string[]; changed: string[] }) =>
    `Applying ${name} again after a rollback gives a different schema (${listObjects(d)})`,
  reapplyFailed: (name: string, error: string) =>
    `Applying ${name} again after rolling it back fails: its down() leaves something its up() cannot create twice (${error})`,
  irreversibleHint: 'make down() undo exactly what up() does: drop every table, type, index, sequence, function and schema it creates (and recreate what it drops), in reverse order',
};

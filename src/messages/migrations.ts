// User-facing text of the migrations stage.

export const migrationMessages = {
  roundTripSkippedFailed: 'the migration round trip was skipped: a migration fails on the way up (see above)',
  roundTripSkippedNoDown: (names: string[]) => `the migration round trip was skipped: ${names.join(', ')} ha${names.length > 1 ? 've' : 's'} no down()`,
  noDownToRun: (file: string) => `migration ${file} has no down() to run`,
  missingDown: (name: string) => `Migration ${name} has no down(): it cannot be rolled back`,
  missingDownHint: 'export async function down(knex) that undoes exactly what up() does (drop what it creates, in reverse order)',
  failed: (name: string, direction: 'up' | 'down', error: string, skipped: string[]) =>
    `Migration ${name} failed in ${direction}(): ${error}` +
    (skipped.length ? ` (${skipped.length} later migration${skipped.length > 1 ? 's were' : ' was'} not applied: ${skipped.slice(0, 3).join(', ')}${skipped.length > 3 ? ', …' : ''})` : ''),
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

// User-facing text of the migrations stage.

export const migrationMessages = {
  missingDown: (name: string) => `Migration ${name} has no down(): it cannot be rolled back`,
  missingDownHint: 'export async function down(knex) that undoes exactly what up() does (drop what it creates, in reverse order)',
  failed: (name: string, direction: 'up' | 'down', error: string, skipped: string[]) =>
    `Migration ${name} failed in ${direction}(): ${error}` +
    (skipped.length ? ` (${skipped.length} later migration${skipped.length > 1 ? 's were' : ' was'} not applied: ${skipped.slice(0, 3).join(', ')}${skipped.length > 3 ? ', …' : ''})` : ''),
  failedHint: (direction: 'up' | 'down') =>
    `fix ${direction}() of this migration so that it runs on an empty database migrated from zero; run \`npx pre-commit-check check\` again`,
};

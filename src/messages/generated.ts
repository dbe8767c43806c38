// User-facing text of the generated-files check (config `generated`, findings stale-generated and generated-failed).
import type { FileChange } from '../generated/compare.ts';

const KIND_WORD: Record<FileChange['kind'], string> = { changed: 'changed', added: 'new', removed: 'no longer written' };

/** "src/db/types.ts (changed), src/db/old.ts (no longer written)", the first few only. */
const listChanges = (changes: FileChange[], max = 5) =>
  changes.slice(0, max).map((c) => `${c.path} (${KIND_WORD[c.kind]})`).join(', ') + (changes.length > max ? `, and ${changes.length - max} more` : '');

/** `npm run db:types` in backquotes, on one line. */
const cmd = (run: string) => `\`${run.replace(/\s*\n\s*/g, ' ')}\``;

export const generatedMessages = {
  stale: (run: string, changes: FileChange[]) =>
    `Generated files are out of date: ${cmd(run)} run on the migrated database writes ${changes.length === 1 ? 'a file' : `${changes.length} files`} differently from what is committed: ${listChanges(changes)}`,
  staleHint: (run: string) => `run ${cmd(run)} and commit the result`,
  diffMore: (n: number) => `… ${n} more line${n === 1 ? '' : 's'} of diff`,
  failed: (run: string, exitCode: number | undefined, signal: string | undefined, printed: boolean) =>
    `The command ${cmd(run)} of \`generated\` failed (${signal ? `killed by ${signal}` : exitCode !== undefined ? `exit code ${exitCode}` : 'it could not start'}), so its files could not be checked${printed ? '; the end of its output:' : ' (it printed nothing)'}`,
  failedHint: (run: string) =>
    `make ${cmd(run)} succeed with DATABASE_URL set to a database migrated to the latest migration (it runs in a copy of the project, from the project root; the files its \`files\` globs match are removed from the copy before it runs, so they must be outputs only)`,
  timedOut: (run: string, seconds: number, printed: boolean) =>
    `The command ${cmd(run)} of \`generated\` did not finish within ${seconds} s (migrationTimeout) and was stopped, so its files could not be checked${printed ? '; the end of its output:' : ''}`,
  timedOutHint: (run: string) => `make ${cmd(run)} finish on its own (it must not wait for input or keep a server running); if it is only slow, raise migrationTimeout (seconds) in pre-commit-check.config.ts`,
  noFiles: (run: string, files: string[]) =>
    `The command ${cmd(run)} of \`generated\` wrote no file that its \`files\` (${files.map((f) => `'${f}'`).join(', ')}) match, and the project has none either: nothing was checked`,
  noFilesHint: (run: string) => `make \`files\` match what ${cmd(run)} writes, relative to the project root (it runs from there)`,
  copyFailed: (reason: string) => `The project could not be copied for the commands of \`generated\`: ${reason}`,
  copyFailedHint: 'free some disk space, or make every file of the project readable; the copy goes to node_modules/.cache/pre-commit-check/',
  skippedMigrationFailed: 'the commands of `generated` were not run: a migration fails (see above), so the database they read is not the migrated one',
  skippedNotStaged: 'the commands of `generated` were not run: no migration, knexfile, config or generated file is staged',
};

// Findings for the user's code that failed after its step had ended well (a query a migration did
// not await, a timer a model file started): the step's success was not the whole story.
import { basename, isAbsolute, relative } from 'node:path';
import type { Finding } from '../diff/findings.ts';
import { makeMigrationFinding } from '../migrations/findings.ts';
import { modelFinding } from '../model-api/validate.ts';
import { migrationMessages } from '../messages/migrations.ts';
import { modelMessages } from '../messages/models.ts';
import { takeLateFailures } from '../util/user-code.ts';

/** Use once the check's steps are done: one finding per model file or migration whose code failed late (none for a file that already has one). */
export function lateFindings(root: string, existing: Finding[]): Finding[] {
  const findings: Finding[] = [];
  const reported = new Set(existing.filter((f) => f.file).map((f) => `${f.code} ${f.file}`));
  for (const { scope, error } of takeLateFailures(['model', 'migration'])) {
    const file = (isAbsolute(scope.file) ? relative(root, scope.file) : scope.file).split('\\').join('/');
    const text = error.message.split('\n')[0]!;
    const finding =
      scope.kind === 'migration'
        ? { ...makeMigrationFinding('migration-failed', file, basename(file)), message: migrationMessages.lateFailure(basename(file), text), hint: migrationMessages.lateFailureHint }
        : modelFinding('invalid-model', { file, message: modelMessages.lateFailure(file, text), hint: modelMessages.lateFailureHint });
    const key = `${finding.code} ${file}`;
    if (reported.has(key)) continue;
    reported.add(key);
    findings.push(finding);
  }
  return findings;
}

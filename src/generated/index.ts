// Generated files stay fresh (config `generated`, finding stale-generated): the check's entry point.
import type { Finding } from '../diff/findings.ts';
import { generatedMessages } from '../messages/generated.ts';
import { checkGenerated, type GeneratedCheck } from './check.ts';

export { checkGenerated, type GeneratedCheck } from './check.ts';
export { hookRunsGenerated } from './trigger.ts';

/**
 * Use in the check once the migrations ran: the findings of `generated`, or none (and a note) when a
 * migration failed, since the database the commands would read is then not the migrated one.
 */
export async function generatedFindings(migrationsOk: boolean, input: GeneratedCheck, notes: string[]): Promise<Finding[]> {
  if (!migrationsOk) {
    notes.push(`note: ${generatedMessages.skippedMigrationFailed}`);
    return [];
  }
  return checkGenerated(input);
}

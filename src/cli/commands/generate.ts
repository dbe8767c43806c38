// `pre-commit-check generate [--name NAME] [--allow-destructive] [--dry-run]`: write one Knex migration from
// the drift, or with --dry-run print it (the migration alone on stdout, the summary on stderr) and write nothing.
import { generateMigration } from '../../generate/migration-writer-file.ts';
import { generateMessages as m } from '../../messages/generate.ts';
import { EXIT } from '../exit-code.ts';
import { projectOptions, type CliArgs } from '../args.ts';

/** Use for the `generate` command; returns the exit code (0 written or nothing to do, 1 blocked by findings). */
export async function runGenerateCommand(args: CliArgs): Promise<number> {
  const result = await generateMigration({
    ...projectOptions(args),
    name: args.name,
    allowDestructive: args.allowDestructive,
    dryRun: args.dryRun,
  });
  const out: string[] = [];
  if (result.status === 'blocked') {
    out.push(m.blocked(result.findings.length));
    for (const f of result.findings) {
      out.push(`  ${f.code}: ${f.message}${f.file ? ` (${f.file})` : ''}`);
      if (f.hint) out.push(`    → ${f.hint}`);
    }
    out.push(`  → ${m.blockedHint}`);
    process.stderr.write(out.join('\n') + '\n');
    return EXIT.BLOCKED;
  }
  const plan = result.plan;
  if (result.status === 'nothing') {
    if (plan.skipped.length === 0) out.push(m.nothingToDo);
    else {
      out.push(m.onlyDestructive(plan.skipped.length));
      for (const o of plan.skipped) out.push(`  - ${o.description}${o.risk ? `: ${o.risk}` : ''}`);
      out.push(`  → ${m.skippedHint}`);
    }
    process.stdout.write(out.join('\n') + '\n');
    return EXIT.OK;
  }
  const dryRun = result.status === 'dry-run';
  out.push(dryRun ? m.wouldWrite(result.relativeFile, plan.operations.length) : m.written(result.relativeFile, plan.operations.length));
  for (const o of plan.operations) out.push(`  + ${o.description}`);
  if (!plan.transaction) out.push(m.transactionOff);
  if (plan.skipped.length) {
    out.push(m.skippedHeader(plan.skipped.length));
    for (const o of plan.skipped) out.push(`  - ${o.description}${o.risk ? `: ${o.risk}` : ''}`);
    out.push(`  → ${m.skippedHint}`);
  }
  for (const n of plan.notes) out.push(`${m.notesHeader} ${n}`);
  if (dryRun) {
    // The migration alone on stdout (`generate --dry-run > file.ts` works); what it is, on stderr.
    if (!args.quiet) process.stderr.write(out.join('\n') + '\n');
    process.stdout.write(result.content);
    return EXIT.OK;
  }
  if (!args.quiet) out.push(m.nextStep);
  process.stdout.write(out.join('\n') + '\n');
  return EXIT.OK;
}

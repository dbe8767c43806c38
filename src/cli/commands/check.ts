// `pre-commit-check check [--full] [--json]`: the consistency check alone.
import { resolve } from 'node:path';
import { runCheck } from '../../check/check-project.ts';
import { renderJson } from '../../report/json.ts';
import { renderText } from '../../report/text.ts';
import { exitCodeFor } from '../exit-code.ts';
import { useColor } from '../output.ts';
import { projectOptions, type CliArgs } from '../args.ts';
import { writeJUnitFile } from '../../report/write-junit.ts';
import { writeAnnotations } from '../../report/annotations.ts';
import { reserveStdout } from '../stdout.ts';
import { checkProgress } from '../progress.ts';

/** Use for the `check` command; returns the exit code. */
export async function runCheckCommand(args: CliArgs): Promise<number> {
  // --json: the report alone on stdout, for the whole run (user code prints to stderr instead).
  const out = args.json ? reserveStdout() : process.stdout;
  const progress = checkProgress({ verbose: args.verbose, quiet: args.quiet, ci: args.ci });
  let run;
  try {
    run = await runCheck({
      ...projectOptions(args),
      full: args.full,
      // The CLI check may be answered by the last clean result; --ci neither reads nor writes it.
      resultCache: true,
      writeCache: !args.ci,
      onMigration: progress?.onMigration,
      onPhase: progress?.onPhase,
    });
  } finally {
    progress?.done();
  }
  if (args.junit) writeJUnitFile(resolve(args.cwd, args.junit), { report: run.report, full: args.full });
  writeAnnotations(run.report, args.json ? process.stderr : process.stdout);
  if (args.json) out.write(renderJson(run.report));
  else if (args.quiet) {
    // --quiet: nothing on success; on failure the errors (no warnings, no notes) and the summary line.
    if (!run.report.ok) process.stdout.write(renderText({ ...run.report, findings: run.report.findings.filter((f) => f.severity === 'error') }, { color: useColor(process.stdout) }));
  } else {
    const notes = [...run.notes];
    if (args.verbose) {
      for (const mt of run.migrations) notes.push(`  ${mt.direction.padEnd(4)} ${mt.name}  ${mt.ms.toFixed(0)} ms`);
      notes.push(`  phases: ${Object.entries(run.timings).map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join(', ')}`);
    }
    process.stdout.write(renderText(run.report, { color: useColor(process.stdout), notes }));
  }
  return exitCodeFor(run.report);
}

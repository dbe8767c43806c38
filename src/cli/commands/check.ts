// `pre-commit-check check [--full] [--json]`: the consistency check alone.
import { runCheck } from '../../check/check-project.ts';
import { renderJson } from '../../report/json.ts';
import { renderText } from '../../report/text.ts';
import { exitCodeFor } from '../exit-code.ts';
import { useColor } from '../output.ts';
import { projectOptions, type CliArgs } from '../args.ts';
import { writeJUnitFile } from '../../report/write-junit.ts';

/** Use for the `check` command; returns the exit code. */
export async function runCheckCommand(args: CliArgs): Promise<number> {
  const restore = args.json ? quietStdout() : () => {};
  let run;
  try {
    run = await runCheck({
      ...projectOptions(args),
      full: args.full,
      // The CLI check may be answered by the last clean result; --ci neither reads nor writes it.
      resultCache: true,
      writeCache: !args.ci,
    });
  } finally {
    restore();
  }
  if (args.junit) writeJUnitFile(args.junit, { report: run.report, full: args.full });
  if (args.json) process.stdout.write(renderJson(run.report));
  else {
    const notes = [...run.notes];
    if (args.verbose) {
      for (const mt of run.migrations) notes.push(`  ${mt.direction.padEnd(4)} ${mt.name}  ${mt.ms.toFixed(0)} ms`);
      notes.push(`  phases: ${Object.entries(run.timings).map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join(', ')}`);
    }
    if (args.quiet && run.report.ok) notes.length = 0;
    process.stdout.write(renderText(run.report, { color: useColor(process.stdout), notes }));
  }
  return exitCodeFor(run.report);
}

/** Keep stdout for the JSON document alone: anything user code or libraries print goes to stderr. */
function quietStdout(): () => void {
  const saved = { log: console.log, info: console.info, debug: console.debug };
  console.log = console.info = console.debug = (...a: unknown[]) => console.error(...a);
  return () => Object.assign(console, saved);
}

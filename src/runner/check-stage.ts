// The check stage: runs the injected check with the run's interruption and live titles, and turns its
// report (or what it threw) into a StageResult.
import type { CheckOptions } from '../check/check-project.ts';
import { isPccError } from '../errors.ts';
import { checkSummary, FAILS, migrationsLine, migrationTitle, phaseTitle } from '../messages/runner.ts';
import { interruption } from '../util/interrupt.ts';
import type { RunContext } from './run-context.ts';
import type { Retitle, StageResult } from './types.ts';

/** Use for the check stage of any mode: never rejects; a crash is a failed stage and the run's error. */
export async function runCheckStage(ctx: RunContext, title: string, checkOptions: CheckOptions, retitle: Retitle): Promise<StageResult> {
  const t0 = performance.now();
  try {
    const report = await ctx.options.check(withProgress(ctx, title, checkOptions, retitle));
    const durationMs = performance.now() - t0;
    const stage: StageResult = { name: 'check', title, ok: report.ok, durationMs, report };
    if (!report.ok) stage.reason = FAILS.checkFindings(report.summary.errors, report.summary.warnings);
    else stage.reason = checkSummary(report.summary);
    if (ctx.signal.aborted) {
      stage.ok = false;
      stage.interrupted = true;
      stage.reason = FAILS.interrupted;
    }
    return stage;
  } catch (error) {
    const durationMs = performance.now() - t0;
    const interrupted = ctx.signal.aborted || (isPccError(error) && error.code === 'INTERRUPTED');
    if (interrupted) ctx.stop(interruption() ?? 'SIGINT');
    else ctx.noteError(error);
    return {
      name: 'check',
      title,
      ok: false,
      durationMs,
      error,
      ...(interrupted ? { interrupted: true } : {}),
      reason: interrupted ? FAILS.interrupted : FAILS.checkCrashed(error instanceof Error ? error.message : String(error)),
    };
  }
}

/**
 * The check stops early on the run's interruption (it closes its connections at once); its title
 * says which migration runs (a slow or stuck one is named), and its phases (the server, the models,
 * the comparison); in a pipe, a line each.
 */
function withProgress(ctx: RunContext, title: string, checkOptions: CheckOptions, retitle: Retitle): CheckOptions {
  const directions = new Set<string>();
  return {
    ...checkOptions,
    signal: ctx.signal,
    onPhase: (p) => retitle(phaseTitle(title, p), phaseTitle(title, p)),
    onMigration: (p) => {
      const first = !directions.has(p.direction);
      directions.add(p.direction);
      retitle(migrationTitle(title, p), first ? migrationsLine(title, p) : undefined);
    },
  };
}

// Stage results built from what happened: a command's exit, a skip, an interruption; and the unit
// stage, which hook mode and --full run alike.
import { FAILS, SKIPS, TITLES } from '../messages/runner.ts';
import { tail, type ExecResult } from './exec.ts';
import type { RunContext } from './run-context.ts';
import type { StageName, StageResult } from './types.ts';

/** Use for a command stage: its ExecResult as a StageResult (the output's tail only when it failed). */
export function commandStage(name: StageName, title: string, r: ExecResult): StageResult {
  const stage: StageResult = {
    name,
    title,
    ok: r.ok && !r.aborted,
    durationMs: r.durationMs,
    command: r.command,
    cwd: r.cwd,
    ...(r.exitCode !== undefined ? { exitCode: r.exitCode } : {}),
  };
  if (r.aborted) {
    stage.interrupted = true;
    stage.reason = FAILS.interrupted;
  } else if (!r.ok) {
    stage.reason = FAILS.exitCode(r.exitCode, r.signal);
  }
  if (!stage.ok) {
    const t = tail(r.output || r.shortMessage || '');
    stage.outputTail = t.text;
    if (t.omitted) stage.omittedLines = t.omitted;
  }
  return stage;
}

/** Use for a stage that did not run and need not: `reason` says why. */
export const skipped = (name: StageName, title: string, reason: string): StageResult => ({
  name,
  title,
  ok: true,
  skipped: true,
  reason,
  durationMs: 0,
});

/** Use for a stage that did not start because the run was interrupted: it fails. */
export const interruptedSkip = (name: StageName, title: string): StageResult => ({
  ...skipped(name, title, SKIPS.interrupted),
  ok: false,
  interrupted: true,
});

/** Use for the unit stage in any mode: the configured command, or a skip saying why not. */
export async function runUnitStage(ctx: RunContext): Promise<StageResult> {
  const unitCommand = ctx.config.stages.unit;
  const unitTitle = TITLES.unit(unitCommand);
  if (unitCommand === false) return skipped('unit', unitTitle, ctx.config.unitSource === 'none' ? SKIPS.unitNone : SKIPS.unitDisabled);
  if (ctx.signal.aborted) return interruptedSkip('unit', unitTitle);
  return commandStage('unit', unitTitle, await ctx.exec(unitCommand));
}

// Hook mode's stages: lint-staged, then the unit tests; the check on the staged snapshot alongside.
import type { CheckOptions } from '../check/check-project.ts';
import { hookRunsGenerated } from '../generated/trigger.ts';
import { FAILS, SKIPS, TITLES } from '../messages/runner.ts';
import { deferred } from './deferred.ts';
import { tail } from './exec.ts';
import { runLintStaged } from './lint-staged.ts';
import type { RunContext } from './run-context.ts';
import { runCheckStage } from './check-stage.ts';
import { interruptedSkip, runUnitStage, skipped } from './stage-results.ts';
import { intoSnapshot, prepareStagedCheck, type StagedCheck } from './staged-scope.ts';
import type { Planned, Retitle, StageResult } from './types.ts';

/** Use for `--hook`: takes the staged snapshot (kept in ctx.snapshot) and plans the three stages. */
export async function planHookStages(ctx: RunContext): Promise<Planned[]> {
  // The snapshot first: lint-staged may rewrite files; the check must see what is staged. Only
  // what the check reads is copied, and nothing when the staged files cannot make it fail.
  let prepared: StagedCheck | undefined;
  let snapshotError: unknown;
  try {
    prepared = await prepareStagedCheck({ root: ctx.root, config: ctx.config, base: ctx.base, useCache: ctx.base.cache !== false });
    ctx.snapshot = prepared.snapshot;
  } catch (error) {
    snapshotError = error;
  }
  const lintDone = deferred<void>();
  const unitTitle = TITLES.unit(ctx.config.stages.unit);
  return [
    {
      name: 'lint-staged',
      title: TITLES.lintStaged,
      run: async () => {
        try {
          return await runLintStagedStage(ctx);
        } finally {
          lintDone.resolve();
        }
      },
    },
    {
      name: 'unit',
      title: unitTitle,
      run: async () => {
        // lint-staged rewrites files that the tests read: tests run after it.
        await lintDone.promise;
        return runUnitStage(ctx);
      },
    },
    { name: 'check', title: TITLES.checkStaged, run: (retitle) => runStagedCheck(ctx, prepared, snapshotError, retitle) },
  ];
}

/** lint-staged on the staged files, as a stage. */
async function runLintStagedStage(ctx: RunContext): Promise<StageResult> {
  const t0 = performance.now();
  if (ctx.signal.aborted) return interruptedSkip('lint-staged', TITLES.lintStaged);
  const r = await runLintStaged({
    cwd: ctx.root,
    color: ctx.isTTY,
    ...(ctx.options.lintStagedConfig ? { config: ctx.options.lintStagedConfig } : {}),
  });
  const durationMs = performance.now() - t0;
  const title = TITLES.lintStaged;
  if (r.status === 'no-config') return { ...skipped('lint-staged', title, SKIPS.noLintStagedConfig), durationMs };
  if (r.status === 'ok') {
    return { name: 'lint-staged', title, ok: true, durationMs, ...(r.note ? { reason: SKIPS.noStagedFiles } : {}) };
  }
  const t = tail(r.output);
  const interrupted = ctx.signal.aborted;
  if (r.status === 'crashed') ctx.noteError(r.error);
  return {
    name: 'lint-staged',
    title,
    ok: false,
    durationMs,
    command: 'lint-staged',
    cwd: ctx.root,
    ...(interrupted ? { interrupted: true } : {}),
    reason: interrupted
      ? FAILS.interrupted
      : r.status === 'crashed'
        ? FAILS.lintStagedCrashed(r.error instanceof Error ? r.error.message : String(r.error))
        : FAILS.lintStaged,
    outputTail: t.text,
    ...(t.omitted ? { omittedLines: t.omitted } : {}),
  };
}

/** The check on the staged snapshot, its paths moved into it; skipped when the staged files cannot make it fail. */
async function runStagedCheck(ctx: RunContext, prepared: StagedCheck | undefined, snapshotError: unknown, retitle: Retitle): Promise<StageResult> {
  const title = TITLES.checkStaged;
  if (prepared?.skip) return skipped('check', title, prepared.skip);
  if (!prepared?.snapshot) {
    ctx.noteError(snapshotError);
    const message = snapshotError instanceof Error ? snapshotError.message : String(snapshotError);
    return { name: 'check', title, ok: false, durationMs: 0, error: snapshotError, reason: FAILS.snapshot(message) };
  }
  const { snapshot: s, staged } = prepared;
  const { base, root, config } = ctx;
  const checkOptions: CheckOptions = { ...base, cwd: s.projectDir, full: false };
  const cfg = intoSnapshot(base.config, root, s);
  if (cfg !== undefined) checkOptions.config = cfg;
  const knexfile = intoSnapshot(base.knexfile, root, s);
  if (knexfile !== undefined) checkOptions.knexfile = knexfile;
  // The commands of `generated` are costly: only when a migration, the knexfile, the config or a generated file is staged.
  checkOptions.generated = await hookRunsGenerated({ staged, snapshotDir: s.dir, projectDir: s.projectDir, config, knexfile, configFile: cfg });
  return runCheckStage(ctx, title, checkOptions, retitle);
}

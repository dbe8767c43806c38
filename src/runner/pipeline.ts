// The orchestrator: hook mode (lint-staged, unit tests, the check on the staged snapshot), --full and
// --ci (static commands, unit tests, the check with round trip, integration tests on the migrated
// scratch database), as a listr2 task list. Stages return data; this module never exits the process.
// The stages of each mode are planned in hook-stages.ts and full-stages.ts, run by task-list.ts.
import { resolve } from 'node:path';
import { failureDetails } from '../messages/runner.ts';
import { writeAnnotations } from '../report/annotations.ts';
import { toJUnit } from '../report/junit.ts';
import { writeReportFile } from '../report/write-junit.ts';
import { reportInterruption } from '../util/interrupt.ts';
import { planFullStages } from './full-stages.ts';
import { planHookStages } from './hook-stages.ts';
import { pickRenderer, type RendererName } from './renderer.ts';
import { startRun, type RunContext } from './run-context.ts';
import { runTaskList } from './task-list.ts';
import type { PipelineOptions, PipelineResult, StageResult } from './types.ts';

export type { PipelineMode, PipelineOptions, PipelineResult, StageResult, StageName, CheckFunction } from './types.ts';

/** Run the pipeline of `options.mode`; resolves with every stage's result, never rejects for a stage's failure. */
export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const started = performance.now();
  const { mode } = options;
  const output = options.output ?? process.stderr;
  const isTTY = Boolean((output as { isTTY?: boolean }).isTTY);
  const renderer =
    options.renderer ?? pickRenderer({ quiet: options.quiet, ci: mode === 'ci', isTTY, env: options.env ?? process.env, columns: process.stdout.columns });
  const ctx = startRun(options, isTTY);
  try {
    const planned = mode === 'hook' ? await planHookStages(ctx) : planFullStages(ctx);
    const stages = await runTaskList(planned, renderer, output);
    const result = pipelineResult(ctx, stages, started);
    afterTheList(ctx, result, renderer, output);
    return result;
  } finally {
    ctx.dispose();
  }
}

/** The run's outcome from its stages' results. */
function pipelineResult(ctx: RunContext, stages: StageResult[], started: number): PipelineResult {
  const interruptedBy = ctx.interruptedBy();
  const firstError = ctx.firstError();
  const interrupted = interruptedBy !== undefined;
  return {
    ok: !interrupted && stages.every((s) => s.ok),
    mode: ctx.options.mode,
    interrupted,
    ...(interruptedBy ? { signal: interruptedBy } : {}),
    stages,
    report: stages.find((s) => s.name === 'check')?.report ?? null,
    ...(firstError !== undefined ? { error: firstError } : {}),
    durationMs: performance.now() - started,
  };
}

/** After the list: details of failed stages, JUnit, annotations. */
function afterTheList(ctx: RunContext, result: PipelineResult, renderer: RendererName, output: NodeJS.WritableStream): void {
  const { options } = ctx;
  if (renderer !== 'silent') {
    const blocks = result.stages
      .filter((s) => !s.ok && !s.interrupted && s.name !== 'check')
      .map((s) => failureDetails(s));
    if (blocks.length) output.write(`\n${blocks.join('\n\n')}\n\n`);
    if (result.interrupted) reportInterruption(output, ctx.interruptedBy());
  }
  if (options.junit) {
    const file = resolve(ctx.root, options.junit);
    writeReportFile(file, toJUnit(result));
    result.junitFile = file;
  }
  if (result.report) writeAnnotations(result.report, options.annotationOutput ?? process.stdout, options.env ?? process.env);
}

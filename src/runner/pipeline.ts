// The orchestrator: hook mode (lint-staged, unit tests, the check on the staged snapshot), --full and
// --ci (static commands, unit tests, the check with round trip, integration tests on the migrated
// scratch database), as a listr2 task list. Stages return data; this module never exits the process.
import { registerSecret } from '../util/secrets.ts';
import { resolve } from 'node:path';
import { Listr, ListrLogger, ProcessOutput, type ListrTask, type ListrTaskWrapper } from 'listr2';
import type { CheckOptions } from '../check/check-project.ts';
import type { Report } from '../diff/findings.ts';
import { isPccError } from '../errors.ts';
import { checkSummary, doneTitle, FAILS, failureDetails, migrationsLine, migrationTitle, phaseTitle, SKIPS, TITLES } from '../messages/runner.ts';
import { interruption, reportInterruption } from '../util/interrupt.ts';
import { writeAnnotations } from '../report/annotations.ts';
import { toJUnit } from '../report/junit.ts';
import { writeReportFile } from '../report/write-junit.ts';
import { runCommand, tail, type ExecResult } from './exec.ts';
import { runLintStaged } from './lint-staged.ts';
import { pickRenderer } from './renderer.ts';
import type { StagedSnapshot } from './snapshot.ts';
import { intoSnapshot, prepareStagedCheck } from './staged-scope.ts';
import { hookRunsGenerated } from '../generated/trigger.ts';
import type { StagedFiles } from '../cache/staged.ts';
import type { PipelineOptions, PipelineResult, StageName, StageResult } from './types.ts';

export type { PipelineMode, PipelineOptions, PipelineResult, StageResult, StageName, CheckFunction } from './types.ts';

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Shows what a running stage is doing now: on a terminal its title becomes `title`; in a pipe (the
 * plain renderer, which prints no title changes) `line`, when given, is printed once, as a line of its own.
 */
type Retitle = (title: string, line?: string) => void;

/** One planned stage: its slot in the list and the function that runs it (`retitle` shows what it is doing now). */
interface Planned {
  name: StageName;
  title: string;
  run: (retitle: Retitle) => Promise<StageResult>;
}

/** Turn a command's ExecResult into a StageResult (tail only when it failed). */
function commandStage(name: StageName, title: string, r: ExecResult): StageResult {
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

const skipped = (name: StageName, title: string, reason: string): StageResult => ({
  name,
  title,
  ok: true,
  skipped: true,
  reason,
  durationMs: 0,
});

/** Run the pipeline of `options.mode`; resolves with every stage's result, never rejects for a stage's failure. */
export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const started = performance.now();
  const { config, mode } = options;
  const root = config.root;
  const env = options.env ?? process.env;
  const output = options.output ?? process.stderr;
  const isTTY = Boolean((output as { isTTY?: boolean }).isTTY);
  const renderer =
    options.renderer ?? pickRenderer({ quiet: options.quiet, ci: mode === 'ci', isTTY, env, columns: process.stdout.columns });

  // --- interruption: a signal or options.signal aborts every child we started -----------------
  const interrupt = new AbortController();
  let interruptedBy: string | undefined;
  const stop = (why: string) => {
    if (interruptedBy) return;
    interruptedBy = why;
    interrupt.abort(why);
  };
  const signalSource = options.signalSource ?? process;
  const onSigint = () => stop('SIGINT');
  const onSigterm = () => stop('SIGTERM');
  signalSource.on('SIGINT', onSigint);
  signalSource.on('SIGTERM', onSigterm);
  const onExternalAbort = () => stop('abort');
  if (options.signal?.aborted) stop('abort');
  options.signal?.addEventListener('abort', onExternalAbort, { once: true });

  const exec = (command: string, extraEnv?: Record<string, string>) =>
    runCommand(command, { cwd: root, signal: interrupt.signal, ...(extraEnv ? { env: extraEnv } : {}) });

  let snapshot: StagedSnapshot | undefined;
  let firstError: unknown;
  const planned: Planned[] = [];

  try {
    // --- the stages ---------------------------------------------------------------------------
    const unitCommand = config.stages.unit;
    const unitTitle = TITLES.unit(unitCommand);
    const runUnit = async (): Promise<StageResult> => {
      if (unitCommand === false) return skipped('unit', unitTitle, config.unitSource === 'none' ? SKIPS.unitNone : SKIPS.unitDisabled);
      if (interrupt.signal.aborted) return { ...skipped('unit', unitTitle, SKIPS.interrupted), interrupted: true, ok: false };
      return commandStage('unit', unitTitle, await exec(unitCommand));
    };

    const runCheck = async (title: string, checkOptions: CheckOptions, retitle: Retitle): Promise<StageResult> => {
      const t0 = performance.now();
      try {
        // The check stops early on the same interruption (it closes its connections at once); its
        // title says which migration runs (a slow or stuck one is named).
        // Its phases too (the server, the models, the comparison); in a pipe, a line each.
        const directions = new Set<string>();
        const opts: CheckOptions = {
          ...checkOptions,
          signal: interrupt.signal,
          onPhase: (p) => retitle(phaseTitle(title, p), phaseTitle(title, p)),
          onMigration: (p) => {
            const first = !directions.has(p.direction);
            directions.add(p.direction);
            retitle(migrationTitle(title, p), first ? migrationsLine(title, p) : undefined);
          },
        };
        const report = await options.check(opts);
        const durationMs = performance.now() - t0;
        const stage: StageResult = { name: 'check', title, ok: report.ok, durationMs, report };
        if (!report.ok) stage.reason = FAILS.checkFindings(report.summary.errors, report.summary.warnings);
        else stage.reason = checkSummary(report.summary);
        if (interrupt.signal.aborted) {
          stage.ok = false;
          stage.interrupted = true;
          stage.reason = FAILS.interrupted;
        }
        return stage;
      } catch (error) {
        const durationMs = performance.now() - t0;
        const interrupted = interrupt.signal.aborted || (isPccError(error) && error.code === 'INTERRUPTED');
        if (interrupted) stop(interruption() ?? 'SIGINT');
        firstError ??= interrupted ? undefined : error;
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
    };

    const base = options.checkOptions ?? {};

    if (mode === 'hook') {
      // The snapshot first: lint-staged may rewrite files; the check must see what is staged. Only
      // what the check reads is copied, and nothing when the staged files cannot make it fail.
      let snapshotError: unknown;
      let checkSkip: string | undefined;
      let staged: StagedFiles | undefined;
      try {
        const prepared = await prepareStagedCheck({ root, config, base, useCache: base.cache !== false });
        snapshot = prepared.snapshot;
        checkSkip = prepared.skip;
        staged = prepared.staged;
      } catch (error) {
        snapshotError = error;
      }
      const lintDone = deferred<void>();
      planned.push({
        name: 'lint-staged',
        title: TITLES.lintStaged,
        run: async () => {
          const t0 = performance.now();
          try {
            if (interrupt.signal.aborted) return { ...skipped('lint-staged', TITLES.lintStaged, SKIPS.interrupted), ok: false, interrupted: true };
            const r = await runLintStaged({
              cwd: root,
              color: isTTY,
              ...(options.lintStagedConfig ? { config: options.lintStagedConfig } : {}),
            });
            const durationMs = performance.now() - t0;
            const title = TITLES.lintStaged;
            if (r.status === 'no-config') return { ...skipped('lint-staged', title, SKIPS.noLintStagedConfig), durationMs };
            if (r.status === 'ok') {
              return { name: 'lint-staged', title, ok: true, durationMs, ...(r.note ? { reason: SKIPS.noStagedFiles } : {}) };
            }
            const t = tail(r.output);
            const interrupted = interrupt.signal.aborted;
            if (r.status === 'crashed') firstError ??= r.error;
            return {
              name: 'lint-staged',
              title,
              ok: false,
              durationMs,
              command: 'lint-staged',
              cwd: root,
              ...(interrupted ? { interrupted: true } : {}),
              reason: interrupted
                ? FAILS.interrupted
                : r.status === 'crashed'
                  ? FAILS.lintStagedCrashed(r.error instanceof Error ? r.error.message : String(r.error))
                  : FAILS.lintStaged,
              outputTail: t.text,
              ...(t.omitted ? { omittedLines: t.omitted } : {}),
            };
          } finally {
            lintDone.resolve();
          }
        },
      });
      planned.push({
        name: 'unit',
        title: unitTitle,
        run: async () => {
          // lint-staged rewrites files that the tests read: tests run after it.
          await lintDone.promise;
          return runUnit();
        },
      });
      planned.push({
        name: 'check',
        title: TITLES.checkStaged,
        run: async (retitle) => {
          if (checkSkip) return skipped('check', TITLES.checkStaged, checkSkip);
          if (!snapshot) {
            firstError ??= snapshotError;
            const message = snapshotError instanceof Error ? snapshotError.message : String(snapshotError);
            return { name: 'check', title: TITLES.checkStaged, ok: false, durationMs: 0, error: snapshotError, reason: FAILS.snapshot(message) };
          }
          const s = snapshot;
          const checkOptions: CheckOptions = { ...base, cwd: s.projectDir, full: false };
          const cfg = intoSnapshot(base.config, root, s);
          if (cfg !== undefined) checkOptions.config = cfg;
          const knexfile = intoSnapshot(base.knexfile, root, s);
          if (knexfile !== undefined) checkOptions.knexfile = knexfile;
          // The commands of `generated` are costly: only when a migration, the knexfile, the config or a generated file is staged.
          checkOptions.generated = await hookRunsGenerated({ staged: staged!, snapshotDir: s.dir, projectDir: s.projectDir, config, knexfile, configFile: cfg });
          return runCheck(TITLES.checkStaged, checkOptions, retitle);
        },
      });
    } else {
      // full / ci: static commands one after another, unit tests and the check alongside.
      const statics = config.stages.static;
      if (statics.length === 0) {
        planned.push({ name: 'static', title: TITLES.staticNone, run: async () => skipped('static', TITLES.staticNone, SKIPS.staticNone) });
      }
      let previous: Promise<unknown> = Promise.resolve();
      for (const command of statics) {
        const title = TITLES.static(command);
        const after = previous;
        const done = deferred<void>();
        previous = done.promise;
        planned.push({
          name: 'static',
          title,
          run: async () => {
            try {
              await after;
              if (interrupt.signal.aborted) return { ...skipped('static', title, SKIPS.interrupted), ok: false, interrupted: true };
              return commandStage('static', title, await exec(command));
            } finally {
              done.resolve();
            }
          },
        });
      }

      const unitDone = deferred<void>();
      planned.push({
        name: 'unit',
        title: unitTitle,
        run: async () => {
          try {
            return await runUnit();
          } finally {
            unitDone.resolve();
          }
        },
      });

      const integrationCommand = config.stages.integration;
      const integrationTitle = TITLES.integration(integrationCommand);
      // The check calls back with the migrated database's URL; the integration stage runs then, and
      // the check keeps the database alive until the callback returns.
      const databaseReady = deferred<string | null>();
      const integrationFinished = deferred<void>();
      const checkOptions: CheckOptions = { ...base, cwd: root, full: true };
      if (integrationCommand !== false) {
        checkOptions.integration = async (url: string) => {
          databaseReady.resolve(url);
          await integrationFinished.promise;
        };
      }
      planned.push({
        name: 'check',
        title: TITLES.checkFull,
        run: async (retitle) => {
          try {
            return await runCheck(TITLES.checkFull, checkOptions, retitle);
          } finally {
            databaseReady.resolve(null);
          }
        },
      });
      planned.push({
        name: 'integration',
        title: integrationTitle,
        run: async (retitle) => {
          try {
            if (integrationCommand === false) return skipped('integration', integrationTitle, SKIPS.integrationDisabled);
            // It waits for the check's migrated database: say so rather than spin as if it ran.
            retitle(`${integrationTitle}: ${TITLES.waitingForDatabase}`);
            const url = await databaseReady.promise;
            if (url === null) {
              if (interrupt.signal.aborted) return { ...skipped('integration', integrationTitle, SKIPS.interrupted), ok: false, interrupted: true };
              return skipped('integration', integrationTitle, SKIPS.integrationNotReached);
            }
            // Unit and integration suites often share files and ports: not both at once.
            await unitDone.promise;
            retitle(integrationTitle);
            registerSecret(url);
            return commandStage('integration', integrationTitle, await exec(integrationCommand, { DATABASE_URL: url }));
          } finally {
            integrationFinished.resolve();
          }
        },
      });
    }

    // --- the task list ----------------------------------------------------------------------
    const results = new Map<Planned, StageResult>();
    const logger = new ListrLogger({ processOutput: new ProcessOutput(output as NodeJS.WriteStream, output as NodeJS.WriteStream) });
    const tasks: ListrTask[] = planned.map((p) => ({
      title: p.title,
      task: async (_ctx: unknown, task: ListrTaskWrapper<unknown, any, any>) => {
        const r = await p.run((title, line) => {
          if (renderer !== 'simple') task.title = title;
          else if (line !== undefined) task.output = line;
        });
        results.set(p, r);
        if (r.skipped && r.ok) {
          // The simple renderer prints `title [SKIPPED: message]`; the others show the message alone.
          const reason = r.reason ?? 'skipped';
          task.skip(renderer === 'simple' ? reason.replace(/^skipped: /, '') : `${r.title}: ${reason}`);
          return;
        }
        task.title = doneTitle(r.title, r.durationMs) + (r.ok && r.reason ? ` — ${r.reason}` : '');
        if (!r.ok) throw new Error(r.reason ?? 'failed');
      },
    }));
    const list = new Listr(tasks, {
      concurrent: true,
      exitOnError: false,
      registerSignalListeners: false,
      renderer,
      fallbackRenderer: 'simple',
      rendererOptions: { logger, collapseErrors: false } as never,
      fallbackRendererOptions: { logger } as never,
    });
    try {
      await list.run();
    } catch {
      // exitOnError is false: stage failures are in `results`; anything else is a renderer problem.
    }

    const stages = planned.map(
      (p) => results.get(p) ?? { name: p.name, title: p.title, ok: false, durationMs: 0, reason: FAILS.interrupted, interrupted: true },
    );
    const checkStage = stages.find((s) => s.name === 'check');
    const report: Report | null = checkStage?.report ?? null;
    const interrupted = interruptedBy !== undefined;
    const result: PipelineResult = {
      ok: !interrupted && stages.every((s) => s.ok),
      mode,
      interrupted,
      ...(interruptedBy ? { signal: interruptedBy } : {}),
      stages,
      report,
      ...(firstError !== undefined ? { error: firstError } : {}),
      durationMs: performance.now() - started,
    };

    // --- after the list: details of failed stages, JUnit, annotations ---------------------------
    if (renderer !== 'silent') {
      const blocks = stages
        .filter((s) => !s.ok && !s.interrupted && s.name !== 'check')
        .map((s) => failureDetails(s));
      if (blocks.length) output.write(`\n${blocks.join('\n\n')}\n\n`);
      if (interrupted) reportInterruption(output, interruptedBy);
    }
    if (options.junit) {
      const file = resolve(root, options.junit);
      writeReportFile(file, toJUnit(result));
      result.junitFile = file;
    }
    if (report) writeAnnotations(report, options.annotationOutput ?? process.stdout, env);
    return result;
  } finally {
    snapshot?.remove();
    signalSource.removeListener('SIGINT', onSigint);
    signalSource.removeListener('SIGTERM', onSigterm);
    options.signal?.removeEventListener('abort', onExternalAbort);
  }
}

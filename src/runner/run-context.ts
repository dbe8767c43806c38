// What every stage of one pipeline run shares: the project, the options, the interruption (a signal or
// options.signal aborts every child started), the first error a stage threw, and the staged snapshot.
import type { ResolvedConfig } from '../config/types.ts';
import { runCommand, type ExecResult } from './exec.ts';
import type { StagedSnapshot } from './snapshot.ts';
import type { PipelineOptions } from './types.ts';

/** One run's shared state; stages read it and report into it. */
export interface RunContext {
  options: PipelineOptions;
  config: ResolvedConfig;
  /** The project root (config.root). */
  root: string;
  /** What the caller passes on to the check (options.checkOptions, or none). */
  base: NonNullable<PipelineOptions['checkOptions']>;
  /** Whether the task list goes to a terminal (lint-staged gets colours then). */
  isTTY: boolean;
  /** Aborted on the first signal, or when options.signal aborts. */
  signal: AbortSignal;
  /** Abort the run (once); `why` is 'SIGINT', 'SIGTERM' or 'abort'. */
  stop(why: string): void;
  /** What stopped the run, if anything did. */
  interruptedBy(): string | undefined;
  /** Run a command in the project root, stopped by the interruption. */
  exec(command: string, extraEnv?: Record<string, string>): Promise<ExecResult>;
  /** Keep `error` as the run's error unless an earlier one was kept. */
  noteError(error: unknown): void;
  /** The first error a stage noted. */
  firstError(): unknown;
  /** The staged snapshot (hook mode), removed when the run ends. */
  snapshot?: StagedSnapshot;
  /** Remove the snapshot and the signal listeners: call once, when the run ends. */
  dispose(): void;
}

/** Use at the start of runPipeline: listens for signals until dispose(). */
export function startRun(options: PipelineOptions, isTTY: boolean): RunContext {
  const interrupt = new AbortController();
  let interruptedBy: string | undefined;
  let firstError: unknown;
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

  const root = options.config.root;
  const ctx: RunContext = {
    options,
    config: options.config,
    root,
    base: options.checkOptions ?? {},
    isTTY,
    signal: interrupt.signal,
    stop,
    interruptedBy: () => interruptedBy,
    exec: (command, extraEnv) => runCommand(command, { cwd: root, signal: interrupt.signal, ...(extraEnv ? { env: extraEnv } : {}) }),
    noteError: (error) => {
      firstError ??= error;
    },
    firstError: () => firstError,
    dispose: () => {
      ctx.snapshot?.remove();
      signalSource.removeListener('SIGINT', onSigint);
      signalSource.removeListener('SIGTERM', onSigterm);
      options.signal?.removeEventListener('abort', onExternalAbort);
    },
  };
  return ctx;
}

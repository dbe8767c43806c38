// The orchestrator's data: what it is asked to run and what each stage returned.
import type { CheckOptions } from '../check/check-project.ts';
import type { ResolvedConfig } from '../config/types.ts';
import type { Report } from '../diff/findings.ts';
import type { RendererName } from './renderer.ts';

/** hook: what .husky/pre-commit runs; full: every stage on the whole tree; ci: full, non-interactive. */
export type PipelineMode = 'hook' | 'full' | 'ci';

/** Stable stage identifiers (JUnit class names, JSON consumers). */
export type StageName = 'lint-staged' | 'static' | 'unit' | 'check' | 'integration';

/** The consistency check, injected: checkProject in production, a fake in the runner's own tests. */
export type CheckFunction = (options: CheckOptions) => Promise<Report>;

export interface PipelineOptions {
  mode: PipelineMode;
  /** The resolved config; `config.root` is the project root and `config.stages` says what to run. */
  config: ResolvedConfig;
  /** The consistency check (checkProject). */
  check: CheckFunction;
  /** Passed on to the check (config file, models, knexfile, databaseUrl, cache). Paths inside the project are remapped to the staged snapshot in hook mode. */
  checkOptions?: Omit<CheckOptions, 'cwd' | 'full' | 'integration'>;
  /** --quiet: plain renderer. */
  quiet?: boolean;
  /** Override pickRenderer (tests use 'silent'). */
  renderer?: RendererName;
  /** --junit FILE: write JUnit XML there (relative to config.root). */
  junit?: string;
  /** Environment consulted for CI / GITHUB_ACTIONS / TERM (default process.env). */
  env?: Record<string, string | undefined>;
  /** Where the task list and the failure details go (default process.stderr, so stdout stays the report's). */
  output?: NodeJS.WritableStream;
  /** Where GitHub annotations go (default process.stdout; pass process.stderr with --json). */
  annotationOutput?: NodeJS.WritableStream;
  /** Aborting it stops the run like a signal does. */
  signal?: AbortSignal;
  /** Emitter of SIGINT / SIGTERM (default process); a test seam. */
  signalSource?: NodeJS.EventEmitter;
  /** Test seam: lint-staged config object instead of the project's lint-staged configuration. */
  lintStagedConfig?: Record<string, string | string[]>;
}

/** One stage's outcome, as data. */
export interface StageResult {
  name: StageName;
  /** Title shown in the task list (without the duration). */
  title: string;
  ok: boolean;
  /** Set when the stage did not run; `reason` says why. */
  skipped?: boolean;
  /** Why it failed or was skipped, or a note on an OK run ("no staged files"). */
  reason?: string;
  durationMs: number;
  /** The command line that ran, for command stages. */
  command?: string;
  cwd?: string;
  exitCode?: number;
  /** The last lines of the command's output (stdout and stderr interleaved), for failed stages. */
  outputTail?: string;
  /** How many earlier lines the tail leaves out. */
  omittedLines?: number;
  /** The check's report (check stage). */
  report?: Report;
  /** What a stage threw (the check's PccError, say): the CLI maps its kind to an exit code. */
  error?: unknown;
  /** True when a signal or an abort stopped this stage. */
  interrupted?: boolean;
}

export interface PipelineResult {
  /** True exactly when every stage that ran passed (the check's report included) and nothing was interrupted. */
  ok: boolean;
  mode: PipelineMode;
  /** A signal (or options.signal) stopped the run: the CLI exits 130. */
  interrupted: boolean;
  /** 'SIGINT', 'SIGTERM' or 'abort'. */
  signal?: string;
  stages: StageResult[];
  /** The check's report, or null when the check did not complete. */
  report: Report | null;
  /** The first error a stage threw (a PccError from the check, typically), for the exit code. */
  error?: unknown;
  durationMs: number;
  /** Absolute path of the JUnit file written, if any. */
  junitFile?: string;
}

/**
 * Shows what a running stage is doing now: on a terminal its title becomes `title`; in a pipe (the
 * plain renderer, which prints no title changes) `line`, when given, is printed once, as a line of its own.
 */
export type Retitle = (title: string, line?: string) => void;

/** One planned stage: its slot in the list and the function that runs it (`retitle` shows what it is doing now). */
export interface Planned {
  name: StageName;
  title: string;
  run: (retitle: Retitle) => Promise<StageResult>;
}

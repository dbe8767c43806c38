// The one wrapper around every subprocess of the orchestrator (execa v9): output captured, never
// thrown, the whole process group killed on abort.
import { execa } from 'execa';
import { redact } from '../util/secrets.ts';

/** Lines of output kept for a failed stage. */
export const TAIL_LINES = 30;

export interface ExecOptions {
  cwd: string;
  /** Extra environment variables (on top of the cleaned process environment). */
  env?: Record<string, string | undefined>;
  /** Aborting kills the child and everything it started (SIGTERM, then SIGKILL after `killGraceMs`). */
  signal?: AbortSignal;
  /** Grace period between SIGTERM and SIGKILL on abort (default 3000 ms). */
  killGraceMs?: number;
  /** Keep GIT_DIR, GIT_INDEX_FILE & co. (default false: they are removed, see cleanGitEnv). */
  keepGitEnv?: boolean;
}

export interface ExecResult {
  command: string;
  cwd: string;
  ok: boolean;
  exitCode: number | undefined;
  /** Signal that ended the child, if any. */
  signal: string | undefined;
  /** True when our abort signal stopped it. */
  aborted: boolean;
  /** stdout and stderr interleaved, final newline stripped. */
  output: string;
  durationMs: number;
  /** execa's one-line explanation when the command failed (could not start, exit code, signal). */
  shortMessage: string | undefined;
}

/**
 * Git's repository-local variables (`git rev-parse --local-env-vars`). A git hook runs with some of
 * them set (GIT_INDEX_FILE above all); passed on to a project's test command they make every `git`
 * the tests run in their own temporary repositories act on the outer repository's index.
 */
export const GIT_LOCAL_ENV = [
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_CONFIG',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  'GIT_OBJECT_DIRECTORY',
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_IMPLICIT_WORK_TREE',
  'GIT_GRAFT_FILE',
  'GIT_INDEX_FILE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_REPLACE_REF_BASE',
  'GIT_PREFIX',
  'GIT_INTERNAL_SUPER_PREFIX',
  'GIT_SHALLOW_FILE',
  'GIT_COMMON_DIR',
] as const;

/** Use for the environment of a stage command: process.env without git's repository-local variables. */
export function cleanGitEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...env };
  for (const k of GIT_LOCAL_ENV) delete out[k];
  for (const k of Object.keys(out)) if (/^GIT_CONFIG_(KEY|VALUE)_\d+$/.test(k)) delete out[k];
  return out;
}

/** Use to keep the end of a long output: the last `n` lines and how many were dropped. */
export function tail(text: string, n = TAIL_LINES): { text: string; omitted: number } {
  const lines = text.replace(/\s+$/, '').split('\n');
  if (lines.length === 1 && lines[0] === '') return { text: '', omitted: 0 };
  if (lines.length <= n) return { text: lines.join('\n'), omitted: 0 };
  return { text: lines.slice(-n).join('\n'), omitted: lines.length - n };
}

/** Kill a process group (the child was started detached, so it leads its own group); ignores a gone group. */
function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, signal);
  } catch {
    // already gone
  }
}

/** Run a shell command line (a stage command from the config); resolves, never rejects. */
export async function runCommand(command: string, options: ExecOptions): Promise<ExecResult> {
  const started = performance.now();
  const { signal, killGraceMs = 3000 } = options;
  const base = options.keepGitEnv ? { ...process.env } : cleanGitEnv(process.env);
  const env = { ...base, ...(options.env ?? {}) };
  if (signal?.aborted) {
    return {
      command,
      cwd: options.cwd,
      ok: false,
      exitCode: undefined,
      signal: undefined,
      aborted: true,
      output: '',
      durationMs: 0,
      shortMessage: 'not started: interrupted',
    };
  }
  const child = execa(command, {
    shell: true,
    cwd: options.cwd,
    env,
    extendEnv: false,
    preferLocal: true,
    localDir: options.cwd,
    stdin: 'ignore',
    all: true,
    reject: false,
    stripFinalNewline: true,
    // Own process group, so an abort reaches the shell's children too (and a terminal's Ctrl-C
    // reaches them through us, once, in order).
    detached: process.platform !== 'win32',
    windowsHide: true,
  });
  let aborted = false;
  let forceTimer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    aborted = true;
    killGroup(child.pid, 'SIGTERM');
    forceTimer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), killGraceMs);
    forceTimer.unref();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  // If our process dies first, do not leave the group running.
  const onExit = () => killGroup(child.pid, 'SIGKILL');
  process.once('exit', onExit);
  try {
    const result = await child;
    return {
      command,
      cwd: options.cwd,
      ok: !result.failed,
      exitCode: result.exitCode,
      signal: result.signal,
      aborted,
      // what a stage prints (its DATABASE_URL, say) is kept redacted: the terminal and JUnit see only this
      output: typeof result.all === 'string' ? redact(result.all) : '',
      durationMs: performance.now() - started,
      shortMessage: result.failed ? redact(result.shortMessage ?? '') : undefined,
    };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    process.removeListener('exit', onExit);
    if (forceTimer) clearTimeout(forceTimer);
    // Children the command left in its group (a backgrounded server, say) go with it.
    if (aborted) killGroup(child.pid, 'SIGKILL');
  }
}

/** Run a program with arguments (no shell), for the runner's own calls (git, husky); resolves, never rejects. */
export async function runFile(
  file: string,
  args: string[],
  options: { cwd: string; signal?: AbortSignal; env?: Record<string, string | undefined>; input?: string },
): Promise<ExecResult> {
  const started = performance.now();
  const result = await execa(file, args, {
    cwd: options.cwd,
    ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' as const }),
    all: true,
    reject: false,
    stripFinalNewline: true,
    ...(options.env ? { env: options.env } : {}),
    ...(options.signal ? { cancelSignal: options.signal } : {}),
  });
  return {
    command: [file, ...args].join(' '),
    cwd: options.cwd,
    ok: !result.failed,
    exitCode: result.exitCode,
    signal: result.signal,
    aborted: Boolean(result.isCanceled),
    output: typeof result.all === 'string' ? result.all : '',
    durationMs: performance.now() - started,
    shortMessage: result.failed ? result.shortMessage : undefined,
  };
}

/** Run git (with the caller's GIT_* environment: in a hook, GIT_INDEX_FILE is the index being committed). */
export function runGit(args: string[], options: { cwd: string; signal?: AbortSignal; input?: string }): Promise<ExecResult> {
  return runFile('git', args, options);
}

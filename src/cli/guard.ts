// The run's integrity against the user's code, which runs in this process (config, knexfile,
// models, migrations): a run that did not finish its check never exits 0, whatever that code does.
// - process.exit() and process.reallyExit() throw a UserExitError instead of ending the process;
//   the call fails the step that made it (src/util/user-code.ts), so it becomes a finding.
// - An uncaught exception or unhandled rejection fails the user step it came from; one that comes
//   from no user code is the tool's own bug: it is printed as such, and the run stops with exit 4.
// - Backstop: if the process ends anyway before the run finished (the event loop ran dry, an exit
//   from outside any step), an 'exit' listener says so and makes the exit code non-zero.
// - EPIPE on stdout or stderr (`pre-commit-check check | head`) is ignored: the exit code stays the check's.
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runShutdown } from '../postgres/cleanup.ts';
import { redact } from '../errors.ts';
import { enableStallWatch } from '../util/stall-watch.ts';
import { failUserCode, takeLateFailures, UncaughtUserError, UserExitError } from '../util/user-code.ts';
import { guardMessages as m } from '../messages/user-code.ts';
import { cliMessages } from '../messages/cli.ts';
import { EXIT } from './exit-code.ts';

type ExitFn = (code?: number | string | null) => never;

interface ExitCall {
  call: string;
  /** The file of the step it was charged to, if any. */
  file: string | undefined;
}

/** What the CLI holds while a run is guarded. */
export interface RunGuard {
  /** Call once the command is done with its exit code; returns the exit code to use (never 0 if user code misbehaved). */
  finish(code: number): number;
}

/** The guard's state, shared by its parts. */
interface State {
  /** The command is done: `decided` is its exit code. */
  finished: boolean;
  decided: number;
  /** Ending now, on purpose: exit calls pass through. */
  exiting: boolean;
  /** An error no step could be charged with stopped the run. */
  fatal: boolean;
  exitCalls: ExitCall[];
  realExit: ExitFn;
}

let active: RunGuard | undefined;

/** Use at the start of the CLI's run (once per process): installs the guards described above. */
export function guardRun(): RunGuard {
  if (active) return active;
  enableStallWatch();
  const state: State = { finished: false, decided: EXIT.OK, exiting: false, fatal: false, exitCalls: [], realExit: process.exit };
  guardExitCalls(state);
  const onError = errorHandler(state);
  process.on('uncaughtException', onError('uncaught exception'));
  process.on('unhandledRejection', onError('unhandled rejection'));
  for (const stream of [process.stdout, process.stderr]) stream.on('error', onError('uncaught exception'));
  process.on('exit', (code) => backstop(state, code));
  active = { finish: (code) => finish(state, code) };
  return active;
}

/** process.exit() and process.reallyExit() throw instead, and charge the step of user code that called them. */
function guardExitCalls(state: State): void {
  const proc = process as unknown as { exit: ExitFn; reallyExit: ExitFn };
  const guarded = (name: string, real: ExitFn): ExitFn =>
    function (code?: number | string | null): never {
      if (state.exiting) return real.call(process, code);
      // After the run, the process may end, but with the run's own exit code.
      if (state.finished) return endNow(state, state.decided);
      const error = new UserExitError(name, code);
      error.scope = failUserCode(error);
      state.exitCalls.push({ call: error.call, file: error.scope?.file });
      throw error;
    };
  proc.exit = guarded('process.exit', state.realExit);
  proc.reallyExit = guarded('process.reallyExit', proc.reallyExit);
}

function endNow(state: State, code: number): never {
  state.exiting = true;
  return state.realExit.call(process, code);
}

/**
 * An error raised where nothing awaited it fails the step of user code it came from. One that no
 * step can be charged with ends the run (as it would end any Node program), after cleanup: the
 * user's fault when its stack names a file of theirs, else the tool's bug (exit 4).
 */
function errorHandler(state: State) {
  return (how: 'uncaught exception' | 'unhandled rejection') => (error: unknown) => {
    if (isBrokenPipe(error)) return;
    // Thrown by the exit guard and left uncaught: already charged when it came from a step.
    if (error instanceof UserExitError && error.scope) return;
    if (!(error instanceof UserExitError) && failUserCode(new UncaughtUserError(error, how))) return;
    stop(state, error, userFileIn(error));
  };
}

function stop(state: State, error: unknown, userFile: string | undefined): void {
  if (state.fatal) return;
  state.fatal = true;
  const text = redact(error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  let code: number = userFile || error instanceof UserExitError ? EXIT.BLOCKED : EXIT.INTERNAL;
  if (error instanceof UserExitError) say(m.unfinished(m.causeExit(error.call, userFile)), m.unfinishedHint);
  else if (userFile) say(m.userCodeFailed(userFile, text), m.userCodeFailedHint);
  else {
    say(m.fatal(text));
    if (error instanceof Error && error.stack && process.env.PCC_DEBUG) safeWrite(redact(error.stack) + '\n');
    safeWrite(`  → ${cliMessages.internalHint}\n`);
  }
  if (state.finished && state.decided !== EXIT.OK) code = state.decided;
  state.decided = code;
  process.exitCode = code;
  void runShutdown().finally(() => endNow(state, code));
}

/** The 'exit' listener: the run's code once it finished; never 0 when the process ends before that. */
function backstop(state: State, code: number): void {
  if (state.finished) {
    process.exitCode = state.decided;
    return;
  }
  if (state.fatal) return;
  // With no exit call to blame, the tool is at fault (every step of user code has a time limit,
  // whose timer keeps the process alive).
  const last = state.exitCalls[state.exitCalls.length - 1];
  say(m.unfinished(last ? m.causeExit(last.call, last.file) : m.causeLoopEmpty), last ? m.unfinishedHint : cliMessages.internalHint);
  // 13 is Node's own code for an unsettled top-level await: the same thing, said our way.
  process.exitCode = code && code !== 13 ? code : last ? EXIT.BLOCKED : EXIT.INTERNAL;
}

function finish(state: State, code: number): number {
  // Code the check used that failed after its step had ended, too late for the report.
  for (const late of takeLateFailures()) {
    say(m.stray(late.scope.file, redact(late.error.message.split('\n')[0]!)), m.strayHint);
    if (code === EXIT.OK) code = EXIT.BLOCKED;
  }
  // process.exit() was called (and the call swallowed): the run may have finished, it did not pass.
  const first = state.exitCalls[0];
  if (code === EXIT.OK && first) {
    say(m.unfinished(m.causeExit(first.call, first.file)), m.unfinishedHint);
    code = EXIT.BLOCKED;
  }
  state.finished = true;
  state.decided = code;
  process.exitCode = code;
  return code;
}

/** One error line, and its next step. */
function say(message: string, hint?: string): void {
  safeWrite(`${cliMessages.errorPrefix} ${message}\n${hint ? `  → ${hint}\n` : ''}`);
}

/** Where the tool's own code lives (src/, dist/, bin/ of this package); dependencies live under node_modules. */
const TOOL_DIRS = ['src/', 'dist/', 'bin/'].map((d) => fileURLToPath(new URL(`../../${d}`, import.meta.url)));

/** The first file of the user's in an error's stack (not the tool's, not a dependency's, not Node's). */
export function userFileIn(error: unknown): string | undefined {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  for (const line of stack.split('\n').slice(1)) {
    const match = /(?:\(|\bat )((?:file:\/\/)?\/[^()]*?):\d+:\d+\)?\s*$/.exec(line);
    if (!match) continue;
    let file = match[1]!;
    try {
      if (file.startsWith('file://')) file = fileURLToPath(file);
    } catch {
      continue;
    }
    if (file.includes(`${sep}node_modules${sep}`) || TOOL_DIRS.some((d) => file.startsWith(d))) continue;
    return file;
  }
  return undefined;
}

function isBrokenPipe(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

/** stderr may be a closed pipe: never throw while saying why the run failed. */
function safeWrite(text: string): void {
  try {
    process.stderr.write(text);
  } catch {
    // nowhere left to say it; the exit code says it
  }
}

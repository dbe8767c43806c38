// Running the user's code (config file, knexfile, model files, migrations) inside the tool's own
// process, so that what it does wrong is a finding, never a silent pass or a crash. Each piece runs
// in a scope (an AsyncLocalStorage frame, which follows it into its promises, timers and callbacks):
// a process.exit() call, an uncaught exception or an unhandled rejection raised from that code (see
// src/cli/guard.ts) fails its scope, and a scope that runs too long times out.
import { AsyncLocalStorage } from 'node:async_hooks';
import { userCodeMessages as m } from '../messages/user-code.ts';
import { watchStep } from './stall-watch.ts';

/** What a piece of user code is, for messages: the file it lives in and its role. */
export interface UserCodeScope {
  kind: 'config' | 'knexfile' | 'model' | 'migration' | 'file';
  /** Path of the file (absolute or relative to the project root). */
  file: string;
}

/** Thrown in place of process.exit() while the tool runs: the user's code asked to end the process. */
export class UserExitError extends Error {
  /** The argument given to process.exit(), as written in the message. */
  readonly exitArgument: string;
  /** The innermost step it was made from (a migration file's import, its up()), once charged. */
  scope: UserCodeScope | undefined;
  constructor(
    readonly exitCall: string,
    code: unknown,
  ) {
    const argument = code === undefined ? '' : typeof code === 'string' ? JSON.stringify(code) : String(code);
    super(m.exitCalled(`${exitCall}(${argument})`));
    this.name = 'UserExitError';
    this.exitArgument = argument;
  }
  /** `process.exit(0)`, as the user wrote it. */
  get call(): string {
    return `${this.exitCall}(${this.exitArgument})`;
  }
}

/** The user's code ran longer than its time limit (migrationTimeout). */
export class UserTimeoutError extends Error {
  constructor(readonly seconds: number) {
    super(m.timedOut(seconds));
    this.name = 'UserTimeoutError';
  }
}

/** An error the user's code raised where nothing awaited it (a promise not awaited, a timer callback). */
export class UncaughtUserError extends Error {
  readonly code: unknown;
  constructor(readonly original: unknown, how: 'uncaught exception' | 'unhandled rejection') {
    const text = (original instanceof Error ? original.message : String(original)).split('\n')[0]!;
    super(m.uncaught(text, how));
    this.name = 'UncaughtUserError';
    this.code = (original as { code?: unknown } | null)?.code;
  }
}

interface Frame {
  scope: UserCodeScope;
  parent: Frame | undefined;
  /** running until the scope's promise settles, then ok or failed. */
  state: 'running' | 'ok' | 'failed';
  /** The first error that failed the scope from outside its await chain. */
  tripped?: Error;
  /** Scopes started inside this one that still run: they time out with it. */
  children: Set<Frame>;
  end?: (error: Error) => void;
}

const storage = new AsyncLocalStorage<Frame>();

/** A failure raised by code of a scope that had already finished without error. */
export interface LateFailure {
  scope: UserCodeScope;
  error: Error;
}
const late: LateFailure[] = [];

/**
 * Use to run a piece of the user's code: settles as `fn` does, except that it rejects with the
 * first error raised from that code outside its await chain (process.exit, an uncaught exception,
 * an unhandled rejection: see failUserCode), even when the code caught it, and with a
 * UserTimeoutError once `timeoutMs` has passed (only for an outermost scope: a nested one, such as
 * a migration file's import during its migration, is bounded by its parent's limit).
 */
export function runUserCode<T>(scope: UserCodeScope, fn: () => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
  const parent = activeFrame(storage.getStore());
  const frame: Frame = { scope, parent, state: 'running', children: new Set() };
  parent?.children.add(frame);
  return new Promise<T>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let unwatch = () => {};
    const end = (error: Error | undefined, value?: T) => {
      if (frame.state !== 'running') return;
      clearTimeout(timer);
      unwatch();
      parent?.children.delete(frame);
      const failure = frame.tripped ?? error;
      frame.state = failure ? 'failed' : 'ok';
      if (error instanceof UserTimeoutError) for (const child of frame.children) child.end?.(error);
      if (failure) reject(failure);
      else resolve(value as T);
    };
    frame.end = end;
    if (options.timeoutMs !== undefined && !parent) {
      const seconds = options.timeoutMs / 1000;
      timer = setTimeout(() => end(new UserTimeoutError(seconds)), options.timeoutMs);
      // A loop that never yields keeps this timer from firing: the stall watch ends the run then.
      // Only for the steps of a real check (its worker costs ~20 ms to start): not for the config
      // file or knexfile, which the fast paths (hook skip, cached result) load too.
      if (scope.kind === 'model' || scope.kind === 'migration') unwatch = watchStep(scope.file, options.timeoutMs);
    }
    let run: Promise<T>;
    try {
      run = storage.run(frame, fn);
    } catch (error) {
      run = Promise.reject(error);
    }
    run.then(
      (value) => end(undefined, value),
      (error: unknown) => end(error instanceof Error ? error : new Error(String(error))),
    );
  });
}

/**
 * Use (from the process-wide guard) when the current code raised an error outside its await chain:
 * the innermost running scope fails with it; a scope that already ended well keeps it as a late
 * failure (takeLateFailures). Returns the scope it was charged to, or undefined when the current
 * code is not the user's (it is then the tool's own error).
 */
export function failUserCode(error: Error): UserCodeScope | undefined {
  const current = storage.getStore();
  if (!current) return undefined;
  const frame = activeFrame(current);
  if (frame) {
    // The scope fails with it when its code settles (so that a rollback finishes first), even if
    // that code caught what process.exit() threw, or went on as if nothing had happened.
    frame.tripped ??= error;
    return frame.scope;
  }
  // Every scope it ran in has ended. One that failed is reported already; else charge the
  // outermost one, which ended well: its success was not the whole story.
  const chain: Frame[] = [];
  for (let f: Frame | undefined = current; f; f = f.parent) chain.push(f);
  if (chain.every((f) => f.state === 'ok')) late.push({ scope: chain[chain.length - 1]!.scope, error });
  return current.scope;
}

/** Use when building a report: the late failures recorded so far (and forget them). */
export function takeLateFailures(kinds?: ReadonlyArray<UserCodeScope['kind']>): LateFailure[] {
  const taken: LateFailure[] = [];
  for (let i = late.length - 1; i >= 0; i--) {
    if (!kinds || kinds.includes(late[i]!.scope.kind)) taken.unshift(...late.splice(i, 1));
  }
  return taken;
}

/** Use to tell whether some user code is running right now (for a log line, say). */
export function currentUserCode(): UserCodeScope | undefined {
  return activeFrame(storage.getStore())?.scope;
}

function activeFrame(frame: Frame | undefined): Frame | undefined {
  let f = frame;
  while (f && f.state !== 'running') f = f.parent;
  return f;
}

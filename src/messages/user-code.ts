// User-facing text about the user's own code misbehaving inside the tool's process: process.exit(),
// errors thrown where nothing awaited them, code that runs too long (src/util/user-code.ts, src/cli/guard.ts).

export const userCodeMessages = {
  exitCalled: (call: string) => `it called ${call}`,
  timedOut: (seconds: number) => `it did not finish within ${seconds} s (migrationTimeout)`,
  uncaught: (text: string, how: string) =>
    `${text} (an ${how}: raised where nothing awaited it, such as a promise that was not awaited or a timer callback)`,
};

/** What the process-wide guard prints when something ends or breaks the run from outside any check step. */
export const guardMessages = {
  /** The process is ending (process.exit from code outside the user scopes, the event loop ran dry) before the run finished. */
  unfinished: (cause: string) => `The run ended before the check finished (${cause}): it did not pass.`,
  unfinishedHint: 'Look for code that ends the process (process.exit) or that leaves nothing to wait for (a promise that never settles) in the config file, knexfile, model files and migrations.',
  causeExit: (call: string, file: string | undefined) => (file ? `${file} called ${call}` : `${call} was called`),
  causeLoopEmpty: 'nothing was left to run while the check waited for something',
  /** Code the check ran (a model file, a migration) raised an error after its step had ended well and after the report was made. */
  stray: (file: string, text: string) => `${file} left code running that failed after the check had used it: ${text}`,
  strayHint: 'Await every promise in that file (a query or timer that is not awaited runs after the file was used); the check does not pass until it is fixed.',
  /** An error from the user's code outside any step of the check (a listener on process, say). */
  userCodeFailed: (where: string, text: string) => `${where} failed outside any step of the check, so the run was stopped: ${text}`,
  userCodeFailedHint: 'Fix that code: the config file, knexfile, model files and migrations run inside pre-commit-check, so they must not leave work behind that fails later (or end the process).',
  /** An error outside any user code: a bug of the tool. */
  fatal: (text: string) => `Unexpected error, the run was stopped: ${text}`,
};

/** Printed by the stall watch (src/util/stall-watch.ts) just before it kills a stuck run. */
export const stallMessages = {
  stuck: (file: string) =>
    `pre-commit-check: ${file} ran past its time limit (migrationTimeout) without ever returning to the event loop ` +
    '(a synchronous infinite loop?): nothing can stop it inside the process, not even Ctrl-C, so the run is killed (SIGKILL) ' +
    'and did not pass; the embedded server and its files are removed by its watchdog.\n' +
    '  → Fix the loop in that file; if it is only slow, raise migrationTimeout (seconds) in pre-commit-check.config.ts.',
};

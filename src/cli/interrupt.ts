// SIGINT / SIGTERM for the command line (contract section 1): an interrupted run cleans up, says so in
// one line on stderr, reports no finding and exits 130 / 143, whichever command it was.
//
// The CLI listens to both signals for the whole command, so the cleanup registry (src/postgres/
// cleanup.ts) stops servers and drops scratch databases but leaves the ending to us: the command
// then unwinds (every later step throws PccError INTERRUPTED, see src/util/interrupt.ts) and end()
// prints the line and sets the exit status. If the command does not unwind (user code that holds
// the process: a migration waiting on a timer), the signal is raised again GRACE_MS after the
// cleanup, with its default action: the shell still sees 130 / 143. A second signal does that at once.
import { runShutdown, runSyncCleanups } from '../postgres/cleanup.ts';
import { exitCodeForSignal } from './exit-code.ts';
import { interruption, noteInterruption, reportInterruption, type InterruptSignal } from '../util/interrupt.ts';

// Cleanup has already run when it starts: only the unwinding is left, which a loaded machine can
// make slow (the interrupt battery saw 5 s run out at load 20).
const GRACE_MS = 15_000;

export interface InterruptGuard {
  /** Use when the command returned or threw: true when it was interrupted (the line is printed, the exit status set). */
  end(): boolean;
}

/** Use at the start of a command: catches SIGINT/SIGTERM until the process ends. */
export function holdInterrupts(): InterruptGuard {
  const handlers = {
    SIGINT: () => onSignal('SIGINT'),
    SIGTERM: () => onSignal('SIGTERM'),
  };
  const finish = (): boolean => {
    const signal = interruption();
    if (!signal) return false;
    reportInterruption();
    process.exitCode = exitCodeForSignal(signal);
    return true;
  };
  // The command finished (its output is out): a later signal ends the process the default way,
  // without the line that would say it reports no result.
  const release = () => {
    process.off('SIGINT', handlers.SIGINT);
    process.off('SIGTERM', handlers.SIGTERM);
    process.off('exit', onExit);
  };
  const forceExit = () => {
    runSyncCleanups();
    finish();
    const signal = interruption()!;
    for (const s of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(s);
    process.kill(process.pid, signal);
  };
  function onSignal(signal: InterruptSignal): void {
    const first = interruption() === undefined;
    noteInterruption(signal);
    process.exitCode = exitCodeForSignal(interruption());
    if (!first) return forceExit();
    void runShutdown().finally(() => setTimeout(forceExit, GRACE_MS).unref());
  }
  process.on('SIGINT', handlers.SIGINT);
  process.on('SIGTERM', handlers.SIGTERM);
  // bin/pre-commit-check listened while it loaded the CLI: ours are in place, its listener can go
  // (a signal it already took is handled here; one still in flight reaches ours).
  const bin = process as { __pccEarlySignal?: InterruptSignal; __pccEarlyListener?: () => void };
  if (bin.__pccEarlyListener) {
    process.off('SIGINT', bin.__pccEarlyListener);
    process.off('SIGTERM', bin.__pccEarlyListener);
    bin.__pccEarlyListener = undefined;
  }
  if (bin.__pccEarlySignal) onSignal(bin.__pccEarlySignal);
  // Whatever ends the process after a signal (the event loop empties, user code calls process.exit),
  // the line is printed and the status is the signal's.
  const onExit = () => void finish();
  process.on('exit', onExit);
  return {
    end() {
      if (finish()) return true;
      release();
      return false;
    },
  };
}

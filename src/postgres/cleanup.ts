// Process-wide cleanup registry: whatever must not outlive the process (a server we started, a
// temp dir, a scratch database) registers here, and is cleaned up on Ctrl-C, SIGTERM and exit.
//
// - SIGINT / SIGTERM: every registered async cleanup runs (in reverse order of registration, at most
//   CLEANUP_TIMEOUT_MS), then the signal is raised again with its default action, so the process
//   ends the way an interrupted Unix program does (the shell sees 130 / 143). If some other part of
//   the program also listens to that signal, it stays in charge: we only set process.exitCode.
//   A second signal during cleanup runs the synchronous fallbacks and raises at once.
// - 'exit' (normal end, process.exit()): async work is impossible there, so each entry's optional
//   synchronous fallback runs (best effort: kill a pid, rmSync a directory).
// Listeners are installed only while something is registered, so an idle process keeps Node's
// default signal behaviour. Every signal seen is recorded (src/util/interrupt.ts): once interrupted,
// the providers start nothing new.
import { noteInterruption } from '../util/interrupt.ts';

type Cleanup = { run: () => unknown; sync?: () => void };

const entries = new Set<Cleanup>();
const CLEANUP_TIMEOUT_MS = 15_000;
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type Sig = (typeof SIGNALS)[number];
let installed = false;
let running: Promise<void> | undefined;

/** Register cleanup that must happen before the process ends; call the returned function once it is done. */
export function onShutdown(run: () => unknown, sync?: () => void): () => void {
  const entry: Cleanup = { run, sync };
  entries.add(entry);
  install();
  return () => {
    entries.delete(entry);
    if (entries.size === 0 && !running) uninstall();
  };
}

/** Run every registered cleanup now (e.g. before the CLI exits on a fatal error); safe to call twice. */
export function runShutdown(): Promise<void> {
  running ??= (async () => {
    const list = [...entries].reverse();
    entries.clear();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CLEANUP_TIMEOUT_MS);
      timer.unref();
    });
    const pending = new Set(list);
    const all = Promise.allSettled(
      list.map(async (e) => {
        await e.run();
        pending.delete(e); // a cleanup that threw keeps its synchronous fallback
      }),
    );
    await Promise.race([all, timeout]);
    clearTimeout(timer);
    // Whatever failed or did not finish in time gets its synchronous fallback.
    for (const e of pending) safely(e.sync);
  })().finally(() => {
    running = undefined;
    if (entries.size === 0) uninstall();
  });
  return running;
}

/** True while a signal-triggered or explicit shutdown is in progress. */
export function isShuttingDown(): boolean {
  return running !== undefined;
}

const handlers: Record<Sig, () => void> = {
  SIGINT: () => onSignal('SIGINT'),
  SIGTERM: () => onSignal('SIGTERM'),
};

function onSignal(sig: Sig): void {
  noteInterruption(sig);
  process.exitCode = sig === 'SIGINT' ? 130 : 143;
  if (running) {
    // Second signal: the user insists. Do what can be done synchronously and go.
    runSyncCleanups();
    reraise(sig);
    return;
  }
  void runShutdown().finally(() => reraise(sig));
}

function reraise(sig: Sig): void {
  uninstall();
  // With no other listener, the default action ends the process with the signal (exit status 128+n).
  if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
}

function onExit(): void {
  runSyncCleanups();
}

/** Use when the process must end now (a second Ctrl-C): each registered entry's synchronous fallback. */
export function runSyncCleanups(): void {
  for (const e of entries) safely(e.sync);
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const s of SIGNALS) process.on(s, handlers[s]);
  process.on('exit', onExit);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  for (const s of SIGNALS) process.off(s, handlers[s]);
  process.off('exit', onExit);
}

function safely(fn: (() => void) | undefined): void {
  try {
    fn?.();
  } catch {
    // best effort: the process is ending anyway
  }
}

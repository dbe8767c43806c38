// The last resort against a synchronous infinite loop in the user's code (`while (true) {}` in a
// migration): it never yields, so neither its timeout timer nor a Ctrl-C handler can run on the main
// thread, and the run would hang for ever. A small worker thread reads the earliest deadline of the
// running steps from shared memory; when one has passed by STALL_GRACE_MS and is still there (the
// main thread did not get to its timer), it says which step is stuck and kills the process
// (SIGKILL: nothing else can stop it), so the commit is refused (exit status 137) and the server's
// watchdog (src/postgres/watchdog.ts) stops the server and removes its files.
import { Worker } from 'node:worker_threads';
import { stallMessages } from '../messages/user-code.ts';

/** How late a deadline may be before the main thread is taken for stuck (a busy machine delays timers). */
export const STALL_GRACE_MS = 5000;
const FILE_BYTES = 1024;

interface Watch {
  deadline: BigInt64Array;
  file: Uint8Array;
  running: Map<object, { deadline: number; file: string }>;
}

let enabled = false;
let watch: Watch | undefined;

/** Use once in the CLI: from then on, steps with a time limit are watched (never in a library caller's process). */
export function enableStallWatch(): void {
  enabled = true;
}

/** Use when a step with a time limit starts; call the returned function when it ends. */
export function watchStep(file: string, timeoutMs: number): () => void {
  if (!enabled) return () => {};
  const w = (watch ??= startWatch());
  if (!w) return () => {};
  const token = {};
  w.running.set(token, { deadline: Date.now() + timeoutMs, file });
  publish(w);
  return () => {
    w.running.delete(token);
    publish(w);
  };
}

/** Write the earliest deadline and its file where the worker reads them (0: nothing to watch). */
function publish(w: Watch): void {
  let first: { deadline: number; file: string } | undefined;
  for (const r of w.running.values()) if (!first || r.deadline < first.deadline) first = r;
  const bytes = new TextEncoder().encode(first?.file ?? '').subarray(0, FILE_BYTES - 1);
  w.file.fill(0);
  w.file.set(bytes);
  Atomics.store(w.deadline, 0, BigInt(first?.deadline ?? 0));
}

function startWatch(): Watch | undefined {
  const deadline = new BigInt64Array(new SharedArrayBuffer(8));
  const file = new Uint8Array(new SharedArrayBuffer(FILE_BYTES));
  try {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { deadline, file, grace: STALL_GRACE_MS, message: stallMessages.stuck('{file}') },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    worker.on('error', () => {}); // a watch that cannot run must not break the run it watches
  } catch {
    return undefined;
  }
  return { deadline, file, running: new Map() };
}

// Plain JavaScript, run by the worker: no loader, no import of ours.
const WORKER = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const { deadline, file, grace, message } = workerData;
setInterval(() => {
  const due = Number(Atomics.load(deadline, 0));
  if (due === 0 || Date.now() < due + grace) return;
  const name = new TextDecoder().decode(file).replace(/\\0+$/, '');
  const text = message.replace('{file}', name);
  try { writeSync(2, text + '\\n'); } catch {}
  process.kill(process.pid, 'SIGKILL');
}, 500);
`;

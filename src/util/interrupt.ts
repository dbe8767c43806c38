// Process-wide interruption state. Once SIGINT or SIGTERM has reached the process, the run is over:
// every later step (start a server, create a database, read a catalog, write a file) checks
// interruption() and stops with PccError INTERRUPTED instead of reporting what broke because its
// database was being stopped. One line on stderr says so, once, and the exit status is 130 / 143.
import { PccError } from '../errors.ts';
import { interruptMessages } from '../messages/interrupt.ts';

export type InterruptSignal = 'SIGINT' | 'SIGTERM';

let received: InterruptSignal | undefined;
let reported = false;

/** Use in a SIGINT/SIGTERM listener: records the first signal (later ones do not replace it). */
export function noteInterruption(signal: InterruptSignal): void {
  received ??= signal;
}

/** The signal that interrupted this process, or undefined while it runs normally (sticky). */
export function interruption(): InterruptSignal | undefined {
  return received;
}

/** Use between steps: throws PccError INTERRUPTED once the process has been interrupted. */
export function throwIfInterrupted(): void {
  if (received) throw new PccError('INTERRUPTED', interruptMessages.line(received));
}

/** Use to say the run was interrupted: one line on `stream`, printed at most once per process. */
export function reportInterruption(stream: NodeJS.WritableStream = process.stderr, signal: string | undefined = received): void {
  if (reported || !signal) return;
  reported = true;
  stream.write(`${interruptMessages.line(signal)}\n`);
}

/** True once reportInterruption() has printed its line. */
export function interruptionReported(): boolean {
  return reported;
}

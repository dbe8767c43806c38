// The one place that turns an outcome into an exit code (contract section 1).
import { isPccError } from '../errors.ts';

export const EXIT = { OK: 0, BLOCKED: 1, USAGE: 2, ENVIRONMENT: 3, INTERNAL: 4, INTERRUPTED: 130, TERMINATED: 143 } as const;

/** Use when a signal stopped the run: 130 for SIGINT (Ctrl-C), 143 for SIGTERM, as a shell reports them. */
export const exitCodeForSignal = (signal: string | undefined): number => (signal === 'SIGTERM' ? EXIT.TERMINATED : EXIT.INTERRUPTED);

/**
 * Use at the end of every command: a report/stage verdict or a thrown error -> exit code. An error
 * that is not a PccError is one the tool did not expect: a bug (4), never a finding (1).
 */
export function exitCodeFor(outcome: { ok: boolean } | { error: unknown }): number {
  if ('ok' in outcome) return outcome.ok ? EXIT.OK : EXIT.BLOCKED;
  const e = outcome.error;
  if (isSystemError(e)) return EXIT.ENVIRONMENT;
  // Anything else but our typed errors is a bug of the tool: exit 4, never 1 (which means "drift").
  if (!isPccError(e)) return EXIT.INTERNAL;
  switch (e.kind) {
    case 'usage':
      return EXIT.USAGE;
    case 'environment':
      return EXIT.ENVIRONMENT;
    case 'interrupted':
      return EXIT.INTERRUPTED;
    case 'internal':
      return EXIT.INTERNAL;
  }
}

/** Use for a Node system error (EACCES, ENOSPC, EROFS...: it has a syscall): the machine's problem, not a bug. */
export function isSystemError(e: unknown): e is Error & { code: string; syscall: string } {
  return e instanceof Error && typeof (e as { syscall?: unknown }).syscall === 'string' && typeof (e as { code?: unknown }).code === 'string';
}

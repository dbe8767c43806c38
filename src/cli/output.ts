// Writing to the terminal: the colour decision and error printing. stdout is reserved for results.
import { isPccError, redact } from '../errors.ts';
import { cliMessages as m } from '../messages/cli.ts';
import { isSystemError } from './exit-code.ts';

type Env = Record<string, string | undefined>;

/** The FORCE_COLOR values that turn colour on (Node's own reading: '', 1, true, 2, 3; anything else, 0 and false included, turns it off). */
const FORCE_ON = new Set(['', '1', 'true', '2', '3']);

/**
 * Use to decide on colour for one stream, by the conventions Node and most tools follow:
 * FORCE_COLOR decides when set (0 or false: never; 1, 2, 3: always, even in a pipe); else
 * NO_COLOR (no-color.org: set and not empty), NODE_DISABLE_COLORS or TERM=dumb turn it off; else
 * colour exactly when the stream is a terminal.
 */
export function useColor(stream: { isTTY?: boolean }, env: Env = process.env): boolean {
  if (env.FORCE_COLOR !== undefined) return FORCE_ON.has(env.FORCE_COLOR.toLowerCase());
  if (env.NO_COLOR || env.NODE_DISABLE_COLORS !== undefined || env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

/**
 * Use once at start-up, before listr2 is loaded: its colour library (colorette) colours whenever
 * FORCE_COLOR is set, 0 included, and judges by stdout when it writes to stderr. When our decision
 * for stderr is "no colour", NO_COLOR=1 makes it (and the stage commands, which inherit it) agree.
 */
export function alignColorEnv(stream: { isTTY?: boolean } = process.stderr, env: Env = process.env): void {
  if (!useColor(stream, env)) env.NO_COLOR = '1';
  else if (env.NO_COLOR !== undefined) delete env.NO_COLOR; // FORCE_COLOR=1 won: colorette reads NO_COLOR first
}

/** Use to print any thrown error for a person: message, next step; passwords redacted. */
export function printError(error: unknown, stream: NodeJS.WritableStream = process.stderr): void {
  if (isPccError(error)) {
    stream.write(`${m.errorPrefix} ${redact(error.message)}\n`);
    const hint = error.hint ?? (error.kind === 'internal' ? m.internalHint : undefined);
    if (hint) stream.write(`  → ${redact(hint)}\n`);
    return;
  }
  const e = error as Error;
  if (isSystemError(error)) {
    stream.write(`${m.errorPrefix} ${redact(error.message)}\n  → ${m.systemErrorHint}\n`);
    return;
  }
  stream.write(`${m.errorPrefix} ${redact(m.internal(e?.message ?? String(error)))}\n`);
  if (e?.stack && process.env.PCC_DEBUG) stream.write(redact(e.stack) + '\n');
  stream.write(`  → ${m.internalHint}\n`);
}

// Writing to the terminal: colour decision and error printing. stdout is reserved for results.
import { isPccError, redact } from '../errors.ts';
import { cliMessages as m } from '../messages/cli.ts';

/** Use to decide on colour: a TTY, no NO_COLOR, not dumb; FORCE_COLOR wins. */
export function useColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  if (env.NO_COLOR !== undefined || env.TERM === 'dumb') return false;
  return !!stream.isTTY;
}

/** Use to print any thrown error for a person: message, next step; passwords redacted. */
export function printError(error: unknown, stream: NodeJS.WriteStream = process.stderr): void {
  if (isPccError(error)) {
    stream.write(`${m.errorPrefix} ${redact(error.message)}\n`);
    if (error.hint) stream.write(`  → ${redact(error.hint)}\n`);
    return;
  }
  const e = error as Error;
  stream.write(`${m.errorPrefix} ${redact(m.internal(e?.message ?? String(error)))}\n`);
  if (e?.stack && process.env.PCC_DEBUG) stream.write(redact(e.stack) + '\n');
  stream.write(`  → ${m.internalHint}\n`);
}

// Where a `check` run is, on stderr (stdout stays the report's): on a terminal, one status line
// rewritten in place (the phase, or migration k of N and its name) and cleared at the end; in a pipe
// or under CI, one line per phase; with --verbose, a line per migration too; with --quiet, nothing.
import type { PhaseProgress } from '../check/check-project.ts';
import type { MigrationProgress } from '../migrations/apply.ts';
import { checkMessages } from '../messages/cli.ts';

export interface CheckProgress {
  onPhase: (p: PhaseProgress) => void;
  onMigration: (p: MigrationProgress) => void;
  /** Clear the status line (terminal); call once the run ended, before the report. */
  done: () => void;
}

/** Use for `check`: the progress display these flags and this stream call for, or undefined for none. */
export function checkProgress(opts: { verbose?: boolean; quiet?: boolean; ci?: boolean; stream?: NodeJS.WriteStream }): CheckProgress | undefined {
  const err = opts.stream ?? process.stderr;
  if (opts.quiet && !opts.verbose) return undefined;
  const line = (text: string) => void err.write(`${checkMessages.progressLine(text)}\n`);
  if (opts.verbose || !err.isTTY || opts.ci) {
    // One line per phase; the migrations once per direction (each of them with --verbose).
    const seen = new Set<string>();
    return {
      onPhase: (p) => line(checkMessages.phase(p)),
      onMigration: (p) => {
        if (opts.verbose) return line(checkMessages.migrationProgress(p));
        if (seen.has(p.direction)) return;
        seen.add(p.direction);
        line(checkMessages.migrationsPhase(p));
      },
      done: () => {},
    };
  }
  // Rewritten with a carriage return and spaces, no escape sequence: FORCE_COLOR=0 and TERM=dumb
  // terminals get no control codes either.
  let width = 0;
  const status = (text: string) => {
    const line = text.slice(0, Math.max(20, (err.columns ?? 80) - 1));
    err.write(`\r${line.padEnd(width)}`);
    width = Math.max(width, line.length);
  };
  return {
    onPhase: (p) => status(checkMessages.phase(p)),
    onMigration: (p) => status(checkMessages.migrationProgress(p)),
    done: () => void (width && err.write(`\r${' '.repeat(width)}\r`)),
  };
}

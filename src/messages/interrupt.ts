// User-facing text of an interrupted run (SIGINT / SIGTERM) and of a read-only temporary directory.

export const interruptMessages = {
  /** The one line an interrupted run prints on stderr (exit status 130 / 143). */
  line: (signal: string) =>
    `Interrupted by ${signal}: the run stopped before its end and reports no result; the servers, scratch databases and temporary files it made were removed.`,
  tmpdirUnwritable: (dir: string, variable: string | undefined) =>
    `The temporary directory ${dir}${variable ? ` (from ${variable})` : ''} is not writable by this user: pre-commit-check keeps its TypeScript compile cache and the embedded PostgreSQL's files there.`,
  tmpdirUnwritableHint: (variable: string | undefined) =>
    `${variable ? `Set ${variable}` : 'Set TMPDIR'} to a directory this user can write to (for example TMPDIR=/tmp), or make ${variable ? 'that one' : 'it'} writable, and run again.`,
};

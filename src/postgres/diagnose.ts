// Telling a server's own failure from the project's: the texts that say PostgreSQL ran out of room,
// and the log lines that say it crashed. Used by each server's diagnose() (see PgServer in types.ts).

/** Use on a server error's text: true when PostgreSQL ran out of room for its files (SQLSTATE 53100; EFBIG: a file size limit). */
export function isOutOfSpace(text: string): boolean {
  return /No space left on device|could not extend file|disk_full|\b53100\b|File too large/i.test(text);
}

/** Use to pick the first line of `texts` (error messages, log lines) that says the disk is full, without its log prefix. */
export function outOfSpaceLine(texts: readonly string[]): string | undefined {
  return firstLine(texts, isOutOfSpace);
}

/** Use on the embedded server's log: the first line that says a server process died, without its log prefix. */
export function crashLine(log: string): string | undefined {
  return firstLine([log], (l) => /\bPANIC:|was terminated by signal|terminating any other active server processes/.test(l));
}

function firstLine(texts: readonly string[], matches: (line: string) => boolean): string | undefined {
  const line = texts.flatMap((t) => t.split('\n')).find(matches);
  return line?.replace(/^.*?(PANIC|FATAL|ERROR|LOG):\s*/, '');
}

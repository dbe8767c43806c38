// stdout carries the tool's result alone when a program reads it (--json): whatever else writes
// there during the run (a console.log in a model file or migration, a library's output) goes to
// stderr instead, and the result is written through the real stdout.

/** The real stdout, for the result. */
export interface ResultOutput {
  write(text: string): void;
}

/**
 * Use at the start of a command whose stdout is a document (--json): from now on every write to
 * process.stdout (console.log included) goes to stderr; write the document with the returned writer.
 */
export function reserveStdout(): ResultOutput {
  const stdout = process.stdout;
  const realWrite = stdout.write.bind(stdout) as (text: string) => boolean;
  // console.log and friends call process.stdout.write, so this one place catches them all.
  stdout.write = ((chunk: unknown, ...rest: unknown[]) =>
    (process.stderr.write as (...a: unknown[]) => boolean)(chunk, ...rest)) as typeof stdout.write;
  return { write: (text) => void realWrite(text) };
}

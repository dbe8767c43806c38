// Generated files stay fresh (config `generated`): each command runs in a copy of the project with
// DATABASE_URL at the migrated scratch database, and the files it writes are compared with the
// project's own (the working tree, or the staged snapshot in hook mode). The project is only read.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { glob } from 'tinyglobby';
import type { GeneratedFiles } from '../config/types.ts';
import { makeFinding, type Finding } from '../diff/findings.ts';
import { PccError } from '../errors.ts';
import { cliMessages } from '../messages/cli.ts';
import { generatedMessages as m } from '../messages/generated.ts';
import { runCommand, tail, type ExecResult } from '../runner/exec.ts';
import { registerSecret } from '../util/secrets.ts';
import { compareFiles, renderDiff } from './compare.ts';
import { copyProject } from './copy.ts';

export interface GeneratedCheck {
  /** The project root the check reads (the staged snapshot's in hook mode). */
  root: string;
  entries: GeneratedFiles[];
  /** The migrated scratch database. */
  databaseUrl: string;
  /** Seconds a command may run (migrationTimeout). */
  timeoutS: number;
  /** Aborting it stops the running command (its whole process group); the check then throws INTERRUPTED. */
  signal?: AbortSignal;
}

/** Lines of a failed command's output shown in its finding. */
const FAILED_TAIL_LINES = 15;

/** The files an entry's globs match under `dir`: project-relative path -> content. */
async function readMatches(dir: string, globs: string[]): Promise<Map<string, Buffer>> {
  const paths = await glob(globs, { cwd: dir, dot: true, onlyFiles: true, followSymbolicLinks: false, ignore: ['**/node_modules/**', '**/.git/**'] });
  return new Map(paths.sort().map((p) => [p, readFileSync(join(dir, p))]));
}

/** DATABASE_URL and the libpq variables for the same database, so no generator reaches another one by its defaults. */
export function databaseEnv(url: string): Record<string, string> {
  const env: Record<string, string> = { DATABASE_URL: url };
  try {
    const u = new URL(url);
    if (u.hostname) env.PGHOST = u.hostname.replace(/^\[|\]$/g, '');
    if (u.port) env.PGPORT = u.port;
    if (u.username) env.PGUSER = decodeURIComponent(u.username);
    if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
    const db = decodeURIComponent(u.pathname.replace(/^\//, ''));
    if (db) env.PGDATABASE = db;
  } catch {
    // not a URL: DATABASE_URL alone
  }
  return env;
}

/** Run one command in `cwd` with a time limit; `timedOut` says whether the limit stopped it. */
async function runWithLimit(run: string, cwd: string, env: Record<string, string>, timeoutS: number, signal?: AbortSignal): Promise<ExecResult & { timedOut: boolean }> {
  const limit = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    limit.abort();
  }, timeoutS * 1000);
  const onAbort = () => limit.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) limit.abort();
  try {
    return { ...(await runCommand(run, { cwd, env, signal: limit.signal })), timedOut };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** The finding of a command that failed or ran out of time. */
function failedFinding(entry: GeneratedFiles, r: ExecResult & { timedOut: boolean }, timeoutS: number): Finding {
  const t = tail(r.output || r.shortMessage || '', FAILED_TAIL_LINES).text;
  const f = makeFinding('generated-failed', {
    object: entry.run,
    message: r.timedOut ? m.timedOut(entry.run, timeoutS, t !== '') : m.failed(entry.run, r.exitCode, r.signal, t !== ''),
    hint: r.timedOut ? m.timedOutHint(entry.run) : m.failedHint(entry.run),
  });
  return t ? { ...f, detail: t } : f;
}

/** Check one entry: copy, clear its outputs in the copy, run, compare, remove the copy. */
async function checkEntry(input: GeneratedCheck, entry: GeneratedFiles, env: Record<string, string>): Promise<Finding | undefined> {
  const committed = await readMatches(input.root, entry.files);
  let copy;
  try {
    copy = copyProject(input.root);
  } catch (error) {
    return makeFinding('generated-failed', { object: entry.run, message: m.copyFailed((error as Error).message), hint: m.copyFailedHint });
  }
  try {
    // A file the command no longer writes must show as removed, not survive from the committed tree.
    for (const p of committed.keys()) rmSync(join(copy.dir, p), { force: true });
    const r = await runWithLimit(entry.run, copy.dir, env, input.timeoutS, input.signal);
    if (input.signal?.aborted) throw new PccError('INTERRUPTED', cliMessages.interrupted);
    if (!r.ok) return failedFinding(entry, r, input.timeoutS);
    const written = await readMatches(copy.dir, entry.files);
    // Globs that match nothing on either side check nothing: never a silent pass.
    if (committed.size === 0 && written.size === 0) {
      return makeFinding('generated-failed', { object: entry.run, message: m.noFiles(entry.run, entry.files), hint: m.noFilesHint(entry.run) });
    }
    const changes = compareFiles(committed, written);
    if (changes.length === 0) return undefined;
    // The file annotations point at: one that exists in the project, when there is one.
    const shown = changes.find((c) => c.kind !== 'added') ?? changes[0]!;
    const f = makeFinding('stale-generated', { object: entry.run, file: shown.path, message: m.stale(entry.run, changes), hint: m.staleHint(entry.run) });
    return { ...f, detail: renderDiff(changes, committed, written, undefined, m.diffMore) };
  } finally {
    copy.remove();
  }
}

/**
 * Use once the migrated scratch database is ready: runs every `generated` entry in turn and returns
 * one stale-generated finding per entry whose files differ, one generated-failed per command that
 * failed. Throws PccError INTERRUPTED when `signal` aborts.
 */
export async function checkGenerated(input: GeneratedCheck): Promise<Finding[]> {
  registerSecret(input.databaseUrl);
  const env = databaseEnv(input.databaseUrl);
  const findings: Finding[] = [];
  for (const entry of input.entries) {
    const f = await checkEntry(input, entry, env);
    if (f) findings.push(f);
  }
  return findings;
}

// What one check run carries from stage to stage: its timings (lap), notes, the Knex pools and
// scratch databases it opened (closed and dropped at the end, at once on abort), and Knex's own log
// lines, held until the end. The stages of check-project.ts take it as their first argument.
import type { Knex } from 'knex';
import { PccError } from '../errors.ts';
import { cliMessages } from '../messages/cli.ts';
import type { PgServer, ScratchDatabase } from '../postgres/types.ts';
import { interruption } from '../util/interrupt.ts';
import type { CheckOptions, CheckTimings } from './check-project.ts';

export interface RunContext {
  options: CheckOptions;
  /** When the run started (performance.now()). */
  t0: number;
  timings: CheckTimings;
  notes: string[];
  /** Notes about the cache itself: never part of a cached result. */
  cacheNotes: Set<string>;
  /** An abort (the orchestrator) or a signal to the process (src/util/interrupt.ts). */
  interrupted: () => boolean;
  /** Runs one step of `phase`, its time added to timings; throws PccError INTERRUPTED once the run is interrupted. */
  lap: <T>(phase: string, fn: () => Promise<T>) => Promise<T>;
  /** Every Knex pool the run opened (destroyed at the end, and at once on abort). */
  knexes: Knex[];
  /** Every scratch database the run created (dropped at the end when the server is not ours to stop). */
  scratch: ScratchDatabase[];
  /** Knex's own log lines, printed at the end unless the run was interrupted or the server failed. */
  knexLines: string[];
  /** A migration was stopped for running too long: Knex's lines about its ended sessions are noise. */
  migrationStopped: boolean;
  holdKnexLine: (line: string) => void;
  /** A note that a cache served part of the run (kept out of the result cache's notes). */
  noteCacheHit: (text: string) => void;
  /** Registers a Knex pool and its scratch database for cleanup. */
  track: (knex: Knex, db: ScratchDatabase) => void;
  /** Closes every pool at once: the abort listener (removed by closeRun). */
  onAbort?: () => void;
}

/** Use at the start of a check run: the context, with the abort listener in place (closeRun removes it). */
export function openRun(options: CheckOptions): RunContext {
  const timings: CheckTimings = {};
  const interrupted = () => options.signal?.aborted === true || interruption() !== undefined;
  const lap = async <T>(phase: string, fn: () => Promise<T>): Promise<T> => {
    if (interrupted() && phase !== 'serverStop') throw new PccError('INTERRUPTED', cliMessages.interrupted);
    const s = performance.now();
    try {
      return await fn();
    } catch (error) {
      // Connections fail under a run being interrupted: say so, not what broke because of it.
      if (interrupted()) throw new PccError('INTERRUPTED', cliMessages.interrupted, { cause: error });
      throw error;
    } finally {
      timings[phase] = (timings[phase] ?? 0) + (performance.now() - s);
    }
  };
  const ctx: RunContext = {
    options,
    t0: performance.now(),
    timings,
    notes: [],
    cacheNotes: new Set(),
    interrupted,
    lap,
    knexes: [],
    scratch: [],
    knexLines: [],
    migrationStopped: false,
    holdKnexLine: (line) => void (ctx.migrationStopped || ctx.knexLines.push(line)),
    noteCacheHit: (text) => {
      const note = `note: ${text}`;
      ctx.notes.push(note);
      ctx.cacheNotes.add(note);
    },
    track: (knex, db) => void (ctx.knexes.push(knex), ctx.scratch.push(db)),
  };
  ctx.onAbort = () => void Promise.all(ctx.knexes.map((k) => k.destroy().catch(() => {})));
  // On abort, close our connections at once so in-flight queries end now, not at their natural end.
  options.signal?.addEventListener('abort', ctx.onAbort, { once: true });
  return ctx;
}

/**
 * Use when a run's work failed: a lost connection, "in recovery mode", a database that could not be
 * created say little when the server itself crashed or filled its disk; that cause is returned then
 * (an interruption aside), else the error itself.
 */
export function serverCause(ctx: RunContext, server: PgServer | undefined, error: unknown): unknown {
  const code = error instanceof PccError ? error.code : undefined;
  if (code === 'INTERRUPTED') return error;
  const problem = code === 'DB_CRASHED' || code === 'DB_OUT_OF_SPACE' ? error : server?.diagnose([(error as Error)?.message ?? String(error)]);
  if (!problem) return error;
  ctx.knexLines.length = 0;
  return problem;
}

/**
 * Use at the very end of a run, whatever happened: prints Knex's held lines (not after an
 * interruption), closes every pool, then stops the server this run started, or drops its scratch
 * databases on a server it was given.
 */
export async function closeRun(ctx: RunContext, server: PgServer | undefined, serverPromise: Promise<PgServer> | undefined): Promise<void> {
  if (!ctx.interrupted()) for (const line of ctx.knexLines) process.stderr.write(`${line}\n`);
  if (ctx.onAbort) ctx.options.signal?.removeEventListener('abort', ctx.onAbort);
  await Promise.all(ctx.knexes.map((k) => k.destroy().catch(() => {})));
  const s = server ?? (await serverPromise?.catch(() => undefined));
  if (s && s !== ctx.options.server) await ctx.lap('serverStop', () => s.stop());
  // one at a time: the drops share the server's one admin connection
  else for (const d of ctx.scratch) await d.drop();
}

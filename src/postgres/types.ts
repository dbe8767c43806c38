// The database provider's interface: the rest of the tool sees only this (design: IO passed in).

/** A scratch database the tool created; `drop()` is idempotent and never throws. */
export interface ScratchDatabase {
  name: string;
  /** Connection URL including credentials: never print it unredacted. */
  url: string;
  drop(): Promise<void>;
}

/** Options of PgServer.createDatabase. */
export interface CreateDatabaseOptions {
  /** Copy this database (no session may be connected to it). */
  template?: string;
  /**
   * Copy the template's files (STRATEGY FILE_COPY, PostgreSQL 15+; older servers always do): one
   * checkpoint, then a file copy, ~0.3 s for 1,000 tables where the default (WAL_LOG, every block
   * written to the WAL) takes 2 s or more. For the embedded server, which nothing else writes to.
   */
  fileCopy?: boolean;
}

/** A running server, embedded or the user's own. */
export interface PgServer {
  kind: 'embedded' | 'url';
  /** Server major version, e.g. 18. */
  majorVersion: number;
  /**
   * URL of the server's maintenance database (embedded: postgres://postgres:…@127.0.0.1:port/postgres;
   * url mode: the user's URL as given). Includes credentials: never print it unredacted.
   */
  adminUrl: string;
  /**
   * Creates a uniquely named empty database (optionally a copy of `template`, e.g. a scratch database
   * already migrated: close every connection to it first, PostgreSQL refuses to copy a database in use).
   */
  createDatabase(label: string, options?: CreateDatabaseOptions): Promise<ScratchDatabase>;
  /**
   * Embedded only, when it started from a snapshot (StartServerOptions.snapshot): the database the
   * snapshot holds, as a scratch database of this run (dropped with the others).
   */
  adoptDatabase?(name: string): ScratchDatabase;
  /**
   * Embedded only: keep this server's state as a snapshot entry `target` (see src/postgres/snapshot.ts):
   * every scratch database but `keep` is dropped, a CHECKPOINT taken, the data directory copied. Call
   * it only while nothing writes to the server. Throws on failure (the caller only warns).
   * `lastUse`: nothing will use the server after this, so once stopped its data directory (the same
   * state) is handed to the next run that resumes from `target` (see snapshot-spare.ts).
   */
  saveSnapshot?(target: { dir: string; key: string }, keep: string, options?: { lastUse?: boolean }): Promise<void>;
  /** Drops every scratch database still alive, then stops the server if we started it. Idempotent. */
  stop(): Promise<void>;
  /** Only for kind 'embedded': where it runs and how it started (diagnostics, tests). */
  embedded?: EmbeddedDetails;
  /**
   * Use after something went wrong on this server (an unexpected error, failed migrations or model
   * DDL): the error that explains it when the server itself crashed or ran out of space, else
   * undefined. `evidence`: the error messages seen; the embedded server also reads its own log.
   * Never throws.
   */
  diagnose(evidence?: readonly string[]): import('../errors.ts').PccError | undefined;
}

/** Facts about a running embedded server. */
export interface EmbeddedDetails {
  /** The postmaster's pid. */
  pid: number;
  port: number;
  /** <tmpdir>/pcc-pg-XXXXXX: everything of this run; removed by stop(). */
  tempDir: string;
  dataDir: string;
  /** The Unix socket's directory; undefined where the server is reached over TCP only (Windows). */
  socketDir: string | undefined;
  logFile: string;
  /** True when the data directory was copied from the template cache (no initdb). */
  fromTemplate: boolean;
  /** True when the data directory was copied from StartServerOptions.snapshot. */
  fromSnapshot: boolean;
  /** The unprivileged account the server runs as when we are root (e.g. 'nobody'). */
  runAs?: string;
  timings: { dataDirMs: number; totalMs: number };
}

export interface StartServerOptions {
  /** Use this server instead of the embedded one. */
  databaseUrl?: string;
  /** Project root: the embedded cache lives in <root>/node_modules/.cache/pre-commit-check/. */
  projectRoot: string;
  /** false = neither read nor write the cache (--no-cache). */
  useCache: boolean;
  /** false = read but never write the cache (CI mode). */
  writeCache?: boolean;
  /**
   * Start from this snapshot's data directory instead of the template (an entry of
   * src/postgres/snapshot.ts, verified by its marker); one that is broken or does not start is
   * discarded and the run starts as without it. Needs useCache.
   */
  snapshot?: { dir: string; key: string };
  /** Non-fatal problems (a scratch database that could not be dropped, a rebuilt cache); default: ignored. */
  onWarning?: (message: string) => void;
  /**
   * Embedded, for tests: reach and watch the server as on this operating system (platform.ts: Unix
   * socket or TCP only, the watchdog); the binaries and the user stay this machine's. Default: this one.
   */
  platform?: NodeJS.Platform;
  /** Embedded: listen on this TCP port (no retry when it is taken: PORT_IN_USE); default: one the OS hands out. */
  port?: number;
  /** url mode: how long to wait for the server to answer (default 10 000 ms). */
  connectTimeoutMs?: number;
}

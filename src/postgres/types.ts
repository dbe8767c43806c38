// The database provider's interface: the rest of the tool sees only this (design: IO passed in).

/** A scratch database the tool created; `drop()` is idempotent and never throws. */
export interface ScratchDatabase {
  name: string;
  /** Connection URL including credentials: never print it unredacted. */
  url: string;
  drop(): Promise<void>;
}

/** A running server, embedded or the user's own. */
export interface PgServer {
  kind: 'embedded' | 'url';
  /** Server major version, e.g. 18. */
  majorVersion: number;
  /** Creates a uniquely named empty database (optionally from a template database of ours). */
  createDatabase(label: string, options?: { template?: string }): Promise<ScratchDatabase>;
  /** Drops every scratch database still alive, then stops the server if we started it. Idempotent. */
  stop(): Promise<void>;
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
}

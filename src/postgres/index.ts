// The database provider: the one place that starts, reaches and cleans up PostgreSQL.
// startServer() gives an embedded throwaway server (default) or the user's server (databaseUrl);
// both create scratch databases the same way and clean up on stop(), Ctrl-C, SIGTERM and exit.
import { startEmbedded } from './embedded.ts';
import { startUrlServer } from './url-server.ts';
import type { PgServer, StartServerOptions } from './types.ts';

export type { EmbeddedDetails, PgServer, ScratchDatabase, StartServerOptions } from './types.ts';
export { onShutdown, runShutdown, isShuttingDown } from './cleanup.ts';

/** Start (or connect to) the server a run works on; always pair with `await server.stop()` in a finally. */
export function startServer(options: StartServerOptions): Promise<PgServer> {
  if (options.databaseUrl) return startUrlServer({ ...options, databaseUrl: options.databaseUrl });
  return startEmbedded(options);
}

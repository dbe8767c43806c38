// Shared embedded PostgreSQL for the test suite: started once per mocha process, on first use,
// stopped by a root `after` hook (and, failing that, by the provider's exit cleanup and watchdog).
// Use it in any test that needs a database: `const server = await sharedServer();` then
// `const db = await server.createDatabase('my_test');` ... `await db.drop();`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type PgServer } from '../../src/postgres/index.ts';

/** The repository root: the template cache lives in its node_modules/.cache. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let shared: Promise<PgServer> | undefined;

/** One embedded server for the whole mocha run; never call stop() on it yourself. */
export function sharedServer(): Promise<PgServer> {
  shared ??= startServer({ projectRoot: REPO_ROOT, useCache: true });
  return shared;
}

// A root-level hook: this module is evaluated while mocha loads spec files, at the root suite.
if (typeof after === 'function') {
  after(async function () {
    this.timeout(20_000);
    const pending = shared;
    shared = undefined;
    const server = await pending?.catch(() => undefined);
    await server?.stop();
  });
}

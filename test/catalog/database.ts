// Test helper: a scratch database for the catalog integration tests, on a REAL PostgreSQL.
// The shared embedded server (test/helpers/pg.ts) by default; PCC_TEST_DATABASE_URL=postgres://...
// runs the same tests on a server you run yourself (e.g. an older major version).
import pg from 'pg';
import { REPO_ROOT, sharedServer } from '../helpers/pg.ts';
import { startServer, type PgServer } from '../../src/postgres/index.ts';

export interface TestDatabase {
  client: pg.Client;
  /** Its connection URL, for more sessions. */
  url: string;
  /** Disconnects and drops the database. */
  close(): Promise<void>;
}

let urlServer: Promise<PgServer> | undefined;

const server = (): Promise<PgServer> => {
  const databaseUrl = process.env.PCC_TEST_DATABASE_URL;
  if (!databaseUrl) return sharedServer();
  urlServer ??= startServer({ databaseUrl, projectRoot: REPO_ROOT, useCache: false });
  return urlServer;
};

// Root-level hook (this module is evaluated while mocha loads spec files): drop what we created.
after(async () => {
  const pending = urlServer;
  urlServer = undefined;
  await (await pending?.catch(() => undefined))?.stop();
});

/** Use in a before() hook: a fresh, empty database and a client connected to it. */
export async function openTestDatabase(label: string): Promise<TestDatabase> {
  const scratch = await (await server()).createDatabase(label);
  const client = new pg.Client({ connectionString: scratch.url });
  try {
    await client.connect();
  } catch (error) {
    await scratch.drop();
    throw error;
  }
  return {
    client,
    url: scratch.url,
    async close() {
      await client.end();
      await scratch.drop();
    },
  };
}

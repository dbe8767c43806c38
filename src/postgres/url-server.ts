// The user's own server (--database-url / database: { url }): we start nothing and touch nothing but
// the scratch databases we create (pcc_<label>_<random>), which are dropped on stop(), on errors and
// on SIGINT/SIGTERM. A SIGKILL leaves them (no code of ours runs then), still marked by their name,
// their comment and an advisory lock that ends with the killed run's session (scratch.ts): each run,
// at its end, drops those that no live run owns (db-sweep.ts), and so does `pre-commit-check clean`.
// Every message that shows the URL goes through redact(): the password is never printed.
import { createRequire } from 'node:module';
import { registerSecret } from '../util/secrets.ts';
import type pg from 'pg';
import { PccError } from '../errors.ts';
import { dbMessages } from '../messages/errors.ts';
import { interruption } from '../util/interrupt.ts';
import { onShutdown } from './cleanup.ts';
import { sweepDatabases } from './db-sweep.ts';
import { outOfSpaceLine } from './diagnose.ts';
import { scratchFactory } from './scratch.ts';
import type { PgServer, StartServerOptions } from './types.ts';

const CONNECT_TIMEOUT_MS = 10_000;

/** Connect to the server at options.databaseUrl; throws PccError USAGE / DB_UNREACHABLE. */
export async function startUrlServer(options: StartServerOptions & { databaseUrl: string }): Promise<PgServer> {
  const serverUrl = options.databaseUrl;
  registerSecret(serverUrl);
  const warn = options.onWarning ?? (() => {});
  const parsed = parseUrl(serverUrl);

  const admin = new ((createRequire(import.meta.url)('pg') as typeof pg).Client)({
    connectionString: serverUrl,
    connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
  });
  admin.on('error', () => {}); // a dropped connection surfaces on the next query instead of crashing us
  let role: string;
  let majorVersion: number;
  try {
    await admin.connect();
    const { rows } = await admin.query<{ v: string; role: string }>(
      "SELECT current_setting('server_version_num') AS v, current_user AS role",
    );
    majorVersion = Math.floor(Number(rows[0]!.v) / 10000);
    role = rows[0]!.role;
    // PostgreSQL 14+: a CREATE DATABASE whose client died (a SIGKILLed run) is cancelled within 0.2 s,
    // instead of running to its end and leaving a database that nobody drops.
    if (majorVersion >= 14) await admin.query("SET client_connection_check_interval = '200ms'");
  } catch (e) {
    await admin.end().catch(() => {});
    throw unreachable(serverUrl, e);
  }

  const scratch = scratchFactory({
    admin,
    majorVersion,
    urlFor: (name) => {
      const u = new URL(parsed.href);
      u.pathname = `/${encodeURIComponent(name)}`;
      return u.toString();
    },
    serverUrl,
    role,
    onWarning: warn,
    owned: true,
  });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await scratch.dropAll();
      // What killed runs left (never on an interrupt: that stop must be quick).
      if (!interruption()) await sweepDatabases(admin).catch(() => undefined);
      await admin.end().catch(() => {});
      unregister();
    })());
  const unregister = onShutdown(stop);

  // The user's server has no log of ours to read: only the errors seen can tell a full disk.
  const diagnose = (evidence: readonly string[] = []) => {
    const full = outOfSpaceLine(evidence);
    return full === undefined ? undefined : new PccError('DB_OUT_OF_SPACE', dbMessages.outOfSpaceUrl(serverUrl, full), { hint: dbMessages.outOfSpaceUrlHint });
  };
  return { kind: 'url', majorVersion, adminUrl: serverUrl, createDatabase: scratch.createDatabase, stop, diagnose };
}

function parseUrl(url: string): URL {
  let u: URL | undefined;
  try {
    u = new URL(url);
  } catch {
    u = undefined;
  }
  if (!u || !/^postgres(ql)?:$/.test(u.protocol)) {
    throw new PccError('USAGE', dbMessages.badUrl(url), { hint: dbMessages.badUrlHint });
  }
  return u;
}

/** Use to open one connection to a user's server (pull, clean): connected, or DB_UNREACHABLE with a hint for its cause. */
export async function connectUserServer(Client: typeof pg.Client, url: string): Promise<pg.Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {}); // a dropped connection surfaces on the next query instead of crashing us
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => {});
    throw unreachable(url, e);
  }
  return client;
}

/** Map a connection failure to DB_UNREACHABLE with a hint for its cause. */
export function unreachable(url: string, e: unknown): PccError {
  const err = e as Error & { code?: string };
  const code = err.code ?? '';
  // Node reports a host with several addresses (localhost: ::1 and 127.0.0.1) as an AggregateError with no message.
  const msg =
    err.message ||
    (e instanceof AggregateError ? e.errors.map((x: Error) => x.message).join('; ') : '') ||
    String(e);
  const h = dbMessages.unreachableHint;
  const hint =
    code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH'
      ? h.refused
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? h.dns
        : /timeout/i.test(msg) || code === 'ETIMEDOUT'
          ? h.timeout
          : code === '28P01' || code === '28000'
            ? h.auth
            : code === '3D000'
              ? h.database
              : h.other;
  const reason = code && !msg.includes(code) ? `${msg} (${code})` : msg;
  return new PccError('DB_UNREACHABLE', dbMessages.unreachable(url, reason), { hint, cause: e });
}

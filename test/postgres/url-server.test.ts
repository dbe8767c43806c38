// --database-url: the user's server (here: the shared embedded server plays that part). We create
// and drop pcc_* scratch databases only, map failures to typed errors, and never print a password.
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PccError } from '../../src/errors.ts';
import { redactUrl } from '../../src/messages/errors.ts';
import { startServer, type PgServer } from '../../src/postgres/index.ts';
import { freePort } from '../../src/postgres/port.ts';
import { REPO_ROOT, sharedServer } from '../helpers/pg.ts';

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client(url);
  c.on('error', () => {});
  try {
    await c.connect();
    return (await c.query<T>(text)).rows;
  } finally {
    await c.end().catch(() => {});
  }
}

const databases = async (adminUrl: string) =>
  (await sql<{ datname: string }>(adminUrl, 'SELECT datname FROM pg_database ORDER BY 1')).map((r) => r.datname);

async function rejection(p: Promise<unknown>): Promise<PccError> {
  try {
    await p;
  } catch (e) {
    expect(e).to.be.instanceOf(PccError);
    return e as PccError;
  }
  throw new Error('expected a rejection');
}

describe('postgres: --database-url server', function () {
  let users: PgServer;
  before(async () => {
    users = await sharedServer();
  });

  it('creates scratch databases there, drops them on stop(), and touches nothing else', async function () {
    const before = await databases(users.adminUrl);
    const server = await startServer({ projectRoot: REPO_ROOT, useCache: true, databaseUrl: users.adminUrl });
    expect(server.kind).to.equal('url');
    expect(server.majorVersion).to.equal(18);
    expect(server.embedded).to.equal(undefined);

    const a = await server.createDatabase('first');
    const b = await server.createDatabase('second', { template: a.name });
    expect(new URL(a.url).pathname).to.equal(`/${a.name}`);
    expect(new URL(a.url).password).to.equal(new URL(users.adminUrl).password);
    await sql(a.url, 'CREATE TABLE in_scratch (id int)');
    expect(await databases(users.adminUrl)).to.include.members([a.name, b.name]);

    await a.drop(); // one dropped early, one left for stop()
    await server.stop();
    await server.stop();
    expect(await databases(users.adminUrl)).to.deep.equal(before);
  });

  it('an unreachable server is DB_UNREACHABLE, with the password redacted', async function () {
    const port = await freePort();
    const url = `postgres://someone:S3cretPassw0rd@127.0.0.1:${port}/postgres`;
    const err = await rejection(startServer({ projectRoot: REPO_ROOT, useCache: true, databaseUrl: url }));
    expect(err.code).to.equal('DB_UNREACHABLE');
    expect(err.kind).to.equal('environment');
    expect(err.message).to.include('ECONNREFUSED');
    expect(err.message).to.include(`postgres://someone:***@127.0.0.1:${port}/postgres`);
    expect(`${err.message}\n${err.hint}\n${err.stack}`).to.not.include('S3cretPassw0rd');
    expect(err.hint).to.match(/Nothing is listening/);
  });

  it('a wrong password is DB_UNREACHABLE with an authentication hint, password redacted', async function () {
    const url = users.adminUrl.replace(/:([0-9a-f]+)@/, ':WrongPassw0rd@');
    const err = await rejection(startServer({ projectRoot: REPO_ROOT, useCache: true, databaseUrl: url }));
    expect(err.code).to.equal('DB_UNREACHABLE');
    expect(err.message).to.include('password authentication failed');
    expect(err.message).to.not.include('WrongPassw0rd');
    expect(err.hint).to.match(/credentials/);
  });

  it('a role without CREATEDB gets DB_CREATE_DENIED, with a hint and no password', async function () {
    const role = `pcc_nocreatedb_${randomBytes(4).toString('hex')}`;
    const password = `Pw${randomBytes(8).toString('hex')}`;
    await sql(users.adminUrl, `CREATE ROLE ${role} LOGIN NOCREATEDB PASSWORD '${password}'`);
    const u = new URL(users.adminUrl);
    u.username = role;
    u.password = password;
    const server = await startServer({ projectRoot: REPO_ROOT, useCache: true, databaseUrl: u.toString() });
    try {
      const err = await rejection(server.createDatabase('denied'));
      expect(err.code).to.equal('DB_CREATE_DENIED');
      expect(err.message).to.include(`"${role}"`);
      expect(err.message).to.not.include(password);
      expect(err.hint).to.include(`ALTER ROLE "${role}" CREATEDB`);
    } finally {
      await server.stop();
      await sql(users.adminUrl, `DROP ROLE ${role}`);
    }
  });

  it('a malformed URL is a usage error, password redacted', async function () {
    const err = await rejection(
      startServer({ projectRoot: REPO_ROOT, useCache: true, databaseUrl: 'mysql://u:TopSecret@h/db' }),
    );
    expect(err.code).to.equal('USAGE');
    expect(err.message).to.not.include('TopSecret');
  });

  it('redactUrl masks passwords, also with unencoded @ or / in them and in malformed URLs', function () {
    for (const [url, shown] of [
      ['postgres://u:secret@h:5432/db', 'postgres://u:***@h:5432/db'],
      ['postgresql://u:se@cr/et@h/db?sslmode=require', 'postgresql://u:***@h/db?sslmode=require'],
      ['mysql://u:secret@h/db', 'mysql://u:***@h/db'],
      ['postgres://u@h/db', 'postgres://u@h/db'],
      ['postgres://h/db', 'postgres://h/db'],
    ] as const) {
      expect(redactUrl(url)).to.equal(shown);
    }
  });
});

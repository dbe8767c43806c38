// The embedded server: starts, answers, gives scratch databases, and leaves nothing behind.
import { expect } from 'chai';
import net from 'node:net';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import pg from 'pg';
import { isPccError } from '../../src/errors.ts';
import { startServer, type PgServer } from '../../src/postgres/index.ts';
import { REPO_ROOT, sharedServer } from '../helpers/pg.ts';
import { leftovers, settle } from './procs.ts';

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client(url);
  c.on('error', () => {});
  try {
    await c.connect();
    return (await c.query<T>(sql)).rows;
  } finally {
    // Also after a failed connect: a socket left open mid-authentication holds up DROP DATABASE.
    await c.end().catch(() => {});
  }
}

describe('postgres: embedded server', function () {
  it('starts PostgreSQL 18 over TCP on 127.0.0.1 and answers', async function () {
    const server = await sharedServer();
    expect(server.kind).to.equal('embedded');
    expect(server.majorVersion).to.equal(18);
    expect(server.adminUrl).to.match(/^postgres:\/\/postgres:[0-9a-f]+@127\.0\.0\.1:\d+\/postgres$/);
    const rows = await query<{ one: number; v: string }>(server.adminUrl, "SELECT 1 AS one, current_setting('fsync') AS v");
    expect(rows).to.deep.equal([{ one: 1, v: 'off' }]);
  });

  it('refuses TCP clients without the password (scram on 127.0.0.1)', async function () {
    const server = await sharedServer();
    const noPassword = server.adminUrl.replace(/:[0-9a-f]+@/, '@');
    let error: (Error & { code?: string }) | undefined;
    try {
      await query(noPassword, 'SELECT 1');
    } catch (e) {
      error = e as Error;
    }
    expect(error, 'connecting without a password must fail').to.not.equal(undefined);
  });

  it('creates two independent scratch databases and drops them', async function () {
    const server = await sharedServer();
    const a = await server.createDatabase('alpha');
    const b = await server.createDatabase('Beta Label!');
    expect(a.name).to.match(/^pcc_alpha_[0-9a-f]{10}$/);
    expect(b.name).to.match(/^pcc_beta_label_[0-9a-f]{10}$/);
    await query(a.url, 'CREATE TABLE only_in_a (id int)');
    const inB = await query<{ n: string }>(b.url, "SELECT count(*) AS n FROM pg_class WHERE relname = 'only_in_a'");
    expect(inB[0]!.n).to.equal('0');

    // A database with an open connection is still dropped (WITH (FORCE)); drop() twice is fine.
    const held = new pg.Client(a.url);
    held.on('error', () => {});
    await held.connect();
    await a.drop();
    await a.drop();
    await b.drop();
    await held.end().catch(() => {});
    const left = await query<{ datname: string }>(
      server.adminUrl,
      `SELECT datname FROM pg_database WHERE datname IN ('${a.name}', '${b.name}')`,
    );
    expect(left).to.deep.equal([]);
  });

  it('copies a scratch database through { template }', async function () {
    const server = await sharedServer();
    const src = await server.createDatabase('src');
    await query(src.url, 'CREATE TABLE carried (id int); INSERT INTO carried VALUES (42)');
    const copy = await server.createDatabase('copy', { template: src.name });
    const rows = await query<{ id: number }>(copy.url, 'SELECT id FROM carried');
    expect(rows).to.deep.equal([{ id: 42 }]);
    await Promise.all([src.drop(), copy.drop()]);
  });

  it('stop() leaves no postgres process and no temp dir, and is idempotent', async function () {
    const server = await startServer({ projectRoot: REPO_ROOT, useCache: true });
    const { pid, tempDir } = server.embedded!;
    expect(existsSync(tempDir)).to.equal(true);
    await server.createDatabase('left_open'); // still alive at stop(): dropped by it
    await Promise.all([server.stop(), server.stop()]);
    await server.stop();
    expect(await settle(() => leftovers(pid, tempDir), 2000)).to.deep.equal([]);
  });

  it('reports a taken port as PORT_IN_USE naming the log, never as undefined', async function () {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    let error: unknown;
    let server: PgServer | undefined;
    try {
      server = await startServer({ projectRoot: REPO_ROOT, useCache: true, port });
    } catch (e) {
      error = e;
    } finally {
      await server?.stop();
      blocker.close();
    }
    expect(isPccError(error), String(error)).to.equal(true);
    const err = error as import('../../src/errors.ts').PccError;
    expect(err.code).to.equal('PORT_IN_USE');
    expect(err.message).to.include(`port ${port}`);
    expect(err.message).to.include('Address already in use');
    const logFile = /Server log: (\S+\.log)/.exec(err.message)?.[1];
    expect(logFile, 'the message names the kept server log').to.be.a('string');
    expect(readFileSync(logFile!, 'utf8')).to.include('Address already in use');
    rmSync(logFile!, { force: true });
    expect(err.hint).to.be.a('string').and.include(String(port));
  });
});

describe('postgres: embedded server reached as on Windows (TCP only, platform.ts)', function () {
  it('listens on no Unix socket, sets the password before the first connection, and cleans up', async function () {
    const server = await startServer({ projectRoot: REPO_ROOT, useCache: true, platform: 'win32' });
    const { pid, tempDir, socketDir } = server.embedded!;
    try {
      expect(socketDir).to.equal(undefined);
      const rows = await query<{ dirs: string }>(server.adminUrl, "SELECT current_setting('unix_socket_directories') AS dirs");
      expect(rows).to.deep.equal([{ dirs: '' }]);
      expect(readdirSync(tempDir).filter((f) => f.startsWith('.s.PGSQL'))).to.deep.equal([]);
      let refused: unknown;
      await query(server.adminUrl.replace(/:[0-9a-f]+@/, '@'), 'SELECT 1').catch((e) => (refused = e));
      expect(refused, 'connecting without the password must fail').to.be.instanceOf(Error);
      const db = await server.createDatabase('over_tcp');
      expect(await query<{ one: number }>(db.url, 'SELECT 1 AS one')).to.deep.equal([{ one: 1 }]);
    } finally {
      await server.stop();
    }
    expect(await settle(() => leftovers(pid, tempDir), 2000)).to.deep.equal([]);
  });
});

// The embedded server is private: a migration runs arbitrary SQL on it as the superuser, so no other
// user of the machine may reach it. No trust authentication anywhere (template or run), the socket
// and its directory are for the server's user alone and admit only the OS user running the tool
// (peer), TCP needs the run's password, and that password is written nowhere.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { locateBinaries, serverUser } from '../../src/postgres/binaries.ts';
import { currentTemplate } from '../../src/postgres/embedded.ts';
import { startServer } from '../../src/postgres/index.ts';
import { REPO_ROOT, sharedServer } from '../helpers/pg.ts';

/** The lines of a pg_hba.conf that are rules (comments and blank lines left out). */
const rules = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);

/** Every file under `dir` whose content contains `text`. */
function filesContaining(dir: string, text: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (!entry.isFile()) continue;
    try {
      if (readFileSync(file).includes(text)) found.push(file);
    } catch {
      // a file the server removed meanwhile
    }
  }
  return found;
}

/** Connect over the Unix socket as `uid`/`gid` in a child process; resolves with its error text or 'connected'. */
function connectAs(uid: number, gid: number, socketDir: string, port: number): Promise<string> {
  const script = `const pg = require(${JSON.stringify(path.join(REPO_ROOT, 'node_modules/pg'))});
const c = new pg.Client({ host: ${JSON.stringify(socketDir)}, port: ${port}, user: 'postgres', database: 'postgres' });
c.connect().then(() => { console.log('connected'); return c.end(); }, (e) => console.log(e.message));`;
  return new Promise((resolve) =>
    execFile(process.execPath, ['-e', script], { uid, gid, cwd: '/' }, (error, stdout, stderr) => resolve((stdout || stderr || String(error)).trim())),
  );
}

describe('postgres: the embedded server is private', function () {
  this.timeout(60_000);

  it('has no trust line in pg_hba.conf, neither in the run nor in the template cache', async function () {
    const server = await sharedServer();
    const { dataDir } = server.embedded!;
    const template = currentTemplate(REPO_ROOT, await locateBinaries(serverUser())).dir;
    for (const file of [path.join(dataDir, 'pg_hba.conf'), path.join(template, 'pg_hba.conf')]) {
      const lines = rules(file);
      expect(lines.length, file).to.be.greaterThan(0);
      expect(lines.filter((l) => /\btrust\b/.test(l)), file).to.deep.equal([]);
      // TCP (host lines) only with a password.
      expect(lines.filter((l) => l.startsWith('host') && !/scram-sha-256$/.test(l)), file).to.deep.equal([]);
    }
  });

  it("keeps its socket and the socket's directory to the server's user (mode 0700)", async function () {
    const server = await sharedServer();
    const { port } = server.embedded!;
    const socketDir = server.embedded!.socketDir!; // on this machine (Linux) there is one
    const uid = serverUser()?.uid ?? process.getuid!();
    const dir = statSync(socketDir);
    expect(dir.mode & 0o777, 'socket directory mode').to.equal(0o700);
    expect(dir.uid).to.equal(uid);
    const socket = statSync(path.join(socketDir, `.s.PGSQL.${port}`));
    expect(socket.isSocket()).to.equal(true);
    expect(socket.mode & 0o777, 'socket mode').to.equal(0o700);
  });

  it('admits on the socket only the OS user running the tool: its own server account is refused', async function () {
    const server = await sharedServer();
    const { port } = server.embedded!;
    const socketDir = server.embedded!.socketDir!; // on this machine (Linux) there is one
    const client = new pg.Client({ host: socketDir, port, user: 'postgres', database: 'postgres' });
    await client.connect(); // the tool's own user: peer, mapped in pg_ident.conf
    await client.end();
    const account = serverUser();
    if (account) {
      // As root the server runs as an unprivileged account other programs may share ("nobody"):
      // that account can reach the socket directory, and must still be refused.
      expect(await connectAs(account.uid, account.gid, socketDir, port)).to.match(/Peer authentication failed/);
    } else {
      // The server runs as us; any other account cannot even enter the 0700 directory.
      expect(statSync(socketDir).uid).to.equal(process.getuid!());
    }
  });

  it("needs the run's password over TCP, and writes it in no file (run directory, template, temp dir)", async function () {
    const server = await sharedServer();
    const password = new URL(server.adminUrl).password;
    const wrong = new URL(server.adminUrl);
    wrong.password = 'x'.repeat(password.length);
    const c = new pg.Client(wrong.toString());
    c.on('error', () => {});
    const refused = await c.connect().then(
      () => 'connected',
      (e: Error) => e.message,
    );
    await c.end().catch(() => {});
    expect(refused).to.match(/password authentication failed/);

    const { tempDir } = server.embedded!;
    const template = currentTemplate(REPO_ROOT, await locateBinaries(serverUser())).dir;
    expect(filesContaining(tempDir, password), 'run directory').to.deep.equal([]);
    expect(filesContaining(template, password), 'template').to.deep.equal([]);
    const tmpFiles = readdirSync(os.tmpdir()).filter((f) => /^(pg-password|pcc-|pre-commit-check)/.test(f));
    for (const f of tmpFiles) {
      const full = path.join(os.tmpdir(), f);
      if (statSync(full).isFile()) expect(readFileSync(full).includes(password), full).to.equal(false);
    }
  });
});

describe('postgres: access of the embedded server reached as on Windows (TCP only, platform.ts)', function () {
  it('has no trust and no local rule, a SCRAM verifier set before the start, and the password in no file', async function () {
    const server = await startServer({ projectRoot: REPO_ROOT, useCache: true, platform: 'win32' });
    try {
      const { dataDir, tempDir } = server.embedded!;
      const lines = rules(path.join(dataDir, 'pg_hba.conf'));
      expect(lines.filter((l) => /\btrust\b/.test(l) || l.startsWith('local')), 'pg_hba.conf').to.deep.equal([]);
      expect(lines.filter((l) => !/^host\s.*scram-sha-256$/.test(l)), 'pg_hba.conf').to.deep.equal([]);
      const c = new pg.Client(server.adminUrl);
      await c.connect();
      const { rows } = await c.query<{ scram: boolean }>(
        "SELECT rolpassword LIKE 'SCRAM-SHA-256$4096:%' AS scram FROM pg_authid WHERE rolname = 'postgres'",
      );
      await c.end();
      expect(rows).to.deep.equal([{ scram: true }]);
      expect(filesContaining(tempDir, new URL(server.adminUrl).password), 'run directory').to.deep.equal([]);
    } finally {
      await server.stop();
    }
  });
});

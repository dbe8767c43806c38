// Leaving nothing behind when the process running the provider is interrupted or killed.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../helpers/pg.ts';
import { leftovers, settle } from './procs.ts';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'hold-server.ts');

interface Held {
  pid: number;
  tempDir: string;
  child: ReturnType<typeof spawn>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Start a node process that holds an embedded server; resolves once the server is up. */
function holdServer(): Promise<Held> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, REPO_ROOT], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        const info = JSON.parse(line) as { pid: number; tempDir: string };
        resolve({ pid: info.pid, tempDir: info.tempDir, child, exit });
      }
    });
    void exit.then(({ code, signal }) => reject(new Error(`holder exited early (${code ?? signal}): ${err}`)));
  });
}

describe('postgres: cleanup on signals', function () {
  this.timeout(60_000);

  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    it(`${sig} to the process stops PostgreSQL, removes its files and exits non-zero`, async function () {
      const held = await holdServer();
      expect(leftovers(held.pid, held.tempDir)).to.include(`postmaster ${held.pid} still running`);
      held.child.kill(sig);
      const { code, signal } = await held.exit;
      // Re-raised with the default action: the shell would see 128 + n.
      expect(signal ?? code, 'exit status').to.equal(sig);
      expect(await settle(() => leftovers(held.pid, held.tempDir), 3000)).to.deep.equal([]);
    });
  }

  it('SIGKILL to the process: the watchdog stops PostgreSQL and removes its files', async function () {
    const held = await holdServer();
    held.child.kill('SIGKILL');
    const { signal } = await held.exit;
    expect(signal).to.equal('SIGKILL');
    expect(await settle(() => leftovers(held.pid, held.tempDir), 15_000)).to.deep.equal([]);
  });
});

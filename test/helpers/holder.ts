// A process that holds an embedded server (test/postgres/fixtures/hold-server.ts), for tests of what a
// killed or interrupted run leaves and what the next run or `clean` removes.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './pg.ts';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'postgres', 'fixtures', 'hold-server.ts');

export interface Holder {
  child: ReturnType<typeof spawn>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once the server is up, with where it lives. */
  up: Promise<{ pid: number; tempDir: string; dataDir: string; port: number; socketDir: string }>;
}

/** Use to start a holder whose run directory goes under `runDir` (when given); `cache: false` runs initdb. */
export function spawnHolder(options: { runDir?: string; cache?: boolean } = {}): Holder {
  const env = { ...process.env, ...(options.runDir ? { PRE_COMMIT_CHECK_RUN_DIR: options.runDir } : {}) };
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, REPO_ROOT, options.cache === false ? 'nocache' : 'cache'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let out = '';
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const up = new Promise<Awaited<Holder['up']>>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as Awaited<Holder['up']>);
    });
    void exit.then(({ code, signal }) => reject(new Error(`holder exited early (${code ?? signal}): ${err}`)));
  });
  up.catch(() => {});
  return { child, exit, up };
}

/** Use for a run directory parent of a test's own (mode 0755: the server's user must reach it when we are root). */
export function makeRunDir(prefix = 'pcc-runs-'): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
  chmodSync(dir, 0o755);
  return dir;
}

// The template cache: written on a cold start, used by the next, rebuilt when damaged, and the
// useCache / writeCache switches respected. Each test works in its own throwaway project root.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type PgServer, type StartServerOptions } from '../../src/postgres/index.ts';
import { checkTemplate } from '../../src/postgres/template.ts';
import { leftovers, settle } from './procs.ts';

const cacheRoot = (root: string) => path.join(root, 'node_modules', '.cache', 'pre-commit-check');
const entries = (root: string) =>
  existsSync(cacheRoot(root)) ? readdirSync(cacheRoot(root)).filter((e) => e.startsWith('pgdata-')) : [];

async function startStop(options: StartServerOptions): Promise<{ server: PgServer; ms: number; warnings: string[] }> {
  const warnings: string[] = [];
  const t0 = performance.now();
  const server = await startServer({ ...options, onWarning: (w) => warnings.push(w) });
  const ms = Math.round(performance.now() - t0);
  const db = await server.createDatabase('t');
  expect(db.name).to.match(/^pcc_t_/);
  const { pid, tempDir } = server.embedded!;
  await server.stop();
  expect(await settle(() => leftovers(pid, tempDir), 2000)).to.deep.equal([]);
  return { server, ms, warnings };
}

describe('postgres: template cache', function () {
  // One cold start fills a seed project's cache; each test gets a copy of it (cp -a, ~0.1 s).
  let seed: string;
  let coldMs = 0;
  let root: string;
  const seededRoot = () => {
    const r = mkdtempSync(path.join(os.tmpdir(), 'pcc-test-project-'));
    execFileSync('cp', ['-a', path.join(seed, 'node_modules'), r]);
    return r;
  };
  const entryOf = (r: string) => {
    const [entry] = entries(r);
    return { dir: path.join(cacheRoot(r), entry!), key: entry!.split('-').pop()! };
  };

  before(async function () {
    seed = mkdtempSync(path.join(os.tmpdir(), 'pcc-test-project-'));
    const cold = await startStop({ projectRoot: seed, useCache: true });
    expect(cold.server.embedded!.fromTemplate).to.equal(false);
    coldMs = cold.ms;
  });
  after(() => rmSync(seed, { recursive: true, force: true }));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('a cold start fills the cache; the next start copies it instead of running initdb', async function () {
    root = seededRoot();
    const [entry] = entries(root);
    expect(entry).to.match(/^pgdata-18\.\d+-[0-9a-f]{12}$/);
    const { dir, key } = entryOf(root);
    expect(await checkTemplate(dir, key)).to.equal(undefined);

    const warm = await startStop({ projectRoot: root, useCache: true });
    expect(warm.server.embedded!.fromTemplate).to.equal(true);
    expect(warm.warnings).to.deep.equal([]);
    console.log(`      cold start (initdb) ${coldMs} ms, start from template ${warm.ms} ms`);
  });

  it('a cold start writes a whole template both from RAM (staged, written while it works) and from a run directory on disk', async function () {
    const runDir = mkdtempSync(path.join(os.tmpdir(), 'pcc-test-rundir-'));
    execFileSync('chmod', ['755', runDir]);
    const saved = process.env.PRE_COMMIT_CHECK_RUN_DIR;
    try {
      for (const where of ['default', 'disk'] as const) {
        if (where === 'disk') process.env.PRE_COMMIT_CHECK_RUN_DIR = runDir;
        else delete process.env.PRE_COMMIT_CHECK_RUN_DIR;
        root = mkdtempSync(path.join(os.tmpdir(), 'pcc-test-project-'));
        const server = await startServer({ projectRoot: root, useCache: true });
        expect(server.embedded!.fromTemplate, where).to.equal(false);
        if (where === 'disk') expect(server.embedded!.tempDir.startsWith(runDir), where).to.equal(true);
        await server.stop();
        // stop() waits for the template: it is whole as soon as the run is over, and the stage is gone.
        const { dir, key } = entryOf(root);
        expect(await checkTemplate(dir, key), where).to.equal(undefined);
        expect(existsSync(server.embedded!.tempDir), where).to.equal(false);
        expect(readdirSync(cacheRoot(root)).filter((e) => e.includes('.tmp-')), where).to.deep.equal([]);
        rmSync(root, { recursive: true, force: true });
      }
      expect(readdirSync(runDir)).to.deep.equal([]);
    } finally {
      if (saved === undefined) delete process.env.PRE_COMMIT_CHECK_RUN_DIR;
      else process.env.PRE_COMMIT_CHECK_RUN_DIR = saved;
      rmSync(runDir, { recursive: true, force: true });
    }
    root = mkdtempSync(path.join(os.tmpdir(), 'pcc-test-project-')); // for afterEach
  });

  it('a damaged entry (a file deleted, or the marker removed) is detected and rebuilt', async function () {
    root = seededRoot();
    const { dir, key } = entryOf(root);
    unlinkSync(path.join(dir, 'pcc-template.json'));
    expect(await checkTemplate(dir, key)).to.equal('marker file missing');
    rmSync(root, { recursive: true, force: true });

    root = seededRoot();
    const again = entryOf(root);
    unlinkSync(path.join(again.dir, 'global', 'pg_control'));
    expect(await checkTemplate(again.dir, again.key)).to.match(/missing/);
    const rebuilt = await startStop({ projectRoot: root, useCache: true });
    expect(rebuilt.server.embedded!.fromTemplate).to.equal(false);
    expect(rebuilt.warnings.join('\n')).to.include('is rebuilt');
    expect(await checkTemplate(again.dir, again.key)).to.equal(undefined);
    expect(readdirSync(cacheRoot(root)).filter((e) => /\.(tmp|trash)-/.test(e))).to.deep.equal([]);
  });

  it('writeCache: false reads the cache but never repairs or writes it', async function () {
    root = seededRoot();
    const { dir, key } = entryOf(root);
    unlinkSync(path.join(dir, 'pcc-template.json'));
    const readOnly = await startStop({ projectRoot: root, useCache: true, writeCache: false });
    expect(readOnly.server.embedded!.fromTemplate).to.equal(false);
    expect(await checkTemplate(dir, key)).to.equal('marker file missing');
  });

  it('useCache: false neither reads nor writes it', async function () {
    root = mkdtempSync(path.join(os.tmpdir(), 'pcc-test-project-'));
    const noCache = await startStop({ projectRoot: root, useCache: false });
    expect(noCache.server.embedded!.fromTemplate).to.equal(false);
    expect(existsSync(cacheRoot(root))).to.equal(false);
  });
});

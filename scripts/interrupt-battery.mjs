#!/usr/bin/env node
// The interrupt battery (issue 10, "How to show it"): SIGINT, SIGTERM and SIGKILL sent at moments
// spread over the whole run (server start-up and initdb with an empty cache included) of `check`,
// `check --full`, `generate`, `pull` and the hook pipeline, against the embedded server and against
// a URL server (an embedded server this script starts itself plays the user's server). After each
// interrupted run it counts what that run left, runs the next normal command (or `clean`, every
// other time) in the same directories, and counts again.
//
//   node scripts/interrupt-battery.mjs [--runs N] [--dir DIR] [--signals INT,TERM,KILL]
//                                      [--commands check,full,generate,pull,hook] [--servers embedded,url]
//
// --runs: interrupted runs per command x server x signal (default 8: 240 runs in all). Each run has a
// TMPDIR and a PRE_COMMIT_CHECK_RUN_DIR of its own under DIR, and only what is under those (processes
// working there or naming them, SysV segments and /dev/shm files those processes created, entries),
// the project's cache and the battery's own URL server is counted: other servers on the machine are
// never looked at, and nothing the battery did not start is ever signalled. Needs a built dist/
// (npm run build): the binary runs it when it is fresh. Results: DIR/results.json and a table on stdout.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(REPO, 'bin', 'pre-commit-check');
const pg = createRequire(import.meta.url)('pg');

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '8' },
    dir: { type: 'string' },
    signals: { type: 'string', default: 'INT,TERM,KILL' },
    commands: { type: 'string', default: 'check,full,generate,pull,hook' },
    servers: { type: 'string', default: 'embedded,url' },
  },
});
const RUNS = Number(opts.runs);
const ROOT = path.resolve(opts.dir ?? path.join(os.tmpdir(), `pcc-battery-${process.pid}`));
const COMMANDS = {
  check: ['check'],
  full: ['check', '--full'],
  generate: ['generate', '--name', 'battery'],
  pull: ['pull', '--force'],
  hook: [],
};
const interruptedLines = (text) => (text.match(/^Interrupted by (SIGINT|SIGTERM): /gm) ?? []).length;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// --- the project: two schemas, migrations that take a moment each, models one column ahead -------
const migration = (n, table) => `import type { Knex } from 'knex';
export async function up(knex: Knex) {
  await knex.raw('select pg_sleep(0.15)');
  await knex.schema.createTable('${table}', (t) => { t.increments('id'); t.string('name', 100).notNullable(); t.timestamp('created_at').defaultTo(knex.fn.now()); });
}
export async function down(knex: Knex) { await knex.schema.dropTable('${table}'); }
`;
const model = (table, extra = '') => `import { defineModel, t, sql } from 'pre-commit-check';
export const M_${table} = defineModel({ table: '${table}', columns: { id: t.increments(), name: t.string(100).notNullable(), created_at: t.timestamp().defaultTo(sql\`CURRENT_TIMESTAMP\`)${extra} } });
`;
const TABLES = ['accounts', 'orders', 'items', 'invoices', 'payments', 'notes'];

function makeProject(dir) {
  mkdirSync(path.join(dir, 'migrations'), { recursive: true });
  mkdirSync(path.join(dir, 'models'), { recursive: true });
  mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  symlinkSync(REPO, path.join(dir, 'node_modules', 'pre-commit-check'));
  const files = {
    'package.json': '{ "name": "battery", "private": true, "type": "module" }\n',
    'knexfile.ts': "export default { client: 'pg', migrations: { directory: './migrations', extension: 'ts' } };\n",
    // The URL server comes from the environment, so that pull (whose --database-url names a database
    // to read) also makes its scratch database there.
    'pre-commit-check.config.ts': `import { defineConfig } from 'pre-commit-check';
export default defineConfig({ models: ['models/**/*.ts'], database: process.env.BATTERY_DB_URL ? { url: process.env.BATTERY_DB_URL } : 'embedded', stages: { static: [], unit: false, integration: false } });
`,
  };
  TABLES.forEach((t, i) => {
    files[`migrations/2026010100000${i}_${t}.ts`] = migration(i, t);
    files[`models/${t}.ts`] = model(t, t === 'notes' ? ', body: t.text()' : ''); // one column the migrations lack
  });
  for (const [f, c] of Object.entries(files)) writeFileSync(path.join(dir, f), c);
  const git = (...a) => spawnSync('git', a, { cwd: dir, stdio: 'ignore', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'b@example.com');
  git('config', 'user.name', 'battery');
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'base', '--no-verify');
  // A staged change the hook must check (never committed).
  writeFileSync(path.join(dir, 'models', 'notes.ts'), model('notes', ', body: t.text(), title: t.string(50)'));
  git('add', 'models/notes.ts');
}

// --- what belongs to one trial ------------------------------------------------------------------
const procDirs = () => readdirSync('/proc').filter((d) => /^\d+$/.test(d));
const read = (f) => {
  try {
    return readFileSync(f, 'utf8');
  } catch {
    return undefined;
  }
};
function alive(pid) {
  const s = read(`/proc/${pid}/stat`);
  if (!s) return false;
  const state = s.slice(s.lastIndexOf(')') + 2)[0];
  return state !== 'Z' && state !== 'X';
}
/** Processes that work in `dir` or name it on their command line. */
function processesUnder(dir) {
  return procDirs()
    .map(Number)
    .filter((p) => {
      if (p === process.pid) return false;
      const cmd = read(`/proc/${p}/cmdline`);
      if (cmd === undefined) return false;
      if (cmd.includes(dir)) return alive(p);
      try {
        return realpathSync(`/proc/${p}/cwd`).startsWith(dir) && alive(p);
      } catch {
        return false;
      }
    });
}
const cmdline = (p) => (read(`/proc/${p}/cmdline`) ?? '').replace(/\0/g, ' ').trim();
const sysvSegments = () =>
  (read('/proc/sysvipc/shm') ?? '')
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length > 6)
    .map((f) => ({ id: f[1], cpid: Number(f[4]), nattch: Number(f[6]) }));
const posixShm = () => readdirSync('/dev/shm').filter((f) => f.startsWith('PostgreSQL.'));

/** Watch a trial's processes while it runs: their pids and the /dev/shm files they map. */
function watcher(dir) {
  const seen = new Set();
  const files = new Set();
  let on = true;
  const loop = (async () => {
    while (on) {
      for (const p of processesUnder(dir)) {
        seen.add(p);
        for (const f of (read(`/proc/${p}/maps`) ?? '').match(/\/dev\/shm\/PostgreSQL\.\d+/g) ?? []) files.add(path.basename(f));
      }
      await sleep(40);
    }
  })();
  return { seen, files, stop: async () => ((on = false), await loop) };
}

/** What is left of a trial: processes, entries, shared memory, scratch databases, snapshots. */
async function leftovers(trial, project, users, watched) {
  const out = {};
  const add = (k, v) => v.length && (out[k] = v);
  add('processes', processesUnder(trial.dir).map((p) => `${p} ${cmdline(p).slice(0, 120)}`));
  add('runDirEntries', readdirSync(trial.run));
  add('tmpEntries', readdirSync(trial.tmp).filter((f) => !f.startsWith('tsx-')));
  const cache = path.join(project, 'node_modules', '.cache', 'pre-commit-check');
  add('cacheEntries', existsSync(cache) ? readdirSync(cache).filter((f) => /^(staged-|pcc-pg-|pcc-sparetmp-)|\.(tmp|trash)-/.test(f)) : []);
  add('sysvSegments', sysvSegments().filter((s) => watched.seen.has(s.cpid)).map((s) => `${s.id} (creator ${s.cpid}, ${s.nattch} attached)`));
  add('devShm', [...watched.files].filter((f) => existsSync(path.join('/dev/shm', f))));
  if (users) add('scratchDatabases', await scratchDatabases(users));
  return out;
}

async function scratchDatabases(url) {
  const c = new pg.Client(url);
  c.on('error', () => {});
  try {
    await c.connect();
    return (await c.query("SELECT datname FROM pg_database WHERE datname LIKE 'pcc\\_%'")).rows.map((r) => r.datname);
  } finally {
    await c.end().catch(() => {});
  }
}

// --- one trial ----------------------------------------------------------------------------------
function run(args, trial, env, signal, delayMs) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(BIN, args, { cwd: trial.project, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    let sentAt;
    const timer =
      signal &&
      setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) {
          sentAt = Date.now() - t0;
          child.kill(signal);
        }
      }, delayMs);
    const hang = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('exit', (code, sig) => {
      clearTimeout(timer);
      clearTimeout(hang);
      // stdout/stderr may still be draining
      setImmediate(() => resolve({ code, signal: sig, stdout, stderr, ms: Date.now() - t0, sentAt, exitAfterSignalMs: sentAt === undefined ? undefined : Date.now() - t0 - sentAt }));
    });
  });
}

/**
 * How an interrupted run (SIGINT/SIGTERM) ended: 'honest' (its status, the one line, no finding,
 * nothing written), 'before-load' (killed by the signal's default action before Node ran any of our
 * code: nothing started, nothing printed, the shell sees 130/143), 'after-output' (the signal came
 * once the run had printed its result and let go of signals: the default action ended it), or the
 * list of what was wrong.
 */
function honesty(r, sig, wrote) {
  if (r.signal === sig && r.stdout === '' && r.stderr === '') return 'before-load';
  if (r.signal === sig && r.stdout !== '' && interruptedLines(r.stderr) === 0) return 'after-output';
  const expected = sig === 'SIGINT' ? 130 : 143;
  const problems = [];
  if (r.code !== expected) problems.push(`exit ${r.signal ?? r.code}, not ${expected}`);
  const lines = interruptedLines(r.stderr);
  if (lines !== 1) problems.push(`${lines} interrupted lines`);
  if (/missing-|unmodeled-|migration-failed|✖|error finding/.test(r.stdout)) problems.push('a finding on stdout');
  if (/migration-failed|initdb exited|--no-cache|migrate:unlock|Unexpected error/.test(r.stderr)) problems.push('a misleading error');
  if (wrote.length) problems.push(`wrote ${wrote.join(', ')}`);
  return problems.length ? problems : 'honest';
}

const written = (project, trial, before) => [
  ...readdirSync(path.join(project, 'migrations')).filter((f) => !before.includes(f)).map((f) => `migrations/${f}`),
  ...(existsSync(path.join(project, 'models', 'public')) ? ['models/public/'] : []),
];
function restore(project, before) {
  for (const f of readdirSync(path.join(project, 'migrations'))) if (!before.includes(f)) rmSync(path.join(project, 'migrations', f));
  rmSync(path.join(project, 'models', 'public'), { recursive: true, force: true });
}

async function trial(n, cell, delayMs, ctx) {
  const dir = path.join(ROOT, `t${String(n).padStart(4, '0')}`);
  const t = { dir, tmp: path.join(dir, 'tmp'), run: path.join(dir, 'run'), project: ctx.project };
  mkdirSync(t.tmp, { recursive: true });
  mkdirSync(t.run, { recursive: true });
  chmodSync(dir, 0o755);
  chmodSync(t.tmp, 0o755);
  chmodSync(t.run, 0o755);
  const env = { ...ctx.env, TMPDIR: t.tmp, PRE_COMMIT_CHECK_RUN_DIR: t.run, ...(cell.server === 'url' ? { BATTERY_DB_URL: ctx.users } : {}) };
  const args = [...COMMANDS[cell.command], ...(cell.noCache ? ['--no-cache'] : [])];
  const before = readdirSync(path.join(ctx.project, 'migrations'));
  // Anything already there came from an earlier step (a calibration run, an earlier trial).
  const dbBefore = cell.server === 'url' ? await scratchDatabases(ctx.users) : [];
  const watched = watcher(dir);
  const r = await run(args, t, env, `SIG${cell.signal}`, delayMs);
  await sleep(cell.signal === 'KILL' ? 300 : 800); // the watchdog acts within ~0.1 s; give SIGINT/TERM runs a moment to be checked
  const wrote = written(ctx.project, t, before);
  const afterRun = await leftovers(t, ctx.project, cell.server === 'url' ? ctx.users : undefined, watched);
  restore(ctx.project, before);
  // The next normal command in the same directories (or `clean`), then count again. After a SIGKILL,
  // a second first: the user's server may need that long to see that the killed run's sessions (and
  // the locks that claim its databases) are gone, when one was running a statement.
  if (cell.signal === 'KILL') await sleep(2000);
  const followUp = n % 2 === 0 ? ['clean'] : COMMANDS[cell.command];
  const f = await run(followUp, t, env);
  await watched.stop();
  restore(ctx.project, before);
  const afterFollowUp = await leftovers(t, ctx.project, cell.server === 'url' ? ctx.users : undefined, { ...watched, seen: watched.seen });
  const result = {
    n,
    ...cell,
    delayMs,
    signalSent: r.sentAt !== undefined,
    dbBefore,
    exit: r.signal ?? r.code,
    ms: r.ms,
    exitAfterSignalMs: r.exitAfterSignalMs,
    stderr: r.stderr.slice(-400),
    honesty: r.sentAt !== undefined && cell.signal !== 'KILL' ? honesty(r, `SIG${cell.signal}`, wrote) : undefined,
    afterRun,
    followUp: followUp.join(' ') || 'hook',
    followUpExit: f.signal ?? f.code,
    afterFollowUp,
  };
  if (Object.keys(afterFollowUp).length === 0) rmSync(dir, { recursive: true, force: true });
  return result;
}

// --- calibration, the matrix, the summary -------------------------------------------------------
async function calibrate(cell, ctx) {
  const dir = path.join(ROOT, 'calibrate');
  rmSync(dir, { recursive: true, force: true });
  const t = { dir, tmp: path.join(dir, 'tmp'), run: path.join(dir, 'run'), project: ctx.project };
  mkdirSync(t.tmp, { recursive: true });
  mkdirSync(t.run, { recursive: true });
  for (const d of [dir, t.tmp, t.run]) chmodSync(d, 0o755);
  const env = { ...ctx.env, TMPDIR: t.tmp, PRE_COMMIT_CHECK_RUN_DIR: t.run, ...(cell.server === 'url' ? { BATTERY_DB_URL: ctx.users } : {}) };
  const before = readdirSync(path.join(ctx.project, 'migrations'));
  const r = await run([...COMMANDS[cell.command], ...(cell.noCache ? ['--no-cache'] : [])], t, env);
  restore(ctx.project, before);
  rmSync(dir, { recursive: true, force: true });
  return r;
}

function summarise(results) {
  const groups = new Map();
  const zero = { runs: 0, interrupted: 0, finishedFirst: 0, honest: 0, beforeLoad: 0, afterOutput: 0, dishonest: 0, leftByRun: 0, leftAfterNext: 0 };
  for (const r of results) {
    const key = `${r.command.padEnd(8)} ${r.server.padEnd(8)} SIG${r.signal.padEnd(4)}`;
    const g = groups.get(key) ?? { ...zero };
    g.runs++;
    if (!r.signalSent) g.finishedFirst++;
    else {
      g.interrupted++;
      if (r.honesty === 'honest') g.honest++;
      else if (r.honesty === 'before-load') g.beforeLoad++;
      else if (r.honesty === 'after-output') g.afterOutput++;
      else if (Array.isArray(r.honesty)) g.dishonest++;
      // What SIGKILL leaves is for the next run to clean; an interrupted run must leave nothing itself.
      if (r.signal !== 'KILL' && Object.keys(r.afterRun).length) g.leftByRun++;
    }
    if (Object.keys(r.afterFollowUp).length) g.leftAfterNext++;
    groups.set(key, g);
  }
  const cols = ['runs', 'interrupted', 'finishedFirst', 'honest', 'beforeLoad', 'afterOutput', 'dishonest', 'leftByRun', 'leftAfterNext'];
  const head = `${'command  server   signal '.padEnd(27)}${cols.map((c) => c.padStart(14)).join('')}`;
  const total = { ...zero };
  const rows = [...groups].sort().map(([k, g]) => {
    for (const c of cols) total[c] += g[c];
    const kill = k.includes('KILL');
    return `${k.padEnd(27)}${cols.map((c) => (kill && /honest|Load|Output|leftByRun/.test(c) ? '-' : String(g[c])).padStart(14)).join('')}`;
  });
  rows.push(`${'total'.padEnd(27)}${cols.map((c) => String(total[c]).padStart(14)).join('')}`);
  return [head, ...rows].join('\n');
}

async function main() {
  if (!existsSync(path.join(REPO, 'dist', '.build-stamp'))) throw new Error('run `npm run build` first: the battery measures the built CLI');
  mkdirSync(ROOT, { recursive: true });
  chmodSync(ROOT, 0o755);
  const project = path.join(ROOT, 'project');
  rmSync(project, { recursive: true, force: true });
  makeProject(project);
  // The user's server: an embedded server of the battery's own (its run directory under ROOT).
  const usersDir = path.join(ROOT, 'users-server');
  mkdirSync(usersDir, { recursive: true });
  chmodSync(usersDir, 0o755);
  process.env.PRE_COMMIT_CHECK_RUN_DIR = usersDir;
  const { startServer } = await import(path.join(REPO, 'dist', 'postgres', 'index.js'));
  const server = await startServer({ projectRoot: project, useCache: true });
  delete process.env.PRE_COMMIT_CHECK_RUN_DIR;
  const env = { ...process.env, NO_COLOR: '1', CI: '', GITHUB_ACTIONS: '', GIT_CONFIG_NOSYSTEM: '1' };
  const ctx = { project, users: server.adminUrl, env };

  const cells = [];
  for (const command of opts.commands.split(','))
    for (const server of opts.servers.split(','))
      for (const signal of opts.signals.split(',')) cells.push({ command, server, signal });
  const results = [];
  const calibrations = new Map();
  let n = 0;
  try {
    for (const base of cells) {
      // Embedded: half the runs with an empty cache (--no-cache: initdb runs), so that start-up and
      // initdb are interrupted as well; their duration is measured apart.
      const modes = base.server === 'embedded' ? [false, true] : [false];
      for (const noCache of modes) {
        const cell = { ...base, noCache };
        const runs = Math.round(RUNS / modes.length);
        // One calibration per command x server x cache mode: the signal does not change how long a run takes.
        const calKey = `${cell.command} ${cell.server} ${noCache}`;
        if (!calibrations.has(calKey)) calibrations.set(calKey, await calibrate(cell, ctx));
        const cal = calibrations.get(calKey);
        for (let j = 0; j < runs; j++) {
          // Spread over the run: from its first tenth of a second to its last moments.
          const delay = Math.round(100 + (cal.ms - 100) * ((j + Math.random()) / runs));
          const r = await trial(++n, cell, delay, ctx);
          results.push(r);
          const left = Object.keys(r.afterFollowUp);
          process.stdout.write(
            `#${n} ${cell.command} ${cell.server}${noCache ? ' (no cache)' : ''} SIG${cell.signal} at ${delay}/${cal.ms} ms: exit ${r.exit}` +
              `${r.signalSent ? '' : ' (finished first)'}${Array.isArray(r.honesty) ? ` DISHONEST: ${r.honesty.join('; ')}` : r.honesty && r.honesty !== 'honest' ? ` (${r.honesty})` : ''}` +
              `${Object.keys(r.afterRun).length ? ` left by run: ${Object.keys(r.afterRun).join(',')}` : ''}${left.length ? ` LEFT AFTER ${r.followUp}: ${JSON.stringify(r.afterFollowUp)}` : ''}\n`,
          );
          writeFileSync(path.join(ROOT, 'results.json'), JSON.stringify(results, null, 1));
        }
      }
    }
  } finally {
    await server.stop();
  }
  const summary = summarise(results);
  writeFileSync(path.join(ROOT, 'summary.txt'), `${summary}\n`);
  process.stdout.write(`\n${summary}\n`);
}

await main();

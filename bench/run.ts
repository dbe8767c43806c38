// `npm run bench`: how fast pre-commit-check is, measured on generated schemas of 20, 200 and 1,000
// tables (about 20 columns, 3 indexes, a foreign key and a check each; migrations and the models that
// match them), on the reference schema, and in hook mode. Prints one Markdown table per section and
// writes them, with date and machine, to bench/RESULTS.md. Never asserts: targets are for people.
//
// Env: BENCH_SIZES=20,200,1000   BENCH_HISTORY=400x150 (migrations x tables of the long history)
//      BENCH_BEFORE=<checkout of an older version, for side-by-side runs>
//      BENCH_REPS=3 (reference-schema repetitions, interleaved)   BENCH_SIZE_REPS=1 (generated schemas)
//      BENCH_PROJECT="1000 <dir>": write a generated project of 1,000 tables into <dir> and stop
//      BENCH_SECTIONS=history,large-repo: only these sections (history, reference, sizes, hook, large-repo; default: all)
//      BENCH_LARGE_FILES=50000 (the large repository's size)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, appendFileSync, chownSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { largeRepoSection } from './large-repo.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(REPO, 'bin', 'pre-commit-check');
const SIZES = (process.env.BENCH_SIZES ?? '20,200,1000').split(',').map(Number);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const SIZE_REPS = Number(process.env.BENCH_SIZE_REPS ?? 1);
const BEFORE = process.env.BENCH_BEFORE;
/** BENCH_SECTIONS=history,reference,sizes,hook,large-repo: run only these (their tables replace theirs in RESULTS.md); default: all. */
const SECTIONS = process.env.BENCH_SECTIONS?.split(',').map((s) => s.trim());
const want = (section: string) => !SECTIONS || SECTIONS.includes(section);
// Projects live on the repository's filesystem (a user's project is not in /tmp either).
mkdirSync(path.join(REPO, 'node_modules', '.cache'), { recursive: true });
const WORK = mkdtempSync(path.join(REPO, 'node_modules', '.cache', 'pcc-bench-'));
chmodSync(WORK, 0o755); // the servers run as nobody when we are root
const out: string[] = [];
const say = (line = '') => {
  console.log(line);
  out.push(line);
};
const ms = (v: number | undefined) => (v === undefined ? '–' : v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The config of every bench project: the models, and the check alone (no lint-staged, no unit stage). */
const BENCH_CONFIG = `import { defineConfig } from 'pre-commit-check';\nexport default defineConfig({ models: ['models/**/*.ts'], stages: { static: [], unit: false } });\n`;

/** The runs to interleave for one case: this checkout on `dir`, and the BENCH_BEFORE one on `beforeDir` when there is one. */
function sides(dir: string, beforeDir: string | undefined): Array<[who: 'after' | 'before', dir: string, bin: string]> {
  return [['after', dir, BIN], ...(beforeDir ? [['before', beforeDir, path.join(BEFORE!, 'bin', 'pre-commit-check')] as ['before', string, string]] : [])];
}

// --- schema generator ---------------------------------------------------------------------------
const pad = (i: number) => String(i).padStart(4, '0');
function tableMigration(i: number): string {
  const name = `t_${pad(i)}`;
  const parent = `t_${pad(Math.max(0, i - 1))}`;
  return `  await knex.schema.createTable('${name}', (t) => {
    t.increments('id');
    t.integer('parent_id').references('id').inTable('${parent}').onDelete('CASCADE');
    t.string('code', 64).notNullable();
    t.string('name', 200).notNullable();
    t.text('description');
    t.decimal('amount', 12, 2).notNullable().defaultTo(0);
    t.integer('qty').notNullable().defaultTo(1);
    t.bigInteger('big');
    t.boolean('flag').notNullable().defaultTo(false);
    t.uuid('uid');
    t.date('born');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: false });
    t.jsonb('data');
    t.json('meta');
    t.double('ratio');
    t.float('f');
    t.smallint('small');
    t.specificType('tags', 'text[]');
    t.binary('bin');
    t.index(['parent_id']);
    t.index(['code', 'created_at']);
    t.unique(['name']);
  });
  await knex.raw('ALTER TABLE ${name} ADD CONSTRAINT ${name}_qty_check CHECK (qty > 0)');
`;
}
function tableModel(i: number): string {
  const name = `t_${pad(i)}`;
  const parent = `t_${pad(Math.max(0, i - 1))}`;
  return `export const T${pad(i)} = defineModel({
  table: '${name}',
  columns: {
    id: t.increments(),
    parent_id: t.integer().references('${parent}.id').onDelete('CASCADE'),
    code: t.string(64).notNullable(),
    name: t.string(200).notNullable(),
    description: t.text(),
    amount: t.decimal(12, 2).notNullable().defaultTo(0),
    qty: t.integer().notNullable().defaultTo(1),
    big: t.bigInteger(),
    flag: t.boolean().notNullable().defaultTo(false),
    uid: t.uuid(),
    born: t.date(),
    created_at: t.timestamp().notNullable().defaultTo(sql\`now()\`),
    updated_at: t.timestamp({ useTz: false }),
    data: t.jsonb(),
    meta: t.json(),
    ratio: t.double(),
    f: t.float(),
    small: t.smallint(),
    tags: t.specificType('text[]'),
    bin: t.binary(),
  },
  indexes: [{ columns: ['parent_id'] }, { columns: ['code', 'created_at'] }],
  uniques: [{ columns: ['name'] }],
  checks: [{ name: '${name}_qty_check', expression: 'qty > 0' }],
});
`;
}

/** A project of n tables: migrations of 50 tables each, model files of 10 models each; `tool` = the checkout it resolves 'pre-commit-check' to. */
function makeProject(n: number, label: string, tool = REPO): string {
  const dir = path.join(WORK, label);
  mkdirSync(path.join(dir, 'migrations'), { recursive: true });
  mkdirSync(path.join(dir, 'models'), { recursive: true });
  mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  symlinkSync(tool, path.join(dir, 'node_modules', 'pre-commit-check'));
  writeFileSync(path.join(dir, 'knexfile.ts'), `export default { client: 'pg', migrations: { directory: './migrations', extension: 'ts' } };\n`);
  writeFileSync(
    path.join(dir, 'pre-commit-check.config.ts'),
    BENCH_CONFIG,
  );
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `bench-${label}`, private: true, type: 'module' }));
  for (let start = 0, m = 0; start < n; start += 50, m++) {
    const ids = Array.from({ length: Math.min(50, n - start) }, (_, k) => start + k);
    const up = ids.map(tableMigration).join('');
    const down = [...ids].reverse().map((i) => `  await knex.schema.dropTable('t_${pad(i)}');\n`).join('');
    writeFileSync(
      path.join(dir, 'migrations', `2026010100${String(m).padStart(4, '0')}_tables_${m}.ts`),
      `import type { Knex } from 'knex';\nexport async function up(knex: Knex) {\n${up}}\nexport async function down(knex: Knex) {\n${down}}\n`,
    );
  }
  for (let start = 0, f = 0; start < n; start += 10, f++) {
    const ids = Array.from({ length: Math.min(10, n - start) }, (_, k) => start + k);
    writeFileSync(path.join(dir, 'models', `m_${pad(f)}.ts`), `import { defineModel, t, sql } from 'pre-commit-check';\n\n${ids.map(tableModel).join('\n')}`);
  }
  return dir;
}

// --- a long history: many small migrations over fewer tables (issue 13) -------------------------------
const HISTORY = (process.env.BENCH_HISTORY ?? '400x150').split('x').map(Number) as [number, number];
const historyName = (i: number) => `2026020100${pad(i)}_step_${i}.ts`;
/** Migration i of a history over `tables` tables: the first `tables` create one table each, the rest add a column (every 4th with an index). */
function historyMigration(i: number, tables: number): { up: string; down: string } {
  if (i < tables) {
    const fk = i > 0 ? `\n    t.integer('parent_id').references('id').inTable('h_${pad(i - 1)}').onDelete('CASCADE');\n    t.index(['parent_id']);` : '';
    return {
      up: `  await knex.schema.createTable('h_${pad(i)}', (t) => {\n    t.increments('id');\n    t.string('name', 200).notNullable();\n    t.decimal('amount', 12, 2).notNullable().defaultTo(0);\n    t.boolean('flag').notNullable().defaultTo(false);\n    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());${fk}\n  });\n`,
      down: `  await knex.schema.dropTable('h_${pad(i)}');\n`,
    };
  }
  const table = `h_${pad(i % tables)}`;
  const index = i % 4 === 0 ? `\n    t.index(['c_${i}']);` : '';
  return {
    up: `  await knex.schema.alterTable('${table}', (t) => {\n    t.integer('c_${i}');${index}\n  });\n`,
    down: `  await knex.schema.alterTable('${table}', (t) => {\n    t.dropColumn('c_${i}');\n  });\n`,
  };
}
function historyModel(k: number, migrations: number, tables: number): string {
  const added = Array.from({ length: migrations }, (_, i) => i).filter((i) => i >= tables && i % tables === k);
  const cols = added.map((i) => `    c_${i}: t.integer(),\n`).join('');
  const indexes = [...(k > 0 ? [`{ columns: ['parent_id'] }`] : []), ...added.filter((i) => i % 4 === 0).map((i) => `{ columns: ['c_${i}'] }`)];
  return `export const H${pad(k)} = defineModel({
  table: 'h_${pad(k)}',
  columns: {
    id: t.increments(),
    name: t.string(200).notNullable(),
    amount: t.decimal(12, 2).notNullable().defaultTo(0),
    flag: t.boolean().notNullable().defaultTo(false),
    created_at: t.timestamp().notNullable().defaultTo(sql\`now()\`),
${k > 0 ? `    parent_id: t.integer().references('h_${pad(k - 1)}.id').onDelete('CASCADE'),\n` : ''}${cols}  },
  indexes: [${indexes.join(', ')}],
});
`;
}
/** A project with a history of `migrations` migrations (one file each) over `tables` tables, and models that match. */
function makeHistoryProject(migrations: number, tables: number, label: string, tool = REPO): string {
  const dir = path.join(WORK, label);
  for (const d of ['migrations', 'models', 'node_modules']) mkdirSync(path.join(dir, d), { recursive: true });
  symlinkSync(tool, path.join(dir, 'node_modules', 'pre-commit-check'));
  writeFileSync(path.join(dir, 'knexfile.ts'), `export default { client: 'pg', migrations: { directory: './migrations', extension: 'ts' } };\n`);
  writeFileSync(path.join(dir, 'pre-commit-check.config.ts'), BENCH_CONFIG);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `bench-${label}`, private: true, type: 'module' }));
  for (let i = 0; i < migrations; i++) {
    const { up, down } = historyMigration(i, tables);
    writeFileSync(path.join(dir, 'migrations', historyName(i)), `import type { Knex } from 'knex';\nexport async function up(knex: Knex) {\n${up}}\nexport async function down(knex: Knex) {\n${down}}\n`);
  }
  for (let start = 0, f = 0; start < tables; start += 10, f++) {
    const ks = Array.from({ length: Math.min(10, tables - start) }, (_, j) => start + j);
    writeFileSync(path.join(dir, 'models', `h_${pad(f)}.ts`), `import { defineModel, t, sql } from 'pre-commit-check';\n\n${ks.map((k) => historyModel(k, migrations, tables)).join('\n')}`);
  }
  return dir;
}
/** The commit that matters: one more migration (a nullable column on the first table: a warning, the check passes). */
function appendMigration(dir: string, i: number): void {
  writeFileSync(
    path.join(dir, 'migrations', historyName(i)),
    `import type { Knex } from 'knex';\nexport async function up(knex: Knex) {\n  await knex.schema.alterTable('h_0000', (t) => {\n    t.integer('extra_${i}');\n  });\n}\nexport async function down(knex: Knex) {\n  await knex.schema.alterTable('h_0000', (t) => {\n    t.dropColumn('extra_${i}');\n  });\n}\n`,
  );
}

// --- running the binary -------------------------------------------------------------------------
interface Run {
  wallMs: number;
  rssKb: number;
  phases: Record<string, number>;
  ok: boolean;
  line: string;
}
function runBin(bin: string, cwd: string, args: string[]): Run {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'PCC_RSS %M', bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '' }, maxBuffer: 64 << 20 });
  const wallMs = performance.now() - t0;
  const text = `${r.stdout}\n${r.stderr}`;
  const rssKb = Number(/PCC_RSS (\d+)/.exec(text)?.[1] ?? 0);
  const phases: Record<string, number> = {};
  const pl = /phases: (.*)/.exec(text)?.[1] ?? '';
  for (const m of pl.matchAll(/(\w+) (\d+) ms/g)) phases[m[1]!] = Number(m[2]);
  const line = text.split('\n').find((l) => /errors?, \d+ warnings?/.test(l)) ?? text.trim().split('\n').slice(-3).join(' | ');
  return { wallMs, rssKb, phases, ok: r.status === 0, line: line.trim() };
}
const clearCache = (dir: string) => rmSync(path.join(dir, 'node_modules', '.cache'), { recursive: true, force: true });
const touch = (file: string, tag: string) => appendFileSync(file, `// bench ${tag} ${Date.now()}\n`);
/** Writes the first check of a generated model file another way each time ('qty > 0', '(qty > 0)', '((qty > 0))'...): its DDL changes, the schema does not. */
const rewrapCheck = (file: string) => writeFileSync(file, readFileSync(file, 'utf8').replace(/expression: '(\(*qty > 0\)*)'/, "expression: '($1)'"));

// --- PostgreSQL 15 (Debian) for the pg_dump comparison --------------------------------------------
const PG15 = '/usr/lib/postgresql/15/bin';
interface Pg15 {
  socket: string;
  port: number;
  stop(): void;
}
async function startPg15(): Promise<Pg15 | undefined> {
  if (!existsSync(path.join(PG15, 'pg_dump'))) return undefined;
  const dir = path.join(WORK, 'pg15');
  mkdirSync(dir, { recursive: true });
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  if ('uid' in asNobody) chownSync(dir, 65534, 65534);
  execFileSync(path.join(PG15, 'initdb'), ['-D', path.join(dir, 'data'), '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], { ...asNobody, stdio: 'ignore', cwd: dir });
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(path.join(PG15, 'postgres'), ['-D', path.join(dir, 'data'), '-k', dir, '-p', String(port), '-c', 'fsync=off', '-c', 'listen_addresses=', '-c', 'full_page_writes=off'], {
    ...asNobody,
    stdio: 'ignore',
    cwd: dir,
  });
  for (let i = 0; i < 200; i++) {
    if (spawnSync(path.join(PG15, 'pg_isready'), ['-h', dir, '-p', String(port)]).status === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { socket: dir, port, stop: () => child.kill('SIGINT') };
}

/** Migrate `project` on PG 15, then read it with our catalog reader and with pg_dump --schema-only, side by side. */
async function catalogVsPgDump(project: string, pg15: Pg15, n: number): Promise<{ readMs: number; readParallelMs: number; queries: number; dumpMs: number; tables: number }> {
  const { loadKnexfile } = await import('../src/migrations/knexfile.ts');
  const { applyMigrations, knexMigrationConfig } = await import('../src/migrations/apply.ts');
  const { scratchKnex } = await import('../src/check/knex.ts');
  const { readSchema } = await import('../src/catalog/index.ts');
  const db = `bench_${n}`;
  execFileSync(path.join(PG15, 'createdb'), ['-h', pg15.socket, '-p', String(pg15.port), '-U', 'postgres', db]);
  const url = `postgres://postgres@localhost/${db}?host=${encodeURIComponent(pg15.socket)}&port=${pg15.port}`;
  const settings = await loadKnexfile(project, 'knexfile.ts', true);
  const knex = scratchKnex(url, { migrations: knexMigrationConfig(settings) });
  try {
    const applied = await applyMigrations(knex, project, settings);
    if (!applied.ok) throw new Error(`migrations failed on PG 15: ${applied.findings.map((f) => f.message).join('; ')}`);
    const client = await knex.client.acquireConnection();
    const more = [await knex.client.acquireConnection(), await knex.client.acquireConnection()];
    let queries = 0;
    const reads: number[] = [];
    const parallel: number[] = [];
    const dumps: number[] = [];
    let tables = 0;
    // Interleaved, 3 rounds each, medians: the two readers see the same database and the same machine load.
    for (let round = 0; round < 3; round++) {
      queries = 0;
      let t0 = performance.now();
      const schema = await readSchema((sql: string, params?: unknown[]) => {
        queries++;
        return client.query(sql, params);
      });
      reads.push(performance.now() - t0);
      tables = schema.tables.length;
      t0 = performance.now();
      await readSchema([client, ...more].map((c) => (sql: string, params?: unknown[]) => c.query(sql, params)));
      parallel.push(performance.now() - t0);
      t0 = performance.now();
      execFileSync(path.join(PG15, 'pg_dump'), ['--schema-only', '-h', pg15.socket, '-p', String(pg15.port), '-U', 'postgres', '-f', '/dev/null', db]);
      dumps.push(performance.now() - t0);
    }
    for (const c of [client, ...more]) await knex.client.releaseConnection(c);
    return { readMs: median(reads), readParallelMs: median(parallel), queries, dumpMs: median(dumps), tables };
  } finally {
    await knex.destroy();
  }
}

// --- hook mode on a temporary git repository ------------------------------------------------------
function git(cwd: string, ...args: string[]) {
  execFileSync('git', ['-c', 'user.email=bench@example.com', '-c', 'user.name=bench', ...args], { cwd, stdio: 'ignore' });
}
function hookRun(cwd: string): { wallMs: number; checkMs: number; title: string } {
  const t0 = performance.now();
  const r = spawnSync(BIN, [], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '' } });
  const wallMs = performance.now() - t0;
  const text = `${r.stdout}\n${r.stderr}`;
  const line = text.split('\n').filter((l) => l.includes('Consistency check')).pop() ?? '';
  const m = /\((\d+(?:\.\d+)?)(ms|s)\)/.exec(line);
  const checkMs = m ? Number(m[1]) * (m[2] === 's' ? 1000 : 1) : /SKIPPED/.test(line) ? 0 : NaN;
  return { wallMs, checkMs, title: line.replace(/^\W+/, '').trim() };
}

// --- a long history: one new migration (issue 13) -------------------------------------------------
const kb = (dir: string, ...more: string[]) => Number(execFileSync('du', ['-sk', dir, ...more]).toString().trim().split('\n').pop()!.split('\t')[0]);
/** The commit that matters on a long history: caches filled by the previous commit, then one more migration each time. */
function historySection(): void {
  const [m, n] = HISTORY;
  const reps = Math.max(3, SIZE_REPS);
  const dir = makeHistoryProject(m, n, `history-${m}`);
  const before = BEFORE ? makeHistoryProject(m, n, `history-${m}-before`, BEFORE) : undefined;
  const fill = new Map<string, Run>();
  for (const [who, d, bin] of sides(dir, before)) fill.set(who, runBin(bin, d, ['check', '--verbose'])); // the previous commit's run
  const runs = new Map<string, Run[]>();
  for (let rep = 0; rep < reps; rep++) {
    for (const [who, d, bin] of sides(dir, before)) {
      appendMigration(d, m + rep);
      runs.set(who, [...(runs.get(who) ?? []), runBin(bin, d, ['check', '--verbose'])]);
    }
  }
  say(`## A long history: one new migration (${m} migrations, ${n} tables)`);
  say();
  say(`Each run adds one migration (a nullable column: one warning) to the history the previous run checked (models unchanged); wall time, median of ${reps}${before ? ', before and after interleaved' : ''}. The first row is the run that filled the caches (the previous commit's).`);
  say();
  const phases = ['serverStart', 'migrations', 'catalog', 'staticChecks', 'snapshot', 'diff', 'serverStop'];
  say(`| case | ${before ? 'before | ' : ''}wall | ${before ? 'after/before | ' : ''}${phases.join(' | ')} | peak RSS | result |`);
  say(`|---|${before ? '---|' : ''}---|${before ? '---|' : ''}${phases.map(() => '---').join('|')}|---|---|`);
  const row = (name: string, a: Run[], b: Run[] | undefined) => {
    const mid = a.find((r) => r.wallMs === median(a.map((x) => x.wallMs)))!;
    const bm = b ? median(b.map((r) => r.wallMs)) : undefined;
    say(
      `| ${name} | ${bm === undefined ? '' : `${ms(bm)} | `}${ms(mid.wallMs)} | ${bm === undefined ? '' : `${(mid.wallMs / bm).toFixed(2)} | `}${phases.map((p) => ms(mid.phases[p])).join(' | ')} | ${Math.round(mid.rssKb / 1024)} MB | ${mid.ok ? 'ok' : 'FAILED: ' + mid.line} |`,
    );
  };
  row('first run (every migration; keeps the snapshot)', [fill.get('after')!], before ? [fill.get('before')!] : undefined);
  row('one new migration (caches of the previous run)', runs.get('after')!, runs.get('before'));
  say();
  const cache = path.join(dir, 'node_modules', '.cache', 'pre-commit-check');
  const snaps = path.join(cache, 'snapshots');
  if (existsSync(snaps)) {
    const template = readdirSync(cache).find((e) => /^pgdata-/.test(e) && !/\.(tmp|trash)-/.test(e));
    const base = template ? kb(path.join(cache, template)) : 0;
    const withSnaps = template ? kb(path.join(cache, template), snaps) : kb(snaps);
    say(`Disk: the migrated snapshots take ${(withSnaps - base) / 1024 >= 10 ? Math.round((withSnaps - base) / 1024) : ((withSnaps - base) / 1024).toFixed(1)} MB in the cache beside the ${Math.round(base / 1024)} MB template (${readdirSync(snaps).filter((f) => f.endsWith('.json')).length} kept; files unchanged from the entry a run started from are hard links, counted once).`);
    say();
  }
}

// --- main -----------------------------------------------------------------------------------------
async function main() {
  const nodeVersion = process.version;
  const memGb = (os.totalmem() / 2 ** 30).toFixed(1);
  say(`# pre-commit-check benchmark`);
  say();
  say(`${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}) · ${memGb} GB RAM · Node ${nodeVersion} · embedded PostgreSQL 18 · load average at start ${os.loadavg()[0]!.toFixed(2)}`);
  say();
  if (want('history')) historySection();

  // 1. Reference schema: cold, warm, side by side with an older checkout when BENCH_BEFORE is set.
  const ref = path.join(WORK, 'reference');
  mkdirSync(ref);
  for (const f of ['knexfile.ts', 'pre-commit-check.config.ts']) cpSync(path.join(REPO, f), path.join(ref, f));
  // Not the repository's package.json: its name would make 'pre-commit-check' resolve to the copy itself.
  writeFileSync(path.join(ref, 'package.json'), JSON.stringify({ name: 'bench-reference', private: true, type: 'module' }));
  for (const d of ['models', 'migrations']) cpSync(path.join(REPO, d), path.join(ref, d), { recursive: true });
  mkdirSync(path.join(ref, 'node_modules'));
  symlinkSync(REPO, path.join(ref, 'node_modules', 'pre-commit-check'));
  const refBefore = BEFORE ? path.join(WORK, 'reference-before') : undefined;
  if (refBefore) {
    cpSync(ref, refBefore, { recursive: true, verbatimSymlinks: true });
    rmSync(path.join(refBefore, 'node_modules', 'pre-commit-check'));
    symlinkSync(BEFORE!, path.join(refBefore, 'node_modules', 'pre-commit-check'));
  }
  const someModel = (dir: string) => path.join(dir, 'models', 'core.ts');
  const someMigration = (dir: string) => path.join(dir, 'migrations', '20260216090000_add_customer_consent_and_tags.ts');
  type Case = { name: string; prepare: (dir: string) => void; args: string[] };
  const cases: Case[] = [
    { name: 'cold (empty cache)', prepare: clearCache, args: ['check', '--verbose'] },
    { name: 'warm, a migration changed', prepare: (d) => touch(someMigration(d), 'mig'), args: ['check', '--verbose'] },
    { name: 'warm, a model changed', prepare: (d) => touch(someModel(d), 'model'), args: ['check', '--verbose'] },
    { name: 'warm, nothing changed', prepare: () => {}, args: ['check', '--verbose'] },
    { name: 'warm, --no-cache', prepare: () => {}, args: ['check', '--verbose', '--no-cache'] },
  ];
  if (want('reference')) {
    const results = new Map<string, Run[]>();
    for (let rep = 0; rep < REPS; rep++) {
      for (const c of cases) {
        for (const [who, dir, bin] of sides(ref, refBefore)) {
          c.prepare(dir);
          const r = runBin(bin, dir, c.args);
          const k = `${c.name}|${who}`;
          results.set(k, [...(results.get(k) ?? []), r]);
        }
      }
    }
    say(`## Reference schema (22 tables, 9 migrations): \`check\` wall time, median of ${REPS} interleaved runs`);
    say();
    const phaseNames = ['serverStart', 'migrations', 'modelDdl', 'catalog', 'diff', 'report', 'serverStop'];
    say(`| case | ${refBefore ? 'before | ' : ''}after | ${phaseNames.join(' | ')} | peak RSS | result |`);
    say(`|---|${refBefore ? '---|' : ''}---|${phaseNames.map(() => '---').join('|')}|---|---|`);
    for (const c of cases) {
      const a = results.get(`${c.name}|after`)!;
      const b = refBefore ? results.get(`${c.name}|before`)! : undefined;
      const mid = a.find((r) => r.wallMs === median(a.map((x) => x.wallMs)))!;
      say(
        `| ${c.name} | ${b ? `${ms(median(b.map((r) => r.wallMs)))} | ` : ''}${ms(mid.wallMs)} | ${phaseNames.map((p) => ms(mid.phases[p])).join(' | ')} | ${Math.round(mid.rssKb / 1024)} MB | ${mid.ok ? 'ok' : 'FAILED: ' + mid.line} |`,
      );
    }
    say();
  }

  if (want('sizes')) {
    // 2. Generated schemas.
    const pg15 = await startPg15().catch((e: Error) => {
      say(`(PostgreSQL 15 could not start for the pg_dump comparison: ${e.message})`);
      return undefined;
    });
    const sizeRows: string[] = [];
    const dumpRows: string[] = [];
    type SizeCase = { name: string; prepare: (dir: string) => void; args?: string[] };
    const firstMigration = (dir: string) => path.join(dir, 'migrations', '20260101000000_tables_0.ts');
    const firstModel = (dir: string) => path.join(dir, 'models', 'm_0000.ts');
    const sizeCases: SizeCase[] = [
      { name: 'cold (empty cache: initdb too)', prepare: clearCache },
      { name: 'every migration and model run again (template cached)', prepare: (d) => (touch(firstMigration(d), 'mig'), touch(firstModel(d), 'model')) },
      { name: 'the first migration changed (models cached)', prepare: (d) => touch(firstMigration(d), 'mig') },
      { name: 'a model changed (migrations cached)', prepare: (d) => touch(firstModel(d), 'model') },
      // The DDL of one model changes (and so the key of the one that references it), the schema does not.
      { name: "a model's DDL changed (migrations cached)", prepare: (d) => rewrapCheck(firstModel(d)) },
      { name: 'nothing changed (result cached)', prepare: () => {} },
      { name: 'from zero (--no-cache)', prepare: () => {}, args: ['--no-cache'] },
      { name: 'from zero, --full (--no-cache)', prepare: () => {}, args: ['--full', '--no-cache'] },
    ];
    const sizePhases = ['serverStart', 'migrations', 'modelDdl', 'catalog', 'diff', 'report', 'serverStop'];
    try {
      for (const n of SIZES) {
        const dir = makeProject(n, `gen-${n}`);
        const before = BEFORE ? makeProject(n, `gen-${n}-before`, BEFORE) : undefined;
        const runs = new Map<string, Run[]>();
        for (let rep = 0; rep < SIZE_REPS; rep++) {
          for (const c of sizeCases) {
            for (const [who, d, bin] of sides(dir, before)) {
              c.prepare(d);
              const r = runBin(bin, d, ['check', '--verbose', ...(c.args ?? [])]);
              runs.set(`${c.name}|${who}`, [...(runs.get(`${c.name}|${who}`) ?? []), r]);
            }
          }
        }
        for (const c of sizeCases) {
          const a = runs.get(`${c.name}|after`)!;
          const mid = a.find((r) => r.wallMs === median(a.map((x) => x.wallMs)))!;
          const b = before ? median(runs.get(`${c.name}|before`)!.map((r) => r.wallMs)) : undefined;
          sizeRows.push(
            `| ${n} | ${c.name} | ${b === undefined ? '' : `${ms(b)} | `}${ms(mid.wallMs)} | ${b === undefined ? '' : `${(mid.wallMs / b).toFixed(2)} | `}${sizePhases.map((p) => ms(mid.phases[p])).join(' | ')} | ${Math.round(mid.rssKb / 1024)} MB | ${mid.ok ? 'ok' : 'FAILED: ' + mid.line} |`,
          );
        }
        if (pg15) {
          const d = await catalogVsPgDump(dir, pg15, n);
          const phases = runs.get(`${sizeCases[2]!.name}|after`)![0]!.phases;
          dumpRows.push(
            `| ${n} | ${d.tables} | ${d.queries} | ${ms(d.readMs)} | ${ms(d.readParallelMs)} | ${ms(d.dumpMs)} | ${(d.readMs / d.dumpMs).toFixed(2)} | ${(d.readParallelMs / d.dumpMs).toFixed(2)} | ${ms(phases.diff)} |`,
          );
        }
      }
    } finally {
      pg15?.stop();
    }
    say(`## Generated schemas: \`check\` (20 columns, 3 indexes, a foreign key and a check per table)`);
    say();
    say(`Wall time of the whole command (median of ${SIZE_REPS}${BEFORE ? ', before and after interleaved' : ''}), and its phases in ms as printed by \`check --verbose\`: the migrations run beside the models\' load and DDL, each database is read as soon as its side is done (catalog = the two reads, summed). Peak RSS of the tool\'s process (\`/usr/bin/time -f %M\`), the PostgreSQL server excluded.`);
    say();
    say(`| tables | case | ${BEFORE ? 'before | ' : ''}wall | ${BEFORE ? 'after/before | ' : ''}${sizePhases.join(' | ')} | peak RSS | result |`);
    say(`|---|---|${BEFORE ? '---|' : ''}---|${BEFORE ? '---|' : ''}${sizePhases.map(() => '---').join('|')}|---|---|`);
    for (const r of sizeRows) say(r);
    say();
    if (dumpRows.length) {
      say('## Catalog read vs `pg_dump --schema-only`, same database, same run');
      say();
      say('No pg_dump 18 is obtainable here (Debian bookworm has the PostgreSQL 15 client only; it refuses a PG 18 server), so both readers run against Debian\'s PostgreSQL 15 server with the same migrations applied: our catalog reader (its bulk queries, counted, on one session; and as `check` runs it, spread over 3 sessions) and pg_dump 15, interleaved, median of 3. The diff column is the diff phase of the `first migration changed` run above (PG 18).');
      say();
      say('| tables | tables read | queries (1 session) | catalog read, 1 session | catalog read, 3 sessions | pg_dump --schema-only | ratio read/dump, 1 session | ratio, 3 sessions | diff |');
      say('|---|---|---|---|---|---|---|---|---|');
      for (const r of dumpRows) say(r);
      say();
    }
  }

  if (want('hook')) {
    // 3. Hook mode, on the reference schema (the stages other than the check are turned off).
    const repo = path.join(WORK, 'hook-repo');
    cpSync(ref, repo, { recursive: true, verbatimSymlinks: true });
    rmSync(path.join(repo, 'node_modules', '.cache'), { recursive: true, force: true });
    writeFileSync(
      path.join(repo, 'pre-commit-check.config.ts'),
      BENCH_CONFIG,
    );
    writeFileSync(path.join(repo, '.gitignore'), 'node_modules\n');
    git(repo, 'init', '-q');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'init');
    // Fill the caches as a developer's earlier runs would have (a skipped hook run starts no server).
    runBin(BIN, repo, ['check']);
    hookRun(repo);
    const hookRows: string[] = [];
    const hookCase = (name: string, change: () => void) => {
      change();
      const r = hookRun(repo);
      hookRows.push(`| ${name} | ${ms(r.wallMs)} | ${Number.isNaN(r.checkMs) ? '?' : ms(r.checkMs)} | ${r.title} |`);
      git(repo, 'commit', '-qm', name, '--no-verify');
    };
    hookCase('no model, migration, knexfile or config staged', () => {
      writeFileSync(path.join(repo, 'README.md'), `# bench ${Date.now()}\n`);
      git(repo, 'add', 'README.md');
    });
    hookCase('only a model changed (migrations cached)', () => {
      touch(someModel(repo), 'hook');
      git(repo, 'add', 'models');
    });
    hookCase('a migration changed', () => {
      touch(someMigration(repo), 'hook');
      git(repo, 'add', 'migrations');
    });
    say('## Hook mode (`pre-commit-check` in a git repository of the reference schema, 22 tables; lint-staged and unit stages off)');
    say();
    say('| staged | whole hook, wall | check stage | check task line |');
    say('|---|---|---|---|');
    for (const r of hookRows) say(r);
    say();
  }

  if (want('large-repo')) {
    // 4. Hook mode in a large repository, beside lint-staged alone.
    const lines = largeRepoSection({
      ref,
      work: WORK,
      tool: REPO,
      before: BEFORE,
      files: Number(process.env.BENCH_LARGE_FILES ?? 50_000),
      reps: REPS,
      config: BENCH_CONFIG,
      someModel,
      someMigration,
    });
    for (const l of lines) say(l);
  }
}

/** With BENCH_SECTIONS, the sections that ran replace theirs (same heading) in RESULTS.md; the others stay. */
function merged(previous: string, fresh: string[]): string {
  const split = (text: string) => text.split(/\n(?=## )/);
  const [head, ...old] = split(previous.trimEnd());
  const [freshHead, ...now] = split(fresh.join('\n').trimEnd());
  const key = (section: string) => section.split('\n')[0]!.replace(/\d[\d,]*/g, 'N');
  const kept = old.filter((o) => !now.some((n) => key(n) === key(o)));
  const when = (freshHead ?? '').split('\n').find((l) => / UTC · /.test(l));
  // One blank line between sections: the split took the line break before each heading.
  return [head, ...kept, ...now.map((n) => n.replace('\n', `\n\n${when ?? ''}\n`))].map((x) => x!.trimEnd()).join('\n\n') + '\n';
}

// BENCH_PROJECT=<n> <dir>: only write a generated project of n tables into <dir>, to try by hand
// (BENCH_PROJECT=400x150 <dir>: a history of 400 migrations over 150 tables).
const only = process.env.BENCH_PROJECT?.split(' ');
if (only) {
  const [a, b] = only[0]!.split('x').map(Number);
  const dir = b ? makeHistoryProject(a!, b, 'project') : makeProject(a!, 'project');
  cpSync(dir, path.resolve(only[1] ?? `bench-${only[0]}`), { recursive: true, verbatimSymlinks: true });
  rmSync(WORK, { recursive: true, force: true });
  process.exit(0);
}

try {
  await main();
  const results = path.join(REPO, 'bench', 'RESULTS.md');
  writeFileSync(results, SECTIONS && existsSync(results) ? merged(readFileSync(results, 'utf8'), out) : out.join('\n') + '\n');
  console.log(`\nwritten to bench/RESULTS.md`);
} finally {
  rmSync(WORK, { recursive: true, force: true });
}

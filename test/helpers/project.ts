// Temporary projects for end-to-end tests: real files on disk, the real binary, always removed.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, cpSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

export interface CliResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
}

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(REPO, 'bin/pre-commit-check');

export interface TempProject {
  dir: string;
  write(path: string, content: string): void;
  remove(): void;
}

/** Use to make a project in a temp dir that resolves 'pre-commit-check' to this repository. */
export function makeProject(files: Record<string, string> = {}, options: { from?: string; localCache?: boolean } = {}): TempProject {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'pcc-e2e-')));
  if (options.from) cpSync(options.from, dir, { recursive: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  symlinkSync(REPO, join(dir, 'node_modules/pre-commit-check'));
  // A fixture resolves the ORMs of issue 14 from this repository's node_modules: so does its copy.
  if (options.from) linkFixturePackages(dir);
  if (!options.localCache) {
    // Share the repository's cache (initialised PostgreSQL template) so tests do not initdb each time.
    // Tests that look for leftovers use a local cache, where the server's run directory lives.
    mkdirSync(join(REPO, 'node_modules/.cache'), { recursive: true });
    symlinkSync(join(REPO, 'node_modules/.cache'), join(dir, 'node_modules/.cache'));
  }
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  for (const [p, c] of Object.entries(files)) write(p, c);
  if (options.from) linkDependencies(dir);
  return { dir, write, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The optional peers (model sources of issue 14) that fixtures import: devDependencies of this repository. */
const FIXTURE_PACKAGES = ['drizzle-orm', 'typeorm', 'reflect-metadata', 'objection'];

function linkFixturePackages(dir: string): void {
  for (const name of FIXTURE_PACKAGES) {
    const target = join(REPO, 'node_modules', name);
    if (existsSync(target) && !existsSync(join(dir, 'node_modules', name))) symlinkSync(target, join(dir, 'node_modules', name));
  }
}

/**
 * Use for a project whose package.json names dependencies this repository has installed (an ORM's
 * fixture: typeorm, reflect-metadata, pg): links them into its node_modules, as npm would install
 * them. makeProject does it for the projects it copies from a fixture.
 */
export function linkDependencies(dir: string): void {
  if (!existsSync(join(dir, 'package.json'))) return;
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  for (const name of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })) {
    const target = join(REPO, 'node_modules', name);
    const link = join(dir, 'node_modules', name);
    if (name === 'pre-commit-check' || !existsSync(target) || existsSync(link)) continue;
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(target, link);
  }
}

/**
 * Use to run the real binary; never throws on a non-zero exit. A test that gives the run a TMPDIR of
 * its own also gets the server's run directory there (PRE_COMMIT_CHECK_RUN_DIR), instead of the
 * shared /dev/shm, so that what the run leaves behind is found by leftovers() and postgresPids(tmp).
 */
export async function runCli(args: string[], options: { cwd: string; env?: Record<string, string | undefined>; timeout?: number }): Promise<CliResult> {
  const r = await execa(BIN, args, {
    cwd: options.cwd,
    reject: false,
    env: { NO_COLOR: '1', CI: '', GITHUB_ACTIONS: '', ...isolatedRunDir(options.env), ...options.env },
    extendEnv: true,
    timeout: options.timeout ?? 90_000,
    stdin: 'ignore',
  });
  return { exitCode: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/**
 * Use for a temp project with a cache of its own (the repository's PostgreSQL template copied in, no
 * other test's entries or snapshots): tests that count or inspect what the caches hold.
 */
export function ownCacheProject(files: Record<string, string> = CLEAN_FILES): TempProject {
  const p = makeProject(files, { localCache: true });
  const own = join(p.dir, 'node_modules/.cache/pre-commit-check');
  mkdirSync(own, { recursive: true });
  const shared = join(REPO, 'node_modules/.cache/pre-commit-check');
  for (const e of existsSync(shared) ? readdirSync(shared) : []) {
    if (/^pgdata-[^.]+$/.test(e)) cpSync(join(shared, e), join(own, e), { recursive: true, preserveTimestamps: true });
  }
  return p;
}

/** PRE_COMMIT_CHECK_RUN_DIR = TMPDIR when the caller sets a TMPDIR of its own (see runCli). */
export function isolatedRunDir(env: Record<string, string | undefined> = {}): Record<string, string> {
  return env.TMPDIR ? { PRE_COMMIT_CHECK_RUN_DIR: env.TMPDIR } : {};
}

/** The names of pre-commit-check's entries in /dev/shm (run directories), to compare before and after a run. */
export function ramDirEntries(): string[] {
  try {
    return readdirSync('/dev/shm').filter((f) => f.startsWith('pcc-'));
  } catch {
    return [];
  }
}

export const KNEXFILE = `export default { client: 'pg', migrations: { directory: './migrations', extension: 'ts' } };\n`;
export const CONFIG = `import { defineConfig } from 'pre-commit-check';\nexport default defineConfig({ models: ['models/**/*.ts'], stages: { static: [], unit: false } });\n`;

/** A small clean project: one table, migration and model agree. */
export const CLEAN_FILES: Record<string, string> = {
  'knexfile.ts': KNEXFILE,
  'pre-commit-check.config.ts': CONFIG,
  'migrations/20260101000000_users.ts': `import type { Knex } from 'knex';
export async function up(knex: Knex) {
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('email', 255).notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}
export async function down(knex: Knex) {
  await knex.schema.dropTable('users');
}
`,
  'models/user.ts': `import { defineModel, t, sql } from 'pre-commit-check';
export const User = defineModel({
  table: 'users',
  columns: {
    id: t.increments(),
    email: t.string(255).notNullable().unique(),
    created_at: t.timestamp().notNullable().defaultTo(sql\`CURRENT_TIMESTAMP\`),
  },
});
`,
};

/** Use to list running postgres processes (pids); with `under`, only those whose command line names that directory. */
export async function postgresPids(under?: string): Promise<string[]> {
  const r = await execa('pgrep', ['-x', 'postgres'], { reject: false });
  const pids = String(r.stdout).split('\n').filter(Boolean);
  if (!under) return pids;
  return pids.filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(under);
    } catch {
      return false;
    }
  });
}

/** Use to list what a run left in its TMPDIR (tsx's compile cache aside) and, for a project with a
 * local cache, the server run directories and staged snapshots in node_modules/.cache/pre-commit-check. */
export function leftovers(tmp: string, project?: TempProject): string[] {
  const left = readdirSync(tmp).filter((f) => !f.startsWith('tsx-'));
  const cache = project ? join(project.dir, 'node_modules/.cache/pre-commit-check') : null;
  if (cache && existsSync(cache)) left.push(...readdirSync(cache).filter((f) => /^(pcc-pg-|staged-)/.test(f)).map((f) => `cache/${f}`));
  return left;
}

// Temporary git repositories for the end-to-end tests of hook mode, --full, --ci and init: a real
// project (makeProject), a real `git init`, the real binary through husky and npx, the real embedded
// PostgreSQL. Everything is removed afterwards, whatever happens.
import { execa, type ResultPromise } from 'execa';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cleanGitEnv } from '../../src/runner/exec.ts';
import { BIN, KNEXFILE, REPO, isolatedRunDir, makeProject, postgresPids, type CliResult } from '../helpers/project.ts';

export { postgresPids };

/** A whole template entry of the embedded database's cache (pgdata-<version>-<hash>). */
const TEMPLATE_ENTRY = /^pgdata-.+-[0-9a-f]{12}$/;
/** What a run creates in the cache and must remove: its snapshot, its server's directory, a half-written entry. */
const RUN_LEFTOVER = /^(staged-|pcc-pg-|generated-)|\.tmp-/;

/** Where the repository's own embedded-database template cache lives (shared, so no initdb per test). */
const REPO_CACHE = join(REPO, 'node_modules/.cache/pre-commit-check');

export const USERS_MIGRATION = `import type { Knex } from 'knex';
export async function up(knex: Knex) {
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('email', 255).notNullable();
  });
}
export async function down(knex: Knex) {
  await knex.schema.dropTable('users');
}
`;

export const USER_MODEL = `import { defineModel, t } from 'pre-commit-check';
export const User = defineModel({
  table: 'users',
  columns: {
    id: t.increments(),
    email: t.string(255).notNullable(),
  },
});
`;

export const POST_MODEL = `import { defineModel, t } from 'pre-commit-check';
export const Post = defineModel({
  table: 'posts',
  columns: {
    id: t.increments(),
    title: t.text().notNullable(),
  },
});
`;

export const POSTS_MIGRATION = `import type { Knex } from 'knex';
export async function up(knex: Knex) {
  await knex.schema.createTable('posts', (t) => {
    t.increments('id');
    t.text('title').notNullable();
  });
}
export async function down(knex: Knex) {
  await knex.schema.dropTable('posts');
}
`;

/** A migration that keeps the database stage busy for 30 s (for the Ctrl-C tests). */
export const SLOW_MIGRATION = `import type { Knex } from 'knex';
export async function up(knex: Knex) { await knex.raw('select pg_sleep(30)'); }
export async function down() {}
`;

/** The project before `init`: a package.json, a knexfile, one model and its migration. */
export const BASE_FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }, null, 2) + '\n',
  '.gitignore': 'node_modules\n*.xml\n',
  'knexfile.ts': KNEXFILE,
  'models/user.ts': USER_MODEL,
  'migrations/20260101000000_users.ts': USERS_MIGRATION,
};

/** A config for the temp projects: no tsc, no unit tests unless a test sets them. */
export function configText(stages: { static?: string[]; unit?: string | false; integration?: string | false } = {}): string {
  const s = { static: [], unit: false, integration: false, ...stages };
  return `import { defineConfig } from 'pre-commit-check';
export default defineConfig({
  models: ['models/**/*.ts'],
  knexfile: 'knexfile.ts',
  stages: ${JSON.stringify(s)},
});
`;
}

export interface HookRepo {
  /** The project root (also the repository's top level). */
  dir: string;
  /** A TMPDIR of its own (mode 0755, so the embedded server's files can be told apart). */
  tmp: string;
  /** The environment every command of the test runs with. */
  env: Record<string, string>;
  write(path: string, content: string): void;
  read(path: string): string;
  remove(path: string): void;
  /** git in the repository, never throwing; output interleaved in `all`. */
  git(...args: string[]): Promise<CliResult & { all: string }>;
  /** git, throwing on failure; returns trimmed stdout. */
  gitOk(...args: string[]): Promise<string>;
  /** The commit HEAD points at, or null before the first commit. */
  head(): Promise<string | null>;
  /** The real binary, in the repository. */
  cli(args: string[], env?: Record<string, string>): Promise<CliResult & { all: string }>;
  /** The real binary, started and not awaited (for signals). */
  spawnCli(args: string[], options?: { detached?: boolean }): ResultPromise;
  /** `git commit`, started and not awaited, in a process group of its own (for a terminal-like Ctrl-C). */
  spawnCommit(message: string): ResultPromise;
  /** Snapshot directories left under node_modules/.cache/pre-commit-check. */
  snapshotDirs(): string[];
  /** What runs left in node_modules/.cache/pre-commit-check that they should have removed (snapshots, server run directories). */
  cacheLeftovers(): string[];
  /** Running postgres processes of this repository's runs (their files under its TMPDIR or its directory). */
  postgres(): Promise<string[]>;
  /** Remove the repository and its TMPDIR. */
  destroy(): void;
}

/**
 * The environment of the tests' commands: no git variables of an outer hook (this repository's own
 * pre-commit runs these tests), no CI (it would turn hook mode into --ci), hooks enabled, no colour.
 */
function baseEnv(tmp: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(cleanGitEnv(process.env))) {
    if (v === undefined) continue;
    if (k === 'CI' || k === 'GITHUB_ACTIONS' || k === 'HUSKY' || k === 'FORCE_COLOR' || k.startsWith('npm_')) continue;
    if (/^GIT_(AUTHOR|COMMITTER)_|^GIT_CONFIG_/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, TMPDIR: tmp, ...isolatedRunDir({ TMPDIR: tmp }), NO_COLOR: '1', GIT_CONFIG_NOSYSTEM: '1' };
}

/**
 * Make sure the repository's template cache has the current entry (its key follows the initdb
 * arguments): one check through makeProject's shared cache, once per run; a cold clone runs initdb here.
 */
let warmed = false;
export async function warmTemplateCache(): Promise<void> {
  if (warmed) return;
  const p = makeProject({ ...BASE_FILES, 'pre-commit-check.config.ts': configText() });
  try {
    await execa(BIN, ['check'], { cwd: p.dir, reject: false, stdin: 'ignore', env: { ...cleanGitEnv(process.env), CI: '' }, extendEnv: false });
  } finally {
    p.remove();
  }
  warmed = true;
}

/**
 * Give a project a real node_modules/.cache/pre-commit-check (so the tests can tell its snapshot
 * directories from other runs') whose template entries link to the repository's cache.
 */
function privateCache(dir: string): void {
  const cache = join(dir, 'node_modules/.cache');
  rmSync(cache, { recursive: true, force: true }); // makeProject's symlink to the shared cache
  mkdirSync(join(cache, 'pre-commit-check'), { recursive: true });
  if (!existsSync(REPO_CACHE)) return;
  for (const f of readdirSync(REPO_CACHE)) {
    if (TEMPLATE_ENTRY.test(f)) symlinkSync(join(REPO_CACHE, f), join(cache, 'pre-commit-check', f));
  }
}

function wrap(dir: string, tmp: string): HookRepo {
  const env = baseEnv(tmp);
  const run = async (file: string, args: string[], extra: Record<string, string> = {}) => {
    const r = await execa(file, args, {
      cwd: dir,
      env: { ...env, ...extra },
      extendEnv: false,
      reject: false,
      stdin: 'ignore',
      all: true,
      timeout: 120_000,
    });
    return { exitCode: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr), all: String(r.all) };
  };
  const repo: HookRepo = {
    dir,
    tmp,
    env,
    write(path, content) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    },
    read: (path) => readFileSync(join(dir, path), 'utf8'),
    remove: (path) => unlinkSync(join(dir, path)),
    git: (...args) => run('git', args),
    async gitOk(...args) {
      const r = await run('git', args);
      if (r.exitCode !== 0) throw new Error(`git ${args.join(' ')} failed (${r.exitCode}):\n${r.all}`);
      return r.stdout.trim();
    },
    async head() {
      const r = await run('git', ['rev-parse', '--verify', '-q', 'HEAD']);
      return r.exitCode === 0 ? r.stdout.trim() : null;
    },
    cli: (args, extra) => run(BIN, args, extra),
    spawnCli: (args, options = {}) =>
      execa(BIN, args, { cwd: dir, env, extendEnv: false, reject: false, stdin: 'ignore', all: true, detached: options.detached ?? false }),
    spawnCommit: (message) =>
      execa('git', ['commit', '-m', message], { cwd: dir, env, extendEnv: false, reject: false, stdin: 'ignore', all: true, detached: true }),
    snapshotDirs() {
      const parent = join(dir, 'node_modules/.cache/pre-commit-check');
      return existsSync(parent) ? readdirSync(parent).filter((f) => f.startsWith('staged-')) : [];
    },
    cacheLeftovers() {
      const parent = join(dir, 'node_modules/.cache/pre-commit-check');
      return existsSync(parent) ? readdirSync(parent).filter((f) => RUN_LEFTOVER.test(f)) : [];
    },
    async postgres() {
      return [...new Set([...(await postgresPids(tmp)), ...(await postgresPids(dir))])];
    },
    destroy() {
      rmSync(dir, { recursive: true, force: true });
      rmSync(tmp, { recursive: true, force: true });
    },
  };
  return repo;
}

function makeTmp(): string {
  const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'pcc-hook-tmp-')));
  chmodSync(tmp, 0o755);
  return tmp;
}

/**
 * A project in a fresh git repository (local user, no signing), with `pre-commit-check` resolvable
 * by npx (node_modules/.bin) and by the project's files (node_modules/pre-commit-check), not yet set up.
 */
export async function makeHookRepo(files: Record<string, string> = BASE_FILES): Promise<HookRepo> {
  const project = makeProject(files);
  privateCache(project.dir);
  mkdirSync(join(project.dir, 'node_modules/.bin'), { recursive: true });
  symlinkSync(BIN, join(project.dir, 'node_modules/.bin/pre-commit-check'));
  const repo = wrap(project.dir, makeTmp());
  try {
    await repo.gitOk('init', '-q', '-b', 'main');
    await repo.gitOk('config', 'user.email', 'test@example.com');
    await repo.gitOk('config', 'user.name', 'Test');
    await repo.gitOk('config', 'commit.gpgsign', 'false');
  } catch (error) {
    repo.destroy();
    throw error;
  }
  return repo;
}

/** Use to start each test from a prepared repository: a copy of it (symlinks kept as links), with a TMPDIR of its own. */
export function copyRepo(from: HookRepo): HookRepo {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'pcc-e2e-')));
  cpSync(from.dir, dir, { recursive: true, verbatimSymlinks: true });
  return wrap(dir, makeTmp());
}

/** Every file of the project outside .git and node_modules, with its bytes, plus .git/config. */
export function treeBytes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (r === '.git' || r === 'node_modules') continue;
      if (e.isDirectory()) walk(r);
      else out[r] = readFileSync(join(dir, r)).toString('base64');
    }
  };
  walk('');
  out['.git/config'] = readFileSync(join(dir, '.git/config')).toString('base64');
  return out;
}

/** Resolve once the child has exited, or after `ms` (then `exited` is false). */
export async function exitWithin(child: ResultPromise, ms: number): Promise<{ exited: boolean; exitCode: number | undefined; signal: string | undefined; all: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((r) => (timer = setTimeout(() => r(null), ms)));
  const r = await Promise.race([child, timeout]);
  clearTimeout(timer);
  if (r === null) return { exited: false, exitCode: undefined, signal: undefined, all: '' };
  return { exited: true, exitCode: r.exitCode, signal: r.signal, all: String(r.all ?? '') };
}

/** Wait until a postgres process of this repository's runs is up (the database stage has begun). */
export async function waitForPostgres(repo: HookRepo, ms = 30_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if ((await repo.postgres()).length > 0) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

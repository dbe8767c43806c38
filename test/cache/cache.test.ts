// The check caches (src/cache/) end to end, with the real binary: correctness, not speed. Each test
// project has its own node_modules/.cache (seeded with the repository's PostgreSQL template so no
// test runs initdb), unlike test/helpers/project.ts, which shares the repository's cache.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLEAN_FILES, runCli, type TempProject, ownCacheProject } from '../helpers/project.ts';

/** A temp project with a cache of its own (test/helpers/project.ts). */
const cacheProject = (files: Record<string, string> = CLEAN_FILES): TempProject => ownCacheProject(files);
const cacheOf = (p: TempProject) => path.join(p.dir, 'node_modules/.cache/pre-commit-check');
const entries = (p: TempProject, kind: string) => {
  const dir = path.join(cacheOf(p), kind);
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => path.join(dir, f)) : [];
};
/** Every file and directory under the cache with size and mtime, for "nothing changed" comparisons. */
function listing(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .sort()
    .map((f) => {
      const st = statSync(path.join(dir, f));
      return `${f} ${st.size} ${st.mtimeMs}`;
    });
}
const MIGRATION = 'migrations/20260101000000_users.ts';

/** A project whose knexfile migrationSource loads its migrations from paths it computes (no file named in its items). */
const SOURCE_FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'steps-app', private: true, type: 'commonjs' }),
  'knexfile.js': `const path = require('node:path');
const order = ['create_users'];
module.exports = { client: 'pg', migrations: { migrationSource: {
  getMigrations: async () => order,
  getMigrationName: (name) => name,
  getMigration: async (name) => require(path.join(__dirname, 'db', 'steps', name + '.js')),
} } };
`,
  'db/steps/create_users.js': `exports.up = (knex) => knex.schema.createTable('users', (t) => { t.increments('id'); });
exports.down = (knex) => knex.schema.dropTable('users');
`,
  'pre-commit-check.config.ts': CLEAN_FILES['pre-commit-check.config.ts']!.replace("models: ['models/**/*.ts']", "models: ['models/**/*.ts'], knexfile: 'knexfile.js'"),
  'models/user.ts': `import { defineModel, t } from 'pre-commit-check';\nexport const User = defineModel({ table: 'users', columns: { id: t.increments() } });\n`,
};
const STEP_WITH_EMAIL = `exports.up = (knex) => knex.schema.createTable('users', (t) => { t.increments('id'); t.string('email').notNullable(); });
exports.down = (knex) => knex.schema.dropTable('users');
`;

describe('cache: migrated schema and last clean result', function () {
  this.timeout(180_000);
  let p: TempProject;
  afterEach(() => p?.remove());

  it('a changed migration invalidates the cached migrated schema: its drift is found', async () => {
    p = cacheProject();
    const first = await runCli(['check'], { cwd: p.dir });
    expect(first.exitCode, first.stdout + first.stderr).to.equal(0);
    expect(entries(p, 'migrated')).to.have.length(1);
    // The migration now makes email nullable; the model still says notNullable.
    p.write(MIGRATION, CLEAN_FILES[MIGRATION]!.replace("t.string('email', 255).notNullable()", "t.string('email', 255)"));
    const second = await runCli(['check', '--json'], { cwd: p.dir });
    expect(second.exitCode, second.stderr).to.equal(1);
    const report = JSON.parse(second.stdout);
    expect(report.findings.map((f: { code: string }) => f.code)).to.include('nullability-mismatch');
    expect(second.stdout + second.stderr).not.to.include('migrations unchanged');
    expect(entries(p, 'migrated')).to.have.length(2); // a new key for the new migration; the old entry stays for a switch back
  });

  it('the declared schema is cached by the models: a changed migration reuses it, a changed model does not', async () => {
    p = cacheProject();
    expect((await runCli(['check'], { cwd: p.dir })).exitCode).to.equal(0);
    expect(entries(p, 'declared')).to.have.length(1);
    // A migration change: the models' side comes from the cache, and the migration's drift is found.
    p.write(MIGRATION, CLEAN_FILES[MIGRATION]!.replace("t.string('email', 255).notNullable()", "t.string('email', 100).notNullable()"));
    const migrationChanged = await runCli(['check', '--verbose'], { cwd: p.dir });
    expect(migrationChanged.exitCode, migrationChanged.stdout + migrationChanged.stderr).to.equal(1);
    expect(migrationChanged.stdout).to.include('models unchanged');
    expect(migrationChanged.stdout).to.match(/type-mismatch/);
    expect(entries(p, 'declared')).to.have.length(1);
    // A model change: applied again (no 'models unchanged'), a new entry, and its drift is found.
    p.write('models/user.ts', CLEAN_FILES['models/user.ts']!.replace('t.string(255).notNullable()', 't.string(100).notNullable()'));
    p.write(MIGRATION, CLEAN_FILES[MIGRATION]!);
    const modelChanged = await runCli(['check', '--verbose'], { cwd: p.dir });
    expect(modelChanged.exitCode, modelChanged.stdout + modelChanged.stderr).to.equal(1);
    expect(modelChanged.stdout).not.to.include('models unchanged');
    expect(modelChanged.stdout).to.match(/type-mismatch/);
    expect(entries(p, 'declared')).to.have.length(2);
  });

  it('a model that uses what the migrations create: its declared entry serves only those migrations', async () => {
    const migration = (ext: boolean) => `import type { Knex } from 'knex';
export async function up(knex: Knex): Promise<void> {
  ${ext ? "await knex.raw('CREATE EXTENSION IF NOT EXISTS citext');" : ''}
  await knex.schema.createTable('logins', (t) => { t.increments('id'); t.specificType('name', '${ext ? 'citext' : 'text'}').notNullable(); });
}
export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('logins');
}
`;
    const model = (extra = '') => `import { defineModel, t } from 'pre-commit-check';
export const Login = defineModel({ table: 'logins', columns: { id: t.increments(), name: t.specificType('citext').notNullable(),${extra} } });
`;
    p = cacheProject({ ...CLEAN_FILES, [MIGRATION]: migration(true), 'models/user.ts': model() });
    const first = await runCli(['check', '--json'], { cwd: p.dir });
    expect(first.exitCode, first.stdout + first.stderr).to.equal(0);
    // The models change, the migrations come from the cache: the models still see citext.
    p.write('models/user.ts', model(' nickname: t.text(),'));
    const modelChanged = await runCli(['check', '--verbose'], { cwd: p.dir });
    expect(modelChanged.exitCode, modelChanged.stdout + modelChanged.stderr).to.equal(1);
    expect(modelChanged.stdout).to.include('migrations unchanged');
    expect(modelChanged.stdout).to.include('nickname');
    expect(modelChanged.stdout).not.to.match(/missing-object|invalid-model|citext/);
    // The migration no longer creates citext, the models are unchanged: their cached side (built over
    // the old migrations) must not be served; citext is now a missing object.
    p.write(MIGRATION, migration(false));
    const migrationChanged = await runCli(['check', '--json'], { cwd: p.dir });
    const codes = JSON.parse(migrationChanged.stdout).findings.map((f: { code: string; object: string | null }) => `${f.code} ${f.object}`);
    expect(codes, migrationChanged.stderr).to.include('missing-object citext');
  });

  it('a changed model with cached migrations still finds the drift', async () => {
    p = cacheProject();
    expect((await runCli(['check'], { cwd: p.dir })).exitCode).to.equal(0);
    p.write('models/user.ts', CLEAN_FILES['models/user.ts']!.replace('columns: {', "columns: {\n    nickname: t.string(50).notNullable(),"));
    const r = await runCli(['check', '--verbose'], { cwd: p.dir });
    expect(r.exitCode, r.stdout + r.stderr).to.equal(1);
    expect(r.stdout).to.include('migrations unchanged');
    expect(r.stdout).to.include('nickname');
    expect(r.stdout).to.match(/missing-column|missing from the database/);
  });

  it('an unchanged project is answered by the cached clean result, with no server started', async () => {
    p = cacheProject();
    expect((await runCli(['check'], { cwd: p.dir })).exitCode).to.equal(0);
    const r = await runCli(['check', '--verbose'], { cwd: p.dir });
    expect(r.exitCode).to.equal(0);
    expect(r.stdout).to.include('result served from the cache');
    expect(r.stdout).not.to.include('serverStart');
  });

  it('a change of conventions in package.json is never answered by the cached result', async () => {
    const files = { ...CLEAN_FILES };
    delete files['pre-commit-check.config.ts'];
    const pkg = (conventions: object) =>
      JSON.stringify({ name: 'app', private: true, preCommitCheck: { models: ['models/**/*.ts'], stages: { static: [], unit: false }, conventions } });
    p = cacheProject({ ...files, 'package.json': pkg({}) });
    expect((await runCli(['check'], { cwd: p.dir })).exitCode).to.equal(0);
    p.write('package.json', pkg({ names: { forbid: { created_at: 'created_date' } }, severity: 'error' }));
    const r = await runCli(['check', '--verbose'], { cwd: p.dir });
    expect(r.exitCode, r.stdout + r.stderr).to.equal(1);
    expect(r.stdout).not.to.include('result served from the cache');
    expect(r.stdout).to.include('public.users.created_at');
  });

  it('a corrupted cache file is detected and rebuilt, and the result is right', async () => {
    p = cacheProject();
    expect((await runCli(['check'], { cwd: p.dir })).exitCode).to.equal(0);
    const files = [...entries(p, 'migrated'), ...entries(p, 'result')];
    expect(files).to.have.length(2);
    for (const f of files) writeFileSync(f, readFileSync(f, 'utf8').slice(0, 100)); // truncated
    const r = await runCli(['check', '--verbose'], { cwd: p.dir });
    expect(r.exitCode, r.stdout + r.stderr).to.equal(0);
    expect(r.stdout).to.include('was unusable');
    expect(r.stdout).to.include('serverStart'); // really checked again
    for (const f of [...entries(p, 'migrated'), ...entries(p, 'result')]) expect(() => JSON.parse(readFileSync(f, 'utf8'))).not.to.throw();
    // An edited payload (valid JSON, wrong checksum) is caught too, and drift is still found.
    const [m] = entries(p, 'migrated');
    const env = JSON.parse(readFileSync(m!, 'utf8'));
    env.payload = env.payload.replace('"tables":[', '"tables":[ ');
    writeFileSync(m!, JSON.stringify(env));
    p.write('models/user.ts', CLEAN_FILES['models/user.ts']!.replace('columns: {', "columns: {\n    nickname: t.string(50).notNullable(),"));
    const again = await runCli(['check', '--json'], { cwd: p.dir });
    expect(again.exitCode).to.equal(1);
    expect(JSON.parse(again.stdout).findings.map((f: { code: string }) => f.code)).to.include('missing-column');
  });

  it('two runs at once both succeed and leave whole entries', async () => {
    p = cacheProject();
    const [a, b] = await Promise.all([runCli(['check'], { cwd: p.dir }), runCli(['check'], { cwd: p.dir })]);
    expect(a.exitCode, a.stdout + a.stderr).to.equal(0);
    expect(b.exitCode, b.stdout + b.stderr).to.equal(0);
    for (const f of [...entries(p, 'migrated'), ...entries(p, 'result')]) expect(() => JSON.parse(readFileSync(f, 'utf8'))).not.to.throw();
    expect(readdirSync(cacheOf(p), { recursive: true }).map(String).filter((f) => f.endsWith('.tmp') || f.includes('pcc-pg-'))).to.deep.equal([]);
  });

  it('--no-cache reads and writes nothing: the cache directory is unchanged', async () => {
    p = cacheProject();
    expect((await runCli(['check'], { cwd: p.dir })).exitCode).to.equal(0);
    const before = listing(cacheOf(p));
    const r = await runCli(['check', '--no-cache', '--verbose'], { cwd: p.dir });
    expect(r.exitCode, r.stdout + r.stderr).to.equal(0);
    expect(r.stdout).not.to.include('from the cache');
    expect(listing(cacheOf(p))).to.deep.equal(before);
  });

  it('--ci neither reads nor writes the result cache', async () => {
    p = cacheProject();
    const r = await runCli(['check', '--ci', '--verbose'], { cwd: p.dir });
    expect(r.exitCode, r.stdout + r.stderr).to.equal(0);
    expect(entries(p, 'result')).to.deep.equal([]);
    expect(entries(p, 'migrated')).to.deep.equal([]);
  });

  it('a knexfile migrationSource that loads files from computed paths: a changed one is never served from the cache', async () => {
    p = cacheProject(SOURCE_FILES);
    expect(SOURCE_FILES['pre-commit-check.config.ts']).to.include("knexfile: 'knexfile.js'");
    const first = await runCli(['check'], { cwd: p.dir });
    expect(first.exitCode, first.stdout + first.stderr).to.equal(0);
    p.write('db/steps/create_users.js', STEP_WITH_EMAIL);
    const second = await runCli(['check', '--json'], { cwd: p.dir });
    expect(second.exitCode, second.stdout + second.stderr).to.equal(1);
    expect(JSON.parse(second.stdout).findings.map((f: { code: string }) => f.code)).to.deep.equal(['unmodeled-column']);
  });

  it('hook mode, with such a migrationSource: a staged source file runs the check, a README alone does not', async () => {
    p = cacheProject({ ...SOURCE_FILES, '.gitignore': 'node_modules\n' });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: p.dir, stdio: 'ignore' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'init', '--no-verify');
    p.write('README.md', '# hello\n');
    git('add', 'README.md');
    const skip = await runCli([], { cwd: p.dir });
    expect(skip.stdout + skip.stderr).to.include('nothing can have drifted');
    p.write('db/steps/create_users.js', STEP_WITH_EMAIL);
    git('add', 'db/steps/create_users.js');
    const run = await runCli([], { cwd: p.dir });
    expect(run.exitCode, run.stdout + run.stderr).to.equal(1);
    expect(run.stdout + run.stderr).to.include('unmodeled-column');
  });

  it('hook mode skips the check when no model, migration, knexfile or config is staged', async () => {
    p = cacheProject({ ...CLEAN_FILES, '.gitignore': 'node_modules\n' });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: p.dir, stdio: 'ignore' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'init', '--no-verify');
    p.write('README.md', '# hello\n');
    git('add', 'README.md');
    const skip = await runCli([], { cwd: p.dir });
    expect(skip.exitCode, skip.stdout + skip.stderr).to.equal(0);
    expect(skip.stdout + skip.stderr).to.include('nothing can have drifted');
    // A staged model is checked (and its drift blocks the commit).
    p.write('models/user.ts', CLEAN_FILES['models/user.ts']!.replace('columns: {', "columns: {\n    nickname: t.string(50).notNullable(),"));
    git('add', 'models/user.ts');
    const run = await runCli([], { cwd: p.dir });
    expect(run.exitCode).to.equal(1);
    expect(run.stdout + run.stderr).not.to.include('nothing can have drifted');
  });
});

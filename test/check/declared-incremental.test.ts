// A changed model at scale (issue 13): only the changed models' DDL runs, the other tables come from
// the per-model cache. End to end with the real binary: after each change, the findings equal those
// of a --no-cache run, and the run says it applied only the changed models.
import { expect } from 'chai';
import { readdirSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { CONFIG, KNEXFILE, runCli, type TempProject, ownCacheProject } from '../helpers/project.ts';

/** A temp project with a cache of its own (test/helpers/project.ts). */
const cacheProject = (files: Record<string, string>): TempProject => ownCacheProject(files);

const MIGRATION = `import type { Knex } from 'knex';
export async function up(knex: Knex) {
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('email', 255).notNullable().unique();
  });
  await knex.schema.createTable('posts', (t) => {
    t.increments('id');
    t.integer('user_id').notNullable().references('id').inTable('users');
    t.string('title', 200).notNullable();
    t.index(['title']);
  });
  await knex.schema.createTable('tags', (t) => {
    t.increments('id');
    t.string('label', 50).notNullable();
  });
}
export async function down(knex: Knex) {
  await knex.schema.dropTable('tags');
  await knex.schema.dropTable('posts');
  await knex.schema.dropTable('users');
}
`;
const USER = `import { defineModel, t } from 'pre-commit-check';
export const User = defineModel({ table: 'users', columns: { id: t.increments(), email: t.string(255).notNullable().unique() } });
`;
const POST = `import { defineModel, t } from 'pre-commit-check';
export const Post = defineModel({
  table: 'posts',
  columns: { id: t.increments(), user_id: t.integer().notNullable().references('users.id'), title: t.string(200).notNullable() },
  indexes: [{ columns: ['title'] }],
});
`;
const TAG = `import { defineModel, t } from 'pre-commit-check';
export const Tag = defineModel({ table: 'tags', columns: { id: t.increments(), label: t.string(50).notNullable() } });
`;
const FILES = { 'knexfile.ts': KNEXFILE, 'pre-commit-check.config.ts': CONFIG, 'migrations/20260101000000_init.ts': MIGRATION, 'models/user.ts': USER, 'models/post.ts': POST, 'models/tag.ts': TAG };

interface Outcome {
  exitCode: number | undefined;
  findings: unknown[];
  output: string;
}
async function check(p: TempProject, ...extra: string[]): Promise<Outcome> {
  const r = await runCli(['check', '--json', ...extra], { cwd: p.dir });
  return { exitCode: r.exitCode, findings: (JSON.parse(r.stdout) as { findings: unknown[] }).findings, output: r.stdout + r.stderr };
}
/**
 * The check with the per-model cache (its notes say what it applied), then the same again as JSON
 * (its declared side is the first run's, cached whole), then --no-cache: same exit code, same findings.
 */
async function sameAsFromZero(p: TempProject): Promise<{ notes: string; findings: unknown[] }> {
  const first = await runCli(['check'], { cwd: p.dir });
  const cached = await check(p);
  const fromZero = await check(p, '--no-cache');
  expect(first.exitCode, first.stdout + first.stderr).to.equal(fromZero.exitCode);
  expect(cached.exitCode, cached.output).to.equal(fromZero.exitCode);
  expect(cached.findings).to.deep.equal(fromZero.findings);
  return { notes: first.stdout, findings: cached.findings };
}

/** The per-model cache's files (one per model fragment), with their modification times. */
function fragmentFiles(dir: string): Map<string, number> {
  return new Map(readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => [f, statSync(path.join(dir, f)).mtimeMs]));
}

describe('declared side: a one-model change applies that model only', function () {
  this.timeout(240_000);
  let p: TempProject;
  beforeEach(async () => {
    p = cacheProject(FILES);
    const first = await check(p);
    expect(first.exitCode, first.output).to.equal(0);
  });
  afterEach(() => p?.remove());

  it('a changed column: the findings equal a --no-cache run', async () => {
    p.write('models/post.ts', POST.replace('t.string(200)', 't.string(100)'));
    const r = await sameAsFromZero(p);
    expect(r.findings).not.to.be.empty;
    expect(r.notes, r.notes).to.include('1 of 3 models changed');
  });

  it("a changed column writes only that model's fragment: the others' files are left as they are", async () => {
    const dir = path.join(p.dir, 'node_modules/.cache/pre-commit-check/fragments');
    const before = fragmentFiles(dir);
    expect(before.size).to.equal(3);
    p.write('models/tag.ts', TAG.replace('t.string(50)', 't.string(40)'));
    const r = await runCli(['check'], { cwd: p.dir });
    expect(r.stdout).to.include('1 of 3 models changed');
    const after = fragmentFiles(dir);
    const added = [...after.keys()].filter((f) => !before.has(f));
    expect(added).to.have.length(1);
    for (const [f, mtime] of before) expect(after.get(f), f).to.equal(mtime);
  });

  it('an added foreign key to another model: the findings equal a --no-cache run', async () => {
    p.write('models/tag.ts', TAG.replace("label: t.string(50).notNullable()", "label: t.string(50).notNullable(), user_id: t.integer().references('users.id')"));
    const r = await sameAsFromZero(p);
    expect(r.findings).not.to.be.empty;
    expect(r.notes, r.notes).to.include('1 of 3 models changed');
  });

  it('a removed model: the findings equal a --no-cache run', async () => {
    unlinkSync(path.join(p.dir, 'models/tag.ts'));
    const r = await sameAsFromZero(p);
    expect(r.findings).not.to.be.empty;
    expect(r.notes, r.notes).to.include('the declared schema comes from the per-model cache');
  });

  it('a renamed table (and the model that references it): the findings equal a --no-cache run', async () => {
    p.write('models/user.ts', USER.replace("table: 'users'", "table: 'accounts'"));
    p.write('models/post.ts', POST.replace("references('users.id')", "references('accounts.id')"));
    const r = await sameAsFromZero(p);
    expect(r.findings).not.to.be.empty;
    expect(r.notes, r.notes).to.include('2 of 3 models changed');
  });

  it('a changed target: the model that references it is applied again too', async () => {
    // users.email no longer unique: nothing in posts changed, but its foreign key's target did.
    p.write('models/user.ts', USER.replace("email: t.string(255).notNullable().unique()", "email: t.string(255).notNullable()"));
    const r = await sameAsFromZero(p);
    expect(r.findings).not.to.be.empty;
    expect(r.notes, r.notes).to.include('2 of 3 models changed');
  });

  it("a changed model whose index takes the name of another model's table: every model is applied, as from zero", async () => {
    p.write('models/tag.ts', TAG.replace('t.string(50)', 't.string(40)'));
    expect((await sameAsFromZero(p)).notes).to.include('1 of 3 models changed');
    // Applied alone, the index is created; with every model, it or the table users fails.
    p.write('models/tag.ts', TAG.replace('label: t.string(50).notNullable() }', "label: t.string(50).notNullable() }, indexes: [{ columns: ['label'], name: 'users' }]"));
    const r = await sameAsFromZero(p);
    expect(r.findings).not.to.be.empty;
    expect(r.notes).not.to.include('models changed');
  });
});

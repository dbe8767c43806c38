// End to end through git and husky with a drizzle-kit SQL migrations folder in place of a knexfile
// (config migrations.sql): init finds the folder and writes the key; a staged model that drifts from
// the SQL migrations blocks the commit (and generate refuses to write a Knex migration there), so
// does a staged migration whose statement fails (named with its file and line); the fixed migration
// passes, and a commit of a README alone is not checked.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { REPO } from '../helpers/project.ts';
import { makeHookRepo, warmTemplateCache, type HookRepo } from './repo.ts';

const FIXTURE = join(REPO, 'test/fixtures/sqlmig-drizzle');
const fixture = (path: string) => readFileSync(join(FIXTURE, path), 'utf8');

const CONFIG = `import { defineConfig } from 'pre-commit-check';
export default defineConfig({
  models: ['models/**/*.ts'],
  migrations: { sql: 'drizzle' },
  stages: { static: [], unit: false, integration: false },
});
`;

const journal = (tags: string[]) =>
  JSON.stringify({ version: '7', dialect: 'postgresql', entries: tags.map((tag, idx) => ({ idx, version: '7', when: 1717000000000 + idx, tag, breakpoints: true })) }, null, 2);

describe('hook e2e: SQL migrations folder (drizzle-kit)', function () {
  this.timeout(240_000);
  let repo: HookRepo;

  before(async function () {
    this.timeout(240_000);
    await warmTemplateCache();
    repo = await makeHookRepo({
      'package.json': JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }, null, 2) + '\n',
      '.gitignore': 'node_modules\n',
      'models/blog.ts': fixture('models/blog.ts'),
      'drizzle/0000_init.sql': fixture('drizzle/0000_init.sql'),
      'drizzle/0001_published_at.sql': fixture('drizzle/0001_published_at.sql'),
      'drizzle/meta/_journal.json': journal(['0000_init', '0001_published_at']),
    });
  });
  after(() => repo?.destroy());

  it('init writes migrations.sql; drift and a failing statement block the commit, the fixed migration passes, a README alone is skipped', async () => {
    const init = await repo.cli(['init']);
    expect(init.exitCode, init.all).to.equal(0);
    expect(repo.read('pre-commit-check.config.ts')).to.contain("migrations: { sql: 'drizzle', format: 'drizzle-kit' }");
    repo.write('pre-commit-check.config.ts', CONFIG);
    await repo.gitOk('add', '-A');
    await repo.gitOk('commit', '-q', '--no-verify', '-m', 'base');

    // The model gains a column that no migration adds.
    repo.write('models/blog.ts', fixture('models/blog.ts').replace("    title: t.text().notNullable(),\n", "    title: t.text().notNullable(),\n    summary: t.text(),\n"));
    await repo.gitOk('add', '-A');
    const drift = await repo.git('commit', '-m', 'summary');
    expect(drift.exitCode, drift.all).to.not.equal(0);
    expect(drift.all).to.contain('Column public.posts.summary of model Post is missing from the database');
    // generate writes Knex migrations: into a SQL folder it would write one that never runs.
    const generate = await repo.cli(['generate']);
    expect(generate.exitCode, generate.all).to.equal(2);
    expect(generate.all).to.contain('drizzle-kit SQL files in drizzle').and.contain('npx drizzle-kit generate');

    // Its migration names the wrong table in its second statement.
    repo.write('drizzle/0002_summary.sql', 'ALTER TABLE "posts" ADD COLUMN "summary" text;--> statement-breakpoint\nCOMMENT ON COLUMN "post"."summary" IS \'teaser\';\n');
    repo.write('drizzle/meta/_journal.json', journal(['0000_init', '0001_published_at', '0002_summary']));
    await repo.gitOk('add', '-A');
    const failing = await repo.git('commit', '-m', 'summary');
    expect(failing.exitCode, failing.all).to.not.equal(0);
    expect(failing.all).to.contain('Migration 0002_summary failed at drizzle/0002_summary.sql:2');
    expect(failing.all).to.contain('relation "post" does not exist');

    repo.write('drizzle/0002_summary.sql', 'ALTER TABLE "posts" ADD COLUMN "summary" text;\n');
    await repo.gitOk('add', '-A');
    const before = await repo.head();
    const fixed = await repo.git('commit', '-m', 'summary');
    expect(fixed.exitCode, fixed.all).to.equal(0);
    expect(await repo.head()).to.not.equal(before);

    // A commit that stages nothing the check reads is not checked.
    repo.write('README.md', '# app\n');
    await repo.gitOk('add', '-A');
    const docs = await repo.git('commit', '-m', 'docs');
    expect(docs.exitCode, docs.all).to.equal(0);
    expect(docs.all).to.contain('nothing can have drifted');
    expect(await repo.postgres(), 'postgres processes left').to.deep.equal([]);
  });
});

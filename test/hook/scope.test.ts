// End to end, hook mode's snapshot holds what the check reads and nothing else (issue 12, item 6):
// the models, the migrations and what they import or name (a helper outside the models folder, a
// .sql file a migration reads), never the rest of the repository; what is staged is what is checked.
import { expect } from 'chai';
import { BASE_FILES, configText, makeHookRepo, warmTemplateCache, type HookRepo } from './repo.ts';

/** Throws while loading when the snapshot it runs in holds a file the check never reads (its name is built, so no literal names it). */
const GUARD = `import { existsSync } from 'node:fs';
if (existsSync(new URL('../../docs/unrelated' + '.md', import.meta.url))) throw new Error('the snapshot holds docs/unrelated.md');
export const emailLength = 255;
`;

const MODEL = `import { defineModel, t } from 'pre-commit-check';
import { emailLength } from '../src/lib/columns.ts';
export const User = defineModel({
  table: 'users',
  columns: {
    id: t.increments(),
    email: t.string(emailLength).notNullable(),
  },
});
`;

/** A migration that reads its SQL from a file outside the migrations folder. */
const SQL_MIGRATION = `import type { Knex } from 'knex';
import { readFileSync } from 'node:fs';
export async function up(knex: Knex) {
  await knex.raw(readFileSync(new URL('../db/sql/users.sql', import.meta.url), 'utf8'));
}
export async function down(knex: Knex) {
  await knex.schema.dropTable('users');
}
`;

describe('hook e2e: the staged snapshot holds only what the check reads', function () {
  this.timeout(180_000);

  let repo: HookRepo;
  before(async function () {
    this.timeout(240_000);
    await warmTemplateCache();
    repo = await makeHookRepo({
      ...BASE_FILES,
      'pre-commit-check.config.ts': configText(),
      'models/user.ts': MODEL,
      'src/lib/columns.ts': GUARD,
      'migrations/20260101000000_users.ts': SQL_MIGRATION,
      'db/sql/users.sql': 'create table users (id serial primary key, email varchar(255) not null);\n',
      'docs/unrelated.md': '# not read by the check\n',
    });
    await repo.gitOk('add', '-A');
    await repo.gitOk('commit', '-q', '--no-verify', '-m', 'base');
  });
  after(() => repo?.destroy());

  it('a staged helper that a model imports from outside the models folder runs the check on the staged content, without the rest of the repository', async () => {
    // Staged: the helper narrows the column; unstaged: it is put back. The check must see the staged one.
    repo.write('src/lib/columns.ts', GUARD.replace('255', '100'));
    await repo.gitOk('add', 'src/lib/columns.ts');
    repo.write('src/lib/columns.ts', GUARD);
    const r = await repo.cli(['--hook', '--json']);
    expect(r.all, r.all).to.not.contain('the snapshot holds');
    expect(r.exitCode, r.all).to.equal(1);
    const findings = JSON.parse(r.stdout).findings as Array<{ code: string; column?: string }>;
    expect(findings.map((f) => f.code), r.stdout).to.deep.equal(['type-mismatch']);
    await repo.gitOk('checkout', '--', '.');
    await repo.gitOk('reset', '-q', '--hard');
  });

  it('a staged .sql file that a migration reads runs the check and is in the snapshot', async () => {
    repo.write('db/sql/users.sql', 'create table users (id serial primary key, email varchar(100) not null);\n');
    await repo.gitOk('add', 'db/sql/users.sql');
    const r = await repo.cli(['--hook', '--json']);
    expect(r.all, r.all).to.not.contain('the snapshot holds');
    expect(r.exitCode, r.all).to.equal(1);
    const findings = JSON.parse(r.stdout).findings as Array<{ code: string }>;
    expect(findings.map((f) => f.code), r.stdout).to.deep.equal(['type-mismatch']);
    await repo.gitOk('reset', '-q', '--hard');
  });

  it('a package that imports itself by name (its build output git-ignored) checks its staged package.json', async () => {
    // This repository's own case: the config imports the package by its name, whose exports point
    // at dist/, which git does not track; staging package.json made every commit fail to load it.
    const own = await makeHookRepo({
      ...BASE_FILES,
      'package.json': JSON.stringify({ name: 'selfref', version: '1.0.0', type: 'module', exports: { '.': './dist/index.js' } }, null, 2) + '\n',
      '.gitignore': 'node_modules\n*.xml\ndist\n',
      'dist/index.js': 'export const emailLength = 255;\n',
      'pre-commit-check.config.ts': configText(),
      'models/user.ts': MODEL.replace("'../src/lib/columns.ts'", "'selfref'"),
    });
    try {
      await own.gitOk('add', '-A');
      await own.gitOk('commit', '-q', '--no-verify', '-m', 'base');
      own.write('package.json', JSON.stringify({ name: 'selfref', version: '1.0.1', type: 'module', exports: { '.': './dist/index.js' } }, null, 2) + '\n');
      own.write('models/user.ts', MODEL.replace("'../src/lib/columns.ts'", "'selfref'").replace('emailLength).notNullable()', 'emailLength)'));
      await own.gitOk('add', 'package.json', 'models/user.ts');
      const r = await own.cli(['--hook', '--json']);
      expect(r.all, r.all).to.not.match(/Cannot find module|could not be loaded/);
      expect(r.exitCode, r.all).to.equal(1);
      const findings = JSON.parse(r.stdout).findings as Array<{ code: string }>;
      expect(findings.map((f) => f.code), r.stdout).to.deep.equal(['nullability-mismatch']);
    } finally {
      own.destroy();
    }
  });
});

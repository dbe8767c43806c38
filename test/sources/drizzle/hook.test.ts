// End to end through git and husky (issue 14): a project whose models are Drizzle tables
// (from.drizzle) is guarded by the pre-commit hook like one with defineModel models.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { REPO } from '../../helpers/project.ts';
import { BASE_FILES, USERS_MIGRATION, makeHookRepo, warmTemplateCache, type HookRepo } from '../../hook/repo.ts';

const CONFIG = `import { defineConfig } from 'pre-commit-check';
export default defineConfig({
  from: { drizzle: ['src/db/schema.ts'] },
  stages: { static: [], unit: false, integration: false },
});
`;

const SCHEMA = `import { pgTable, serial, varchar } from 'drizzle-orm/pg-core';

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  email: varchar('email', { length: 255 }).notNull(),
});
`;

describe('hook e2e: a Drizzle schema (from.drizzle)', function () {
  this.timeout(180_000);

  let repo: HookRepo;
  before(async function () {
    this.timeout(240_000);
    await warmTemplateCache();
    const { 'models/user.ts': _ours, ...base } = BASE_FILES;
    repo = await makeHookRepo({ ...base, 'pre-commit-check.config.ts': CONFIG, 'src/db/schema.ts': SCHEMA, 'migrations/20260101000000_users.ts': USERS_MIGRATION });
    symlinkSync(join(REPO, 'node_modules/drizzle-orm'), join(repo.dir, 'node_modules/drizzle-orm'));
    const init = await repo.cli(['init']);
    if (init.exitCode !== 0) throw new Error(`init failed:\n${init.all}`);
    await repo.gitOk('add', '-A');
    await repo.gitOk('commit', '-q', '--no-verify', '-m', 'base');
  });
  after(() => repo?.destroy());

  it('blocks a commit whose schema drifted from the migrations, naming the schema file, and lets the fixed one through', async () => {
    repo.write('src/db/schema.ts', SCHEMA.replace("email: varchar('email', { length: 255 }).notNull(),", "email: varchar('email', { length: 255 }).notNull(),\n  nickname: varchar('nickname', { length: 40 }).notNull(),"));
    await repo.gitOk('add', '-A');
    const before = await repo.head();
    const blocked = await repo.git('commit', '-m', 'nickname in the schema only');
    expect(blocked.exitCode, blocked.all).to.equal(1);
    expect(await repo.head()).to.equal(before);
    expect(blocked.all).to.contain('Column public.users.nickname of model users is missing from the database');
    expect(blocked.all).to.contain('users  public.users  (src/db/schema.ts)');

    repo.write(
      'migrations/20260102000000_nickname.ts',
      `import type { Knex } from 'knex';
export async function up(knex: Knex) {
  await knex.schema.alterTable('users', (t) => { t.string('nickname', 40).notNullable(); });
}
export async function down(knex: Knex) {
  await knex.schema.alterTable('users', (t) => { t.dropColumn('nickname'); });
}
`,
    );
    await repo.gitOk('add', '-A');
    const passed = await repo.git('commit', '-m', 'nickname with its migration');
    expect(passed.exitCode, passed.all).to.equal(0);
    expect(await repo.head()).to.not.equal(before);
    expect(await repo.postgres(), 'postgres processes left').to.deep.equal([]);
  });
});

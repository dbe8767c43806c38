// The shape-only sources end to end through git and husky (issue 14): with from.knexTypes or
// from.objection configured, a staged drift blocks the commit with its finding, and the commit that
// fixes it (a migration) goes through. The projects are the clean golden fixtures.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'chai';
import { REPO, linkDependencies } from '../../helpers/project.ts';
import { makeHookRepo, warmTemplateCache, type HookRepo } from '../../hook/repo.ts';

/** Every file of a fixture (expected.json aside), with a JSON config that also turns the other stages off. */
function fixtureFiles(name: string, from: object): Record<string, string> {
  const dir = join(REPO, 'test/fixtures', name);
  const files: Record<string, string> = { '.gitignore': 'node_modules\n' };
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name !== 'expected.json') files[relative(dir, join(d, e.name))] = readFileSync(join(d, e.name), 'utf8');
    }
  };
  walk(dir);
  files['pre-commit-check.config.json'] = JSON.stringify({ from, stages: { static: [], unit: false, integration: false } });
  return files;
}

async function baseRepo(name: string, from: object): Promise<HookRepo> {
  const repo = await makeHookRepo(fixtureFiles(name, from));
  linkDependencies(repo.dir); // the fixture's package.json names knex, typescript, objection: installed, as npm would
  const init = await repo.cli(['init']);
  if (init.exitCode !== 0) throw new Error(`init failed:\n${init.all}`);
  await repo.gitOk('add', '-A');
  await repo.gitOk('commit', '-q', '--no-verify', '-m', 'base');
  return repo;
}

/** A migration that adds one text column to a table. */
const addColumn = (table: string, column: string) => `import type { Knex } from 'knex';
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('${table}', (t) => { t.text('${column}'); });
}
export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('${table}', (t) => { t.dropColumn('${column}'); });
}
`;

describe('hook e2e: shape-only sources (from.knexTypes, from.objection)', function () {
  this.timeout(240_000);
  before(async function () {
    this.timeout(240_000);
    await warmTemplateCache();
  });

  let repo: HookRepo | undefined;
  afterEach(() => repo?.destroy());

  it('from.knexTypes: a row property with no column blocks the commit; its migration lets it through', async () => {
    repo = await baseRepo('knex-types-clean', { knexTypes: ['src/db/tables.d.ts'] });
    const rows = readFileSync(join(repo.dir, 'src/db/rows.ts'), 'utf8');
    repo.write('src/db/rows.ts', rows.replace('  email: string;\n', '  email: string;\n  nickname: string | null;\n'));
    await repo.gitOk('add', '-A');
    const before = await repo.head();
    const blocked = await repo.git('commit', '-m', 'nickname');
    expect(blocked.exitCode, blocked.all).to.equal(1);
    expect(await repo.head()).to.equal(before);
    expect(blocked.all).to.contain('Column public.users.nickname of Knex table type User is missing from the database');
    expect(blocked.all).to.contain("table.text('nickname')");

    repo.write('migrations/002_nickname.ts', addColumn('users', 'nickname'));
    await repo.gitOk('add', '-A');
    const passed = await repo.git('commit', '-m', 'nickname, with its migration');
    expect(passed.exitCode, passed.all).to.equal(0);
    expect(await repo.head()).to.not.equal(before);
    expect(await repo.postgres(), 'postgres processes left').to.deep.equal([]);
  });

  it('from.objection: a relation joining on a missing column blocks the commit; its migration lets it through', async () => {
    repo = await baseRepo('objection-clean', { objection: ['models/**/*.ts'] });
    const pet = readFileSync(join(repo.dir, 'models/pet.ts'), 'utf8');
    repo.write('models/pet.ts', pet.replace("from: 'pets.owner_id'", "from: 'pets.keeper_id'"));
    await repo.gitOk('add', '-A');
    const before = await repo.head();
    const blocked = await repo.git('commit', '-m', 'keeper');
    expect(blocked.exitCode, blocked.all).to.equal(1);
    expect(await repo.head()).to.equal(before);
    expect(blocked.all).to.contain('Column public.pets.keeper_id of Objection model Pet is missing from the database');

    repo.write('migrations/002_keeper.ts', addColumn('pets', 'keeper_id'));
    await repo.gitOk('add', '-A');
    const passed = await repo.git('commit', '-m', 'keeper, with its migration');
    expect(passed.exitCode, passed.all).to.equal(0);
    expect(await repo.postgres(), 'postgres processes left').to.deep.equal([]);
  });
});

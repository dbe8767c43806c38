// End to end through git and husky with the TypeORM source (from.typeorm, issue 14): an entity that
// gains a column with no migration blocks the commit, naming the entity file; with the
// migration staged too, the commit goes through.
import { expect } from 'chai';
import { copyRepo, makeHookRepo, warmTemplateCache, type HookRepo } from './repo.ts';
import { linkDependencies } from '../helpers/project.ts';
import { typeormProject, userEntity } from '../sources/typeorm/project.ts';

const BIO = `
  @Column({ type: 'text', nullable: true })
  bio!: string | null;
`;

const BIO_MIGRATION = `import type { Knex } from 'knex';
export async function up(knex: Knex) {
  await knex.schema.alterTable('users', (t) => t.text('bio'));
}
export async function down(knex: Knex) {
  await knex.schema.alterTable('users', (t) => t.dropColumn('bio'));
}
`;

describe('hook e2e: TypeORM entities (from.typeorm)', function () {
  this.timeout(240_000);

  let template: HookRepo;
  before(async function () {
    this.timeout(300_000);
    await warmTemplateCache();
    template = await makeHookRepo(typeormProject());
    linkDependencies(template.dir);
    const init = await template.cli(['init']);
    if (init.exitCode !== 0) throw new Error(`init failed:\n${init.all}`);
    await template.gitOk('add', '-A');
    await template.gitOk('commit', '-q', '--no-verify', '-m', 'base');
  });
  after(() => template?.destroy());

  let repo: HookRepo;
  beforeEach(() => {
    repo = copyRepo(template);
  });
  afterEach(() => repo?.destroy());

  it('blocks a commit whose entity gains a column with no migration, then lets it through with the migration', async () => {
    repo.write('src/entity/User.ts', userEntity(BIO));
    await repo.gitOk('add', '-A');
    const before = await repo.head();
    const blocked = await repo.git('commit', '-m', 'bio');
    expect(blocked.exitCode, blocked.all).to.equal(1);
    expect(await repo.head()).to.equal(before);
    expect(blocked.all).to.contain('Column public.users.bio of model User is missing from the database');
    expect(blocked.all).to.contain('(src/entity/User.ts)');

    repo.write('migrations/20260102000000_bio.ts', BIO_MIGRATION);
    await repo.gitOk('add', '-A');
    const passed = await repo.git('commit', '-m', 'bio with its migration');
    expect(passed.exitCode, passed.all).to.equal(0);
    expect(await repo.head()).to.not.equal(before);
    expect(await repo.postgres(), 'postgres processes left').to.deep.equal([]);
  });
});

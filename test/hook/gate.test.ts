// End to end through git and husky: the pre-commit hook holds against a staged file that ends the
// process, and shows which migration it is running (issue 10, item 5).
import { expect } from 'chai';
import { execa } from 'execa';
import { BIN } from '../helpers/project.ts';
import { BASE_FILES, POST_MODEL, POSTS_MIGRATION, configText, copyRepo, makeHookRepo, warmTemplateCache, type HookRepo } from './repo.ts';

describe('hook e2e: the gate against user code', function () {
  this.timeout(180_000);

  let template: HookRepo;
  before(async function () {
    this.timeout(240_000);
    await warmTemplateCache();
    template = await makeHookRepo({ ...BASE_FILES, 'pre-commit-check.config.ts': configText() });
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

  it('refuses a commit with a staged model file that calls process.exit(0) beside a model with no table', async () => {
    repo.write('models/aaa.ts', 'process.exit(0);\n');
    repo.write('models/post.ts', POST_MODEL);
    await repo.gitOk('add', '-A');
    const before = await repo.head();
    const r = await repo.git('commit', '-m', 'exit');
    expect(r.exitCode, r.all).to.not.equal(0);
    expect(await repo.head()).to.equal(before);
    expect(r.all).to.contain('Model file models/aaa.ts called process.exit(0) while loading');
    expect(r.all).to.contain('Table public.posts of model Post is missing from the database');
    expect(await repo.postgres(), 'postgres processes left').to.deep.equal([]);
  });

  it('in a terminal, the check task names the migration it is running', async () => {
    const slow = POSTS_MIGRATION.replace('export async function up(knex: Knex) {', "export async function up(knex: Knex) {\n  await knex.raw('select pg_sleep(3)');");
    repo.write('migrations/20260102000000_posts.ts', slow);
    repo.write('models/post.ts', POST_MODEL);
    await repo.gitOk('add', '-A');
    // `script` gives the run a pseudo-terminal, so the interactive task list is drawn.
    const r = await execa('script', ['-qec', `stty cols 200 rows 50; ${BIN}`, '/dev/null'], {
      cwd: repo.dir,
      env: { ...repo.env, TERM: 'xterm' },
      extendEnv: false,
      reject: false,
      all: true,
      stdin: 'ignore',
      timeout: 120_000,
    });
    expect(r.exitCode, String(r.all)).to.equal(0);
    expect(String(r.all), String(r.all)).to.contain('Consistency check of the staged models and migrations: migration 2/2 20260102000000_posts.ts');
  });
});

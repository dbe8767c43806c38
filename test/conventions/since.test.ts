// conventions.since in a real temporary git repository with a base branch: which migration files are
// not on the base (src/conventions/since.ts), and end to end through the real binary, in `check` and in
// hook mode (the staged snapshot), only the objects those migrations mention are judged.
import { expect } from 'chai';
import { join } from 'node:path';
import { sinceScope } from '../../src/conventions/since.ts';
import { isPccError } from '../../src/errors.ts';
import { projectOfSnapshot } from '../../src/runner/snapshot.ts';
import { BASE_FILES, makeHookRepo, warmTemplateCache, type HookRepo } from '../hook/repo.ts';

const migration = (table: string, column: string) => `import type { Knex } from 'knex';
export async function up(knex: Knex) {
  await knex.schema.createTable('${table}', (t) => {
    t.increments('id');
    t.string('${column}', 100);
  });
}
export async function down(knex: Knex) {
  await knex.schema.dropTable('${table}');
}
`;
const model = (name: string, table: string, column: string) => `import { defineModel, t } from 'pre-commit-check';
export const ${name} = defineModel({ table: '${table}', columns: { id: t.increments(), ${column}: t.string(100) } });
`;
const config = (conventions: string) => `import { defineConfig } from 'pre-commit-check';
export default defineConfig({
  models: ['models/**/*.ts'],
  stages: { static: [], unit: false, integration: false },
  conventions: ${conventions},
});
`;
const RULES = (extra = '') => `{ names: { forbid: { phone: 'phone_number', name: 'first_name + last_name' } }, since: 'main'${extra} }`;

describe('conventions.since (temporary git repository)', function () {
  this.timeout(240_000);
  let repo: HookRepo;

  before(async function () {
    await warmTemplateCache();
    // main: a legacy table that breaks the rules (contacts.phone); feature: a new one that does too (people.name).
    repo = await makeHookRepo({
      ...BASE_FILES,
      'pre-commit-check.config.ts': config(RULES()),
      'migrations/20260102000000_contacts.ts': migration('contacts', 'phone'),
      'models/contact.ts': model('Contact', 'contacts', 'phone'),
      'README.md': 'base\n',
    });
    await repo.gitOk('add', '-A');
    await repo.gitOk('commit', '-q', '-m', 'base');
    await repo.gitOk('checkout', '-q', '-b', 'feature');
    repo.write('migrations/20260103000000_people.ts', migration('people', 'name'));
    repo.write('models/person.ts', model('Person', 'people', 'name'));
    await repo.gitOk('add', '-A');
    await repo.gitOk('commit', '-q', '-m', 'people');
  });

  after(() => repo?.destroy());

  it('lists the migration files not on the base: committed, staged and untracked, nothing else', async () => {
    repo.write('migrations/20260104000000_staged.ts', migration('staged_things', 'title'));
    await repo.gitOk('add', 'migrations/20260104000000_staged.ts');
    repo.write('migrations/20260105000000_untracked.ts', migration('untracked_things', 'title'));
    repo.write('README.md', 'changed\n');
    try {
      const scope = await sinceScope(repo.dir, 'main', [join(repo.dir, 'migrations')]);
      expect(scope.files).to.deep.equal(['migrations/20260103000000_people.ts', 'migrations/20260104000000_staged.ts', 'migrations/20260105000000_untracked.ts']);
      expect(scope.mergeBase).to.equal(await repo.gitOk('rev-parse', 'main'));
    } finally {
      await repo.gitOk('rm', '-q', '--cached', 'migrations/20260104000000_staged.ts');
      repo.remove('migrations/20260104000000_staged.ts');
      repo.remove('migrations/20260105000000_untracked.ts');
      await repo.gitOk('checkout', '-q', '--', 'README.md');
    }
  });

  it('an unknown ref or no repository is a configuration error naming the ref and the next step', async () => {
    const fail = async (root: string, since: string) => {
      try {
        await sinceScope(root, since, undefined);
      } catch (error) {
        if (isPccError(error)) return error;
        throw error;
      }
      throw new Error('sinceScope did not throw');
    };
    const e = await fail(repo.dir, 'origin/nope');
    expect(e.code).to.equal('CONFIG_INVALID');
    expect(e.message).to.include("'origin/nope'").and.include('no such commit');
    expect(e.hint).to.include('git fetch');
    expect((await fail(repo.tmp, 'main')).code).to.equal('NOT_A_GIT_REPOSITORY');
  });

  it('a project in a subfolder of the repository: paths relative to the project, git run from the top level', async () => {
    repo.write('app/migrations/001_a.ts', migration('a', 'x'));
    await repo.gitOk('add', '-A');
    await repo.gitOk('commit', '-q', '-m', 'app');
    try {
      const scope = await sinceScope(join(repo.dir, 'app'), 'main', [join(repo.dir, 'app/migrations')]);
      expect(scope.files).to.deep.equal(['migrations/001_a.ts']);
    } finally {
      await repo.gitOk('reset', '-q', '--hard', 'HEAD~1');
    }
  });

  it('finds the real project behind a staged snapshot', () => {
    expect(projectOfSnapshot('/p/app/node_modules/.cache/pre-commit-check/staged-12-ab/sub')).to.equal('/p/app');
    expect(projectOfSnapshot('/p/app/node_modules/.cache/pre-commit-check/staged-12-ab')).to.equal('/p/app');
    expect(projectOfSnapshot('/p/app')).to.equal('/p/app');
  });

  it('check judges only what the branch adds: people.name, not the legacy contacts.phone', async () => {
    const r = await repo.cli(['check', '--json']);
    expect(r.exitCode, r.all).to.equal(0);
    const report = JSON.parse(r.stdout) as { findings: Array<{ code: string; table: string; columns: string[]; migration?: string; model: string }> };
    const found = report.findings.filter((f) => f.code === 'convention-violation');
    expect(found.map((f) => `${f.table}.${f.columns.join()}`)).to.deep.equal(['people.name']);
    expect(found[0]).to.include({ migration: 'migrations/20260103000000_people.ts', model: 'Person' });
    // without since, the legacy table is judged too
    repo.write('pre-commit-check.config.ts', config(`{ names: { forbid: { phone: 'phone_number', name: 'first_name + last_name' } } }`));
    try {
      const all = await repo.cli(['check', '--json']);
      const tables = (JSON.parse(all.stdout) as { findings: Array<{ table: string }> }).findings.map((f) => f.table);
      expect(tables).to.have.members(['contacts', 'people']);
    } finally {
      await repo.gitOk('checkout', '-q', '--', 'pre-commit-check.config.ts');
    }
  });

  it('an unknown base stops the check with exit 2, the ref named', async () => {
    repo.write('pre-commit-check.config.ts', config(`{ primaryKey: true, since: 'origin/nope' }`));
    try {
      const r = await repo.cli(['check']);
      expect(r.exitCode, r.all).to.equal(2);
      expect(r.all).to.include("conventions.since: 'origin/nope'");
    } finally {
      await repo.gitOk('checkout', '-q', '--', 'pre-commit-check.config.ts');
    }
  });

  it('in hook mode (the staged snapshot), a violation at error in a staged migration blocks the commit; the legacy one does not', async () => {
    repo.write('pre-commit-check.config.ts', config(RULES(", severity: 'error'")));
    repo.write('migrations/20260106000000_phones.ts', migration('phones', 'phone'));
    repo.write('models/phone.ts', model('Phone', 'phones', 'phone'));
    await repo.gitOk('add', '-A');
    try {
      const r = await repo.cli(['--hook']);
      expect(r.exitCode, r.all).to.equal(1);
      expect(r.all).to.include('public.phones.phone').and.include('public.people.name');
      expect(r.all).to.not.include('public.contacts.phone');
    } finally {
      await repo.gitOk('reset', '-q', '--hard');
    }
  });
});

// End to end, which pipeline a commit runs and what it runs by default: `--hook` (what init writes)
// and hooks written before it stay in hook mode under CI; a project without a config runs its own
// test script or skips the unit stage saying why; hook mode outside git says so (exit 2).
import { expect } from 'chai';
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CLEAN_FILES, makeProject, runCli } from '../helpers/project.ts';
import { BASE_FILES, configText, copyRepo, makeHookRepo, warmTemplateCache, type HookRepo } from './repo.ts';

/** A static stage that fails: it runs only in --full / --ci, so a commit that passes never ran it. */
const FAILING_STATIC = 'node -e "process.exit(7)"';

describe('hook e2e: modes under CI, defaults without a config', function () {
  this.timeout(120_000);

  describe('a commit with CI set (a bot\'s commit)', () => {
    let template: HookRepo;
    before(async function () {
      this.timeout(180_000);
      await warmTemplateCache();
      template = await makeHookRepo({ ...BASE_FILES, 'pre-commit-check.config.ts': configText({ static: [FAILING_STATIC] }) });
      const init = await template.cli(['init']);
      if (init.exitCode !== 0) throw new Error(`init failed:\n${init.all}`);
      await template.gitOk('add', '-A');
      await template.gitOk('commit', '-q', '--no-verify', '-m', 'base');
    });
    after(() => template?.destroy());

    let repo: HookRepo;
    beforeEach(() => (repo = copyRepo(template)));
    afterEach(() => repo?.destroy());

    /** `git commit` of a README change with CI=true, as a CI bot does it. */
    const commitUnderCi = async () => {
      repo.write('README.md', '# app\n');
      await repo.gitOk('add', 'README.md');
      const base = await repo.head();
      const r = await execa('git', ['commit', '-m', 'docs'], { cwd: repo.dir, env: { ...repo.env, CI: 'true' }, extendEnv: false, reject: false, all: true, stdin: 'ignore' });
      return { exitCode: r.exitCode, all: String(r.all), moved: (await repo.head()) !== base };
    };

    it('the hook init writes runs `pre-commit-check --hook`: hook mode, not the --ci pipeline', async () => {
      expect(repo.read('.husky/pre-commit')).to.match(/node_modules\/\.bin\/pre-commit-check --hook;/);
      const r = await commitUnderCi();
      expect(r.exitCode, r.all).to.equal(0);
      expect(r.moved).to.equal(true);
      expect(r.all).to.contain('Consistency check of the staged models and migrations');
      expect(r.all).to.not.contain(FAILING_STATIC);
    });

    it('a hook written before --hook (plain `pre-commit-check`) stays in hook mode when git runs it; run by hand, CI still means --ci', async () => {
      repo.write('.husky/pre-commit', 'node_modules/.bin/pre-commit-check\n');
      await repo.gitOk('commit', '-q', '--no-verify', '-am', 'old hook');
      const r = await commitUnderCi();
      expect(r.exitCode, r.all).to.equal(0);
      expect(r.moved).to.equal(true);
      expect(r.all).to.not.contain(FAILING_STATIC);
      const byHand = await repo.cli([], { CI: 'true' });
      expect(byHand.exitCode, byHand.all).to.equal(1);
      expect(byHand.all).to.contain(`Static analysis: ${FAILING_STATIC}`);
      expect(byHand.all).to.contain('exit code 7');
    });
  });

  describe('a project without a config file', () => {
    // BASE_FILES has no pre-commit-check.config.* and no "preCommitCheck" in its package.json.
    const noConfig = BASE_FILES;
    let repo: HookRepo | undefined;
    afterEach(() => repo?.destroy());

    const stageReadme = async (r: HookRepo) => {
      await r.gitOk('add', '-A');
      await r.gitOk('commit', '-q', '--no-verify', '-m', 'base');
      r.write('README.md', '# app\n');
      await r.gitOk('add', 'README.md');
    };

    it('runs the project\'s `test` script as its unit tests', async () => {
      const pkg = { ...JSON.parse(BASE_FILES['package.json']!), scripts: { test: 'node -e "require(\'fs\').writeFileSync(\'unit-ran\', \'\')"' } };
      repo = await makeHookRepo({ ...noConfig, 'package.json': JSON.stringify(pkg, null, 2) + '\n', '.gitignore': 'node_modules\nunit-ran\n' });
      await stageReadme(repo);
      const r = await repo.cli([]);
      expect(r.exitCode, r.all).to.equal(0);
      expect(r.all).to.contain('Unit tests: npm test --silent');
      expect(r.all).to.not.contain('mocha');
      expect(existsSync(join(repo.dir, 'unit-ran')), 'the test script ran').to.equal(true);
    });

    it('without a test script, skips the unit stage and says why', async () => {
      repo = await makeHookRepo(noConfig);
      await stageReadme(repo);
      const r = await repo.cli([]);
      expect(r.exitCode, r.all).to.equal(0);
      expect(r.all).to.contain('no unit-test command (package.json has no `test` script; set stages.unit in the config to run one)');
      expect(r.all).to.not.contain('mocha');
    });
  });

  it('hook mode outside a git repository says so, exit 2 (not "a bug", not 1)', async () => {
    const p = makeProject(CLEAN_FILES);
    try {
      const r = await runCli([], { cwd: p.dir });
      expect(r.exitCode, r.stderr).to.equal(2);
      expect(r.stderr).to.contain(`Hook mode needs a git repository, and ${p.dir} is not inside one.`);
      expect(r.stderr).to.contain('pre-commit-check --full');
      expect(r.stderr).to.not.match(/bug|Unexpected error/);
    } finally {
      p.remove();
    }
  });
});

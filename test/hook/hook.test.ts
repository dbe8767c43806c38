// End to end, in temporary git repositories: `init`, then real `git commit`s through husky, npx and
// the real binary on the real embedded PostgreSQL; --full, --ci, JUnit, annotations, Ctrl-C.
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { BIN, leftovers, REPO } from '../helpers/project.ts';
import { assertWellFormedXml } from '../runner/helpers.ts';
import {
  BASE_FILES,
  POST_MODEL,
  POSTS_MIGRATION,
  SLOW_MIGRATION,
  USER_MODEL,
  configText,
  copyRepo,
  exitWithin,
  makeHookRepo,
  sleep,
  treeBytes,
  waitForPostgres,
  warmTemplateCache,
  type HookRepo,
} from './repo.ts';

// What init writes into .husky/pre-commit (the project's own binary; npx where it is hoisted elsewhere).
const HOOK =
  '# Written by `pre-commit-check init`. The binary itself when installed: npx adds ~0.6 s per commit.\n' +
  'if [ -x node_modules/.bin/pre-commit-check ]; then node_modules/.bin/pre-commit-check --hook; else npx pre-commit-check --hook; fi\n';

const NICKNAME_MODEL = USER_MODEL.replace('email: t.string(255).notNullable(),', 'email: t.string(255).notNullable(),\n    nickname: t.string(50),');
const nicknameMigration = (column: string) => `import type { Knex } from 'knex';
export async function up(knex: Knex) {
  await knex.schema.alterTable('users', (t) => { t.string('${column}', 50); });
}
export async function down(knex: Knex) {
  await knex.schema.alterTable('users', (t) => { t.dropColumn('${column}'); });
}
`;
const NICKNAME_MIGRATION_PATH = 'migrations/20260102000000_nickname.ts';

/** After every run: nothing of it is left running or lying around. */
async function expectNothingLeft(repo: HookRepo): Promise<void> {
  expect(await repo.postgres(), 'postgres processes left').to.deep.equal([]);
  expect(repo.snapshotDirs(), 'snapshot directories left').to.deep.equal([]);
  expect(repo.cacheLeftovers(), 'files left in node_modules/.cache/pre-commit-check').to.deep.equal([]);
  expect(leftovers(repo.tmp), 'files left in TMPDIR').to.deep.equal([]);
}

describe('hook e2e: init, git commit through husky, --full, --ci, Ctrl-C', function () {
  this.timeout(120_000);

  /** Set up once: BASE_FILES, a lint-staged task, `init` by the real binary, one commit. Tests work on copies. */
  let template: HookRepo;
  before(async function () {
    this.timeout(180_000);
    await warmTemplateCache();
    const pkg = JSON.parse(BASE_FILES['package.json']!);
    // A lint-staged task that passes, so that hook mode goes through lint-staged's stash and restore.
    pkg['lint-staged'] = { '*.ts': 'node scripts/lint-ok.mjs' };
    template = await makeHookRepo({
      ...BASE_FILES,
      'package.json': JSON.stringify(pkg, null, 2) + '\n',
      'scripts/lint-ok.mjs': 'process.exit(0);\n',
      'pre-commit-check.config.ts': configText(),
    });
    const init = await template.cli(['init']);
    if (init.exitCode !== 0) throw new Error(`init failed:\n${init.all}`);
    await template.gitOk('add', '-A');
    await template.gitOk('commit', '-q', '--no-verify', '-m', 'base');
  });
  after(() => template?.destroy());

  describe('init, then git commit', () => {
    let repo: HookRepo;
    before(async () => {
      repo = await makeHookRepo({ ...BASE_FILES, 'models/post.ts': POST_MODEL });
    });
    after(() => repo?.destroy());

    it('init installs the husky hook that runs the project\'s pre-commit-check', async () => {
      const r = await repo.cli(['init']);
      expect(r.exitCode, r.all).to.equal(0);
      expect(repo.read('.husky/pre-commit')).to.equal(HOOK);
      expect(await repo.gitOk('config', '--get', 'core.hooksPath')).to.equal('.husky/_');
      expect(existsSync(join(repo.dir, '.husky/_/pre-commit'))).to.equal(true);
      expect(JSON.parse(repo.read('package.json')).scripts).to.deep.equal({ prepare: 'husky' });
      const config = repo.read('pre-commit-check.config.ts');
      expect(config).to.contain("models: ['models/**/*.{ts,js}']");
      expect(config).to.contain("knexfile: 'knexfile.ts'");
      expect(config).to.contain('static: []');
      expect(config).to.contain('unit: false');
    });

    it('refuses a commit whose staged model lacks its table: non-zero exit, no commit, the finding shown', async () => {
      await repo.gitOk('add', '-A');
      const r = await repo.git('commit', '-m', 'first');
      expect(r.exitCode, r.all).to.not.equal(0);
      expect(await repo.head()).to.equal(null);
      expect(r.all).to.contain('missing-table');
      expect(r.all).to.contain('Table public.posts of model Post is missing from the database');
      expect(r.all).to.contain('(models/post.ts)');
      expect(r.all).to.contain('Commit blocked');
      // the index is as it was: everything still staged
      expect((await repo.gitOk('diff', '--cached', '--name-only')).split('\n')).to.include('models/post.ts');
      await expectNothingLeft(repo);
    });

    it('lets the fixed commit (the migration added) through', async () => {
      repo.write('migrations/20260102000000_posts.ts', POSTS_MIGRATION);
      await repo.gitOk('add', '-A');
      const r = await repo.git('commit', '-m', 'first');
      expect(r.exitCode, r.all).to.equal(0);
      expect(await repo.head()).to.be.a('string');
      expect(await repo.gitOk('show', '--name-only', '--format=', 'HEAD')).to.contain('migrations/20260102000000_posts.ts');
      expect(await repo.gitOk('status', '--porcelain')).to.equal('');
      expect(r.all).to.match(/✔ Consistency check of the staged models and migrations \(\d/);
      await expectNothingLeft(repo);
    });
  });

  describe('hook mode checks the staged content and keeps unstaged changes', () => {
    let repo: HookRepo;
    let base: string | null;
    beforeEach(async () => {
      repo = copyRepo(template);
      base = await repo.head();
    });
    afterEach(() => repo?.destroy());

    it('refuses staged drift even when an unstaged edit would fix it; unstaged model and migration edits survive byte for byte', async () => {
      // staged: a model column, and a migration that adds it under the wrong name
      repo.write('models/user.ts', NICKNAME_MODEL);
      repo.write(NICKNAME_MIGRATION_PATH, nicknameMigration('nick_name'));
      await repo.gitOk('add', 'models/user.ts', NICKNAME_MIGRATION_PATH);
      // unstaged: the fix of the migration, and an edit of the model (no final newline, CRLF)
      const unstagedMigration = nicknameMigration('nickname') + '// fixed, not staged yet';
      const unstagedModel = NICKNAME_MODEL + '// work in progress\r\n\t \n// no final newline';
      repo.write(NICKNAME_MIGRATION_PATH, unstagedMigration);
      repo.write('models/user.ts', unstagedModel);

      const r = await repo.git('commit', '-m', 'nickname');
      expect(r.exitCode, r.all).to.not.equal(0);
      expect(await repo.head()).to.equal(base);
      expect(r.all).to.contain('missing-column');
      expect(r.all).to.contain('nickname');
      // the working tree and the index are exactly as they were
      expect(repo.read(NICKNAME_MIGRATION_PATH)).to.equal(unstagedMigration);
      expect(repo.read('models/user.ts')).to.equal(unstagedModel);
      expect(await repo.gitOk('show', `:${NICKNAME_MIGRATION_PATH}`)).to.equal(nicknameMigration('nick_name').trim());
      expect(await repo.gitOk('show', ':models/user.ts')).to.equal(NICKNAME_MODEL.trim());
      expect(await repo.gitOk('stash', 'list')).to.equal('');
      await expectNothingLeft(repo);
    });

    it('accepts a good staged change despite a broken unstaged edit and an untracked drifting model; the edit stays', async () => {
      repo.write('models/user.ts', NICKNAME_MODEL);
      repo.write(NICKNAME_MIGRATION_PATH, nicknameMigration('nickname'));
      await repo.gitOk('add', 'models/user.ts', NICKNAME_MIGRATION_PATH);
      const broken = NICKNAME_MODEL.replace('nickname: t.string(50),', 'nickname: t.string(50),\n    karma: t.integer().notNullable(),');
      repo.write('models/user.ts', broken);
      repo.write('models/draft.ts', POST_MODEL); // untracked, its table missing: not part of the commit

      const r = await repo.git('commit', '-m', 'nickname');
      expect(r.exitCode, r.all).to.equal(0);
      expect(await repo.head()).to.not.equal(base);
      expect(await repo.gitOk('show', 'HEAD:models/user.ts')).to.equal(NICKNAME_MODEL.trim());
      expect(repo.read('models/user.ts')).to.equal(broken);
      expect(repo.read('models/draft.ts')).to.equal(POST_MODEL);
      expect((await repo.git('status', '--porcelain')).stdout.split('\n').filter(Boolean).sort()).to.deep.equal([' M models/user.ts', '?? models/draft.ts']);
      await expectNothingLeft(repo);
    });

    it('a failing lint-staged task blocks the commit, shows its output, and lint-staged restores the unstaged edit', async () => {
      const pkg = JSON.parse(repo.read('package.json'));
      pkg['lint-staged'] = { '*.ts': 'node scripts/lint-fail.mjs' };
      repo.write('package.json', JSON.stringify(pkg, null, 2) + '\n');
      repo.write('scripts/lint-fail.mjs', "console.error('lint: ' + process.argv.slice(2).map((f) => f.split('/').pop()).join(' ') + ': 1 problem');\nprocess.exit(1);\n");
      repo.write('models/user.ts', NICKNAME_MODEL);
      repo.write(NICKNAME_MIGRATION_PATH, nicknameMigration('nickname'));
      await repo.gitOk('add', 'models/user.ts', NICKNAME_MIGRATION_PATH);
      const unstaged = NICKNAME_MODEL + '// unstaged\n';
      repo.write('models/user.ts', unstaged);

      const r = await repo.git('commit', '-m', 'lint');
      expect(r.exitCode, r.all).to.not.equal(0);
      expect(await repo.head()).to.equal(base);
      expect(r.all).to.contain('lint-staged found problems');
      expect(r.all).to.match(/lint: .*user\.ts.*: 1 problem/);
      expect(repo.read('models/user.ts')).to.equal(unstaged);
      expect(await repo.gitOk('show', ':models/user.ts')).to.equal(NICKNAME_MODEL.trim());
      expect(await repo.gitOk('stash', 'list')).to.equal('');
      await expectNothingLeft(repo);
    });

    it('git commit -a checks what -a commits (git runs the hook on a temporary index)', async () => {
      repo.write('models/user.ts', NICKNAME_MODEL); // tracked, modified, not staged
      const r = await repo.git('commit', '-a', '-m', 'all');
      expect(r.exitCode, r.all).to.not.equal(0);
      expect(r.all).to.contain('missing-column');
      expect(await repo.head()).to.equal(base);
      expect(repo.read('models/user.ts')).to.equal(NICKNAME_MODEL);
      expect(await repo.gitOk('diff', '--cached', '--name-only')).to.equal('');
      await expectNothingLeft(repo);
    });

    it('a failing unit-test command blocks the commit; its command and the tail of its output are shown', async () => {
      const lines = Array.from({ length: 45 }, (_, i) => `unit line ${String(i + 1).padStart(2, '0')}`);
      repo.write('scripts/unit.mjs', `${lines.map((l) => `console.log(${JSON.stringify(l)});`).join('\n')}\nconsole.error('2 failing');\nprocess.exit(1);\n`);
      repo.write('pre-commit-check.config.ts', configText({ unit: 'node scripts/unit.mjs' }));
      repo.write('README.md', 'hello\n');
      await repo.gitOk('add', '-A');
      const r = await repo.git('commit', '-m', 'unit');
      expect(r.exitCode, r.all).to.not.equal(0);
      expect(await repo.head()).to.equal(base);
      expect(r.all).to.contain('$ node scripts/unit.mjs');
      expect(r.all).to.contain('exit code 1');
      expect(r.all).to.contain('unit line 45');
      expect(r.all).to.contain('2 failing');
      expect(r.all).to.contain('earlier lines omitted');
      expect(r.all).to.not.contain('unit line 05');
      // the check itself passed: only the unit stage blocked
      expect(r.all).to.match(/✔ Consistency check of the staged models and migrations/);
      await expectNothingLeft(repo);
    });

    it('a passing unit-test command lets the commit through', async () => {
      repo.write('pre-commit-check.config.ts', configText({ unit: 'node -e "process.exit(0)"' }));
      await repo.gitOk('add', '-A');
      const r = await repo.git('commit', '-m', 'unit ok');
      expect(r.exitCode, r.all).to.equal(0);
      expect(r.all).to.match(/✔ Unit tests: node -e "process\.exit\(0\)" \(\d/);
      await expectNothingLeft(repo);
    });
  });

  describe('--ci and --full', () => {
    let repo: HookRepo;
    beforeEach(() => {
      repo = copyRepo(template);
    });
    afterEach(() => repo?.destroy());

    it('--ci writes well-formed JUnit XML (a case per stage and per finding), annotations under GitHub Actions, exit 1 on drift', async () => {
      repo.write('models/post.ts', POST_MODEL); // not even staged: --ci checks the whole tree
      const r = await repo.cli(['--ci', '--junit', 'out.xml'], { GITHUB_ACTIONS: 'true' });
      expect(r.exitCode, r.all).to.equal(1);
      expect(r.stdout).to.match(/^::error file=models\/post\.ts,line=\d+,title=missing-table::Table public\.posts of model Post is missing/m);
      const xml = readFileSync(join(repo.dir, 'out.xml'), 'utf8');
      assertWellFormedXml(xml);
      const cases = [...xml.matchAll(/<testcase [^>]*?(\/>|>[\s\S]*?<\/testcase>)/g)].map((m) => m[0]);
      // stages: static (none configured), unit (off), check, integration (off); findings: one
      expect(cases).to.have.length(5);
      expect(xml).to.match(/<testsuites [^>]*tests="5" failures="2"/);
      const finding = cases.find((c) => c.includes('classname="pre-commit-check.findings.missing-table"'));
      expect(finding).to.contain('file="models/post.ts"').and.to.contain('<failure');
      const check = cases.find((c) => c.includes('classname="pre-commit-check.check"'));
      expect(check).to.contain('<failure');
      expect(cases.filter((c) => c.includes('<skipped'))).to.have.length(3);
    });

    it('CI=true implies --ci: exit 0 and a JUnit file without failures on a clean project', async () => {
      const r = await repo.cli(['--junit', 'reports/junit.xml'], { CI: 'true' });
      expect(r.exitCode, r.all).to.equal(0);
      expect(r.all).to.contain('Consistency check with migration round trip');
      expect(r.stdout).to.not.contain('::');
      const xml = readFileSync(join(repo.dir, 'reports/junit.xml'), 'utf8');
      assertWellFormedXml(xml);
      expect(xml).to.match(/<testsuites [^>]*tests="4" failures="0"/);
    });

    it('--full runs stages.integration with DATABASE_URL on the migrated scratch database; a failing one blocks', async () => {
      // The integration "suite": connects with pg and asserts that a migrated table exists.
      repo.write(
        'scripts/integration.mjs',
        `import { createRequire } from 'node:module';
const pg = createRequire(${JSON.stringify(join(REPO, 'package.json'))})('pg');
const table = process.argv[2];
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
const { rows } = await client.query('select to_regclass($1) as t', ['public.' + table]);
await client.end();
if (rows[0].t === null) { console.error('integration: table public.' + table + ' does not exist'); process.exit(1); }
console.log('integration: table public.' + table + ' exists');
`,
      );
      repo.write('pre-commit-check.config.ts', configText({ integration: 'node scripts/integration.mjs users' }));
      const ok = await repo.cli(['--full']);
      expect(ok.exitCode, ok.all).to.equal(0);
      expect(ok.all).to.match(/✔ Integration tests on the scratch database: node scripts\/integration\.mjs users \(\d/);
      await expectNothingLeft(repo);

      repo.write('pre-commit-check.config.ts', configText({ integration: 'node scripts/integration.mjs nope' }));
      const bad = await repo.cli(['--full']);
      expect(bad.exitCode, bad.all).to.equal(1);
      expect(bad.all).to.contain('$ node scripts/integration.mjs nope');
      expect(bad.all).to.contain('integration: table public.nope does not exist');
      await expectNothingLeft(repo);
    });
  });

  describe('in a terminal', () => {
    let repo: HookRepo;
    beforeEach(() => {
      repo = copyRepo(template);
    });
    afterEach(() => repo?.destroy());

    // `script` gives the run a pseudo-terminal; one that reports 0 columns (no size set, as in some
    // CI runners) used to make listr2's interactive renderer print one character per line.
    it('a terminal with no width gets the plain renderer, one line per task', async function () {
      if ((await execa('script', ['--version'], { reject: false })).exitCode !== 0) this.skip();
      repo.write('models/post.ts', POST_MODEL);
      const r = await execa('script', ['-qec', `stty cols 0 rows 0; ${BIN} --full`, '/dev/null'], {
        cwd: repo.dir,
        env: { ...repo.env, TERM: 'xterm' },
        extendEnv: false,
        reject: false,
        all: true,
        stdin: 'ignore',
        timeout: 60_000,
      });
      expect(r.exitCode, r.all).to.equal(1);
      const lines = String(r.all).split(/\r?\n/);
      expect(lines.filter((l) => /^\s*\S\s*$/.test(l)), 'lines of one character').to.have.length.below(3);
      expect(lines.some((l) => l.startsWith('✖ Consistency check with migration round trip ('))).to.equal(true);
      await expectNothingLeft(repo);
    });
  });

  describe('Ctrl-C during the database stage', () => {
    let repo: HookRepo;
    beforeEach(() => {
      repo = copyRepo(template);
      repo.write('migrations/20260103000000_slow.ts', SLOW_MIGRATION);
    });
    afterEach(() => repo?.destroy());

    it('of a git commit (SIGINT to the whole process group, as a terminal does): no commit, nothing left running', async () => {
      const base = await repo.head();
      await repo.gitOk('add', '-A');
      const child = repo.spawnCommit('slow');
      try {
        expect(await waitForPostgres(repo), 'the database stage never began').to.equal(true);
        await sleep(1500);
        process.kill(-child.pid!, 'SIGINT');
        const r = await exitWithin(child, 10_000);
        expect(r.exited, 'git commit still running 10 s after Ctrl-C').to.equal(true);
        expect(r.exitCode ?? 130).to.not.equal(0);
      } finally {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // gone
        }
      }
      expect(await repo.head()).to.equal(base);
      expect(existsSync(join(repo.dir, '.git/index.lock'))).to.equal(false);
      expect(await repo.gitOk('diff', '--cached', '--name-only')).to.equal('migrations/20260103000000_slow.ts');
      await sleep(300);
      await expectNothingLeft(repo);
    });

    it('of --full (SIGINT to pre-commit-check alone): exits non-zero promptly, nothing left running', async () => {
      const child = repo.spawnCli(['--full']);
      try {
        expect(await waitForPostgres(repo), 'the database stage never began').to.equal(true);
        await sleep(1500);
        child.kill('SIGINT');
        const r = await exitWithin(child, 10_000);
        expect(r.exited, 'pre-commit-check still running 10 s after SIGINT').to.equal(true);
        expect(r.exitCode ?? 130, r.all).to.not.equal(0);
        expect(r.all).to.contain('Interrupted by SIGINT');
      } finally {
        child.kill('SIGKILL');
      }
      await sleep(300);
      await expectNothingLeft(repo);
    });

    it('of --full (SIGTERM): exits 143 with the one interrupted line, nothing left running', async () => {
      const child = repo.spawnCli(['--full']);
      try {
        expect(await waitForPostgres(repo), 'the database stage never began').to.equal(true);
        await sleep(1500);
        child.kill('SIGTERM');
        const r = await exitWithin(child, 15_000);
        expect(r.exited, 'pre-commit-check still running 15 s after SIGTERM').to.equal(true);
        expect(r.exitCode, r.all).to.equal(143);
        expect(r.all.match(/^Interrupted by SIGTERM: /gm), r.all).to.have.length(1);
      } finally {
        child.kill('SIGKILL');
      }
      await sleep(300);
      await expectNothingLeft(repo);
    });

    it('a hook run killed outright (SIGKILL) leaves its staged snapshot, and the next run removes it', async function () {
      this.timeout(240_000);
      await repo.gitOk('add', '-A');
      const child = repo.spawnCli([]);
      try {
        expect(await waitForPostgres(repo, 90_000), 'the database stage never began').to.equal(true);
        expect(repo.snapshotDirs()).to.have.length(1);
        child.kill('SIGKILL');
        await exitWithin(child, 10_000);
      } finally {
        child.kill('SIGKILL');
      }
      expect(repo.snapshotDirs(), 'a SIGKILL runs no handler').to.have.length(1);
      repo.remove('migrations/20260103000000_slow.ts');
      await repo.gitOk('add', '-A');
      const next = await repo.cli([]);
      expect(next.exitCode, next.all).to.equal(0);
      await sleep(300);
      await expectNothingLeft(repo);
    });
  });

  describe('init', () => {
    let repo: HookRepo;
    beforeEach(async () => {
      const pkg = {
        name: 'app',
        version: '1.0.0',
        scripts: { test: 'mocha' },
        devDependencies: { eslint: '^9.0.0', prettier: '^3.0.0', typescript: '^5.0.0' },
      };
      repo = await makeHookRepo({ ...BASE_FILES, 'package.json': JSON.stringify(pkg, null, 2) + '\n' });
    });
    afterEach(() => repo?.destroy());

    it('detects ESLint and Prettier, and a second run changes no byte', async () => {
      const first = await repo.cli(['init']);
      expect(first.exitCode, first.all).to.equal(0);
      const pkg = JSON.parse(repo.read('package.json'));
      expect(pkg['lint-staged']).to.deep.equal({
        '*.{js,jsx,ts,tsx,mjs,cjs}': ['eslint --fix', 'prettier --write'],
        '!(*.{js,jsx,ts,tsx,mjs,cjs})': 'prettier --write --ignore-unknown',
      });
      expect(pkg.scripts).to.deep.equal({ test: 'mocha', prepare: 'husky' });
      const config = repo.read('pre-commit-check.config.ts');
      expect(config).to.contain("static: ['tsc --noEmit']");
      expect(config).to.contain("unit: 'npm test --silent'");
      const before = treeBytes(repo.dir);

      const second = await repo.cli(['init']);
      expect(second.exitCode, second.all).to.equal(0);
      expect(second.stdout).to.contain('Nothing to change: this project is already set up.');
      expect(treeBytes(repo.dir)).to.deep.equal(before);
    });

    it('never overwrites an existing hook or config without --force', async () => {
      repo.write('.husky/pre-commit', 'npm run lint\n');
      repo.write('pre-commit-check.config.ts', configText({ unit: 'mocha -b' }));
      repo.write('package.json', JSON.stringify({ name: 'app', scripts: { prepare: 'node setup.js' } }, null, 2) + '\n');
      const before = treeBytes(repo.dir);
      const r = await repo.cli(['init']);
      expect(r.exitCode, r.all).to.equal(0);
      expect(r.stdout).to.contain('.husky/pre-commit exists and does not run pre-commit-check; left as it is');
      const after = treeBytes(repo.dir);
      for (const f of ['.husky/pre-commit', 'pre-commit-check.config.ts', 'package.json']) expect(after[f], f).to.equal(before[f]);

      const forced = await repo.cli(['init', '--force']);
      expect(forced.exitCode, forced.all).to.equal(0);
      expect(repo.read('.husky/pre-commit')).to.equal(HOOK);
      expect(JSON.parse(repo.read('package.json')).scripts.prepare).to.equal('node setup.js && husky');
    });
  });
});

// `init` in temporary git repositories.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { isPccError } from '../../src/errors.ts';
import { lintStagedEntry, NON_JS_GLOB, JS_GLOB } from '../../src/init/templates.ts';
import { runInit } from '../../src/init/init.ts';
import { isolateGitEnv, makeRepo, type TempRepo } from '../runner/helpers.ts';

// What init writes into .husky/pre-commit (the project's own binary; npx where it is hoisted elsewhere).
const HOOK =
  '# Written by `pre-commit-check init`. The binary itself when installed: npx adds ~0.6 s per commit.\n' +
  'if [ -x node_modules/.bin/pre-commit-check ]; then node_modules/.bin/pre-commit-check --hook; else npx pre-commit-check --hook; fi\n';

/** Every file under dir (except .git) with its bytes, for byte-identity checks. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (d === dir && name === '.git') continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p).toString('base64') + ':' + (statSync(p).mode & 0o777).toString(8);
    }
  };
  walk(dir);
  return out;
}

const pkgJson = (extra: object) => JSON.stringify({ name: 'app', version: '1.0.0', ...extra }, null, 2) + '\n';

describe('init', function () {
  this.timeout(30_000);
  let restoreEnv: () => void;
  let repo: TempRepo;
  before(() => (restoreEnv = isolateGitEnv()));
  after(() => restoreEnv());
  beforeEach(() => (repo = makeRepo('pcc-init-')));
  afterEach(() => repo.remove());

  it('sets a project up: hook, hooks path, prepare script, lint-staged entry, config with detected globs', async () => {
    repo.write('package.json', pkgJson({ scripts: { test: 'vitest run' }, devDependencies: { eslint: '^9', typescript: '^5', husky: '^9' } }));
    mkdirSync(join(repo.dir, 'src/db/models'), { recursive: true });
    repo.write('knexfile.mjs', 'export default {};\n');

    const result = await runInit({ cwd: repo.dir, env: {} });

    expect(repo.read('.husky/pre-commit')).to.equal(HOOK);
    expect(repo.git('config', '--get', 'core.hooksPath').trim()).to.equal('.husky/_');
    expect(readFileSync(join(repo.dir, '.husky/_/h'), 'utf8')).to.contain('sh -e "$s" "$@"');
    expect(readFileSync(join(repo.dir, '.husky/_/pre-commit'), 'utf8')).to.equal('#!/usr/bin/env sh\n. "$(dirname "$0")/h"');
    const pkg = JSON.parse(repo.read('package.json'));
    expect(pkg.scripts).to.deep.equal({ test: 'vitest run', prepare: 'husky' });
    expect(pkg['lint-staged']).to.deep.equal({ [JS_GLOB]: 'eslint --fix' });
    const config = repo.read('pre-commit-check.config.ts');
    expect(config).to.contain("import { defineConfig } from 'pre-commit-check';");
    expect(config).to.contain("models: ['src/db/models/**/*.{ts,js}']");
    expect(config).to.contain("knexfile: 'knexfile.mjs'");
    expect(config).to.contain("static: ['tsc --noEmit']");
    expect(config).to.contain("unit: 'npm test --silent'");
    // Issue 15: conventions are a team's choice, off by default; init offers none.
    expect(config).to.not.match(/conventions/);
    expect(result.changed).to.equal(true);
    expect(result.actions.map((a) => a.status)).to.not.include('skipped');
    expect(result.nextSteps.join('\n')).to.contain('npm install --save-dev pre-commit-check');
    expect(result.nextSteps.join('\n')).to.not.contain('No models folder');
  });

  it('is idempotent: a second run reports everything as present and changes no byte', async () => {
    repo.write('package.json', '{\n\t"name": "app",\n\t"devDependencies": { "prettier": "^3" }\n}\n');
    await runInit({ cwd: repo.dir, env: {} });
    const before = tree(repo.dir);
    const hooksPath = repo.git('config', '--get', 'core.hooksPath');
    expect(repo.read('package.json')).to.match(/^\{\n\t"name"/);

    const second = await runInit({ cwd: repo.dir, env: {} });

    expect(second.changed).to.equal(false);
    expect(second.actions.every((a) => a.status === 'unchanged'), JSON.stringify(second.actions, null, 2)).to.equal(true);
    expect(tree(repo.dir)).to.deep.equal(before);
    expect(repo.git('config', '--get', 'core.hooksPath')).to.equal(hooksPath);
  });

  it('never overwrites an existing file without --force', async () => {
    repo.write('package.json', pkgJson({ scripts: { prepare: 'tsc -p .' } }));
    repo.write('.husky/pre-commit', 'npm test\n');
    repo.write('pre-commit-check.config.ts', '// mine\n');
    const result = await runInit({ cwd: repo.dir, env: {} });
    expect(repo.read('.husky/pre-commit')).to.equal('npm test\n');
    expect(repo.read('pre-commit-check.config.ts')).to.equal('// mine\n');
    expect(JSON.parse(repo.read('package.json')).scripts.prepare).to.equal('tsc -p .');
    const statuses = Object.fromEntries(result.actions.map((a) => [a.message.slice(0, 30), a.status]));
    expect(result.actions.find((a) => a.target === '.husky/pre-commit')!.status).to.equal('skipped');
    expect(result.nextSteps.join('\n')).to.contain('npx pre-commit-check');
    expect(Object.values(statuses)).to.include('skipped');

    const forced = await runInit({ cwd: repo.dir, force: true, env: {} });
    expect(repo.read('.husky/pre-commit')).to.equal(HOOK);
    expect(repo.read('pre-commit-check.config.ts')).to.contain('defineConfig');
    expect(JSON.parse(repo.read('package.json')).scripts.prepare).to.equal('tsc -p . && husky');
    expect(forced.actions.filter((a) => a.status === 'updated').length).to.be.greaterThan(0);
  });

  it('brings the hook an earlier init wrote (no --hook) up to date, and leaves a hand-edited one alone', async () => {
    repo.write('package.json', pkgJson({}));
    const legacy = HOOK.replace(/ --hook/g, '');
    repo.write('.husky/pre-commit', legacy);
    const result = await runInit({ cwd: repo.dir, env: {} });
    expect(repo.read('.husky/pre-commit')).to.equal(HOOK);
    expect(result.actions.find((a) => a.target === '.husky/pre-commit')).to.include({ status: 'updated' });
    repo.write('.husky/pre-commit', `${legacy}echo done\n`);
    await runInit({ cwd: repo.dir, env: {} });
    expect(repo.read('.husky/pre-commit')).to.equal(`${legacy}echo done\n`);
  });

  it('leaves an existing lint-staged configuration alone', async () => {
    repo.write('package.json', pkgJson({ devDependencies: { eslint: '^9' } }));
    repo.write('.lintstagedrc.json', '{ "*.js": "eslint" }\n');
    const result = await runInit({ cwd: repo.dir, env: {} });
    expect(JSON.parse(repo.read('package.json'))['lint-staged']).to.equal(undefined);
    expect(result.actions.some((a) => a.message.includes('.lintstagedrc.json'))).to.equal(true);
  });

  it('adds no lint-staged entry when the project uses no known linter or formatter', async () => {
    repo.write('package.json', pkgJson({ dependencies: { knex: '^3' } }));
    const result = await runInit({ cwd: repo.dir, env: {} });
    expect(JSON.parse(repo.read('package.json'))['lint-staged']).to.equal(undefined);
    expect(result.actions.find((a) => a.message.includes('no lint-staged entry'))!.status).to.equal('skipped');
    expect(result.nextSteps.join('\n')).to.contain('No models folder');
    expect(result.nextSteps.join('\n')).to.contain('No knexfile');
  });

  it('detects ESLint, Prettier and Biome from package.json', () => {
    expect(lintStagedEntry([])).to.equal(null);
    expect(lintStagedEntry(['prettier'])).to.deep.equal({ '*': 'prettier --write --ignore-unknown' });
    expect(lintStagedEntry(['biome'])).to.deep.equal({ '*': 'biome check --write --no-errors-on-unmatched --files-ignore-unknown=true' });
    expect(lintStagedEntry(['eslint', 'prettier'])).to.deep.equal({
      [JS_GLOB]: ['eslint --fix', 'prettier --write'],
      [NON_JS_GLOB]: 'prettier --write --ignore-unknown',
    });
  });

  for (const [deps, expected] of [
    [{ '@biomejs/biome': '^2' }, { '*': 'biome check --write --no-errors-on-unmatched --files-ignore-unknown=true' }],
    [{ eslint: '^9', prettier: '^3' }, { [JS_GLOB]: ['eslint --fix', 'prettier --write'], [NON_JS_GLOB]: 'prettier --write --ignore-unknown' }],
  ] as const) {
    it(`writes the lint-staged entry for ${Object.keys(deps).join(' + ')}`, async () => {
      repo.write('package.json', pkgJson({ devDependencies: deps }));
      await runInit({ cwd: repo.dir, env: {} });
      expect(JSON.parse(repo.read('package.json'))['lint-staged']).to.deep.equal(expected);
    });
  }

  it('honours HUSKY=0 like husky does', async () => {
    repo.write('package.json', pkgJson({}));
    const result = await runInit({ cwd: repo.dir, env: { HUSKY: '0' } });
    expect(result.actions.find((a) => a.target === 'git hooks')!.status).to.equal('skipped');
    expect(() => repo.git('config', '--get', 'core.hooksPath')).to.throw();
  });

  it('in a project inside a subfolder of the repository, uses husky 9 subfolder setup', async () => {
    repo.write('app/package.json', pkgJson({}));
    await runInit({ cwd: join(repo.dir, 'app'), env: {} });
    expect(repo.read('app/.husky/pre-commit')).to.equal(`cd app\n${HOOK}`);
    expect(JSON.parse(repo.read('app/package.json')).scripts.prepare).to.equal('cd .. && husky app/.husky');
    expect(repo.git('config', '--get', 'core.hooksPath').trim()).to.equal('app/.husky/_');
  });

  it('fails with a usage error and a next step outside a git repository or without package.json', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'pcc-init-nogit-'));
    try {
      writeFileSync(join(plain, 'package.json'), '{}');
      const e1 = await runInit({ cwd: plain }).catch((e: unknown) => e);
      expect(isPccError(e1) && e1.code === 'USAGE' && /git init/.test(e1.hint ?? '')).to.equal(true);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
    const e2 = await runInit({ cwd: repo.dir }).catch((e: unknown) => e);
    expect(isPccError(e2) && e2.code === 'USAGE' && /npm init/.test(e2.hint ?? '')).to.equal(true);
  });
});

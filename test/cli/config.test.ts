// End to end: where the configuration is found (the current directory or the nearest parent, like
// ESLint and lint-staged), the project root it sets, and unknown keys reported with the nearest known one.
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CLEAN_FILES, makeProject, runCli, type TempProject } from '../helpers/project.ts';

const { 'pre-commit-check.config.ts': _config, 'models/user.ts': userModel, ...withoutConfig } = CLEAN_FILES;

describe('cli: configuration discovery and validation', function () {
  this.timeout(120_000);
  let p: TempProject | undefined;
  afterEach(() => p?.remove());

  const expectClean = (r: { exitCode: number | undefined; stdout: string; stderr: string }) => {
    expect(r.exitCode, r.stderr + r.stdout).to.equal(0);
    expect(JSON.parse(r.stdout).summary).to.include({ models: 1, tables: 1, errors: 0 });
  };

  it('from a subfolder, finds the config file of a parent and takes its directory as the project root', async () => {
    p = makeProject({ ...CLEAN_FILES, 'src/deep/er/index.ts': 'export {};\n' });
    expectClean(await runCli(['check', '--json'], { cwd: join(p.dir, 'src/deep/er') }));
  });

  it('from a subfolder, path flags are relative to it and default files go to the project root', async () => {
    p = makeProject({ ...CLEAN_FILES, 'docs/.keep': '' });
    const docs = join(p.dir, 'docs');
    const written = await runCli(['registry'], { cwd: docs });
    expect(written.exitCode, written.stderr).to.equal(0);
    expect(existsSync(join(p.dir, 'MODEL_TABLE_REGISTRY.md'))).to.equal(true);
    expect((await runCli(['registry', '--out', 'tables.md'], { cwd: docs })).exitCode).to.equal(0);
    expect(existsSync(join(docs, 'tables.md'))).to.equal(true);
    expect((await runCli(['check', '--junit', 'check.xml'], { cwd: docs })).exitCode).to.equal(0);
    expect(existsSync(join(docs, 'check.xml'))).to.equal(true);
  });

  it('from a subfolder, finds "preCommitCheck" in a parent package.json (and skips package.json files without it)', async () => {
    p = makeProject({
      ...withoutConfig,
      'models/user.ts': userModel!,
      'package.json': JSON.stringify({ name: 'app', private: true, preCommitCheck: { models: ['models/**/*.ts'], stages: { unit: false } } }),
      'packages/web/package.json': JSON.stringify({ name: 'web', private: true }),
    });
    expectClean(await runCli(['check', '--json'], { cwd: join(p.dir, 'packages/web') }));
  });

  it('with no config file, from a subfolder, the project root is the nearest package.json\'s directory: its knexfile is found', async () => {
    p = makeProject({ ...withoutConfig, 'src/models/user.ts': userModel!, 'package.json': JSON.stringify({ name: 'app', private: true }) });
    const r = await runCli(['check', '--json'], { cwd: join(p.dir, 'src/models') });
    expect(r.stderr).to.not.match(/Knexfile .* was not found/);
    expectClean(r);
  });

  it('unknown keys, nested ones included, are reported with the nearest known key (exit 2)', async () => {
    p = makeProject({
      ...CLEAN_FILES,
      'pre-commit-check.config.ts': `import { defineConfig } from 'pre-commit-check';
export default defineConfig({
  models: ['models/**/*.ts'],
  tables: ['legacy_*'],
  migrationTimout: 30,
  rules: { 'missing-colum': 'off' },
  conventions: { names: { cas: 'snake_case' }, primaryKeys: true },
  stages: { static: [], unti: false },
} as never);
`,
    });
    const r = await runCli(['check'], { cwd: p.dir });
    expect(r.exitCode, r.stderr).to.equal(2);
    for (const line of [
      "unknown key 'tables': did you mean 'ignore.tables'?",
      "unknown key 'migrationTimout': did you mean 'migrationTimeout'?",
      "rules: unknown finding code 'missing-colum': did you mean 'missing-column'?",
      "unknown key 'conventions.names.cas': did you mean 'conventions.names.case'?",
      "unknown key 'conventions.primaryKeys': did you mean 'conventions.primaryKey'?",
      "unknown key 'stages.unti': did you mean 'stages.unit'?",
    ]) {
      expect(r.stderr).to.contain(line);
    }
    expect(r.stderr).to.contain('Invalid configuration in pre-commit-check.config.ts');
  });

  // conventions.since needs a git repository and its ref: test/conventions/since.test.ts.
  it('accepts the keys the contract added (migrationTimeout, conventions) and checks as before', async () => {
    p = makeProject({
      ...CLEAN_FILES,
      'pre-commit-check.config.ts': `import { defineConfig } from 'pre-commit-check';
export default defineConfig({
  models: ['models/**/*.ts'],
  migrationTimeout: 30,
  conventions: {
    names: { case: 'snake_case', forbid: { phone: 'phone_number' } },
    requiredColumns: [{ tables: '*', column: 'created_at', type: 'timestamp', notNullable: true }],
    primaryKey: true, indexedForeignKeys: 'error', explicitOnDelete: false,
    severity: 'warn', ignore: ['legacy_*'],
  },
  stages: { static: [], unit: false },
});
`,
    });
    expectClean(await runCli(['check', '--json'], { cwd: p.dir }));
  });
});

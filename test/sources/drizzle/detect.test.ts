// init finds a Drizzle project (issue 14): drizzle-orm in package.json, the schema its drizzle.config
// names (a file, a folder, a list), and writes from.drizzle into the config it creates.
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { detectDrizzle } from '../../../src/sources/drizzle/detect.ts';
import { runInit } from '../../../src/init/init.ts';
import { loadConfig } from '../../../src/config/load.ts';
import { isolateGitEnv, makeRepo, type TempRepo } from '../../runner/helpers.ts';
import { REPO } from '../../helpers/project.ts';

describe('Drizzle source: detection for init', function () {
  this.timeout(30_000);
  let restoreEnv: () => void;
  let repo: TempRepo;
  before(() => (restoreEnv = isolateGitEnv()));
  after(() => restoreEnv());
  beforeEach(() => (repo = makeRepo('pcc-drizzle-init-')));
  afterEach(() => repo.remove());

  const deps = { dependencies: { 'drizzle-orm': '^0.45.0' } };

  it('is nothing without drizzle-orm in package.json, whatever files there are', async () => {
    repo.write('drizzle.config.ts', "export default { schema: './src/db/schema.ts' };\n");
    expect(await detectDrizzle(repo.dir, {})).to.equal(undefined);
  });

  it("reads drizzle.config's schema: a file stays, a folder becomes a glob, a list is each", async () => {
    mkdirSync(join(repo.dir, 'src/db/tables'), { recursive: true });
    repo.write('drizzle.config.ts', "import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({\n  dialect: 'postgresql',\n  schema: ['./src/db/schema.ts', './src/db/tables/'],\n});\n");
    expect(await detectDrizzle(repo.dir, deps)).to.deep.equal(['src/db/schema.ts', 'src/db/tables/**/*.{ts,js}']);
  });

  it('without a drizzle.config, takes the usual schema places that exist', async () => {
    repo.write('src/db/schema.ts', 'export {};\n');
    expect(await detectDrizzle(repo.dir, { devDependencies: { 'drizzle-orm': '*' } })).to.deep.equal(['src/db/schema.ts']);
  });

  it('init writes from.drizzle (and no models glob) into the config it creates, and the config loads', async () => {
    repo.write('package.json', JSON.stringify({ name: 'app', version: '1.0.0', type: 'module', ...deps }, null, 2) + '\n');
    repo.write('drizzle.config.ts', "export default { dialect: 'postgresql', schema: './src/db/schema.ts' };\n");
    repo.write('src/db/schema.ts', 'export {};\n');
    await runInit({ cwd: repo.dir, env: {} });
    const text = repo.read('pre-commit-check.config.ts');
    expect(text).to.contain("from: { drizzle: ['src/db/schema.ts'] },");
    expect(text).to.not.contain('models:');
    mkdirSync(join(repo.dir, 'node_modules'));
    symlinkSync(REPO, join(repo.dir, 'node_modules/pre-commit-check'));
    const config = await loadConfig({ root: repo.dir });
    expect(config.from).to.deep.equal({ drizzle: ['src/db/schema.ts'] });
    expect(config.models).to.deep.equal([]);
  });
});

// pull: models written from the migrations must check clean (no finding, no warning) for every
// fixture; output is byte-for-byte stable; existing files are never overwritten without --force.
import { expect } from 'chai';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedServer } from '../helpers/pg.ts';
import { REPO, makeProject, runCli, CLEAN_FILES } from '../helpers/project.ts';
import { pullSchema } from '../../src/generate/pull.ts';
import { writeModelFiles } from '../../src/generate/model-writer.ts';
import { runCheck } from '../../src/check/check-project.ts';

const FIXTURES = join(REPO, 'test/fixtures');
// Fixtures whose models do not load cannot be replaced by pulled models in a meaningful way? They can:
// pull reads only the migrations, so every fixture applies.
const fixtures = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(join(FIXTURES, d.name, 'knexfile.ts')));

/** Copy a fixture's migrations and knexfile into a temp project whose models come from pull. */
function projectFrom(fixture: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pcc-pull-'));
  cpSync(join(FIXTURES, fixture, 'knexfile.ts'), join(dir, 'knexfile.ts'));
  cpSync(join(FIXTURES, fixture, 'migrations'), join(dir, 'migrations'), { recursive: true });
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(REPO, join(dir, 'node_modules/pre-commit-check'));
  writeFileSync(join(dir, 'pre-commit-check.config.ts'), "export default { models: ['models/**/*.ts'] };\n");
  return dir;
}

describe('generate: pull', function () {
  this.timeout(120_000);

  for (const d of fixtures) {
    it(`pull then check is clean: ${d.name}`, async () => {
      const server = await sharedServer();
      const dir = projectFrom(d.name);
      try {
        const source = await pullSchema({ cwd: dir, server });
        for (const f of writeModelFiles(source.schema)) {
          mkdirSync(join(dir, 'models', f.path, '..'), { recursive: true });
          writeFileSync(join(dir, 'models', f.path), f.content);
        }
        const { report } = await runCheck({ cwd: dir, server });
        // Only migration-level findings may remain (a fixture about a failing or down-less migration).
        const left = report.findings.filter((f) => !['migration-failed', 'missing-down'].includes(f.code));
        expect(left, JSON.stringify(left, null, 2)).to.deep.equal([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('writes the same bytes twice, and the reference schema pulls to 22 files', async () => {
    const server = await sharedServer();
    const a = writeModelFiles((await pullSchema({ cwd: REPO, server })).schema);
    const b = writeModelFiles((await pullSchema({ cwd: REPO, server })).schema);
    expect(a.length).to.equal(22);
    expect(b.map((f) => [f.path, f.content])).to.deep.equal(a.map((f) => [f.path, f.content]));
    const customers = a.find((f) => f.path === 'core/customers.ts')!;
    expect(customers.content).to.contain("schema: 'core'");
    expect(customers.content).to.match(/station_id: t\.uuid\(\)\.notNullable\(\).*\.references\('identity\.stations\.id'\)/);
  });

  it('the CLI refuses to overwrite an existing model file unless --force', async () => {
    const p = makeProject(CLEAN_FILES);
    try {
      p.write('models/public/users.ts', '// mine\n');
      const refused = await runCli(['pull'], { cwd: p.dir });
      expect(refused.exitCode).to.equal(2);
      expect(refused.stderr).to.match(/would overwrite 1 existing file: models\/public\/users\.ts/);
      expect(readFileSync(join(p.dir, 'models/public/users.ts'), 'utf8')).to.equal('// mine\n');
      const forced = await runCli(['pull', '--force'], { cwd: p.dir });
      expect(forced.exitCode, forced.stderr).to.equal(0);
      expect(readFileSync(join(p.dir, 'models/public/users.ts'), 'utf8')).to.contain("table: 'users'");
    } finally {
      p.remove();
    }
  });
});

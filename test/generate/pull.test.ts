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
  // Files a migration reads beside its folder (drizzle-kit-sql applies drizzle-kit's own SQL from drizzle/).
  if (existsSync(join(FIXTURES, fixture, 'drizzle'))) cpSync(join(FIXTURES, fixture, 'drizzle'), join(dir, 'drizzle'), { recursive: true });
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

  it('the CLI writes only tables no model declares, says what it skipped, and never overwrites without --force (issue 12 item 5)', async () => {
    const orders = `import type { Knex } from 'knex';
export async function up(knex: Knex) { await knex.schema.createTable('orders', (t) => { t.increments('id'); }); }
export async function down(knex: Knex) { await knex.schema.dropTable('orders'); }
`;
    const p = makeProject({ ...CLEAN_FILES, 'migrations/20260102000000_orders.ts': orders });
    try {
      // users has a model (models/user.ts): only orders is written, and pull says why users is not
      const first = await runCli(['pull'], { cwd: p.dir });
      expect(first.exitCode, first.stderr).to.equal(0);
      expect(first.stdout).to.contain('skipped public.users: model User in models/user.ts declares it already');
      expect(existsSync(join(p.dir, 'models/public/users.ts'))).to.equal(false);
      expect(readFileSync(join(p.dir, 'models/public/orders.ts'), 'utf8')).to.contain("table: 'orders'");
      const clean = await runCli(['check'], { cwd: p.dir });
      expect(clean.exitCode, clean.stdout + clean.stderr).to.equal(0);
      // again: both tables have models, nothing to write
      const again = await runCli(['pull'], { cwd: p.dir });
      expect(again.exitCode, again.stderr).to.equal(0);
      expect(again.stdout).to.contain('declared by a model already: nothing to write');
      // a file in the way that declares nothing: refused without --force, replaced with it
      p.write('models/public/orders.ts', '// mine\n');
      const refused = await runCli(['pull'], { cwd: p.dir });
      expect(refused.exitCode).to.equal(2);
      expect(refused.stderr).to.match(/would overwrite 1 existing file: models\/public\/orders\.ts/);
      expect(readFileSync(join(p.dir, 'models/public/orders.ts'), 'utf8')).to.equal('// mine\n');
      const forced = await runCli(['pull', '--force'], { cwd: p.dir });
      expect(forced.exitCode, forced.stderr).to.equal(0);
      expect(readFileSync(join(p.dir, 'models/public/orders.ts'), 'utf8')).to.contain("table: 'orders'");
      // a model file that does not load is never overwritten, even with --force, and pull says so
      const broken = "throw new Error('boom');\nexport const x = 1;\n";
      p.write('models/public/orders.ts', broken);
      const kept = await runCli(['pull', '--force'], { cwd: p.dir });
      expect(kept.exitCode).to.equal(2);
      expect(kept.stderr).to.contain('model file models/public/orders.ts does not load');
      expect(kept.stderr).to.contain('pull would overwrite models/public/orders.ts, a model file that does not load');
      expect(readFileSync(join(p.dir, 'models/public/orders.ts'), 'utf8')).to.equal(broken);
    } finally {
      p.remove();
    }
  });
});

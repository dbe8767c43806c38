// The registry of model sources (src/sources/index.ts) as a user meets it: a source whose files
// match nothing is a configuration error naming the key, never a pass over no models; and with
// `from` set, the default models glob is not read (it would load an ORM's files as defineModel ones).
import { expect } from 'chai';
import { CLEAN_FILES, linkDependencies, makeProject, runCli, type TempProject } from '../helpers/project.ts';

describe('sources/index: from as a user meets it', function () {
  this.timeout(180_000);
  let p: TempProject | undefined;
  afterEach(() => p?.remove());

  const config = (from: string) => `export default { from: ${from}, stages: { static: [], unit: false } };\n`;

  it('from.drizzle globs that match nothing: exit 2, naming from.drizzle and the glob', async () => {
    p = makeProject({ ...CLEAN_FILES, 'pre-commit-check.config.ts': config("{ drizzle: ['src/db/nothing-here/*.ts'] }") });
    const r = await runCli(['check'], { cwd: p.dir });
    expect(r.exitCode, r.stdout + r.stderr).to.equal(2);
    expect(r.stderr).to.include('from.drizzle');
    expect(r.stderr).to.include('src/db/nothing-here/*.ts');
  });

  it('with from set and no models key, files under src/models are not loaded as defineModel models', async () => {
    // An Objection class under src/models: the default models glob would report it as "exports no model".
    const pet = "import { Model } from 'objection';\nexport class User extends Model {\n  static tableName = 'users';\n}\n";
    const pkg = JSON.stringify({ name: 'app', private: true, type: 'module', dependencies: { objection: '*' } });
    p = makeProject({ ...CLEAN_FILES, 'package.json': pkg, 'src/models/user.ts': pet, 'pre-commit-check.config.ts': config("{ objection: ['src/models/*.ts'] }") });
    linkDependencies(p.dir);
    const r = await runCli(['check', '--json'], { cwd: p.dir });
    const report = JSON.parse(r.stdout) as { findings: Array<{ code: string; file: string | null }> };
    expect(report.findings.filter((f) => f.code === 'invalid-model'), r.stdout + r.stderr).to.deep.equal([]);
    expect(r.exitCode, r.stdout + r.stderr).to.equal(0);
  });
});

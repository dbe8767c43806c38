// The registry of model sources (src/sources/index.ts) as a user meets it: a source whose files
// match nothing is a configuration error naming the key, never a pass over no models; and with
// `from` set, the default models glob is not read (it would load an ORM's files as defineModel ones).
import { expect } from 'chai';
import { CLEAN_FILES, linkDependencies, makeProject, runCli, type TempProject } from '../helpers/project.ts';
import { inSourceTerms } from '../../src/sources/index.ts';
import { FINDING_TEXT } from '../../src/messages/findings.ts';
import type { Finding } from '../../src/diff/findings.ts';

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

describe('sources/index: inSourceTerms', () => {
  const unmodeled: Finding = {
    code: 'unmodeled-table', severity: 'warning', model: null, schema: 'public', table: 'sessions', columns: [], object: null, expected: null, actual: null,
    ...FINDING_TEXT['unmodeled-table']({ schema: 'public', table: 'sessions' }), file: null,
  };

  it("an unmodeled table's hint says how to declare it in the project's one source, not with defineModel", () => {
    const [drizzle] = inSourceTerms([unmodeled], [], { models: [], from: { drizzle: ['src/db/schema.ts'] } });
    expect(drizzle!.hint).to.include("pgTable('sessions'").and.not.include('defineModel');
    expect(drizzle!.hint).to.include("'public.sessions' to ignore.tables");
    const [types] = inSourceTerms([unmodeled], [], { models: [], from: { knexTypes: ['src/db/tables.d.ts'] } });
    expect(types!.hint).to.include('interface Tables');
  });

  it('keeps the defineModel hint when defineModel models are in use too, or several sources are', () => {
    expect(inSourceTerms([unmodeled], [], { models: ['models/*.ts'], from: { drizzle: ['s.ts'] } })[0]!.hint).to.include('defineModel');
    expect(inSourceTerms([unmodeled], [], { models: [], from: { drizzle: ['s.ts'], objection: ['m.ts'] } })[0]!.hint).to.include('defineModel');
  });
});

// End to end: a check that would look at nothing is a configuration error (exit 2) naming what was
// looked for, never a silent pass (issue 10, item 6).
import { expect } from 'chai';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLEAN_FILES, CONFIG, makeProject, runCli, type TempProject } from '../helpers/project.ts';

describe('cli: nothing to check is a configuration error, not a pass', function () {
  this.timeout(120_000);
  let project: TempProject;
  let tmp: string;
  const run = (args: string[]) => runCli(args, { cwd: project.dir, env: { TMPDIR: tmp } });

  beforeEach(() => {
    project = makeProject(CLEAN_FILES);
    tmp = mkdtempSync(join(tmpdir(), 'pcc-e2e-tmp-'));
    chmodSync(tmp, 0o755);
  });
  afterEach(() => {
    project.remove();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('models globs that match no file: exit 2 naming the globs and the root', async () => {
    project.write('pre-commit-check.config.ts', CONFIG.replace("'models/**/*.ts'", "'src/models/**/*.ts'"));
    const r = await run(['check']);
    expect(r.exitCode, r.stdout + r.stderr).to.equal(2);
    expect(r.stderr).to.contain(`No model file matched 'src/models/**/*.ts' under ${project.dir}`);
    expect(r.stderr).to.contain('Set `models` in pre-commit-check.config.ts (or pass --models)');
    expect(r.stdout).to.equal('');
  });

  it('a migrations directory that does not exist: exit 2 naming it and the knexfile; generate still writes the first migration there', async () => {
    project.write('knexfile.ts', "export default { client: 'pg', migrations: { directory: './db/migrations' } };\n");
    const r = await run(['check']);
    expect(r.exitCode, r.stdout + r.stderr).to.equal(2);
    expect(r.stderr).to.contain('Migrations directory db/migrations (from the migrations settings of knexfile.ts) does not exist');
    expect(r.stderr).to.contain('Point migrations.directory in knexfile.ts');
    const g = await run(['generate']);
    expect(g.exitCode, g.stdout + g.stderr).to.equal(0);
    expect(existsSync(join(project.dir, 'db/migrations')) && readdirSync(join(project.dir, 'db/migrations'))).to.have.length(1);
  });
});

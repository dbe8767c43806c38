// End to end, where a run is (issue 12, item 10): in a pipe, `check` and hook mode print one line per
// phase (the server, the models, the migrations, the comparison) and a passed check a summary with
// counts; on a terminal, `check` keeps one status line that names the phase.
import { expect } from 'chai';
import { execa } from 'execa';
import { execFileSync } from 'node:child_process';
import { BIN, CLEAN_FILES, isolatedRunDir, makeProject, runCli, type TempProject } from '../helpers/project.ts';

/** The lines of `text` that contain one of `needles`, in order of appearance, each needle once. */
const order = (text: string, needles: string[]) =>
  needles.map((n) => text.indexOf(n)).every((i, k, all) => i >= 0 && (k === 0 || i > all[k - 1]!));

describe('progress: phases in a pipe and on a terminal, a summary with counts', function () {
  this.timeout(180_000);
  let p: TempProject;
  afterEach(() => p?.remove());

  it('check in a pipe: a line per phase on stderr, in order, and the summary with counts on stdout', async () => {
    p = makeProject(CLEAN_FILES);
    const r = await runCli(['check', '--no-cache'], { cwd: p.dir });
    expect(r.exitCode, r.stdout + r.stderr).to.equal(0);
    const phases = ['check: starting PostgreSQL (embedded)', 'check: loading 1 model file', 'check: running 1 migration', 'check: comparing 1 model with the migrated database'];
    for (const line of phases) expect(r.stderr.split('\n'), r.stderr).to.include(line);
    expect(order(r.stderr, ['check: starting PostgreSQL', 'check: comparing']), r.stderr).to.equal(true);
    expect(r.stdout).to.match(/0 errors, 0 warnings \(1 model, 1 table, [\d.]+ s\)/);
    const quiet = await runCli(['check', '--no-cache', '--quiet'], { cwd: p.dir });
    expect(quiet.exitCode).to.equal(0);
    expect(quiet.stderr + quiet.stdout).to.equal('');
  });

  it('hook mode in a pipe: the check stage prints a line per phase, and its passed line the counts', async () => {
    p = makeProject({ ...CLEAN_FILES, '.gitignore': 'node_modules\n', 'package.json': '{"name":"app","private":true,"type":"module"}\n' });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: p.dir, stdio: 'ignore' });
    git('init', '-q');
    git('add', '-A');
    const r = await runCli(['--hook', '--no-cache'], { cwd: p.dir });
    expect(r.exitCode, r.stdout + r.stderr).to.equal(0);
    const title = 'Consistency check of the staged models and migrations';
    const lines = r.stderr.split('\n').map((l) => l.replace(/^\W+\s/, ''));
    for (const phase of ['starting PostgreSQL (embedded)', 'loading 1 model file', 'running 1 migration', 'comparing 1 model with the migrated database']) {
      expect(lines, r.stderr).to.include(`${title}: ${phase}`);
    }
    expect(r.stderr).to.match(new RegExp(`${title} \\([\\d.]+m?s\\) — 1 model, 1 table, 0 warnings`));
  });

  it('check on a terminal: the status line names the phase, then is cleared for the report', async () => {
    p = makeProject(CLEAN_FILES);
    // `script` gives the run a pseudo-terminal.
    const r = await execa('script', ['-qec', `stty cols 200 rows 50; ${BIN} check --no-cache`, '/dev/null'], {
      cwd: p.dir,
      env: { ...process.env, NO_COLOR: '1', CI: '', GITHUB_ACTIONS: '', TERM: 'xterm', ...isolatedRunDir() },
      reject: false,
      all: true,
      stdin: 'ignore',
      timeout: 120_000,
    });
    const all = String(r.all);
    expect(r.exitCode, all).to.equal(0);
    expect(all).to.contain('\rstarting PostgreSQL (embedded)');
    expect(all).to.contain('\rcomparing 1 model with the migrated database');
    expect(all).to.not.contain('check: starting');
    expect(all).to.match(/0 errors, 0 warnings \(1 model, 1 table/);
  });
});

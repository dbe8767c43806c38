// One exit code per outcome (contract section 1): a crash of the tool is 4, SIGTERM 143.
import { expect } from 'chai';
import { execa } from 'execa';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, CLEAN_FILES, REPO, makeProject, postgresPids, type TempProject } from '../helpers/project.ts';
import { SLOW_MIGRATION } from '../hook/repo.ts';
import { EXIT, exitCodeFor } from '../../src/cli/exit-code.ts';
import { PccError } from '../../src/errors.ts';
import { userFileIn } from '../../src/cli/guard.ts';

describe('cli/exit-code', () => {
  it('a crash (any error but ours, or an internal one) is exit 4, never 1 like a drift', () => {
    expect(exitCodeFor({ error: new TypeError('x is undefined') })).to.equal(4);
    expect(exitCodeFor({ error: new PccError('INTERNAL', 'x') })).to.equal(EXIT.INTERNAL);
    expect(exitCodeFor({ error: new PccError('NOT_A_GIT_REPOSITORY', 'x') })).to.equal(2);
    expect(exitCodeFor({ ok: false })).to.equal(1);
  });
});

describe('cli: the exit code of a signal (end to end)', function () {
  this.timeout(120_000);
  let p: TempProject;
  let tmp: string;
  beforeEach(() => {
    p = makeProject({ ...CLEAN_FILES, 'migrations/20260102000000_slow.ts': SLOW_MIGRATION });
    tmp = mkdtempSync(join(tmpdir(), 'pcc-e2e-tmp-'));
    chmodSync(tmp, 0o755);
  });
  afterEach(() => {
    p.remove();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('SIGTERM during --full exits 143 (SIGINT is 130), after stopping PostgreSQL', async () => {
    const child = execa(BIN, ['--full'], { cwd: p.dir, reject: false, stdin: 'ignore', env: { TMPDIR: tmp, PRE_COMMIT_CHECK_RUN_DIR: tmp, NO_COLOR: '1', CI: '' } });
    let up = false;
    for (let i = 0; i < 600 && !up; i++) {
      up = (await postgresPids(tmp)).length > 0;
      if (!up) await new Promise((r) => setTimeout(r, 100));
    }
    expect(up, 'the run never started its server').to.equal(true);
    child.kill('SIGTERM');
    const r = await child;
    // 143 either way a shell sees it: our exit code, or death by the signal that the cleanup re-raises
    // once nothing else listens (the order of the two depends on timing).
    const status = r.exitCode ?? (r.signal ? 128 + (os.constants.signals[r.signal as keyof typeof os.constants.signals] ?? 0) : undefined);
    expect(status, String(r.stderr)).to.equal(143);
    expect(await postgresPids(tmp)).to.deep.equal([]);
  });
});

describe('cli: exit codes', () => {
  it('0 for a clean report, 1 for one with errors', () => {
    expect(exitCodeFor({ ok: true })).to.equal(0);
    expect(exitCodeFor({ ok: false })).to.equal(1);
  });

  it('2 for usage and configuration errors, 3 for the environment, 130 for an interruption', () => {
    expect(exitCodeFor({ error: new PccError('CONFIG_INVALID', 'x') })).to.equal(2);
    expect(exitCodeFor({ error: new PccError('DB_START_FAILED', 'x') })).to.equal(3);
    expect(exitCodeFor({ error: new PccError('INTERRUPTED', 'x') })).to.equal(130);
  });

  it('4 when the tool itself failed: an INTERNAL error, or any error it did not expect (a bug), never 1 like a finding', () => {
    expect(EXIT.INTERNAL).to.equal(4);
    expect(exitCodeFor({ error: new PccError('INTERNAL', 'x') })).to.equal(4);
    expect(exitCodeFor({ error: new TypeError("Cannot read properties of undefined (reading 'kind')") })).to.equal(4);
    expect(exitCodeFor({ error: 'a string thrown' })).to.equal(4);
  });

  it('3 for a system error of the machine (a file it may not write), which is no bug', () => {
    const e = Object.assign(new Error("EACCES: permission denied, open '/x'"), { code: 'EACCES', syscall: 'open', errno: -13 });
    expect(exitCodeFor({ error: e })).to.equal(3);
  });
});

describe('cli: whose code an error comes from (userFileIn)', () => {
  const at = (...frames: string[]) => Object.assign(new Error('boom'), { stack: ['Error: boom', ...frames.map((f) => `    at ${f}`)].join('\n') });

  it('the first frame of a file that is neither the tool\'s nor a dependency\'s nor Node\'s', () => {
    const e = at(
      `fn (node:internal/process/task_queues:95:5)`,
      `knexThing (/app/node_modules/knex/lib/x.js:1:2)`,
      `check (file://${join(REPO, 'src/check/check-project.ts')}:10:3)`,
      `Timeout._onTimeout (file:///app/migrations/001_init.ts:3:9)`,
    );
    expect(userFileIn(e)).to.equal('/app/migrations/001_init.ts');
  });

  it('none when every frame is the tool\'s own or a dependency\'s: the tool is at fault', () => {
    expect(userFileIn(at(`x (${join(REPO, 'dist/diff/diff.js')}:1:1)`, `y (/app/node_modules/pg/lib/client.js:2:2)`, 'node:internal/x:1:1'))).to.equal(undefined);
    expect(userFileIn('not an error')).to.equal(undefined);
  });
});

describe('cli: whose code an error comes from (userFileIn)', () => {
  const at = (...frames: string[]) => Object.assign(new Error('boom'), { stack: ['Error: boom', ...frames.map((f) => `    at ${f}`)].join('\n') });

  it('the first frame of a file that is neither the tool\'s nor a dependency\'s nor Node\'s', () => {
    const e = at(
      `fn (node:internal/process/task_queues:95:5)`,
      `knexThing (/app/node_modules/knex/lib/x.js:1:2)`,
      `check (file://${join(REPO, 'src/check/check-project.ts')}:10:3)`,
      `Timeout._onTimeout (file:///app/migrations/001_init.ts:3:9)`,
    );
    expect(userFileIn(e)).to.equal('/app/migrations/001_init.ts');
  });

  it('none when every frame is the tool\'s own or a dependency\'s: the tool is at fault', () => {
    expect(userFileIn(at(`x (${join(REPO, 'dist/diff/diff.js')}:1:1)`, `y (/app/node_modules/pg/lib/client.js:2:2)`, 'node:internal/x:1:1'))).to.equal(undefined);
    expect(userFileIn('not an error')).to.equal(undefined);
  });
});

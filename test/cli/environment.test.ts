// The environment, not the project: a temporary directory this user cannot write to, and a run
// directory too small for the embedded server, are exit 3 with a message that says which directory,
// what is wrong with it and what to set, never "fix the config file" (exit 2) or a raw initdb error.
import { expect } from 'chai';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { BIN, CLEAN_FILES, makeProject, type TempProject } from '../helpers/project.ts';
import { serverUser } from '../../src/postgres/binaries.ts';

describe('cli: the environment', function () {
  this.timeout(120_000);
  let project: TempProject;
  let dir: string;
  beforeEach(() => {
    project = makeProject(CLEAN_FILES);
    chmodSync(project.dir, 0o755);
    dir = mkdtempSync(join(tmpdir(), 'pcc-env-'));
    chmodSync(dir, 0o755);
  });
  afterEach(async () => {
    await execa('umount', [join(dir, 'small')], { reject: false });
    project.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a read-only TMPDIR is exit 3 naming the directory and what to set', async () => {
    const readOnly = join(dir, 'ro');
    mkdirSync(readOnly, { mode: 0o555 });
    chmodSync(readOnly, 0o555);
    // root may write anywhere: the run is then made as the unprivileged account the server would use.
    const account = serverUser();
    const r = await execa(BIN, ['check'], {
      cwd: project.dir,
      reject: false,
      stdin: 'ignore',
      env: { TMPDIR: readOnly, NO_COLOR: '1', CI: '', HOME: dir },
      ...(account ? { uid: account.uid, gid: account.gid } : {}),
    });
    expect(r.exitCode, String(r.stderr)).to.equal(3);
    expect(String(r.stderr)).to.include(`The temporary directory ${readOnly} (from TMPDIR) is not writable by this user`);
    expect(String(r.stderr)).to.include('Set TMPDIR to a directory this user can write to');
    expect(String(r.stderr)).to.not.match(/config file/i);
  });

  it('a run directory too small for the server is exit 3: it ran out of space there', async () => {
    const small = join(dir, 'small');
    mkdirSync(small);
    // A 3 MB tmpfs when this test may mount one (root); else a file size limit of 400 KB (EFBIG).
    const mounted = (await execa('mount', ['-t', 'tmpfs', '-o', 'size=3m,mode=0777', 'tmpfs', small], { reject: false })).exitCode === 0;
    if (!mounted) chmodSync(small, 0o777);
    const r = await execa('sh', ['-c', `${mounted ? '' : 'ulimit -f 400; '}exec "$0" check --no-cache`, BIN], {
      cwd: project.dir,
      reject: false,
      stdin: 'ignore',
      env: { PRE_COMMIT_CHECK_RUN_DIR: small, NO_COLOR: '1', CI: '' },
    });
    expect(r.exitCode, String(r.stderr)).to.equal(3);
    expect(String(r.stderr)).to.match(new RegExp(`The throwaway PostgreSQL ran out of space in ${small}: .*(No space left on device|File too large)`));
    expect(String(r.stderr)).to.include('PRE_COMMIT_CHECK_RUN_DIR');
    expect(String(r.stderr)).to.not.match(/TMPDIR|--no-cache/);
  });
});

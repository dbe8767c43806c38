// Where a run's data directory goes: RAM when there is room, the project's cache, else the temp dir;
// $PRE_COMMIT_CHECK_RUN_DIR overrides, and an unusable one is an error that names it.
import { expect } from 'chai';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PccError } from '../../src/errors.ts';
import { chooseRunParent, RAM_DIR, RAM_MIN_FREE_BYTES, RUN_DIR_ENV, type RunDirProbe } from '../../src/postgres/run-dir.ts';

/** A machine described by hand: which directories exist, their free space, tmpfs or not, writable or not. */
function machine(dirs: Record<string, { free: number; tmpfs: boolean; writable?: boolean }>, env: NodeJS.ProcessEnv = {}): RunDirProbe {
  return {
    env,
    statfs: (dir) => dirs[dir],
    writable: (dir) => dirs[dir]?.writable !== false,
  };
}

describe('postgres: run directory choice', () => {
  let project: string;
  beforeEach(() => {
    project = realpathSync(mkdtempSync(join(tmpdir(), 'pcc-rundir-')));
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));
  const cacheDir = () => join(project, 'node_modules/.cache/pre-commit-check');

  it('uses /dev/shm when it is a tmpfs with room', () => {
    const r = chooseRunParent(project, undefined, true, machine({ [RAM_DIR]: { free: 8 * RAM_MIN_FREE_BYTES, tmpfs: true } }));
    expect(r).to.deep.equal({ dir: RAM_DIR, kind: 'ram' });
  });

  it('skips a small /dev/shm (a container default of 64 MB), one that is not a tmpfs, or one it cannot write', () => {
    for (const shm of [
      { free: 64 * 1024 * 1024, tmpfs: true },
      { free: 8 * RAM_MIN_FREE_BYTES, tmpfs: false },
      { free: 8 * RAM_MIN_FREE_BYTES, tmpfs: true, writable: false },
    ]) {
      const r = chooseRunParent(project, undefined, true, machine({ [RAM_DIR]: shm }));
      expect(r, JSON.stringify(shm)).to.deep.equal({ dir: cacheDir(), kind: 'cache' });
    }
  });

  it('falls back to the temp dir with --no-cache and no usable RAM disk', () => {
    const r = chooseRunParent(project, undefined, false, machine({}));
    expect(r.kind).to.equal('tmp');
    expect(r.dir).to.equal(tmpdir());
  });

  it('honours PRE_COMMIT_CHECK_RUN_DIR (created when missing) over /dev/shm', () => {
    const wanted = join(project, 'runs/here');
    const probe = machine({ [RAM_DIR]: { free: 8 * RAM_MIN_FREE_BYTES, tmpfs: true }, [wanted]: { free: 1, tmpfs: false } }, { [RUN_DIR_ENV]: wanted });
    expect(chooseRunParent(project, undefined, true, probe)).to.deep.equal({ dir: wanted, kind: 'env' });
  });

  it('an unusable PRE_COMMIT_CHECK_RUN_DIR is an error naming the variable and the path', () => {
    const file = join(project, 'a-file');
    writeFileSync(file, '');
    let caught: unknown;
    try {
      chooseRunParent(project, undefined, true, { ...machine({}), env: { [RUN_DIR_ENV]: file } });
    } catch (e) {
      caught = e;
    }
    expect(caught).to.be.instanceOf(PccError);
    expect((caught as PccError).code).to.equal('DB_START_FAILED');
    expect((caught as PccError).message).to.include(RUN_DIR_ENV).and.include(file);
  });
});

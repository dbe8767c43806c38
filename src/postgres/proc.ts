// Small process and file-tree helpers for the embedded server (no shell, never an unhandled 'error').
import { spawn, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs/promises';
import { lstatSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A user to run PostgreSQL as (PostgreSQL refuses root). */
export interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Set when the program could not be spawned at all (ENOENT, EACCES). */
  error?: NodeJS.ErrnoException;
}

/** Options of run(): spawn's, plus `nice` (e.g. 19: work in the background that must not slow the foreground) and `input` (written to stdin). */
export type RunOptions = SpawnOptions & { nice?: number; input?: string };

/** Run a program to completion and collect its output; never rejects. */
export function run(cmd: string, args: string[], runOptions: RunOptions = {}): Promise<RunResult> {
  const { nice, input, ...options } = runOptions;
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let child;
    try {
      child = spawn(cmd, args, { ...options, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ code: null, signal: null, stdout, stderr, error: error as NodeJS.ErrnoException });
      return;
    }
    if (nice !== undefined && child.pid !== undefined) {
      try {
        os.setPriority(child.pid, nice);
      } catch {
        // an optimisation only
      }
    }
    if (input !== undefined) {
      child.stdin!.on('error', () => {}); // a program that exits without reading: its exit status tells
      child.stdin!.end(input);
    }
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (error: NodeJS.ErrnoException) => {
      // Aborted through options.signal: the child is being killed; resolve once it has exited ('close').
      if (error.name === 'AbortError') return;
      resolve({ code: null, signal: null, stdout, stderr, error });
    });
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Describe a failed RunResult in one line for an error message. */
export function describeFailure(cmd: string, r: RunResult): string {
  if (r.error) return `${path.basename(cmd)}: ${r.error.code ?? ''} ${r.error.message}`.trim();
  return `${path.basename(cmd)} exited with ${r.signal ? `signal ${r.signal}` : `code ${r.code}`}`;
}

/** Options of copyTree: `signal` aborts it; `background` runs it at the lowest CPU priority. */
export interface CopyOptions {
  signal?: AbortSignal;
  background?: boolean;
}

/** Copy a directory tree (modes kept) and hand it to `owner`; uses `cp -a` (7x faster than fs.cp here). */
export async function copyTree(src: string, dst: string, owner?: { uid: number; gid: number }, options: CopyOptions = {}): Promise<void> {
  const { signal, background } = options;
  const nice = background ? 19 : undefined;
  const r = await run('cp', ['-a', src, dst], { ...(signal ? { signal } : {}), nice });
  if (signal?.aborted) throw new Error(`copy of ${src} aborted`);
  if (r.error?.code === 'ENOENT') {
    await fs.cp(src, dst, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
  } else if (r.code !== 0) {
    throw new Error(`cp -a ${src} ${dst} failed: ${r.stderr.trim() || describeFailure('cp', r)}`);
  }
  if (owner) await chownTree(dst, owner.uid, owner.gid, nice);
}

/** chown -R, falling back to a walk when chown(1) is missing. */
export async function chownTree(dir: string, uid: number, gid: number, nice?: number): Promise<void> {
  const r = await run('chown', ['-R', '-h', `${uid}:${gid}`, dir], { nice });
  if (r.code === 0) return;
  if (!r.error) throw new Error(`chown -R ${dir} failed: ${r.stderr.trim()}`);
  await fs.lchown(dir, uid, gid);
  const entries = await fs.readdir(dir, { recursive: true });
  await Promise.all(entries.map((e) => fs.lchown(path.join(dir, e), uid, gid)));
}

/**
 * Recursively list files (not directories) with their sizes, relative to `dir`, sorted. Synchronous
 * calls under an async signature: a data directory has ~2,000 files, listed in ~15 ms this way and
 * in 200+ ms through the thread pool while the main thread is busy.
 */
export async function listTree(dir: string): Promise<Array<[string, number]>> {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  const out = entries
    .filter((e) => !e.isDirectory())
    .map((e) => {
      const full = path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name);
      return [path.relative(dir, full), lstatSync(full).size] as [string, number];
    });
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Remove a tree, never throwing (cleanup paths). */
export async function removeTree(dir: string | undefined): Promise<void> {
  if (!dir) return;
  await fs.rm(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 }).catch(() => {});
}

/** Wait `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// A throwaway copy of the project for a generator to write into: every file of the tree but .git,
// with each node_modules linked (never copied, never traversed), placed where Node's module
// resolution from the copy still reaches the packages the project resolves (its own node_modules, a
// monorepo's hoisted ones above it). The user's tree is only read.
import { randomBytes } from 'node:crypto';
import { constants, copyFileSync, existsSync, mkdirSync, readdirSync, readlinkSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

/** A copy of the project; `remove()` deletes it (safe to call more than once). */
export interface ProjectCopy {
  /** The copy's root: the project root's counterpart. */
  dir: string;
  remove(): void;
}

/** Names never copied: git's data (a directory, or a worktree's `.git` file). */
const SKIP = new Set(['.git']);

/**
 * Where copies go: <nearest node_modules at or above root>/.cache/pre-commit-check (resolution from
 * there walks up through that node_modules and every parent's), else the system's temp directory.
 */
export function copyParent(root: string): string {
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    const nm = join(dir, 'node_modules');
    if (existsSync(nm)) return join(nm, '.cache', 'pre-commit-check');
    if (dirname(dir) === dir) return tmpdir();
  }
}

/** A symlink's target in the copy: one that points into the project points at the same place in the copy. */
function linkTarget(target: string, root: string, copy: string): string {
  if (!isAbsolute(target)) return target;
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)) ? join(copy, rel) : target;
}

/** Copy `from` into `to` (both directories), as described at the top of this file. */
function copyTree(from: string, to: string, root: string, copy: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const src = join(from, entry.name);
    const dst = join(to, entry.name);
    if (src === copy) continue; // the copy itself, when it sits inside the project
    if (entry.name === 'node_modules') {
      // Linked to where it really is, so that a symlinked node_modules (a hook snapshot's) still resolves.
      symlinkSync(realpathSync(src), dst, process.platform === 'win32' ? 'junction' : 'dir');
    } else if (entry.isSymbolicLink()) {
      symlinkSync(linkTarget(readlinkSync(src), root, copy), dst);
    } else if (entry.isDirectory()) {
      mkdirSync(dst);
      copyTree(src, dst, root, copy);
    } else if (entry.isFile()) {
      copyFileSync(src, dst, constants.COPYFILE_FICLONE);
    }
    // Sockets, FIFOs and devices are left out: no generator reads them.
  }
}

/** Use to get a fresh copy of the project at `root` for one generator run; the caller removes it. */
export function copyProject(root: string): ProjectCopy {
  const parent = copyParent(root);
  mkdirSync(parent, { recursive: true });
  const dir = join(parent, `generated-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir);
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    process.removeListener('exit', remove);
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  // Gone even when the process ends before the caller's cleanup.
  process.once('exit', remove);
  try {
    copyTree(resolve(root), dir, resolve(root), dir);
  } catch (error) {
    remove();
    throw error;
  }
  return { dir, remove };
}

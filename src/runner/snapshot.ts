// A copy of the git index (the content about to be committed) in a temporary directory inside the
// project's node_modules/.cache, so that Node module resolution from the copy still finds the
// project's node_modules. Removed at the end of the run, whatever happens; one left by a run killed
// outright (SIGKILL: no handler runs) is removed by the next run (staged-<pid>-…: its pid is dead).
import { onShutdown } from '../postgres/cleanup.ts';
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { runGit } from './exec.ts';
import { sweepParent } from '../postgres/sweep.ts';

export interface StagedSnapshot {
  /** The snapshot's root: the repository's top level as staged. */
  dir: string;
  /** The project root inside the snapshot (differs from `dir` when the project is a subfolder of the repository). */
  projectDir: string;
  /** The repository's top level (the real one). */
  topLevel: string;
  /** Remove the snapshot; safe to call more than once. */
  remove(): void;
}

/** Where snapshots live: <project>/node_modules/.cache/pre-commit-check/. */
export const snapshotParent = (projectRoot: string): string =>
  join(projectRoot, 'node_modules', '.cache', 'pre-commit-check');

/**
 * Use to find the real project behind a snapshot's project directory (a check run on the staged
 * snapshot that needs git, conventions.since say): the directory itself when it is no snapshot.
 */
export function projectOfSnapshot(dir: string): string {
  const m = /^(.*?)[\\/]node_modules[\\/]\.cache[\\/]pre-commit-check[\\/]staged-[^\\/]+(?:[\\/].*)?$/.exec(dir);
  return m ? m[1]! : dir;
}

/** Use to find the repository's top level; null outside a git repository. */
export async function gitTopLevel(cwd: string): Promise<string | null> {
  const r = await runGit(['rev-parse', '--show-toplevel'], { cwd });
  return r.ok && r.output.trim() ? r.output.trim() : null;
}

/** A snapshot being filled: `add` copies index entries into it (paths relative to the top level). */
export interface GrowingSnapshot extends StagedSnapshot {
  /** Copy these index entries (relative to the top level, `/`-separated) into the snapshot. */
  add(paths: string[]): Promise<void>;
  /** Copy the whole index (what a snapshot was before scoping: a fallback for what scoping cannot follow). */
  addAll(): Promise<void>;
}

/**
 * Use before anything touches the working tree: a fresh, empty snapshot directory for the index of
 * the repository that holds `projectRoot`, with the project's node_modules linked in. Fill it with
 * `add` (only what the check reads: its cost then does not grow with the repository) or `addAll`.
 */
export async function openSnapshot(projectRoot: string): Promise<GrowingSnapshot> {
  const topLevel = await gitTopLevel(projectRoot);
  if (!topLevel) throw new Error(`${projectRoot} is not inside a git repository`);
  const parent = snapshotParent(projectRoot);
  mkdirSync(parent, { recursive: true });
  // What killed runs left here (their snapshots, servers, run directories) goes meanwhile, in the background.
  void sweepParent(parent);
  const dir = join(parent, `staged-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir);
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  // If the process ends before the pipeline's own cleanup (an uncaught error), still remove it; and
  // on a signal, with the other cleanups (src/postgres/cleanup.ts), before the signal may be raised
  // again with its default action (no 'exit' event then).
  const onExit = () => remove();
  process.once('exit', onExit);
  const unregister = onShutdown(remove, remove);
  const checkout = async (args: string[], input?: string) => {
    // --prefix needs the trailing separator; -a skips skip-worktree entries and gitlinks (submodules).
    const r = await runGit(['checkout-index', '-f', ...args, `--prefix=${dir}${sep}`], { cwd: topLevel, ...(input !== undefined ? { input } : {}) });
    if (!r.ok) throw new Error(r.output || r.shortMessage || 'git checkout-index failed');
  };
  const snapshot: GrowingSnapshot = {
    dir,
    projectDir: join(dir, relative(realpathSync(topLevel), realpathSync(projectRoot))),
    topLevel,
    remove: () => {
      process.removeListener('exit', onExit);
      unregister();
      remove();
    },
    add: async (paths) => {
      // Never through the node_modules link: what the index has there is not what the check reads.
      const wanted = paths.filter((p) => !p.split('/').includes('node_modules'));
      if (wanted.length) await checkout(['-z', '--stdin'], wanted.join('\0') + '\0');
    },
    addAll: async () => {
      // The link goes first: a node_modules in the index must land in the snapshot, not through the link.
      rmSync(join(snapshot.projectDir, 'node_modules'), { force: true });
      await checkout(['-a']);
      linkNodeModules(projectRoot, snapshot.projectDir);
    },
  };
  try {
    mkdirSync(snapshot.projectDir, { recursive: true });
    linkNodeModules(projectRoot, snapshot.projectDir);
  } catch (error) {
    snapshot.remove();
    throw error;
  }
  return snapshot;
}

/** Use to copy the whole index into a fresh temporary directory (`openSnapshot` then `addAll`). */
export async function snapshotIndex(projectRoot: string): Promise<StagedSnapshot> {
  const snapshot = await openSnapshot(projectRoot);
  try {
    await snapshot.addAll();
  } catch (error) {
    snapshot.remove();
    throw error;
  }
  return snapshot;
}

/**
 * Give the snapshot the project's node_modules (a symlink, never traversed by remove()): module
 * resolution from the staged files then finds the project's packages even when node_modules/.cache
 * is itself a symlink elsewhere (Node resolves from the real path), and the check, which runs with
 * the snapshot as its root, finds the embedded database's template cache under
 * node_modules/.cache/pre-commit-check/ instead of running initdb into the snapshot on every commit.
 */
function linkNodeModules(projectRoot: string, projectDir: string): void {
  const real = join(projectRoot, 'node_modules');
  const link = join(projectDir, 'node_modules');
  if (!existsSync(real)) return;
  try {
    lstatSync(link);
    return; // the index has a node_modules of its own (committed dependencies): keep it
  } catch {
    // absent: link it
  }
  try {
    symlinkSync(real, link, process.platform === 'win32' ? 'junction' : 'dir');
  } catch {
    // best effort: without it, resolution walks up from the snapshot into the project's node_modules
  }
}

/** The top folders of the files a package.json's `exports`/`main` name ('./dist/index.js' -> 'dist'). */
function exportedTopDirs(pkg: { exports?: unknown; main?: unknown }): string[] {
  const targets: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') targets.push(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(pkg.exports);
  walk(pkg.main);
  const tops = targets.map((t) => t.replace(/^\.\//, '').split('/')).filter((parts) => parts.length > 1 && parts[0] !== '..' && parts[0] !== '');
  return [...new Set(tops.map((parts) => parts[0]!))];
}

/**
 * Use once the snapshot has the project's package.json: a file that imports the project's own
 * package by name (package self-reference, as this tool's own config does) resolves to its build
 * output, which git does not track; link the real one in, as node_modules is.
 */
export function linkOwnBuild(projectRoot: string, projectDir: string): void {
  let pkg: { name?: unknown; exports?: unknown; main?: unknown };
  try {
    pkg = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8'));
  } catch {
    return; // no package.json staged: no self-reference to resolve
  }
  if (typeof pkg.name !== 'string') return;
  for (const top of exportedTopDirs(pkg)) {
    const real = join(projectRoot, top);
    const link = join(projectDir, top);
    if (existsSync(link) || !existsSync(real)) continue;
    try {
      symlinkSync(real, link, process.platform === 'win32' ? 'junction' : 'dir');
    } catch {
      // best effort: the import then fails with its own message, naming the file
    }
  }
}

// Content fingerprints for the check caches: what a cached value depends on, hashed. Paths are kept
// relative to the project root, so the staged snapshot of hook mode (a copy of the project under
// node_modules/.cache) and the working tree share entries when their contents agree.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, type Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { embeddedPgVersion as binariesVersion } from '../postgres/binaries.ts';

/** sha256 of a string or buffer, hex. */
export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** Relative specifiers in import/export/require/import() statements: the local files a module pulls in. */
const LOCAL_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"\n]+)['"]/g;
/** String literals that name a data file (a .sql file a migration reads, say); not source files, which are imported. */
export const DATA_LITERAL = /['"`]([\w@./-]+\.(?!(?:c|m)?(?:t|j)sx?['"`])[A-Za-z0-9]{1,10})['"`]/g;
const EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs', '.json'];

/** Resolve a relative specifier the way tsx does (./x, ./x.ts, ./x.js standing for x.ts, ./dir/index.ts). */
function resolveLocal(fromFile: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), spec);
  const candidates = [base, ...EXTENSIONS.map((e) => base + e)];
  const m = /\.(c|m)?js$/.exec(base);
  if (m) candidates.push(base.replace(/\.(c|m)?js$/, `.${m[1] ?? ''}ts`));
  candidates.push(...EXTENSIONS.map((e) => path.join(base, `index${e}`)));
  for (const c of candidates) {
    try {
      if (statSync(c).isFile()) return c;
    } catch {
      // next candidate
    }
  }
  return undefined;
}

/**
 * Hash `files` and every project file they import through relative specifiers, transitively
 * (packages are covered by the lockfile, see projectLockHash). Returns [relative path, sha256] pairs,
 * sorted; a file that cannot be read hashes as "missing".
 */
export async function hashWithLocalImports(root: string, files: string[]): Promise<Array<[string, string]>> {
  const graph = await localImportGraph(root, files);
  return pairsOf(root, graph.keys(), graph);
}

/** Each file of the graph: its sha256 ("missing" when unreadable) and the local files it names (absolute). */
export type ImportGraph = Map<string, { hash: string; deps: string[] }>;

/** Use when each file's own closure matters (one cache entry per file): `files` and their local imports, transitively, as a graph. */
export async function localImportGraph(root: string, files: string[]): Promise<ImportGraph> {
  const seen: ImportGraph = new Map();
  let queue = files.map((f) => path.resolve(root, f));
  while (queue.length) {
    const next: string[] = [];
    await Promise.all(queue.map(async (file) => void next.push(...(await visit(root, file, seen)))));
    queue = next;
  }
  return seen;
}

/** Read and hash one file into `seen`; returns the local files it names that are not seen yet. */
async function visit(root: string, file: string, seen: ImportGraph): Promise<string[]> {
  if (seen.has(file)) return [];
  const node = { hash: '', deps: [] as string[] };
  seen.set(file, node);
  let text: string;
  try {
    // Read at once: hundreds of small files (a long migration history) cost ~25 ms this way,
    // 150-250 ms through the thread pool (four round trips per file).
    text = readFileSync(file, 'utf8');
  } catch {
    node.hash = 'missing';
    return [];
  }
  node.hash = sha256(text);
  if (!/\.(c|m)?(t|j)sx?$/.test(file)) return []; // JSON and data files import nothing
  // A data file the code names (a .sql file a migration reads): hashed when it is there.
  for (const m of text.matchAll(DATA_LITERAL)) {
    for (const dep of [path.resolve(path.dirname(file), m[1]!), path.resolve(root, m[1]!)]) {
      if (!path.relative(root, dep).split(path.sep).includes('node_modules') && statSync(dep, { throwIfNoEntry: false })?.isFile()) node.deps.push(dep);
    }
  }
  for (const m of text.matchAll(LOCAL_IMPORT)) {
    const dep = resolveLocal(file, m[1]!);
    // Packages are the lockfile's; the project itself may sit under a node_modules (hook mode's
    // snapshot is in node_modules/.cache): only a node_modules inside the root is a package.
    if (dep && !path.relative(root, dep).split(path.sep).includes('node_modules')) node.deps.push(dep);
  }
  return node.deps.filter((d) => !seen.has(d));
}

/** Use on a graph from localImportGraph: [relative path, sha256] of `file` and everything it imports, transitively, sorted. */
export function closureHashes(root: string, graph: ImportGraph, file: string): Array<[string, string]> {
  const reached = new Set<string>();
  const stack = [path.resolve(root, file)];
  while (stack.length) {
    const f = stack.pop()!;
    if (reached.has(f) || !graph.has(f)) continue;
    reached.add(f);
    stack.push(...graph.get(f)!.deps);
  }
  return pairsOf(root, reached, graph);
}

/** Use on a graph from localImportGraph: what hashWithLocalImports returns for the files it started from. */
export const graphHashes = (root: string, graph: ImportGraph): Array<[string, string]> => pairsOf(root, graph.keys(), graph);

function pairsOf(root: string, files: Iterable<string>, graph: ImportGraph): Array<[string, string]> {
  return [...files]
    .map((f) => [path.relative(root, f).split(path.sep).join('/'), graph.get(f)!.hash] as [string, string])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Files directly inside the migration directories (Knex does not recurse), absolute, sorted. */
export async function migrationDirFiles(directories: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const dir of directories) {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }); // at once: see hashWithLocalImports
    } catch {
      continue; // a missing directory: the listing (empty) is part of the key
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isFile() || (e.isSymbolicLink() && statSync(full, { throwIfNoEntry: false })?.isFile())) out.push(full);
    }
  }
  return out.sort();
}

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb', 'tsconfig.json'];

/** Hash of the project's lockfile(s) and tsconfig: a dependency upgrade (knex, say) changes the key. */
export async function projectLockHash(root: string): Promise<string> {
  const parts = await Promise.all(
    LOCKFILES.map(async (f) => {
      try {
        return `${f}:${sha256(await fs.readFile(path.join(root, f)))}`;
      } catch {
        return `${f}:-`;
      }
    }),
  );
  return sha256(parts.join('\n'));
}

let toolMemo: string | undefined;
/** The file the build writes beside the compiled code, holding treeHash() of it (scripts/build.mjs). */
export const TOOL_HASH_FILE = '.tool-hash';

/**
 * The tool's identity: package.json version plus a hash of every file of its code (a local edit to
 * the tool, or an upgrade, invalidates every cached value). The build hashes dist/ once and writes
 * it to TOOL_HASH_FILE (reading ~600 files costs 40-90 ms on every run); src/ run through tsx (an
 * edited checkout) is hashed on each run.
 */
export function toolFingerprint(): string {
  if (toolMemo) return toolMemo;
  const codeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const pkg = JSON.parse(readFileSync(path.join(codeDir, '..', 'package.json'), 'utf8')) as { version: string };
  let built: string | undefined;
  try {
    built = readFileSync(path.join(codeDir, TOOL_HASH_FILE), 'utf8').trim() || undefined;
  } catch {
    // none (src/ through tsx): hashed below
  }
  toolMemo = `${pkg.version}+${built ?? treeHash(codeDir)}`;
  return toolMemo;
}

/** Use to fingerprint a tree of code (the build, for dist/): every file's path and content but TOOL_HASH_FILE's, 16 hex digits. */
export function treeHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (at: string) => {
    for (const e of readdirSync(at, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(at, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && full !== path.join(dir, TOOL_HASH_FILE)) h.update(path.relative(dir, full)).update('\0').update(readFileSync(full)).update('\0');
    }
  };
  walk(dir);
  return h.digest('hex').slice(0, 16);
}

/** Version of the embedded PostgreSQL binaries package (e.g. "18.4.0-beta.17"), without loading or starting anything. */
export const embeddedPgVersion = (): string => binariesVersion();

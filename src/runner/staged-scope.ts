// Hook mode's snapshot, scoped to what the check reads: the staged file list decides first (nothing
// staged, or nothing the check reads staged: no snapshot kept), and only the knexfile, the config,
// package.json and lockfiles, the model files, the migration folders and what these import are
// copied out of the index. A commit's cost then follows the project's schema code, not the size
// of the repository (a whole-index copy took seconds in a repository of a few thousand files).
//
// What the scope cannot follow falls back to the whole index, as before: an import that is neither
// relative, nor a built-in, nor an installed package (a tsconfig `paths` alias, a `#imports`
// subpath), a model glob outside the project, a knexfile migrationSource that names no files, or a
// config or knexfile that does not load from the scoped copy (the check then reports it as usual).
import { builtinModules } from 'node:module';
import { copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { CheckOptions } from '../check/check-project.ts';
import { loadConfig } from '../config/load.ts';
import type { ResolvedConfig } from '../config/types.ts';
import { cacheMessages } from '../messages/cache.ts';
import { loadMigrationSettings } from '../migrations/sql/settings.ts';
import { hasSources } from '../sources/index.ts';
import { migrationDirectories } from '../migrations/source.ts';
import { modelFileMatcher } from '../model-api/load.ts';
import { skipReason, type StagedFiles } from '../cache/staged.ts';
import { DATA_LITERAL } from '../cache/fingerprint.ts';
import { runGit } from './exec.ts';
import { linkOwnBuild, openSnapshot, type GrowingSnapshot, type StagedSnapshot } from './snapshot.ts';

const posix = path.posix;
/** Files of the project root the check (or its cache key) reads. */
const PROJECT_FILES = ['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb', 'tsconfig.json'];
const KNEXFILES = ['knexfile.ts', 'knexfile.mts', 'knexfile.js', 'knexfile.mjs', 'knexfile.cjs'];
// .sql: a migration of a SQL folder (config migrations.sql), deleted or renamed, changes what the migrations build.
const SOURCE = /\.(c|m)?(t|j)sx?$|\.json$|\.sql$/;
const EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs', '.json'];
/** Module specifiers of import/export/require/import() statements. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"\n]+)['"]/g;
/** A data-file name that matches more index files than this is too common to say which one is meant. */
const MAX_DATA_MATCHES = 20;

/** The staged changes, relative to the repository's top level. */
export interface StagedChanges {
  /** Added, copied, modified, renamed (new name), type-changed. */
  present: string[];
  /** Deleted, or the old name of a rename. */
  gone: string[];
}

/** Use to list the staged changes (`git diff --cached --name-status`): cheap, whatever the repository's size. */
export async function stagedChanges(topLevel: string): Promise<StagedChanges> {
  const r = await runGit(['diff', '--cached', '--name-status', '-z', '--no-renames'], { cwd: topLevel });
  if (!r.ok) throw new Error(r.output || r.shortMessage || 'git diff --cached failed');
  const fields = r.output.split('\0').filter((f) => f !== '');
  const out: StagedChanges = { present: [], gone: [] };
  for (let i = 0; i + 1 < fields.length; i += 2) (fields[i]!.startsWith('D') ? out.gone : out.present).push(fields[i + 1]!);
  return out;
}

/** The index's file list, with a by-name lookup for data-file literals. */
interface IndexList {
  files: Set<string>;
  byName: Map<string, string[]>;
}

async function listIndex(topLevel: string): Promise<IndexList> {
  const r = await runGit(['ls-files', '-z'], { cwd: topLevel });
  if (!r.ok) throw new Error(r.output || r.shortMessage || 'git ls-files failed');
  const files = new Set(r.output.split('\0').filter((f) => f !== ''));
  const byName = new Map<string, string[]>();
  for (const f of files) {
    const name = posix.basename(f);
    const list = byName.get(name);
    if (list) list.push(f);
    else byName.set(name, [f]);
  }
  return { files, byName };
}

/** Use to resolve a relative specifier against the index as tsx would on disk (./x, ./x.ts, ./x.js for x.ts, ./dir/index.ts). */
export function resolveInIndex(fromFile: string, spec: string, files: Set<string>): string | undefined {
  const base = posix.join(posix.dirname(fromFile), spec);
  if (base === '..' || base.startsWith('../')) return undefined;
  const candidates = [base, ...EXTENSIONS.map((e) => base + e)];
  const m = /\.(c|m)?js$/.exec(base);
  if (m) candidates.push(base.replace(/\.(c|m)?js$/, `.${m[1] ?? ''}ts`));
  candidates.push(...EXTENSIONS.map((e) => posix.join(base, `index${e}`)));
  return candidates.find((c) => files.has(c));
}

/** Use to tell a bare specifier the scope can leave to Node (a built-in, an installed package) from one it cannot follow. */
export function isPackageImport(spec: string, nodeModulesDirs: string[]): boolean {
  if (spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]!)) return true;
  const parts = spec.split('/');
  const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  if (!name || name.startsWith('#') || name.startsWith('~') || name === '@') return false;
  return nodeModulesDirs.some((d) => existsSync(path.join(d, name)));
}

/** What the scope copied, and whether it had to give up (the caller then copies the whole index). */
interface Scope {
  snapshot: GrowingSnapshot;
  index: IndexList;
  copied: Set<string>;
  nodeModulesDirs: string[];
  /** The project's tsconfig sets `paths` or `baseUrl`: a bare specifier no package answers may be a project file. */
  aliases: boolean;
}

class Unscopable extends Error {}

/** Copy `roots` (index paths) and, transitively, the project files they import and the data files they name. */
async function copyWithImports(scope: Scope, roots: string[]): Promise<void> {
  let queue = [...new Set(roots)].filter((f) => scope.index.files.has(f) && !scope.copied.has(f));
  while (queue.length) {
    await scope.snapshot.add(queue);
    for (const f of queue) scope.copied.add(f);
    const next = new Set<string>();
    for (const file of queue) {
      if (!SOURCE.test(file) || file.endsWith('.json') || file.endsWith('.sql')) continue;
      let text: string;
      try {
        text = readFileSync(path.join(scope.snapshot.dir, file), 'utf8');
      } catch {
        continue; // a symlink to nowhere, say: the check reports what it cannot load
      }
      for (const dep of dependencies(scope, file, text)) if (!scope.copied.has(dep)) next.add(dep);
    }
    queue = [...next];
  }
}

/** The index files `file` imports or names; throws Unscopable for an import only the whole tree can satisfy. */
function dependencies(scope: Scope, file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1]!;
    if (spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..') {
      const dep = resolveInIndex(file, spec, scope.index.files);
      if (dep) out.push(dep);
    } else if (!isPackageImport(spec, scope.nodeModulesDirs) && (spec.startsWith('#') || scope.aliases)) {
      // A subpath import or a tsconfig alias names a project file; any other bare specifier no
      // package answers is a type-only import (erased) or fails the same way on the whole tree.
      throw new Unscopable(`${file} imports ${spec}`);
    }
  }
  for (const m of text.matchAll(DATA_LITERAL)) {
    const literal = posix.normalize(m[1]!).replace(/^(\.\.\/)+/, '');
    const named = (scope.index.byName.get(posix.basename(literal)) ?? []).filter((f) => f === literal || f.endsWith(`/${literal}`));
    if (named.length <= MAX_DATA_MATCHES) out.push(...named);
  }
  return out;
}

/** Whether the project's tsconfig.json, or a local config it extends, sets `paths` or `baseUrl` (copied into the snapshot as it is read). */
async function tsconfigAliases(scope: Scope, projectRel: string): Promise<boolean> {
  let file: string | undefined = posix.join(projectRel, 'tsconfig.json');
  for (let depth = 0; file && depth < 10 && scope.index.files.has(file); depth++) {
    await scope.snapshot.add([file]);
    scope.copied.add(file);
    const text: string = readFileSync(path.join(scope.snapshot.dir, file), 'utf8');
    if (/"(paths|baseUrl)"\s*:/.test(text)) return true;
    const ext: string | undefined = /"extends"\s*:\s*"(\.{1,2}\/[^"]+)"/.exec(text)?.[1];
    file = ext ? posix.normalize(posix.join(posix.dirname(file), ext.endsWith('.json') ? ext : `${ext}.json`)) : undefined;
  }
  return false;
}

/** Every node_modules folder Node would look in from the project (the project's and its parents'). */
function nodeModulesDirs(projectRoot: string): string[] {
  const out: string[] = [];
  for (let dir = projectRoot; ; dir = path.dirname(dir)) {
    out.push(path.join(dir, 'node_modules'));
    if (path.dirname(dir) === dir) return out;
  }
}

export interface ScopedInput {
  /** The project root (the real one). */
  root: string;
  /** The config as loaded from the working tree. */
  config: ResolvedConfig;
  /** The check's options for the real project (paths are mapped into the snapshot by the caller). */
  base: Omit<CheckOptions, 'cwd' | 'full' | 'integration'>;
}

/** Where a path given for the real project (absolute, or relative to its root) is, relative to the top level; undefined outside the repository. */
function topRelative(p: string, root: string, projectRel: string): string | undefined {
  const rel = posix.join(projectRel, path.relative(root, path.resolve(root, p)).split(path.sep).join('/'));
  return rel === '..' || rel.startsWith('../') || path.isAbsolute(rel) ? undefined : rel;
}

/** The config, package.json files, lockfiles and knexfile candidates: what the check reads before it knows its models and migrations. */
function bootstrapFiles(input: ScopedInput, projectRel: string): string[] {
  const { root, config, base } = input;
  const at = (p: string | undefined) => (p === undefined ? undefined : topRelative(p, root, projectRel));
  const files = [...PROJECT_FILES, ...KNEXFILES].map((f) => posix.join(projectRel, f));
  for (let d = projectRel; d !== '.' && d !== ''; d = posix.dirname(d)) files.push(posix.join(posix.dirname(d), 'package.json'));
  const extra = [base.config, base.knexfile, config.knexfile, config.source && !config.source.startsWith('package.json') ? config.source : undefined];
  for (const p of extra) {
    const rel = at(p);
    if (rel) files.push(rel);
  }
  return files.map((f) => posix.normalize(f));
}

/** A config file that git does not track is still the user's config: bring it along (as the whole-index snapshot did). */
function copyUntrackedConfig(input: ScopedInput, snapshot: StagedSnapshot): void {
  const { root, config, base } = input;
  if (base.config !== undefined || !config.source || config.source.startsWith('package.json')) return;
  const real = path.resolve(root, config.source);
  const copy = path.join(snapshot.projectDir, config.source);
  if (existsSync(real) && !existsSync(copy)) {
    mkdirSync(path.dirname(copy), { recursive: true });
    copyFileSync(real, copy);
  }
}

/** Map a path given for the real project into the snapshot, when the snapshot has it. */
export function intoSnapshot(p: string | undefined, root: string, snapshot: StagedSnapshot): string | undefined {
  if (p === undefined) return undefined;
  const abs = path.isAbsolute(p) ? p : path.resolve(root, p);
  const rel = path.relative(root, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return abs;
  const inside = path.join(snapshot.projectDir, rel);
  return existsSync(inside) ? inside : abs;
}

/**
 * Fill `snapshot` with what the check reads: the bootstrap files, then the config and knexfile as
 * staged tell where the models and migrations are, and those come along with what they import.
 * Returns the index paths copied; throws Unscopable when only the whole index will do.
 */
async function fillScope(input: ScopedInput, snapshot: GrowingSnapshot): Promise<Set<string>> {
  const projectRel = path.relative(realpathSync(snapshot.topLevel), realpathSync(input.root)).split(path.sep).join('/');
  const scope: Scope = { snapshot, index: await listIndex(snapshot.topLevel), copied: new Set(), nodeModulesDirs: nodeModulesDirs(input.root), aliases: false };
  scope.aliases = await tsconfigAliases(scope, projectRel);
  await copyWithImports(scope, bootstrapFiles(input, projectRel));
  copyUntrackedConfig(input, snapshot);
  const { base } = input;
  let config: ResolvedConfig;
  let settings;
  try {
    const knexfile = intoSnapshot(base.knexfile, input.root, snapshot);
    config = await loadConfig({ root: snapshot.projectDir, configFile: intoSnapshot(base.config, input.root, snapshot), models: base.models, knexfile, databaseUrl: base.databaseUrl });
    settings = await loadMigrationSettings(config.root, config);
  } catch (error) {
    throw new Unscopable(`config or knexfile: ${error instanceof Error ? error.message : String(error)}`);
  }
  // `generated` commands run in a copy of the snapshot and may read any file of the project.
  if (config.generated.length > 0) throw new Unscopable('generated commands read the whole project');
  // The sources of `from` (src/sources/) read their own files (.d.ts included) and what those import.
  if (hasSources(config)) throw new Unscopable('model sources of `from`');
  const stagedRoot = posix.join(projectRel, path.relative(snapshot.projectDir, config.root).split(path.sep).join('/'));
  const isModel = modelFileMatcher(config.models);
  const dirs = await migrationDirectories(settings).catch(() => undefined);
  if (!isModel || !dirs) throw new Unscopable(!isModel ? 'a models glob outside the project' : 'a migrationSource that names no files');
  const dirPrefixes = dirs.map((d) => path.relative(snapshot.dir, d).split(path.sep).join('/') + '/');
  if (dirPrefixes.some((d) => d.startsWith('../'))) throw new Unscopable('a migrations directory outside the repository');
  const wanted: string[] = [];
  for (const f of scope.index.files) {
    const inRoot = stagedRoot === '' || stagedRoot === '.' ? f : f.startsWith(`${stagedRoot}/`) ? f.slice(stagedRoot.length + 1) : undefined;
    if ((inRoot !== undefined && isModel(inRoot)) || dirPrefixes.some((d) => f.startsWith(d))) wanted.push(f);
  }
  await copyWithImports(scope, wanted);
  return scope.copied;
}

/** What hook mode's check stage starts from: a snapshot to check, or why there is nothing to check. */
export type StagedCheck = { snapshot: StagedSnapshot; staged: StagedFiles; skip?: undefined } | { snapshot?: undefined; staged?: undefined; skip: string };

/** The staged changes with the present ones as paths in the snapshot at `dir` (what the skip and `generated` decisions read). */
const inSnapshot = (staged: StagedChanges, dir: string): StagedFiles => ({ present: staged.present.map((f) => path.join(dir, f)), gone: staged.gone });

/** Staged changes that can matter to a check whose scope copied `copied` (index paths). */
function touchesScope(staged: StagedChanges, copied: Set<string>): boolean {
  return staged.gone.some((f) => SOURCE.test(f)) || staged.present.some((f) => copied.has(f));
}

/**
 * Use in hook mode before anything touches the working tree or the index: decide from the staged
 * file list whether the check can be skipped, and snapshot only what it reads when it cannot.
 * `useCache` false (--no-cache) never skips.
 */
export async function prepareStagedCheck(input: ScopedInput & { useCache: boolean }): Promise<StagedCheck> {
  const snapshot = await openSnapshot(input.root);
  try {
    const staged = await stagedChanges(snapshot.topLevel);
    const skip = `skipped: ${cacheMessages.hookSkipped}`;
    if (input.useCache && staged.present.length === 0 && staged.gone.length === 0) {
      snapshot.remove();
      return { skip };
    }
    let copied: Set<string> | undefined;
    try {
      copied = await fillScope(input, snapshot);
    } catch (error) {
      if (!(error instanceof Unscopable)) throw error;
      await snapshot.addAll();
      copyUntrackedConfig(input, snapshot);
    }
    if (input.useCache) {
      const reason = copied ? (touchesScope(staged, copied) ? undefined : skip) : await wholeIndexSkipReason(input, snapshot, staged);
      if (reason) {
        snapshot.remove();
        return { skip: reason };
      }
    }
    linkOwnBuild(input.root, snapshot.projectDir);
    return { snapshot, staged: inSnapshot(staged, snapshot.dir) };
  } catch (error) {
    snapshot.remove();
    throw error;
  }
}

/** The skip decision on a whole-index snapshot (src/cache/staged.ts), or undefined on any doubt. */
async function wholeIndexSkipReason(input: ScopedInput, snapshot: StagedSnapshot, staged: StagedChanges): Promise<string | undefined> {
  try {
    const knexfile = intoSnapshot(input.base.knexfile, input.root, snapshot);
    return await skipReason({
      projectDir: snapshot.projectDir,
      config: input.config,
      staged: inSnapshot(staged, snapshot.dir),
      knexfile,
      explicitKnexfile: knexfile !== undefined || input.config.knexfileExplicit,
      configFile: intoSnapshot(input.base.config, input.root, snapshot),
    });
  } catch {
    return undefined;
  }
}

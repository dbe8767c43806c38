// Load every model file matched by the `models` globs. A file that throws or exports no model
// becomes an invalid-model finding naming the file; one bad file never hides the others.
import { isAbsolute, posix, relative } from 'node:path';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';
import type { Finding } from '../diff/findings.ts';
import { importUserFile } from '../util/import-user-file.ts';
import { UserExitError, UserTimeoutError } from '../util/user-code.ts';
import { isModel } from './define.ts';
import type { LoadedModel } from './types.ts';
import { modelFinding } from './validate.ts';
import { modelMessages as m } from '../messages/models.ts';
import { definitionSite } from './site.ts';
import { modelIdentity, restoreFile, storeFile, type StoredFile } from './stored.ts';

export interface LoadModelsResult {
  models: LoadedModel[];
  findings: Finding[];
  files: string[];
  /** Files (relative) that threw while loading: what they declare is unknown. */
  failed: string[];
}

const MODEL_IGNORE = ['**/node_modules/**', '**/*.d.ts', '**/*.d.mts'];

/** Use to find model files: the globs relative to the root, sorted, node_modules excluded. */
export async function findModelFiles(root: string, globs: string[]): Promise<string[]> {
  if (globs.length === 0) return []; // `models` is empty by default when `from` names other sources
  const files = await glob(globs, { cwd: root, absolute: true, ignore: MODEL_IGNORE });
  return files.sort();
}

/** A glob as tinyglobby reads it: a trailing `/` dropped, a directory expanded (`/**`), normalised. */
function asTinyglobby(pattern: string): string {
  let p = pattern.endsWith('/') ? pattern.slice(0, -1) : pattern;
  if (!p.endsWith('*')) p += '/**';
  return posix.normalize(p);
}

/**
 * Use to match paths (relative to the root, `/`-separated) as findModelFiles would find them,
 * without reading the disk (hook mode picks the staged model files from git's index list);
 * undefined when a glob reaches outside the root (absolute, or `..`): only the disk can answer.
 */
export function modelFileMatcher(globs: string[]): ((relPath: string) => boolean) | undefined {
  const match: string[] = [];
  const ignore = MODEL_IGNORE.map(asTinyglobby);
  for (const g of globs) {
    if (!g) continue;
    const negated = g[0] === '!' && g[1] !== '(';
    const p = asTinyglobby(negated ? g.slice(1) : g);
    if (isAbsolute(p) || p === '..' || p.startsWith('../')) return undefined;
    (negated ? ignore : match).push(p);
  }
  // The options tinyglobby gives picomatch by default.
  const options = { dot: false, posix: true };
  if (match.length === 0) return () => false;
  const isMatch = picomatch(match, options);
  const isIgnored = picomatch(ignore, options);
  return (rel) => isMatch(rel) && !isIgnored(rel);
}

const pascal = (s: string) => s.replace(/(^|[_\-\s.]+)(\w)/g, (_, __, c: string) => c.toUpperCase());

/** A cache of model files as loaded (src/check/loaded-cache.ts): a file it has is not imported again. */
export interface LoadCache {
  /** The stored load of `abs`, when the file and its local imports are unchanged since it was stored. */
  get(abs: string): Promise<StoredFile | undefined>;
  /** Keep the load of a file imported this run (the caller decides when to write it). */
  put(abs: string, stored: StoredFile): void;
}

/**
 * Use to load all models of a project; never throws for a user's file. A file that calls
 * process.exit() or takes longer than `timeoutS` seconds (migrationTimeout) to load is an
 * invalid-model finding like one that throws. With `cache`, a file it has is restored, not imported
 * (none is when no model file changed), with the same models and findings.
 */
export async function loadModels(root: string, globs: string[], options: { timeoutS?: number; files?: string[]; cache?: LoadCache } = {}): Promise<LoadModelsResult> {
  const files = options.files ?? (await findModelFiles(root, globs));
  const stored = await Promise.all(files.map((abs) => options.cache?.get(abs)));
  const models: LoadedModel[] = [];
  const findings: Finding[] = [];
  // One model is one model, however many files export it (a barrel index.ts that re-exports): it
  // belongs to the file that defines it, or else to the first file that exports it.
  const byIdentity = new Map<unknown, number>();
  const failed: string[] = [];
  for (const [i, abs] of files.entries()) {
    const file = relative(root, abs).split('\\').join('/');
    const got = stored[i] ? restoreFile(root, file, stored[i]) : await importModels(root, abs, file, options);
    findings.push(...got.findings);
    if (!got.models) {
      failed.push(file);
      continue;
    }
    for (const lm of got.models) {
      const id = modelIdentity(lm.model);
      const at = byIdentity.get(id);
      if (at === undefined) byIdentity.set(id, models.push(lm) - 1);
      else if (definitionSite(lm.model)?.file === abs) models[at] = lm;
    }
  }
  return { models, findings, files: files.map((f) => relative(root, f)), failed };
}

/** Import one model file: its models and findings (no models: it failed to load), kept in the cache when it can be. */
async function importModels(root: string, abs: string, file: string, options: { timeoutS?: number; cache?: LoadCache }): Promise<{ models?: LoadedModel[]; findings: Finding[] }> {
  let ns: Record<string, unknown>;
  try {
    ns = await importUserFile(abs, { kind: 'model', timeoutS: options.timeoutS });
  } catch (error) {
    return { findings: [modelFinding('invalid-model', { file, ...loadFailure(file, error) })] };
  }
  const models = modelsOf(ns, file);
  const findings = models.length === 0 ? [modelFinding('invalid-model', { file, message: m.noModel(file), hint: m.noModelHint })] : [];
  const keep = options.cache && storeFile(root, models, findings);
  if (keep) options.cache!.put(abs, keep);
  return { models, findings };
}

/** The models a file exports, each once (the same object under two export names is one model). */
function modelsOf(ns: Record<string, unknown>, file: string): LoadedModel[] {
  const found: LoadedModel[] = [];
  const seen = new Set<unknown>();
  const entries = Object.entries(ns);
  // CommonJS: module.exports = { A, B } arrives as default.
  if (ns.default && typeof ns.default === 'object' && !isModel(ns.default)) entries.push(...Object.entries(ns.default as object));
  for (const [exportName, value] of entries) {
    if (!isModel(value) || seen.has(value)) continue;
    seen.add(value);
    const name = value.name ?? (exportName === 'default' ? pascal(value.table) : exportName);
    found.push({ name, file, exportName, model: value });
  }
  return found;
}

/** The message and hint of a model file that did not load. */
function loadFailure(file: string, error: unknown): { message: string; hint: string } {
  if (error instanceof UserExitError) return { message: m.exitCalled(file, error.call), hint: m.exitCalledHint };
  if (error instanceof UserTimeoutError) return { message: m.loadTimedOut(file, error.seconds), hint: m.loadTimedOutHint };
  return { message: m.loadFailed(file, describeLoadError(error)), hint: m.loadFailedHint };
}

/** Use for a user file that failed to import: the reason in a few lines (esbuild syntax errors with their locations). */
export function describeLoadError(error: unknown): string {
  const e = error as Error & { errors?: Array<{ text: string; location?: { line: number; column: number } }> };
  // esbuild (through tsx) reports syntax errors with locations.
  if (Array.isArray(e?.errors) && e.errors.length) {
    return e.errors.map((x) => (x.location ? `${x.text} (line ${x.location.line}:${x.location.column})` : x.text)).join('; ');
  }
  const lines = (e?.message ?? String(error)).split('\n').filter((l) => l.trim());
  return lines.slice(0, 3).join(' ').slice(0, 500);
}

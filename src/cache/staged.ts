// Hook mode's fast path: a commit that stages no file the check reads cannot introduce drift, so the
// check stage is skipped (in a few tens of ms instead of starting PostgreSQL).
//
// The files the check reads, seen in the staged snapshot: the model files matched by the globs, the
// files in the migration directories, the knexfile, the config file, every project file any of these
// imports through a relative path (a shared enum module, a migration helper), package.json, the
// lockfiles and tsconfig.json, and the files `generated` lists. A staged deletion of a source file is always treated as relevant (it
// may have been a model; its name can no longer be matched against what the snapshot imports).
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.ts';
import { loadKnexfile } from '../migrations/knexfile.ts';
import { migrationDirectories } from '../migrations/source.ts';
import { findModelFiles } from '../model-api/load.ts';
import { runGit } from '../runner/exec.ts';
import { cacheMessages } from '../messages/cache.ts';
import { hashWithLocalImports, migrationDirFiles } from './fingerprint.ts';
import { generatedMatcher } from '../generated/match.ts';

const PROJECT_FILES = ['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb', 'tsconfig.json'];
const SOURCE = /\.(c|m)?(t|j)sx?$|\.json$/;

export interface StagedFiles {
  /** Added, copied, modified, renamed (new name), type-changed: absolute paths in the snapshot. */
  present: string[];
  /** Deleted, or the old name of a rename: paths relative to the repository's top level. */
  gone: string[];
}

/** The staged changes (`git diff --cached --name-status`), mapped into the snapshot at `snapshotDir`. */
export async function stagedFiles(topLevel: string, snapshotDir: string): Promise<StagedFiles> {
  const r = await runGit(['diff', '--cached', '--name-status', '-z', '--no-renames'], { cwd: topLevel });
  if (!r.ok) throw new Error(r.output || r.shortMessage || 'git diff --cached failed');
  const fields = r.output.split('\0').filter((f) => f !== '');
  const present: string[] = [];
  const gone: string[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const status = fields[i]!;
    const file = fields[i + 1]!;
    if (status.startsWith('D')) gone.push(file);
    else present.push(path.join(snapshotDir, file));
  }
  return { present, gone };
}

/**
 * Why the check can be skipped for these staged files, or undefined when it must run. `projectDir` is
 * the project root inside the snapshot; `knexfile` / `configFile` are the paths the check will use.
 */
export async function skipReason(input: {
  projectDir: string;
  config: ResolvedConfig;
  staged: StagedFiles;
  knexfile?: string;
  explicitKnexfile: boolean;
  configFile?: string;
}): Promise<string | undefined> {
  const { projectDir, config, staged } = input;
  if (staged.gone.some((f) => SOURCE.test(f))) return undefined;
  if (staged.present.length === 0 && staged.gone.length === 0) return `skipped: ${cacheMessages.hookSkipped}`;
  // A staged file of `generated` (a hand edit of generated types, say) is compared with what its command writes.
  const isGenerated = generatedMatcher(config);
  if (staged.present.some((f) => isGenerated(path.relative(projectDir, f)))) return undefined;
  let settings;
  try {
    settings = await loadKnexfile(projectDir, input.knexfile ?? config.knexfile, input.explicitKnexfile);
  } catch {
    return undefined; // the check reports the broken knexfile
  }
  // A knexfile migrationSource whose items name no file: any staged source file may be a migration.
  const dirs = await migrationDirectories(settings).catch(() => undefined);
  if (!dirs && staged.present.some((f) => SOURCE.test(f))) return undefined;
  const migrationDirs = (dirs ?? []).map((d) => d + path.sep);
  const configFile = input.configFile ?? (config.source && !config.source.startsWith('package.json') ? path.resolve(projectDir, config.source) : undefined);
  const [models, migrations] = await Promise.all([findModelFiles(projectDir, config.models), migrationDirFiles(dirs ?? [])]);
  const roots = [...models, ...migrations, path.resolve(projectDir, settings.knexfile), ...(configFile ? [configFile] : [])];
  const closure = new Set((await hashWithLocalImports(projectDir, roots)).map(([rel]) => path.resolve(projectDir, rel)));
  for (const f of PROJECT_FILES) closure.add(path.join(projectDir, f));
  for (const file of staged.present) {
    if (closure.has(file) || migrationDirs.some((d) => file.startsWith(d))) return undefined;
  }
  return `skipped: ${cacheMessages.hookSkipped}`;
}

/** Hook mode: the skip reason for the staged snapshot, or undefined when the check must run (or on any doubt). */
export async function hookSkipReason(input: {
  topLevel: string;
  snapshotDir: string;
  projectDir: string;
  config: ResolvedConfig;
  knexfile?: string;
  configFile?: string;
}): Promise<string | undefined> {
  try {
    const staged = await stagedFiles(input.topLevel, input.snapshotDir);
    return await skipReason({
      projectDir: input.projectDir,
      config: input.config,
      staged,
      knexfile: input.knexfile,
      explicitKnexfile: input.knexfile !== undefined || input.config.knexfileExplicit,
      configFile: input.configFile,
    });
  } catch {
    return undefined;
  }
}

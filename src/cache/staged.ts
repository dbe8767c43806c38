// Hook mode's fast path on a whole-index snapshot (what src/runner/staged-scope.ts falls back to when
// it cannot scope the copy): a commit that stages no file the check reads cannot introduce drift.
//
// The files the check reads, seen in the staged snapshot: the model files matched by the globs, the
// files in the migration directories, the knexfile, the config file, every project file any of these
// imports through a relative path (a shared enum module, a migration helper), package.json, the
// lockfiles and tsconfig.json, and the files `generated` lists. A staged deletion of a source file is always treated as relevant (it
// may have been a model; its name can no longer be matched against what the snapshot imports).
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.ts';
import { loadMigrationSettings } from '../migrations/sql/settings.ts';
import { migrationDirectories } from '../migrations/source.ts';
import { findModelFiles } from '../model-api/load.ts';
import { findSourceFiles } from '../sources/index.ts';
import { cacheMessages } from '../messages/cache.ts';
import { hashWithLocalImports, migrationDirFiles } from './fingerprint.ts';
import { generatedMatcher } from '../generated/match.ts';

const PROJECT_FILES = ['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb', 'tsconfig.json'];
// .sql: a migration of a SQL folder (config migrations.sql), deleted or renamed, changes what the migrations build.
const SOURCE = /\.(c|m)?(t|j)sx?$|\.json$|\.sql$/;

export interface StagedFiles {
  /** Added, copied, modified, renamed (new name), type-changed: absolute paths in the snapshot. */
  present: string[];
  /** Deleted, or the old name of a rename: paths relative to the repository's top level. */
  gone: string[];
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
    settings = await loadMigrationSettings(projectDir, config, input.knexfile ?? config.knexfile, input.explicitKnexfile);
  } catch {
    return undefined; // the check reports the broken knexfile
  }
  // A knexfile migrationSource whose items name no file: any staged source file may be a migration.
  const dirs = await migrationDirectories(settings).catch(() => undefined);
  if (!dirs && staged.present.some((f) => SOURCE.test(f))) return undefined;
  const migrationDirs = (dirs ?? []).map((d) => d + path.sep);
  const configFile = input.configFile ?? (config.source && !config.source.startsWith('package.json') ? path.resolve(projectDir, config.source) : undefined);
  const [models, sources, migrations] = await Promise.all([findModelFiles(projectDir, config.models), findSourceFiles({ ...config, root: projectDir }).catch(() => undefined), migrationDirFiles(dirs ?? [])]);
  if (!sources) return undefined; // the check reports a source that matches nothing
  models.push(...sources);
  const roots = [...models, ...migrations, path.resolve(projectDir, settings.knexfile), ...(configFile ? [configFile] : [])];
  const closure = new Set((await hashWithLocalImports(projectDir, roots)).map(([rel]) => path.resolve(projectDir, rel)));
  for (const f of PROJECT_FILES) closure.add(path.join(projectDir, f));
  for (const file of staged.present) {
    if (closure.has(file) || migrationDirs.some((d) => file.startsWith(d))) return undefined;
  }
  return `skipped: ${cacheMessages.hookSkipped}`;
}

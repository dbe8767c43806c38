// When hook mode runs the commands of `generated` (they are costly: a copy of the project and a
// generator each): only when the commit stages something that can change what they write or what
// they are compared with: a migration, the knexfile, the config file, or one of the generated files.
// --full, --ci and `check` always run them.
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.ts';
import type { StagedFiles } from '../cache/staged.ts';
import { loadMigrationSettings } from '../migrations/sql/settings.ts';
import { migrationDirectories } from '../migrations/source.ts';
import { generatedMatcher } from './match.ts';

/** The staged paths (present and gone) relative to the project root; paths outside it are left out. */
function projectPaths(staged: StagedFiles, snapshotDir: string, projectDir: string): { rel: string; abs: string }[] {
  const abs = [...staged.present, ...staged.gone.map((g) => path.join(snapshotDir, g))];
  return abs.map((a) => ({ abs: a, rel: path.relative(projectDir, a) })).filter((p) => !p.rel.startsWith('..') && !path.isAbsolute(p.rel));
}

/** Whether these staged changes call for the commands of `generated` (see the top of this file). */
export async function stagedCallsForGenerated(input: {
  projectDir: string;
  snapshotDir: string;
  config: ResolvedConfig;
  staged: StagedFiles;
  knexfile?: string;
  configFile?: string;
}): Promise<boolean> {
  const { config, projectDir } = input;
  if (config.generated.length === 0) return false;
  const paths = projectPaths(input.staged, input.snapshotDir, projectDir);
  const isGenerated = generatedMatcher(config);
  if (paths.some((p) => isGenerated(p.rel))) return true;
  const settings = await loadMigrationSettings(projectDir, config, input.knexfile ?? config.knexfile, input.knexfile !== undefined || config.knexfileExplicit);
  const dirs = await migrationDirectories(settings);
  if (!dirs) return true; // a migrationSource whose items name no file: any file may be a migration
  const configFile = input.configFile ?? (config.source && !config.source.startsWith('package.json') ? path.resolve(projectDir, config.source) : path.join(projectDir, 'package.json'));
  const exact = new Set([path.resolve(projectDir, settings.knexfile), configFile]);
  return paths.some((p) => exact.has(p.abs) || dirs.some((d) => p.abs.startsWith(d + path.sep)));
}

/** Hook mode: whether to run the commands of `generated` for what is staged (as the snapshot listed it); true on any doubt (the knexfile failing). */
export async function hookRunsGenerated(input: { staged: StagedFiles; snapshotDir: string; projectDir: string; config: ResolvedConfig; knexfile?: string; configFile?: string }): Promise<boolean> {
  if (input.config.generated.length === 0) return false;
  try {
    return await stagedCallsForGenerated(input);
  } catch {
    return true;
  }
}

// What `init` learns from a project before writing anything: its tools, folders and existing configs. Pure reads.
import { detectSqlFormat, type SqlFormat } from '../migrations/sql/formats.ts';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defaultUnitCommand } from '../config/defaults.ts';

/** The parts of package.json that init reads. */
export interface PackageJson {
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  'lint-staged'?: unknown;
  preCommitCheck?: unknown;
  [key: string]: unknown;
}

/** The linters and formatters init knows how to wire into lint-staged. */
export type Tool = 'eslint' | 'prettier' | 'biome';

/** Where pre-commit-check reads its config from (contract section 2), in order. */
export const CONFIG_FILES = [
  'pre-commit-check.config.ts',
  'pre-commit-check.config.mts',
  'pre-commit-check.config.js',
  'pre-commit-check.config.mjs',
  'pre-commit-check.config.cjs',
  'pre-commit-check.config.json',
] as const;

/** lint-staged's own configuration files (lint-staged 16's list, package.json aside). */
export const LINT_STAGED_FILES = [
  'package.yaml',
  'package.yml',
  '.lintstagedrc',
  '.lintstagedrc.json',
  '.lintstagedrc.yaml',
  '.lintstagedrc.yml',
  '.lintstagedrc.mjs',
  '.lintstagedrc.mts',
  '.lintstagedrc.js',
  '.lintstagedrc.ts',
  '.lintstagedrc.cjs',
  '.lintstagedrc.cts',
  'lint-staged.config.mjs',
  'lint-staged.config.mts',
  'lint-staged.config.js',
  'lint-staged.config.ts',
  'lint-staged.config.cjs',
  'lint-staged.config.cts',
] as const;

/** Folders that usually hold models, most specific first. */
export const MODEL_DIRS = ['src/db/models', 'src/models', 'app/models', 'models'] as const;

/** Knexfile names, in the order init prefers them. */
export const KNEXFILES = ['knexfile.ts', 'knexfile.mts', 'knexfile.js', 'knexfile.mjs', 'knexfile.cjs'] as const;

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();

/** Use to tell whether a package is a (dev) dependency of the project. */
export const hasDependency = (pkg: PackageJson, name: string): boolean =>
  Boolean(pkg.dependencies?.[name] ?? pkg.devDependencies?.[name]);

/** The linters/formatters the project already depends on, in the order their commands should run. */
export function detectTools(pkg: PackageJson): Tool[] {
  const tools: Tool[] = [];
  if (hasDependency(pkg, 'eslint')) tools.push('eslint');
  if (hasDependency(pkg, '@biomejs/biome')) tools.push('biome');
  if (hasDependency(pkg, 'prettier')) tools.push('prettier');
  return tools;
}

/** Where lint-staged is configured already ('package.json' or a file name), or null. */
export function findLintStagedConfig(root: string, pkg: PackageJson): string | null {
  if (pkg['lint-staged'] !== undefined) return 'package.json "lint-staged"';
  return LINT_STAGED_FILES.find((f) => f.startsWith('package.') ? false : existsSync(join(root, f))) ?? null;
}

/** Where pre-commit-check is configured already, or null. */
export function findPccConfig(root: string, pkg: PackageJson): string | null {
  const file = CONFIG_FILES.find((f) => existsSync(join(root, f)));
  if (file) return file;
  if (pkg.preCommitCheck !== undefined) return 'package.json "preCommitCheck"';
  return null;
}

/** The first existing models folder, or null. */
export function detectModelsDir(root: string): string | null {
  return MODEL_DIRS.find((d) => isDir(join(root, d))) ?? null;
}

/** The first existing knexfile, or null. */
export function detectKnexfile(root: string): string | null {
  return KNEXFILES.find((f) => existsSync(join(root, f))) ?? null;
}

/** Where drizzle-kit, Prisma and dbmate keep their SQL migrations by default, then the usual names of a plain folder. */
export const SQL_MIGRATION_DIRS = ['drizzle', 'src/db/migrations', 'prisma/migrations', 'db/migrations', 'migrations', 'sql'] as const;

/** The first folder of SQL migrations (one whose format src/migrations/sql/ can tell), or null. */
export function detectSqlMigrations(root: string): { sql: string; format: SqlFormat } | null {
  for (const sql of SQL_MIGRATION_DIRS) {
    const format = isDir(join(root, sql)) ? detectSqlFormat(join(root, sql)) : undefined;
    if (format) return { sql, format };
  }
  return null;
}

/** The unit-test command to put in the config: the one used when a config names none (config/defaults.ts). */
export function detectUnitCommand(pkg: PackageJson): string | false {
  return defaultUnitCommand(pkg).command;
}

/** Static commands for --full: the type check when the project uses TypeScript. */
export function detectStaticCommands(root: string, pkg: PackageJson): string[] {
  return hasDependency(pkg, 'typescript') || existsSync(join(root, 'tsconfig.json')) ? ['tsc --noEmit'] : [];
}

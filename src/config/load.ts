// Find, load and validate the configuration (contract section 2). The config file is searched in the
// starting directory and then each parent, like ESLint and lint-staged do (lilconfig: the same
// search places, package.json property and loaders as cosmiconfig, with no dependency of its own);
// the directory where it is found is the project root, so a command run from a subfolder sees the
// project as from its root (the models globs, the knexfile, the caches).
import { existsSync, readFileSync } from 'node:fs';
import { registerSecret } from '../util/secrets.ts';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { lilconfig, type LilconfigResult } from 'lilconfig';
import { PccError } from '../errors.ts';
import { configMessages as m } from '../messages/config.ts';
import { defaultExport, importUserFile } from '../util/import-user-file.ts';
import { defaultUnitCommand, type PackageScripts } from './defaults.ts';
import { UserExitError } from '../util/user-code.ts';
import { DEFAULT_CONFIG, type ResolvedConfig, type UserConfig } from './types.ts';
import { validate } from './validate.ts';

export { validate } from './validate.ts';

/** Config file names looked for in each directory, in this order (package.json "preCommitCheck" after them). */
export const CONFIG_FILES = ['ts', 'mts', 'js', 'mjs', 'cjs', 'json'].map((ext) => `pre-commit-check.config.${ext}`);

/** The package.json key that holds a config. */
export const PACKAGE_PROP = 'preCommitCheck';

export interface LoadConfigOptions {
  /** Where the search starts (--cwd, default the current directory). */
  root: string;
  /** --config FILE (relative to `root`): no search; the project root is then the nearest package.json's directory. */
  configFile?: string;
  /** CLI overrides */
  models?: string[];
  knexfile?: string;
  databaseUrl?: string;
}

/**
 * Where upward searches stop: never above the first folder inside a node_modules (a package there,
 * or the staged snapshot under node_modules/.cache, is a project of its own), else at the file system's root.
 */
export function searchStop(start: string): string | undefined {
  const parts = start.split(sep);
  const i = parts.lastIndexOf('node_modules');
  return i >= 0 && i < parts.length - 1 ? parts.slice(0, i + 2).join(sep) : undefined;
}

/** Use to find the project root without a config: the nearest directory with a package.json, else null. */
export function nearestPackageDir(start: string): string | null {
  const stop = searchStop(start);
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dir === stop || dirname(dir) === dir) return null;
  }
}

/** Loaders: the config's own file types through the TypeScript-aware importer, JSON with our message. */
function loaders(reportFrom: string) {
  const load = async (file: string) => {
    try {
      return defaultExport(await importUserFile(file, { kind: 'config' }));
    } catch (error) {
      throw new PccError('CONFIG_INVALID', m.configLoadFailed(relative(reportFrom, file) || file, firstLine(error)), { hint: error instanceof UserExitError ? m.configExitHint : m.configLoadFailedHint, cause: error });
    }
  };
  const json = (file: string, content: string) => {
    try {
      return JSON.parse(content);
    } catch (error) {
      throw new PccError('CONFIG_INVALID', m.configLoadFailed(relative(reportFrom, file) || file, firstLine(error)), { cause: error });
    }
  };
  return { '.ts': load, '.mts': load, '.js': load, '.mjs': load, '.cjs': load, '.json': json };
}

/** The config found by searching upward from `start`, or null. */
async function searchConfig(start: string): Promise<LilconfigResult> {
  const stopDir = searchStop(start);
  const explorer = lilconfig('pre-commit-check', {
    searchPlaces: [...CONFIG_FILES, 'package.json'],
    packageProp: PACKAGE_PROP,
    loaders: loaders(start),
    // An empty config file is a mistake to report, not a reason to keep looking further up.
    ignoreEmptySearchPlaces: false,
    cache: false,
    ...(stopDir ? { stopDir } : {}),
  });
  return explorer.search(start);
}

/** The raw config, where it came from, and the project root it sets. */
async function locate(start: string, configFile: string | undefined): Promise<{ raw: unknown; root: string; source: string | null }> {
  if (configFile) {
    const file = resolve(start, configFile);
    if (!existsSync(file)) throw new PccError('CONFIG_NOT_FOUND', m.configMissing(configFile), { hint: m.configMissingHint });
    const root = nearestPackageDir(start) ?? start;
    const found = await lilconfig('pre-commit-check', { packageProp: PACKAGE_PROP, loaders: loaders(start), ignoreEmptySearchPlaces: false, cache: false }).load(file);
    return { raw: found?.config, root, source: relative(root, file) + (basename(file) === 'package.json' ? `#${PACKAGE_PROP}` : '') };
  }
  const found = await searchConfig(start);
  if (!found) return { raw: {}, root: nearestPackageDir(start) ?? start, source: null };
  const root = dirname(found.filepath);
  const name = basename(found.filepath);
  return { raw: found.config, root, source: name === 'package.json' ? `package.json#${PACKAGE_PROP}` : name };
}

function readPackageJson(root: string): PackageScripts | null {
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as unknown;
    return pkg && typeof pkg === 'object' ? (pkg as PackageScripts) : null;
  } catch {
    return null;
  }
}

/** Use at the start of every command: returns the resolved config or throws PccError (exit 2). */
export async function loadConfig(options: LoadConfigOptions): Promise<ResolvedConfig> {
  const start = resolve(options.root);
  if (!existsSync(start)) throw new PccError('USAGE', m.rootMissing(start), { hint: m.rootMissingHint });
  const { raw, root, source } = await locate(start, options.configFile);
  const config: UserConfig = validate(raw, source ?? 'defaults');
  const unit = config.stages?.unit !== undefined ? { command: config.stages.unit, source: undefined } : defaultUnitCommand(readPackageJson(root));
  const resolved: ResolvedConfig = {
    root,
    source,
    // With other sources named, the default models glob would load their files as ours.
    models: config.models ?? (config.from && Object.keys(config.from).length > 0 ? [] : DEFAULT_CONFIG.models),
    from: config.from ?? DEFAULT_CONFIG.from,
    knexfile: config.knexfile ?? DEFAULT_CONFIG.knexfile,
    knexfileExplicit: config.knexfile !== undefined || options.knexfile !== undefined,
    // --knexfile on the command line names the migrations to use: it wins over migrations.sql.
    ...(config.migrations && !options.knexfile ? { migrations: config.migrations } : {}),
    database: config.database ?? DEFAULT_CONFIG.database,
    ignore: { tables: config.ignore?.tables ?? [] },
    rules: config.rules ?? {},
    migrationTimeout: config.migrationTimeout ?? DEFAULT_CONFIG.migrationTimeout,
    generated: config.generated ?? DEFAULT_CONFIG.generated,
    conventions: config.conventions ?? DEFAULT_CONFIG.conventions,
    stages: {
      static: config.stages?.static ?? DEFAULT_CONFIG.stages.static,
      unit: unit.command,
      integration: config.stages?.integration ?? DEFAULT_CONFIG.stages.integration,
    },
    ...(unit.source ? { unitSource: unit.source } : {}),
  };
  if (options.models && options.models.length > 0) resolved.models = options.models;
  // --knexfile is relative to where the command runs, like --config; the config's knexfile to the root.
  if (options.knexfile) resolved.knexfile = relative(root, resolve(start, options.knexfile)) || options.knexfile;
  if (options.databaseUrl) resolved.database = { url: options.databaseUrl };
  if (typeof config.database === 'object') registerSecret(config.database.url); // never printed, wherever it shows up
  return resolved;
}

const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!;

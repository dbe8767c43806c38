// Find, load and validate the configuration (contract section 2); reports every problem at once.
import { existsSync, readFileSync } from 'node:fs';
import { registerSecret } from '../util/secrets.ts';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { PccError } from '../errors.ts';
import { FINDING_CODES } from '../diff/findings.ts';
import { configMessages as m } from '../messages/config.ts';
import { defaultExport, importUserFile } from '../util/import-user-file.ts';
import { DEFAULT_CONFIG, type ResolvedConfig, type UserConfig } from './types.ts';

/** Config file names looked for at the project root, in this order. */
export const CONFIG_FILES = ['ts', 'mts', 'js', 'mjs', 'cjs', 'json'].map((ext) => `pre-commit-check.config.${ext}`);

export interface LoadConfigOptions {
  root: string;
  /** --config FILE */
  configFile?: string;
  /** CLI overrides */
  models?: string[];
  knexfile?: string;
  databaseUrl?: string;
}

/** Use at the start of every command: returns the resolved config or throws PccError (exit 2). */
export async function loadConfig(options: LoadConfigOptions): Promise<ResolvedConfig> {
  const root = resolve(options.root);
  if (!existsSync(root)) throw new PccError('USAGE', m.rootMissing(root), { hint: m.rootMissingHint });
  let raw: unknown = {};
  let source: string | null = null;
  if (options.configFile) {
    const file = isAbsolute(options.configFile) ? options.configFile : resolve(root, options.configFile);
    if (!existsSync(file)) throw new PccError('CONFIG_NOT_FOUND', m.configMissing(options.configFile), { hint: m.configMissingHint });
    raw = await readConfigFile(file, root);
    source = relative(root, file);
  } else {
    const found = CONFIG_FILES.map((f) => join(root, f)).find((f) => existsSync(f));
    if (found) {
      raw = await readConfigFile(found, root);
      source = relative(root, found);
    } else {
      const pkgFile = join(root, 'package.json');
      if (existsSync(pkgFile)) {
        const pkg = parseJson(pkgFile, root) as Record<string, unknown>;
        if (pkg && typeof pkg === 'object' && 'preCommitCheck' in pkg) {
          raw = pkg.preCommitCheck;
          source = 'package.json#preCommitCheck';
        }
      }
    }
  }
  const config = validate(raw, source ?? 'defaults');
  const resolved: ResolvedConfig = {
    root,
    source,
    models: config.models ?? DEFAULT_CONFIG.models,
    knexfile: config.knexfile ?? DEFAULT_CONFIG.knexfile,
    knexfileExplicit: config.knexfile !== undefined || options.knexfile !== undefined,
    database: config.database ?? DEFAULT_CONFIG.database,
    ignore: { tables: config.ignore?.tables ?? [] },
    rules: config.rules ?? {},
    stages: {
      static: config.stages?.static ?? DEFAULT_CONFIG.stages.static,
      unit: config.stages?.unit ?? DEFAULT_CONFIG.stages.unit,
      integration: config.stages?.integration ?? DEFAULT_CONFIG.stages.integration,
    },
  };
  if (options.models && options.models.length > 0) resolved.models = options.models;
  if (options.knexfile) resolved.knexfile = options.knexfile;
  if (options.databaseUrl) resolved.database = { url: options.databaseUrl };
  if (typeof config.database === 'object') registerSecret(config.database.url); // never printed, wherever it shows up
  return resolved;
}

async function readConfigFile(file: string, root: string): Promise<unknown> {
  if (file.endsWith('.json')) return parseJson(file, root);
  try {
    return defaultExport(await importUserFile(file));
  } catch (error) {
    throw new PccError('CONFIG_INVALID', m.configLoadFailed(relative(root, file), firstLine(error)), {
      hint: m.configLoadFailedHint,
      cause: error,
    });
  }
}

function parseJson(file: string, root: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PccError('CONFIG_INVALID', m.configLoadFailed(relative(root, file), firstLine(error)), { cause: error });
  }
}

const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!;

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Use to validate a raw config value: throws one CONFIG_INVALID listing every problem. */
export function validate(raw: unknown, source: string): UserConfig {
  const problems: string[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new PccError('CONFIG_INVALID', m.configInvalid(source, ['the config must be an object']), { hint: m.configInvalidHint });
  }
  const c = raw as Record<string, unknown>;
  const known = ['models', 'knexfile', 'database', 'ignore', 'rules', 'stages'];
  for (const key of Object.keys(c)) if (!known.includes(key)) problems.push(`unknown key '${key}' (known: ${known.join(', ')})`);
  if (c.models !== undefined && !(isStringArray(c.models) && c.models.length > 0)) problems.push("'models' must be a non-empty array of globs");
  if (c.knexfile !== undefined && typeof c.knexfile !== 'string') problems.push("'knexfile' must be a path");
  if (c.database !== undefined && c.database !== 'embedded') {
    const d = c.database as { url?: unknown };
    if (!d || typeof d !== 'object' || typeof d.url !== 'string' || !/^postgres(ql)?:\/\//.test(d.url)) {
      problems.push("'database' must be 'embedded' or { url: 'postgres://…' }");
    }
  }
  if (c.ignore !== undefined) {
    const i = c.ignore as { tables?: unknown };
    if (!i || typeof i !== 'object' || (i.tables !== undefined && !isStringArray(i.tables))) problems.push("'ignore.tables' must be an array of globs");
  }
  if (c.rules !== undefined) {
    if (!c.rules || typeof c.rules !== 'object') problems.push("'rules' must map finding codes to 'error' | 'warn' | 'off'");
    else
      for (const [code, level] of Object.entries(c.rules)) {
        if (!(FINDING_CODES as readonly string[]).includes(code)) problems.push(`rules: unknown finding code '${code}'`);
        if (!['error', 'warn', 'warning', 'off'].includes(level as string)) problems.push(`rules.${code}: '${String(level)}' is not 'error', 'warn' or 'off'`);
      }
  }
  if (c.stages !== undefined) {
    const s = c.stages as Record<string, unknown>;
    if (!s || typeof s !== 'object') problems.push("'stages' must be an object");
    else {
      if (s.static !== undefined && !isStringArray(s.static)) problems.push("'stages.static' must be an array of commands");
      for (const k of ['unit', 'integration'])
        if (s[k] !== undefined && s[k] !== false && typeof s[k] !== 'string') problems.push(`'stages.${k}' must be a command or false`);
    }
  }
  if (problems.length) throw new PccError('CONFIG_INVALID', m.configInvalid(source, problems), { hint: m.configInvalidHint });
  return c as UserConfig;
}

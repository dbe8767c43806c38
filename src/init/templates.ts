// The text `init` writes: the lint-staged entry, the config file, the hook. Pure functions.
import type { ModelSources } from '../config/types.ts';
import { jsString } from '../util/escape.ts';
import type { Tool } from './detect.ts';

/** Files ESLint lints. */
export const JS_GLOB = '*.{js,jsx,ts,tsx,mjs,cjs}';
/** Everything else (picomatch extglob, as lint-staged matches it). */
export const NON_JS_GLOB = `!(${JS_GLOB})`;

const COMMANDS: Record<Tool, string> = {
  eslint: 'eslint --fix',
  biome: 'biome check --write --no-errors-on-unmatched',
  prettier: 'prettier --write --ignore-unknown',
};

/**
 * The lint-staged entry for the detected tools, or null for none. Globs never overlap, because
 * lint-staged runs different globs concurrently and two tools rewriting one file would race: the
 * JavaScript/TypeScript files get every tool in order (fix, then format), other files the formatter.
 */
export function lintStagedEntry(tools: Tool[]): Record<string, string | string[]> | null {
  if (tools.length === 0) return null;
  if (tools.length === 1 && tools[0] !== 'eslint') {
    // One formatter alone takes every file it understands.
    return { '*': tools[0] === 'biome' ? `${COMMANDS.biome} --files-ignore-unknown=true` : COMMANDS.prettier };
  }
  const js = tools.map((t) => (t === 'prettier' ? 'prettier --write' : COMMANDS[t]));
  const entry: Record<string, string | string[]> = { [JS_GLOB]: js.length === 1 ? js[0]! : js };
  if (tools.includes('prettier')) entry[NON_JS_GLOB] = COMMANDS.prettier;
  else if (tools.includes('biome')) entry[NON_JS_GLOB] = `${COMMANDS.biome} --files-ignore-unknown=true`;
  return entry;
}

/**
 * What the hook file says (husky 9 style: plain shell, and a cd for a project in a subfolder): the
 * project's own binary when installed, else npx (a workspace that hoists it elsewhere); npx alone
 * would add ~0.6 s of its own start-up to every commit. `--hook`: hook mode even when CI is set, so
 * a bot's `git commit` runs the hook's checks, not the whole --ci pipeline.
 */
export function hookScript(subdir: string, flag = ' --hook'): string {
  const run = `${HOOK_COMMENT}\nif [ -x node_modules/.bin/pre-commit-check ]; then node_modules/.bin/pre-commit-check${flag}; else npx pre-commit-check${flag}; fi\n`;
  return subdir ? `cd ${shellQuote(subdir)}\n${run}` : run;
}

/** The hook earlier versions of init wrote (no --hook): replaced by the current one, as init's own file. */
export const legacyHookScript = (subdir: string): string => hookScript(subdir, '');

const HOOK_COMMENT = '# Written by `pre-commit-check init`. The binary itself when installed: npx adds ~0.6 s per commit.';

const shellQuote = (s: string) => (/^[\w./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The prepare script husky needs (husky 9's documented form for a project in a subfolder). */
export function prepareScript(subdir: string): string {
  if (!subdir) return 'husky';
  const up = subdir.split('/').map(() => '..').join('/');
  return `cd ${up} && husky ${shellQuote(`${subdir}/.husky`)}`;
}

export interface ConfigTemplateInput {
  modelsDir: string | null;
  /** The model sources detected (src/sources/): written as `from`. */
  sources?: ModelSources;
  knexfile: string | null;
  /** A folder of SQL migrations found in place of a knexfile. */
  sqlMigrations?: { sql: string; format: string } | null;
  static: string[];
  unit: string | false;
}

/** Folder names and package.json scripts land in generated code: one exact JS string literal (src/util/escape.ts). */
const q = jsString;

/** The `models` and `from` lines: detected sources replace the default models glob unless a models folder exists too. */
function modelsLines(input: ConfigTemplateInput, models: string): string {
  const sources = Object.entries(input.sources ?? {}).filter(([, v]) => v !== undefined);
  const from = sources.map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.map(q).join(', ')}]` : q(v as string)}`).join(', ');
  const fromLines = sources.length ? `  // Models this project already has, read where they are (README: Model sources).\n  from: { ${from} },\n` : '';
  if (sources.length && !input.modelsDir) return fromLines;
  return `${fromLines}  // Model files (globs relative to this folder).${input.modelsDir ? '' : ' No models folder was found: adjust this.'}\n  models: [${q(models)}],\n`;
}

/** The config lines saying where the migrations are: a SQL folder found, else the knexfile. */
function migrationsLines(knexfile: string | null, input: ConfigTemplateInput): string {
  if (input.sqlMigrations) {
    const { sql, format } = input.sqlMigrations;
    return `  // The migrations are ${format} SQL files in this folder (no knexfile): applied in ${format}'s order.\n  migrations: { sql: ${q(sql)}, format: ${q(format)} },`;
  }
  return `  // Migrations settings come from the knexfile; its connection is ignored.${input.knexfile ? '' : ' No knexfile was found: adjust this.'}\n  knexfile: ${q(knexfile!)},`;
}

/** The pre-commit-check.config.ts that init writes: the defaults, with what it detected. */
export function configFile(input: ConfigTemplateInput): string {
  const models = input.modelsDir ? `${input.modelsDir}/**/*.{ts,js}` : 'src/models/**/*.{ts,js}';
  const knexfile = input.knexfile ?? 'knexfile.ts';
  const unit = input.unit === false ? 'false' : q(input.unit);
  return `import { defineConfig } from 'pre-commit-check';

// Written by \`pre-commit-check init\`. Every key is optional; see the README for each one.
export default defineConfig({
${modelsLines(input, models)}${migrationsLines(input.sqlMigrations ? null : knexfile, input)}
  // 'embedded' starts a throwaway PostgreSQL; or { url: 'postgres://…' } for a server you run.
  database: 'embedded',
  ignore: { tables: [] },
  rules: {},
  stages: {
    // --full / --ci only; the git hook runs lint-staged on the staged files instead.
    static: [${input.static.map(q).join(', ')}],
    unit: ${unit},
    // A command run with DATABASE_URL set to the freshly migrated scratch database (--full / --ci).
    integration: false,
  },
});
`;
}

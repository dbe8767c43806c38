// All user-facing text of the orchestrator (src/runner/) and of `init` (src/init/).
// Every failure says what happened and what to do next.
import { checkMessages } from './cli.ts';

/** Human duration for task titles: 840ms, 3.2s, 1m 04s. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return `${m}m ${String(s).padStart(2, '0')}s`;
}

/** Task titles while a stage runs. */
export const TITLES = {
  lintStaged: 'Static analysis of staged files (lint-staged)',
  static: (command: string) => `Static analysis: ${command}`,
  staticNone: 'Static analysis',
  unit: (command: string | false) => (command === false ? 'Unit tests' : `Unit tests: ${command}`),
  check: 'Consistency check',
  checkStaged: 'Consistency check of the staged models and migrations',
  checkFull: 'Consistency check with migration round trip',
  integration: (command: string | false) =>
    command === false ? 'Integration tests' : `Integration tests on the scratch database: ${command}`,
  snapshot: 'Snapshot of the staged files',
  waitingForDatabase: 'waiting for the migrated database',
} as const;

/** The check's title while a migration runs: which one, k of N. */
export const migrationTitle = (title: string, p: { index: number; total: number; name: string; direction: 'up' | 'down' }): string =>
  `${title}: migration ${p.index}/${p.total}${p.direction === 'down' ? ' (down)' : ''} ${p.name}`;

/** The check's title while a phase runs (starting the server, loading the models, comparing). */
export const phaseTitle = (title: string, p: { phase: 'server' | 'models' | 'compare'; count?: number; external?: boolean }): string =>
  `${title}: ${checkMessages.phase(p)}`;

/** In a pipe, the line that says the migrations run (once per direction). */
export const migrationsLine = (title: string, p: { total: number; direction: 'up' | 'down' }): string => `${title}: ${checkMessages.migrationsPhase(p)}`;

/** A passed check's note on its task line: what it compared. */
export const checkSummary = (s: { models: number; tables: number; warnings: number }): string =>
  `${s.models} model${s.models === 1 ? '' : 's'}, ${s.tables} table${s.tables === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}`;

/** A finished stage's title: the running title and its duration. */
export const doneTitle = (title: string, durationMs: number): string => `${title} (${formatDuration(durationMs)})`;

/** Why a stage was skipped (shown in the task list, the JUnit file and the result). */
export const SKIPS = {
  unitDisabled: 'skipped: stages.unit is false in the config',
  unitNone: 'skipped: no unit-test command (package.json has no `test` script; set stages.unit in the config to run one)',
  staticNone: 'skipped: stages.static is empty in the config',
  integrationDisabled: 'skipped: stages.integration is false in the config',
  integrationNotReached: 'skipped: the check did not reach a migrated database (see its findings)',
  integrationAfterFailure: 'skipped: the consistency check failed before the database was migrated',
  noLintStagedConfig:
    'skipped: no lint-staged configuration (add a "lint-staged" key to package.json, or run `pre-commit-check init`)',
  noStagedFiles: 'no staged files',
  noMatchingFiles: 'no staged file matches a lint-staged task',
  interrupted: 'skipped: interrupted',
} as const;

/** Short reason shown on a failed task's line; the details block follows the task list. */
export const FAILS = {
  exitCode: (code: number | undefined, signal: string | undefined) =>
    signal ? `killed by ${signal}` : code === undefined ? 'could not start' : `exit code ${code}`,
  timedOut: 'timed out',
  lintStaged: 'lint-staged found problems (your unstaged changes were restored)',
  lintStagedCrashed: (message: string) => `lint-staged could not run: ${message}`,
  checkFindings: (errors: number, warnings: number) =>
    `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}: the commit is blocked`,
  checkCrashed: (message: string) => `the check could not run: ${message}`,
  snapshot: (message: string) => `could not snapshot the staged files: ${message}`,
  interrupted: 'interrupted',
} as const;

/** The block printed after the task list for each failed stage: what ran, and the end of its output. */
export function failureDetails(stage: {
  title: string;
  command?: string;
  cwd?: string;
  outputTail?: string;
  omittedLines?: number;
  reason?: string;
}): string {
  const lines = [`✖ ${stage.title}${stage.reason ? `: ${stage.reason}` : ''}`];
  if (stage.command) lines.push(`  $ ${stage.command}${stage.cwd ? `   (in ${stage.cwd})` : ''}`);
  if (stage.omittedLines) lines.push(`  … ${stage.omittedLines} earlier line${stage.omittedLines === 1 ? '' : 's'} omitted`);
  if (stage.outputTail) lines.push(...stage.outputTail.split('\n').map((l) => `  │ ${l}`));
  else if (stage.command) lines.push('  (no output)');
  return lines.join('\n');
}

/** Printed once after the task list when something blocked the commit, in hook mode. */
export const HOOK_BLOCKED =
  'Commit blocked. Fix the problems above and commit again (`git commit --no-verify` skips every check; avoid it).';

/** Suite and case names of the JUnit file. */
export const JUNIT = {
  suiteStages: 'pre-commit-check stages',
  suiteFindings: 'pre-commit-check findings',
  skippedStage: (reason: string) => reason,
  findingName: (f: { code: string; schema: string | null; table: string | null; columns: string[]; object: string | null }) =>
    [
      f.code,
      [f.schema, f.table].filter(Boolean).join('.') + (f.columns.length ? `(${f.columns.join(', ')})` : ''),
      f.object ?? '',
    ]
      .filter(Boolean)
      .join(' '),
} as const;

// ---------------------------------------------------------------------------------------------
// init

/** One line per action of `init`. */
/** What the hook init writes runs (see hookScript in init/templates.ts). */
const HOOK_RUNS = 'pre-commit-check --hook (node_modules/.bin, else npx)';

export const INIT = {
  notGitRepo: (cwd: string) => `${cwd} is not inside a git repository.`,
  notGitRepoHint: 'Run `git init` first (or pass --cwd with your project directory), then `npx pre-commit-check init` again.',
  noPackageJson: (cwd: string) => `There is no package.json in ${cwd}.`,
  noPackageJsonHint: 'Run `npm init -y` first (or pass --cwd with your project directory), then `npx pre-commit-check init` again.',
  badPackageJson: (message: string) => `package.json cannot be parsed: ${message}`,
  badPackageJsonHint: 'Fix the JSON syntax of package.json, then run `npx pre-commit-check init` again.',

  hookCreated: `.husky/pre-commit runs ${HOOK_RUNS}`,
  hookPresent: '.husky/pre-commit already runs pre-commit-check',
  hookUpgraded: `.husky/pre-commit (written by an earlier init) updated: it now runs ${HOOK_RUNS}, hook mode even when CI is set`,
  hookReplaced: `.husky/pre-commit replaced (--force): it now runs ${HOOK_RUNS}`,
  hookForeign: '.husky/pre-commit exists and does not run pre-commit-check; left as it is',
  hookForeignNext: 'Add the line `npx pre-commit-check --hook` to .husky/pre-commit, or run `npx pre-commit-check init --force` to replace it.',

  hooksInstalled: (dir: string) => `git hooks installed by husky (core.hooksPath = ${dir})`,
  hooksPresent: (dir: string) => `git hooks already installed by husky (core.hooksPath = ${dir})`,
  hooksFailed: (message: string) => `husky could not install the git hooks: ${message}`,
  hooksNoHusky: 'husky is not installed, so the git hooks are not installed yet',
  hooksNoHuskyNext: 'Run `npm install --save-dev husky`, then `npx husky` (or `npm install`, which runs the prepare script).',
  hooksSkippedEnv: 'HUSKY=0 is set: husky skipped installing the git hooks',

  prepareAdded: 'package.json: "prepare": "husky" added (installs the hooks on npm install)',
  preparePresent: 'package.json: the prepare script already runs husky',
  prepareForeign: (existing: string) => `package.json: the prepare script ("${existing}") does not run husky; left as it is`,
  prepareForeignNext: 'Append ` && husky` to the prepare script in package.json, or run init with --force to do it.',
  prepareAppended: 'package.json: ` && husky` appended to the prepare script (--force)',

  lintStagedAdded: (tools: string[]) => `package.json: "lint-staged" entry added for ${tools.join(', ')}`,
  lintStagedNoTools:
    'no lint-staged entry added: no ESLint, Prettier or Biome in package.json (hook mode skips static analysis until you add one)',
  lintStagedPresent: (where: string) => `lint-staged is already configured (${where})`,

  configCreated: 'pre-commit-check.config.ts written',
  configReplaced: 'pre-commit-check.config.ts rewritten (--force)',
  configPresent: (where: string) => `pre-commit-check is already configured (${where})`,
  configExistsNoForce: 'pre-commit-check.config.ts exists and differs from what init would write; left as it is (--force replaces it)',

  nextInstall: (packages: string[]) => `Install what the hook needs: npm install --save-dev ${packages.join(' ')}`,
  nextModels: 'No models folder found: create your models under src/models/ (or edit "models" in pre-commit-check.config.ts).',
  nextKnexfile: 'No knexfile found: create knexfile.ts (or edit "knexfile" in pre-commit-check.config.ts).',
  nextRun: 'Run `npx pre-commit-check --full` once to check the whole project; from now on every `git commit` runs the hook.',
  nextCommit: 'Commit the new files: git add .husky package.json pre-commit-check.config.ts && git commit -m "Add pre-commit-check"',
} as const;

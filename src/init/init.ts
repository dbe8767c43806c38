// `pre-commit-check init`: husky's hook, the prepare script, a lint-staged entry and the config file,
// in an existing project. Never overwrites without `force`; a second run changes nothing.
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { PccError } from '../errors.ts';
import { INIT } from '../messages/runner.ts';
import { runFile, runGit } from '../runner/exec.ts';
import { gitTopLevel } from '../runner/snapshot.ts';
import {
  detectKnexfile, detectSqlMigrations,
  detectModelsDir,
  detectStaticCommands,
  detectTools,
  detectUnitCommand,
  findLintStagedConfig,
  findPccConfig,
  hasDependency,
  type PackageJson,
} from './detect.ts';
import { configFile, hookScript, legacyHookScript, lintStagedEntry, prepareScript } from './templates.ts';

export interface InitOptions {
  /** The project root (where package.json is). */
  cwd: string;
  /** Replace files that exist and differ. */
  force?: boolean;
  /** Environment (HUSKY=0 is honoured, as husky does); default process.env. */
  env?: Record<string, string | undefined>;
}

/** created: new file or setting; updated: changed; unchanged: already as init wants it; skipped: left alone, `message` says why. */
export type InitStatus = 'created' | 'updated' | 'unchanged' | 'skipped';

export interface InitAction {
  status: InitStatus;
  /** What it concerns: a path relative to the project root, or 'git hooks'. */
  target: string;
  message: string;
}

export interface InitResult {
  actions: InitAction[];
  /** What the user should do next, in order. */
  nextSteps: string[];
  /** True when any file or git setting changed. */
  changed: boolean;
}

/** The husky 9 hooks husky writes into <dir>/_ (one stub per git hook). */
const HUSKY_HOOKS = [
  'pre-commit', 'pre-merge-commit', 'prepare-commit-msg', 'commit-msg', 'post-commit', 'applypatch-msg',
  'pre-applypatch', 'post-applypatch', 'pre-rebase', 'post-rewrite', 'post-checkout', 'post-merge', 'pre-push', 'pre-auto-gc',
];

/** husky's folder: the project's own install first, else the one pre-commit-check depends on. */
function findHusky(root: string): string | null {
  for (const from of [join(root, 'package.json'), import.meta.url]) {
    try {
      const entry = createRequire(from).resolve('husky');
      const dir = dirname(entry);
      if (existsSync(join(dir, 'bin.js')) && existsSync(join(dir, 'husky'))) return dir;
    } catch {
      // not resolvable from there
    }
  }
  return null;
}

/** Read package.json keeping its indentation, so a rewrite only shows the keys init added. */
function readPackageJson(root: string): { pkg: PackageJson; indent: string | number; text: string } {
  const file = join(root, 'package.json');
  if (!existsSync(file)) throw new PccError('USAGE', INIT.noPackageJson(root), { hint: INIT.noPackageJsonHint });
  const text = readFileSync(file, 'utf8');
  let pkg: PackageJson;
  try {
    pkg = JSON.parse(text) as PackageJson;
  } catch (cause) {
    throw new PccError('USAGE', INIT.badPackageJson((cause as Error).message), { hint: INIT.badPackageJsonHint, cause });
  }
  if (pkg === null || typeof pkg !== 'object' || Array.isArray(pkg)) {
    throw new PccError('USAGE', INIT.badPackageJson('not an object'), { hint: INIT.badPackageJsonHint });
  }
  const m = /^([ \t]+)"/m.exec(text);
  const indent = m ? (m[1]!.includes('\t') ? '\t' : m[1]!.length) : 2;
  return { pkg, indent, text };
}

/** Whether husky's hooks are installed as husky 9 would install them (same files, core.hooksPath set). */
async function huskyInstalled(topLevel: string, huskyDirRel: string, huskySource: string | null): Promise<boolean> {
  const r = await runGit(['config', '--local', '--get', 'core.hooksPath'], { cwd: topLevel });
  if (!r.ok || r.output.trim() !== `${huskyDirRel}/_`) return false;
  const underscore = join(topLevel, huskyDirRel, '_');
  if (!existsSync(join(underscore, 'h')) || !existsSync(join(underscore, '.gitignore'))) return false;
  if (huskySource && readFileSync(join(underscore, 'h'), 'utf8') !== readFileSync(join(huskySource, 'husky'), 'utf8')) return false;
  return HUSKY_HOOKS.every((h) => existsSync(join(underscore, h)));
}

/** Use for `pre-commit-check init`: set a project up; returns what it did and what to do next. */
export async function runInit(options: InitOptions): Promise<InitResult> {
  const root = resolve(options.cwd);
  const force = options.force ?? false;
  const env = options.env ?? process.env;
  const actions: InitAction[] = [];
  const next: string[] = [];
  const act = (status: InitStatus, target: string, message: string) => actions.push({ status, target, message });

  const topLevel = existsSync(root) ? await gitTopLevel(root) : null;
  if (!topLevel) throw new PccError('USAGE', INIT.notGitRepo(root), { hint: INIT.notGitRepoHint });
  const { pkg, indent, text: pkgText } = readPackageJson(root);
  // husky works from the repository's top level; a project in a subfolder gets husky's documented variant.
  const subdir = relative(realpathSync(topLevel), realpathSync(root)).split(sep).join('/');
  const huskyDirRel = subdir ? `${subdir}/.husky` : '.husky';

  // 1. The hook file.
  const hookFile = join(root, '.husky', 'pre-commit');
  const hookText = hookScript(subdir);
  if (!existsSync(hookFile)) {
    mkdirSync(dirname(hookFile), { recursive: true });
    writeFileSync(hookFile, hookText);
    act('created', '.husky/pre-commit', INIT.hookCreated);
  } else {
    const current = readFileSync(hookFile, 'utf8');
    if (current === legacyHookScript(subdir)) {
      // Written by an earlier init, word for word: ours to bring up to date (it gains --hook).
      writeFileSync(hookFile, hookText);
      act('updated', '.husky/pre-commit', INIT.hookUpgraded);
    } else if (current === hookText || /\bpre-commit-check\b/.test(current)) act('unchanged', '.husky/pre-commit', INIT.hookPresent);
    else if (force) {
      writeFileSync(hookFile, hookText);
      act('updated', '.husky/pre-commit', INIT.hookReplaced);
    } else {
      act('skipped', '.husky/pre-commit', INIT.hookForeign);
      next.push(INIT.hookForeignNext);
    }
  }

  // 2. package.json: the prepare script and the lint-staged entry, written once.
  const scripts = { ...(pkg.scripts ?? {}) };
  let pkgChanged = false;
  const wantedPrepare = prepareScript(subdir);
  const prepare = scripts.prepare;
  if (prepare === undefined) {
    scripts.prepare = wantedPrepare;
    pkgChanged = true;
    act('updated', 'package.json', INIT.prepareAdded);
  } else if (/\bhusky\b/.test(prepare)) {
    act('unchanged', 'package.json', INIT.preparePresent);
  } else if (force) {
    scripts.prepare = `${prepare} && ${wantedPrepare}`;
    pkgChanged = true;
    act('updated', 'package.json', INIT.prepareAppended);
  } else {
    act('skipped', 'package.json', INIT.prepareForeign(prepare));
    next.push(INIT.prepareForeignNext);
  }
  let lintStaged: Record<string, string | string[]> | null = null;
  const lintStagedWhere = findLintStagedConfig(root, pkg);
  if (lintStagedWhere) {
    act('unchanged', lintStagedWhere.startsWith('package.json') ? 'package.json' : lintStagedWhere, INIT.lintStagedPresent(lintStagedWhere));
  } else {
    const tools = detectTools(pkg);
    lintStaged = lintStagedEntry(tools);
    if (lintStaged) {
      pkgChanged = true;
      act('updated', 'package.json', INIT.lintStagedAdded(tools));
    } else {
      act('skipped', 'package.json', INIT.lintStagedNoTools);
    }
  }
  if (pkgChanged) {
    const out: PackageJson = { ...pkg, scripts };
    if (lintStaged) out['lint-staged'] = lintStaged;
    const newText = JSON.stringify(out, null, indent) + (pkgText.endsWith('\n') ? '\n' : '');
    writeFileSync(join(root, 'package.json'), newText);
  }

  // 3. The config file.
  const configWhere = findPccConfig(root, pkg);
  const modelsDir = detectModelsDir(root);
  const knexfile = detectKnexfile(root);
  // No knexfile: a folder of SQL migrations (drizzle-kit, Prisma, dbmate, plain) takes its place.
  const sqlMigrations = knexfile ? null : detectSqlMigrations(root);
  const configText = configFile({
    modelsDir,
    knexfile,
    sqlMigrations,
    static: detectStaticCommands(root, pkg),
    unit: detectUnitCommand(pkg),
  });
  const configPath = join(root, 'pre-commit-check.config.ts');
  if (!configWhere) {
    writeFileSync(configPath, configText);
    act('created', 'pre-commit-check.config.ts', INIT.configCreated);
    if (!modelsDir) next.push(INIT.nextModels);
    if (!knexfile && !sqlMigrations) next.push(INIT.nextKnexfile);
  } else if (configWhere === 'pre-commit-check.config.ts' && force && readFileSync(configPath, 'utf8') !== configText) {
    writeFileSync(configPath, configText);
    act('updated', 'pre-commit-check.config.ts', INIT.configReplaced);
  } else {
    act('unchanged', configWhere.startsWith('package.json') ? 'package.json' : configWhere, INIT.configPresent(configWhere));
  }

  // 4. The git hooks themselves, installed by husky (core.hooksPath and <.husky>/_), last: it is the
  //    only step outside the project's files.
  const husky = findHusky(root);
  if (env.HUSKY === '0') {
    act('skipped', 'git hooks', INIT.hooksSkippedEnv);
  } else if (!husky) {
    act('skipped', 'git hooks', INIT.hooksNoHusky);
    next.push(INIT.hooksNoHuskyNext);
  } else if (await huskyInstalled(topLevel, huskyDirRel, husky)) {
    act('unchanged', 'git hooks', INIT.hooksPresent(`${huskyDirRel}/_`));
  } else {
    const r = await runFile(process.execPath, [join(husky, 'bin.js'), ...(subdir ? [huskyDirRel] : [])], {
      cwd: topLevel,
      env: { ...process.env, ...env },
    });
    // husky prints nothing on success and its reason otherwise.
    const said = r.output.trim();
    if (!r.ok || said) {
      act('skipped', 'git hooks', INIT.hooksFailed(said || r.shortMessage || `exit code ${r.exitCode}`));
      next.push(INIT.hooksNoHuskyNext);
    } else {
      act('created', 'git hooks', INIT.hooksInstalled(`${huskyDirRel}/_`));
    }
  }

  // 5. Next steps.
  const missing = ['husky', 'pre-commit-check'].filter((p) => !hasDependency(pkg, p) && pkg.name !== p);
  if (missing.length) next.unshift(INIT.nextInstall(missing));
  const changed = actions.some((a) => a.status === 'created' || a.status === 'updated');
  next.push(INIT.nextRun);
  if (changed) next.push(INIT.nextCommit);
  return { actions, nextSteps: next, changed };
}

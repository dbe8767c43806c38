// `pre-commit-check init`: husky's hook, the prepare script, a lint-staged entry and the config file,
// in an existing project. Never overwrites without `force`; a second run changes nothing. One module
// per step: hook-file.ts, package-json.ts, config-file.ts, git-hooks.ts.
import { existsSync, realpathSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { PccError } from '../errors.ts';
import { INIT } from '../messages/runner.ts';
import { gitTopLevel } from '../runner/snapshot.ts';
import { writeConfigFile } from './config-file.ts';
import { hasDependency } from './detect.ts';
import { installGitHooks } from './git-hooks.ts';
import { writeHookFile } from './hook-file.ts';
import { readPackageJson, updatePackageJson } from './package-json.ts';
import type { InitAction, InitContext, InitOptions, InitResult } from './types.ts';

export type { InitAction, InitOptions, InitResult, InitStatus } from './types.ts';

/** Use for `pre-commit-check init`: set a project up; returns what it did and what to do next. */
export async function runInit(options: InitOptions): Promise<InitResult> {
  const actions: InitAction[] = [];
  const ctx = await openProject(options, actions);
  writeHookFile(ctx);
  updatePackageJson(ctx);
  await writeConfigFile(ctx);
  // The git hooks last: it is the only step outside the project's files.
  await installGitHooks(ctx);
  return { actions, nextSteps: nextSteps(ctx, actions), changed: hasChanged(actions) };
}

/** The project's git repository and package.json, or a USAGE error naming what is missing. */
async function openProject(options: InitOptions, actions: InitAction[]): Promise<InitContext> {
  const root = resolve(options.cwd);
  const topLevel = existsSync(root) ? await gitTopLevel(root) : null;
  if (!topLevel) throw new PccError('USAGE', INIT.notGitRepo(root), { hint: INIT.notGitRepoHint });
  const { pkg, indent, text: pkgText } = readPackageJson(root);
  // husky works from the repository's top level; a project in a subfolder gets husky's documented variant.
  const subdir = relative(realpathSync(topLevel), realpathSync(root)).split(sep).join('/');
  return {
    root,
    force: options.force ?? false,
    env: options.env ?? process.env,
    topLevel,
    subdir,
    huskyDirRel: subdir ? `${subdir}/.husky` : '.husky',
    pkg,
    indent,
    pkgText,
    act: (status, target, message) => actions.push({ status, target, message }),
    next: [],
  };
}

const hasChanged = (actions: InitAction[]) => actions.some((a) => a.status === 'created' || a.status === 'updated');

/** The steps' own next steps, with installing the packages first and running and committing last. */
function nextSteps(ctx: InitContext, actions: InitAction[]): string[] {
  const { pkg, next } = ctx;
  const missing = ['husky', 'pre-commit-check'].filter((p) => !hasDependency(pkg, p) && pkg.name !== p);
  if (missing.length) next.unshift(INIT.nextInstall(missing));
  next.push(INIT.nextRun);
  if (hasChanged(actions)) next.push(INIT.nextCommit);
  return next;
}

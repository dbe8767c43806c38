// init's last step, the only one outside the project's files: the git hooks themselves, installed by
// husky (core.hooksPath and <.husky>/_).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { INIT } from '../messages/runner.ts';
import { runFile, runGit } from '../runner/exec.ts';
import type { InitContext } from './types.ts';

/** The husky 9 hooks husky writes into <dir>/_ (one stub per git hook). */
const HUSKY_HOOKS = [
  'pre-commit', 'pre-merge-commit', 'prepare-commit-msg', 'commit-msg', 'post-commit', 'applypatch-msg',
  'pre-applypatch', 'post-applypatch', 'pre-rebase', 'post-rewrite', 'post-checkout', 'post-merge', 'pre-push', 'pre-auto-gc',
];

/** Use in init, last: runs husky unless HUSKY=0, husky is missing, or its hooks are already installed. */
export async function installGitHooks(ctx: InitContext): Promise<void> {
  const { root, env, topLevel, subdir, huskyDirRel, act, next } = ctx;
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
}

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

/** Whether husky's hooks are installed as husky 9 would install them (same files, core.hooksPath set). */
async function huskyInstalled(topLevel: string, huskyDirRel: string, huskySource: string | null): Promise<boolean> {
  const r = await runGit(['config', '--local', '--get', 'core.hooksPath'], { cwd: topLevel });
  if (!r.ok || r.output.trim() !== `${huskyDirRel}/_`) return false;
  const underscore = join(topLevel, huskyDirRel, '_');
  if (!existsSync(join(underscore, 'h')) || !existsSync(join(underscore, '.gitignore'))) return false;
  if (huskySource && readFileSync(join(underscore, 'h'), 'utf8') !== readFileSync(join(huskySource, 'husky'), 'utf8')) return false;
  return HUSKY_HOOKS.every((h) => existsSync(join(underscore, h)));
}

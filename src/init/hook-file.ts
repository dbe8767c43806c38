// init's first step: the .husky/pre-commit file that runs pre-commit-check.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { INIT } from '../messages/runner.ts';
import { hookScript, legacyHookScript } from './templates.ts';
import type { InitContext } from './types.ts';

/** Use in init: writes the hook file, or brings init's own older one up to date; a foreign one only with force. */
export function writeHookFile(ctx: InitContext): void {
  const { root, subdir, force, act, next } = ctx;
  const hookFile = join(root, '.husky', 'pre-commit');
  const hookText = hookScript(subdir);
  if (!existsSync(hookFile)) {
    mkdirSync(dirname(hookFile), { recursive: true });
    writeFileSync(hookFile, hookText);
    act('created', '.husky/pre-commit', INIT.hookCreated);
    return;
  }
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

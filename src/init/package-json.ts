// init's package.json: read keeping its indentation, and the prepare script and lint-staged entry
// written once.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PccError } from '../errors.ts';
import { INIT } from '../messages/runner.ts';
import { detectTools, findLintStagedConfig, type PackageJson } from './detect.ts';
import { lintStagedEntry, prepareScript } from './templates.ts';
import type { InitContext } from './types.ts';

/** Use before any step: package.json parsed, with its indentation, so a rewrite only shows the keys init added. */
export function readPackageJson(root: string): { pkg: PackageJson; indent: string | number; text: string } {
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

/** Use in init: adds the prepare script and the lint-staged entry when missing, and rewrites package.json only then. */
export function updatePackageJson(ctx: InitContext): void {
  const { pkg, indent, pkgText, root } = ctx;
  const scripts = prepareStep(ctx);
  const lintStaged = lintStagedStep(ctx);
  if (scripts || lintStaged) {
    const out: PackageJson = { ...pkg, scripts: scripts ?? { ...(pkg.scripts ?? {}) } };
    if (lintStaged) out['lint-staged'] = lintStaged;
    const newText = JSON.stringify(out, null, indent) + (pkgText.endsWith('\n') ? '\n' : '');
    writeFileSync(join(root, 'package.json'), newText);
  }
}

/** The scripts with husky's prepare script added, or null when they stay as they are. */
function prepareStep({ pkg, subdir, force, act, next }: InitContext): Record<string, string> | null {
  const scripts = { ...(pkg.scripts ?? {}) };
  const wantedPrepare = prepareScript(subdir);
  const prepare = scripts.prepare;
  if (prepare === undefined) {
    scripts.prepare = wantedPrepare;
    act('updated', 'package.json', INIT.prepareAdded);
    return scripts;
  }
  if (/\bhusky\b/.test(prepare)) {
    act('unchanged', 'package.json', INIT.preparePresent);
  } else if (force) {
    scripts.prepare = `${prepare} && ${wantedPrepare}`;
    act('updated', 'package.json', INIT.prepareAppended);
    return scripts;
  } else {
    act('skipped', 'package.json', INIT.prepareForeign(prepare));
    next.push(INIT.prepareForeignNext);
  }
  return null;
}

/** The lint-staged entry to add, or null when the project has a lint-staged config or no known tool. */
function lintStagedStep({ root, pkg, act }: InitContext): Record<string, string | string[]> | null {
  const lintStagedWhere = findLintStagedConfig(root, pkg);
  if (lintStagedWhere) {
    act('unchanged', lintStagedWhere.startsWith('package.json') ? 'package.json' : lintStagedWhere, INIT.lintStagedPresent(lintStagedWhere));
    return null;
  }
  const tools = detectTools(pkg);
  const lintStaged = lintStagedEntry(tools);
  if (lintStaged) act('updated', 'package.json', INIT.lintStagedAdded(tools));
  else act('skipped', 'package.json', INIT.lintStagedNoTools);
  return lintStaged;
}

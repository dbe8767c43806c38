// Which `knex` (and `pg`) the tool uses: the project's own install when it has one, as the knex CLI
// does (it runs the knex found from the knexfile's folder), else the one next to the tool. knex and
// pg are peer dependencies: a knex 2 project keeps knex 2, and its migrations see the Knex they
// were written for. Loading is lazy (~260 ms of imports): a run served from a cache never needs it.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Knex } from 'knex';
import { PccError } from '../errors.ts';
import { knexMessages as m } from '../messages/knex.ts';

/** The knex factory function, as `require('knex')` gives it. */
export type KnexFactory = ((config: Knex.Config) => Knex) & { Client: typeof Knex.Client };

/** A loaded knex package. */
export interface KnexModule {
  factory: KnexFactory;
  /** Absolute path of its entry file. */
  path: string;
  /** Its package.json version, when readable. */
  version: string | undefined;
  /** True when it is the project's own install, false when it is the tool's. */
  fromProject: boolean;
}

/** Where a package resolves from the project root, else from the tool; undefined when from neither. */
export function resolvePackage(root: string | undefined, name: string, toolUrl: string | URL = import.meta.url): { path: string; fromProject: boolean } | undefined {
  const attempts: Array<[string | URL, boolean]> = [...(root ? [[join(root, 'package.json'), true] as [string, boolean]] : []), [toolUrl, false]];
  for (const [from, fromProject] of attempts) {
    try {
      return { path: createRequire(from).resolve(name), fromProject };
    } catch {
      // not installed there
    }
  }
  return undefined;
}

const loaded = new Map<string, KnexModule>();

/** Use to get the knex the project's migrations run with; throws PccError KNEX_NOT_INSTALLED (exit 2) when there is none. */
export function loadKnexModule(root: string | undefined, toolUrl: string | URL = import.meta.url): KnexModule {
  const found = resolvePackage(root, 'knex', toolUrl);
  if (!found) throw new PccError('KNEX_NOT_INSTALLED', m.knexMissing(root ?? process.cwd()), { hint: m.knexMissingHint });
  let mod = loaded.get(found.path);
  if (!mod) {
    const factory = createRequire(found.path)(found.path) as KnexFactory;
    mod = { factory, path: found.path, version: packageVersion(found.path, 'knex'), fromProject: found.fromProject };
    loaded.set(found.path, mod);
  }
  return found.fromProject === mod.fromProject ? mod : { ...mod, fromProject: found.fromProject };
}

/** Use to load `pg` for the tool's own connections: the project's, else the tool's; PccError (exit 2) when neither. */
export function loadPg<T = unknown>(root: string | undefined, toolUrl: string | URL = import.meta.url): T {
  const found = resolvePackage(root, 'pg', toolUrl);
  if (!found) throw new PccError('KNEX_NOT_INSTALLED', m.pgNotInstalled(root ?? process.cwd()), { hint: m.pgMissingHint });
  return createRequire(found.path)(found.path) as T;
}

/** The version in the package.json above a resolved entry file. */
function packageVersion(entry: string, name: string): string | undefined {
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    try {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

// For init: a project that uses drizzle-orm, and the schema files its drizzle.config names
// (`schema:` a file, a folder or a glob, or a list of them), as from.drizzle globs.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageJson } from '../../init/detect.ts';
import { DRIZZLE_CONFIGS } from './load.ts';

/** Where drizzle schemas usually live (a file with any of EXTENSIONS, or a folder), tried when no drizzle.config names them. */
const USUAL = ['src/db/schema', 'db/schema', 'src/schema', 'drizzle/schema', 'src/lib/db/schema', 'src/server/db/schema'];
const EXTENSIONS = ['', '.ts', '.mts', '.js', '.mjs'];

/** A drizzle-kit `schema` path as a glob: a folder is every TS/JS file under it. */
function asGlob(root: string, path: string): string {
  const p = path.replace(/^\.\//, '').replace(/\/$/, '');
  const abs = join(root, p);
  return existsSync(abs) && statSync(abs).isDirectory() ? `${p}/**/*.{ts,js}` : p;
}

/** The `schema` entries of drizzle.config, read as text (importing it would run its connection code). */
function configSchemas(root: string): string[] | undefined {
  for (const name of DRIZZLE_CONFIGS) {
    const file = join(root, name);
    if (!existsSync(file)) continue;
    const hit = /["']?schema["']?\s*:\s*(\[[^\]]*\]|'[^']*'|"[^"]*"|`[^`]*`)/.exec(readFileSync(file, 'utf8'));
    if (!hit) return undefined;
    return [...hit[1]!.matchAll(/'([^']*)'|"([^"]*)"|`([^`]*)`/g)].map((x) => x[1] ?? x[2] ?? x[3]!).filter(Boolean);
  }
  return undefined;
}

/** Use as the source's detect(): from.drizzle globs when the project depends on drizzle-orm, else undefined. */
export async function detectDrizzle(root: string, pkg: PackageJson): Promise<string[] | undefined> {
  if (!pkg.dependencies?.['drizzle-orm'] && !pkg.devDependencies?.['drizzle-orm']) return undefined;
  const named = configSchemas(root) ?? USUAL.flatMap((p) => EXTENSIONS.map((e) => p + e)).filter((p) => existsSync(join(root, p)));
  const globs = [...new Set(named.map((p) => asGlob(root, p)))];
  return globs.length > 0 ? globs : undefined;
}

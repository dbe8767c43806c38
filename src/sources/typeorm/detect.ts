// For init: a project that depends on typeorm and has a module that creates a DataSource.
import { readFileSync } from 'node:fs';
import { glob } from 'tinyglobby';
import { hasDependency, type PackageJson } from '../../init/detect.ts';

const LIKELY = ['**/*data-source*.{ts,mts,cts,js,mjs,cjs}', '**/*datasource*.{ts,mts,cts,js,mjs,cjs}', '**/*typeorm*.{ts,mts,cts,js,mjs,cjs}', '**/ormconfig.{ts,js}'];
const ANY = ['src/**/*.{ts,mts,cts,js,mjs,cjs}', '*.{ts,mts,cts,js,mjs,cjs}'];
const IGNORE = ['**/node_modules/**', '**/dist/**', '**/build/**', '**/*.d.ts', '**/*.test.*', '**/*.spec.*', '**/test/**', '**/tests/**'];

const createsDataSource = (root: string, file: string): boolean => {
  try {
    return /\bnew\s+DataSource\s*\(/.test(readFileSync(`${root}/${file}`, 'utf8'));
  } catch {
    return false;
  }
};

/** Use in init: the data source module to write as from.typeorm (relative), or undefined. */
export async function detectDataSource(root: string, pkg: PackageJson): Promise<string | undefined> {
  if (!hasDependency(pkg, 'typeorm')) return undefined;
  for (const patterns of [LIKELY, ANY]) {
    const files = (await glob(patterns, { cwd: root, ignore: IGNORE, caseSensitiveMatch: false })).sort((a, b) => a.length - b.length || a.localeCompare(b));
    const found = files.slice(0, 500).find((f) => createsDataSource(root, f));
    if (found) return found;
  }
  return undefined;
}

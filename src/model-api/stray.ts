// Stray models: a file that declares a model with defineModel() but is not matched by the `models`
// globs is never loaded, so its table is reported as unmodeled although "the model exists" (seed
// 004: "Has model in model/enterprise.py (not loaded!)"). The check looks for such files only when
// it has an unmodeled-table to explain, by reading them as text: they are never loaded or run.
import { readFile, stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { glob } from 'tinyglobby';

/** A source file read as text. */
export interface SourceText {
  /** Relative to the project root. */
  path: string;
  text: string;
}

const DECLARES = /\bdefineModel\s*\(/;
const TABLE_PROP = /\btable\s*:\s*(['"`])([^'"`\n]+)\1/g;
const SCHEMA_PROP = /\bschema\s*:\s*(['"`])([^'"`\n]+)\1/g;

/**
 * Use to explain unmodeled tables (pure): for each 'schema.table', the files among `files` that
 * declare a model of that table. A file counts for a table of schema S when it names the table and,
 * for S other than public, also names the schema (a text match: it is a hint, never a finding).
 */
export function findStrayDeclarations(
  files: readonly SourceText[],
  tables: ReadonlyArray<{ schema: string; table: string }>,
): Map<string, string[]> {
  const wanted = new Map(tables.map((t) => [`${t.schema}.${t.table}`, t]));
  const found = new Map<string, string[]>();
  for (const file of files) {
    if (!DECLARES.test(file.text)) continue;
    const names = new Set([...file.text.matchAll(TABLE_PROP)].map((m) => m[2]!));
    const schemas = new Set([...file.text.matchAll(SCHEMA_PROP)].map((m) => m[2]!));
    for (const [key, t] of wanted) {
      if (!names.has(t.table)) continue;
      if (t.schema !== 'public' && !schemas.has(t.schema)) continue;
      found.set(key, [...(found.get(key) ?? []), file.path]);
    }
  }
  return found;
}

/** Source files a stray model could hide in; the usual output and dependency folders are left out. */
const SOURCE_GLOBS = ['**/*.{ts,mts,cts,js,mjs,cjs}'];
const NOT_SOURCE = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/build/**', '**/coverage/**', '**/*.d.ts', '**/*.d.mts', '**/*.d.cts'];
const MAX_BYTES = 512 * 1024;

/** Use to read, as text, the project's source files that the `models` globs do not match (`loaded`: relative paths of the model files). */
export async function readUnloadedSources(root: string, loaded: readonly string[]): Promise<SourceText[]> {
  const skip = new Set(loaded);
  const files = await glob(SOURCE_GLOBS, { cwd: root, absolute: true, ignore: NOT_SOURCE });
  const out: SourceText[] = [];
  for (const abs of files.sort()) {
    const path = relative(root, abs);
    if (skip.has(path)) continue;
    try {
      if ((await stat(abs)).size > MAX_BYTES) continue;
      const text = await readFile(abs, 'utf8');
      if (DECLARES.test(text)) out.push({ path, text });
    } catch {
      // unreadable: it cannot be a model anyone loads either
    }
  }
  return out;
}

// What the project's tsconfig.json says that matters to loading TypeORM entities: whether decorators
// are TypeScript's legacy ones (experimentalDecorators, what TypeORM needs) and strictNullChecks
// (how `string | null` serializes to design:type). `extends` is followed through relative files.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The compiler options read, and the tsconfig file tsx should compile the entities with. */
export interface EntityCompileSettings {
  strictNullChecks: boolean;
  /** The project's tsconfig when it enables experimentalDecorators, else ours (decorators.tsconfig.json). */
  tsconfig: string;
}

/** JSON with comments and trailing commas, as tsconfig files are written. */
function parseJsonc(text: string): unknown {
  const noComments = text.replace(/("(?:\\.|[^"\\])*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (all, str: string | undefined) => str ?? '');
  return JSON.parse(noComments.replace(/,(\s*[}\]])/g, '$1'));
}

function readOptions(file: string, depth = 0): Record<string, unknown> {
  let json: { extends?: unknown; compilerOptions?: Record<string, unknown> };
  try {
    json = parseJsonc(readFileSync(file, 'utf8')) as typeof json;
  } catch {
    return {};
  }
  const base = typeof json.extends === 'string' && json.extends.startsWith('.') && depth < 5 ? resolve(dirname(file), json.extends) : undefined;
  const inherited = base ? readOptions(existsSync(base) ? base : `${base}.json`, depth + 1) : {};
  return { ...inherited, ...(json.compilerOptions ?? {}) };
}

/**
 * Our own tsconfig for entities, next to this module (copied to dist/ by the build). tsx applies a
 * tsconfig only to the files it includes (relative patterns start at its folder): it includes "/**\/*".
 */
export const OWN_TSCONFIG = join(dirname(fileURLToPath(import.meta.url)), 'decorators.tsconfig.json');

/** Use before loading entities: how the project compiles them. */
export function entityCompileSettings(root: string): EntityCompileSettings {
  const file = join(root, 'tsconfig.json');
  const options = existsSync(file) ? readOptions(file) : {};
  const strictNullChecks = Boolean(options.strictNullChecks ?? options.strict ?? false);
  return { strictNullChecks, tsconfig: options.experimentalDecorators === true ? file : OWN_TSCONFIG };
}

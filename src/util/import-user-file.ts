// Loading users' files (models, knexfile, config, migrations) as TS or JS, ESM or CommonJS, no build step.
// The binary registers tsx's ESM and CJS hooks once; tests and the programmatic API call ensureLoader().
import { pathToFileURL } from 'node:url';
import { runUserCode, UserTimeoutError, type UserCodeScope } from './user-code.ts';

/** How long a user's file may take to load when nothing says otherwise (migrationTimeout's default, seconds). */
export const DEFAULT_USER_CODE_TIMEOUT_S = 120;

let registered = false;

/** Use before importing any user file: registers tsx's loader once per process (a no-op when already active). */
export async function ensureLoader(): Promise<void> {
  if (registered) return;
  registered = true;
  if ((process as unknown as { __pccTsx?: boolean }).__pccTsx) return;
  const esm = await import('tsx/esm/api');
  const cjs = await import('tsx/cjs/api');
  esm.register();
  cjs.register();
  (process as unknown as { __pccTsx?: boolean }).__pccTsx = true;
}

/**
 * Use to load a user's module by absolute path; returns its namespace (ESM) or module.exports
 * wrapped as default (CJS). Its top-level code runs as user code (src/util/user-code.ts): a
 * process.exit() or an error it leaves uncaught fails the import, and so does taking longer than
 * `timeoutS` seconds (default 120; inside a migration, the migration's own limit applies).
 */
export async function importUserFile(
  absPath: string,
  options: { kind?: UserCodeScope['kind']; timeoutS?: number } = {},
): Promise<Record<string, unknown>> {
  await ensureLoader();
  // A module still evaluating would make a second import wait as long again: fail it at once.
  const hung = timedOut.get(absPath);
  if (hung) throw hung;
  const scope: UserCodeScope = { kind: options.kind ?? 'file', file: absPath };
  const timeoutMs = (options.timeoutS ?? DEFAULT_USER_CODE_TIMEOUT_S) * 1000;
  try {
    return await runUserCode(scope, async () => (await import(pathToFileURL(absPath).href)) as Record<string, unknown>, { timeoutMs });
  } catch (error) {
    if (error instanceof UserTimeoutError) timedOut.set(absPath, error);
    throw error;
  }
}

/** Files whose import timed out (their module never finished evaluating). */
const timedOut = new Map<string, Error>();

/** Use for an ESM-or-CJS default export: `export default x` or `module.exports = x`. */
export function defaultExport(ns: Record<string, unknown>): unknown {
  let value: unknown = 'default' in ns ? ns.default : ns;
  // CJS transpiled with __esModule interop may nest one more default.
  if (value && typeof value === 'object' && 'default' in (value as object) && (value as { __esModule?: boolean }).__esModule) {
    value = (value as { default: unknown }).default;
  }
  return value;
}

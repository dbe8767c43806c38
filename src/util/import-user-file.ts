// Loading users' files (models, knexfile, config, migrations) as TS or JS, ESM or CommonJS, no build step.
// The binary registers tsx's ESM and CJS hooks once; tests and the programmatic API call ensureLoader().
import { pathToFileURL } from 'node:url';

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

/** Use to load a user's module by absolute path; returns its namespace (ESM) or module.exports wrapped as default (CJS). */
export async function importUserFile(absPath: string): Promise<Record<string, unknown>> {
  await ensureLoader();
  return (await import(pathToFileURL(absPath).href)) as Record<string, unknown>;
}

/** Use for an ESM-or-CJS default export: `export default x` or `module.exports = x`. */
export function defaultExport(ns: Record<string, unknown>): unknown {
  let value: unknown = 'default' in ns ? ns.default : ns;
  // CJS transpiled with __esModule interop may nest one more default.
  if (value && typeof value === 'object' && 'default' in (value as object) && (value as { __esModule?: boolean }).__esModule) {
    value = (value as { default: unknown }).default;
  }
  return value;
}

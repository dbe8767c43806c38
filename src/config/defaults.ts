// Defaults that depend on the project: the unit-test command when the config does not name one.
import type { UnitSource } from './types.ts';

/** The parts of package.json the defaults read. */
export interface PackageScripts {
  scripts?: Record<string, unknown>;
  dependencies?: Record<string, unknown>;
  devDependencies?: Record<string, unknown>;
}

/** npm init's placeholder test script, which only fails. */
const PLACEHOLDER_TEST = /no test specified/;

const script = (pkg: PackageScripts | null, name: string): string | undefined => {
  const s = pkg?.scripts?.[name];
  return typeof s === 'string' && s.trim() !== '' && !PLACEHOLDER_TEST.test(s) ? s : undefined;
};

/**
 * Use when the config says nothing of stages.unit: the project's own way to run its unit tests.
 * A `test:unit` script first (the fast suite, when a project splits them), else `test` (npm's
 * placeholder aside), both through npm so that pre/post scripts and node_modules/.bin work as the
 * developer knows them; else `mocha` when the project depends on it (the contract's default);
 * else nothing, and the stage is skipped with the reason (`mocha: not found` blocked every commit).
 */
export function defaultUnitCommand(pkg: PackageScripts | null): { command: string | false; source: UnitSource } {
  if (script(pkg, 'test:unit')) return { command: 'npm run --silent test:unit', source: 'test:unit script' };
  if (script(pkg, 'test')) return { command: 'npm test --silent', source: 'test script' };
  if (pkg?.devDependencies?.mocha !== undefined || pkg?.dependencies?.mocha !== undefined) return { command: 'mocha', source: 'mocha' };
  return { command: false, source: 'none' };
}

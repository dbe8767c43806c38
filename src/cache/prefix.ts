// Keys of migration-history prefixes: the state after the first k migrations depends only on what
// runs them (the base: tool, PostgreSQL, lockfile, knexfile, helper files) and on those k files, in
// order. A chain of hashes gives every prefix its own key, so a run can find the longest prefix of
// its history that an earlier run kept (see src/postgres/snapshot.ts) and apply only the rest.
import { sha256 } from './fingerprint.ts';

/** One migration as the chain sees it: its name (Knex records it) and its content's hash. */
export interface ChainStep {
  name: string;
  hash: string;
}

/** Use to key every prefix of a migration list: keys[k] is the key of the state after the first k migrations (keys[0] = base). */
export function prefixKeys(base: string, steps: readonly ChainStep[]): string[] {
  const keys = [sha256(`prefix\0${base}`).slice(0, 32)];
  for (const step of steps) keys.push(sha256(`${keys[keys.length - 1]}\0${step.name}\0${step.hash}`).slice(0, 32));
  return keys;
}

/** Use to pick where a run starts: the largest k (> 0, at most `max`) whose key is kept, or 0 when none is (start from zero). */
export function longestKeptPrefix(keys: readonly string[], kept: ReadonlySet<string>, max = Infinity): number {
  for (let k = Math.min(keys.length - 1, max); k > 0; k--) if (kept.has(keys[k]!)) return k;
  return 0;
}

/**
 * Use for `check --full`: how many migrations, from the first, an earlier round trip already passed
 * unchanged (the largest k with keys[1..k] all in `passed`). Whether migration k's down() undoes its
 * up() depends only on the state before it and the file itself, which keys[k] describes.
 */
export function roundTripPassedPrefix(keys: readonly string[], passed: ReadonlySet<string>): number {
  let k = 0;
  while (k + 1 < keys.length && passed.has(keys[k + 1]!)) k++;
  return k;
}

// The round trips that passed (check --full): the prefix keys (prefix.ts) of the migrations whose
// down() undid their up() in the last round trip without a finding, in the cache as
// round-trip.json. A later `check --full` rolls back and applies again only the migrations after
// the longest prefix listed there; --ci and --no-cache never read it.
import fs from 'node:fs/promises';
import path from 'node:path';

const FILE = 'round-trip.json';
const FORMAT = 1;

/** Use before a --full run: the prefix keys whose migration passed a round trip (empty when none, or the file is unreadable). */
export async function passedRoundTrips(cacheDir: string): Promise<Set<string>> {
  try {
    const data = JSON.parse(await fs.readFile(path.join(cacheDir, FILE), 'utf8')) as { format?: number; passed?: unknown };
    if (data.format !== FORMAT || !Array.isArray(data.passed)) return new Set();
    return new Set(data.passed.filter((k): k is string => typeof k === 'string'));
  } catch {
    return new Set();
  }
}

/** Use after a round trip without a finding: records `keys` (keys[1..N] of the history it checked) as passed; throws on I/O failure. */
export async function recordPassedRoundTrip(cacheDir: string, keys: readonly string[]): Promise<void> {
  await fs.mkdir(cacheDir, { recursive: true });
  const file = path.join(cacheDir, FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, JSON.stringify({ format: FORMAT, passed: keys }));
  await fs.rename(tmp, file);
}

// `pre-commit-check clean`: what interrupted or killed runs left, on this machine and (with a URL) on
// the user's server. Every place a run can use is swept (sweep.ts): $PRE_COMMIT_CHECK_RUN_DIR,
// /dev/shm, the project's node_modules/.cache/pre-commit-check (run directories, staged snapshots,
// half-written template copies and migrated snapshots) and the temp dir (run and socket directories). Only what belongs to
// a dead owner goes; other runs may be going on at the same time.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type pg from 'pg';
import { sweepDatabases, type DbSweepResult } from './db-sweep.ts';
import { RAM_DIR, RUN_DIR_ENV } from './run-dir.ts';
import { sweepParent, type Swept } from './sweep.ts';
import { connectUserServer } from './url-server.ts';

const RECHECK_MS = 1500;

export interface CleanReport {
  /** Directories looked into on this machine. */
  places: string[];
  local: Swept[];
  /** With a URL: what happened to the scratch databases there. */
  databases?: DbSweepResult;
}

/** Use for `clean`: sweeps this machine (and the server at `databaseUrl`); throws DB_UNREACHABLE. */
export async function cleanLeftovers(options: { projectRoot: string; databaseUrl?: string; env?: NodeJS.ProcessEnv }): Promise<CleanReport> {
  const env = options.env ?? process.env;
  const places = [
    ...(env[RUN_DIR_ENV] ? [path.resolve(env[RUN_DIR_ENV]!)] : []),
    RAM_DIR,
    path.join(path.resolve(options.projectRoot), 'node_modules', '.cache', 'pre-commit-check'),
    os.tmpdir(),
  ].filter((d, i, all) => all.indexOf(d) === i && existsSync(d));
  const local = (await Promise.all(places.map((p) => sweepParent(p)))).flat();
  const report: CleanReport = { places, local };
  if (options.databaseUrl) report.databases = await cleanServer(options.databaseUrl);
  return report;
}

async function cleanServer(url: string): Promise<DbSweepResult> {
  const Client = (createRequire(import.meta.url)('pg') as typeof pg).Client;
  const client = await connectUserServer(Client, url);
  try {
    const first = await sweepDatabases(client);
    if (!first.kept.some((k) => k.reason === 'owned')) return first;
    // A run killed a moment ago while its session ran a statement still holds its locks until the
    // server notices: look once more before calling those databases a live run's.
    await new Promise((r) => setTimeout(r, RECHECK_MS));
    const again = await sweepDatabases(client);
    return { dropped: [...first.dropped, ...again.dropped], kept: again.kept, failed: [...first.failed, ...again.failed] };
  } finally {
    await client.end().catch(() => {});
  }
}

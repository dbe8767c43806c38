// Knex instances for scratch databases: Knex's own warnings go to stderr so --json stdout stays clean.
import { createRequire } from 'node:module';
import type { Knex } from 'knex';
import { isShuttingDown } from '../postgres/cleanup.ts';

// Knex is loaded on first use (~260 ms of imports): a run served from the result cache never needs it.
const requireCjs = createRequire(import.meta.url);
let knexFactory: ((config: Knex.Config) => Knex) | undefined;

/**
 * Use when a server is starting and Knex will be needed: loads it on the next turn of the event
 * loop, while the server's processes work, instead of on the critical path once the server is up.
 */
export function preloadKnex(): void {
  setImmediate(() => {
    try {
      knexFactory ??= requireCjs('knex') as (config: Knex.Config) => Knex;
    } catch {
      // scratchKnex will report it
    }
  });
}

/**
 * Use to open a Knex instance on a scratch database URL (small pool). Knex's own log lines go to
 * stderr, or to `log` when given (the check holds them until it knows whether the server failed).
 */
export function scratchKnex(url: string, migrations?: Knex.MigratorConfig, quiet?: () => boolean, log?: (line: string) => void): Knex {
  const toStderr = (msg: unknown) => {
    const text = typeof msg === 'string' ? msg : JSON.stringify(msg);
    // A failing migration is reported as a finding (migration-failed); Knex's own lines about it are noise.
    if (/^migration (file ".*" )?failed/.test(text)) return;
    // On Ctrl-C the server goes away under open connections: the interruption is reported once, by the CLI.
    if (isShuttingDown() || quiet?.()) return;
    if (log) log(`knex: ${text}`);
    else process.stderr.write(`knex: ${text}\n`);
  };
  knexFactory ??= requireCjs('knex') as (config: Knex.Config) => Knex;
  return knexFactory({
    client: 'pg',
    connection: url,
    pool: { min: 0, max: 4 },
    migrations,
    log: { warn: toStderr, error: toStderr, deprecate: toStderr, debug: () => {} },
  });
}

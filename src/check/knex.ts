// Knex instances for scratch databases: Knex's own warnings go to stderr so --json stdout stays clean.
import knexFactory, { type Knex } from 'knex';

/** Use to open a Knex instance on a scratch database URL (small pool, logs on stderr). */
export function scratchKnex(url: string, migrations?: Knex.MigratorConfig): Knex {
  const toStderr = (msg: unknown) => process.stderr.write(`knex: ${typeof msg === 'string' ? msg : JSON.stringify(msg)}\n`);
  return knexFactory({
    client: 'pg',
    connection: url,
    pool: { min: 0, max: 4 },
    migrations,
    log: { warn: toStderr, error: toStderr, deprecate: toStderr, debug: () => {} },
  });
}

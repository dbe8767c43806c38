// Knex instances for scratch databases: Knex's own warnings go to stderr so --json stdout stays clean.
import knexFactory, { type Knex } from 'knex';

/** Use to open a Knex instance on a scratch database URL (small pool, logs on stderr). */
export function scratchKnex(url: string, migrations?: Knex.MigratorConfig): Knex {
  const toStderr = (msg: unknown) => {
    const text = typeof msg === 'string' ? msg : JSON.stringify(msg);
    // A failing migration is reported as a finding (migration-failed); Knex's own lines about it are noise.
    if (/^migration (file ".*" )?failed/.test(text)) return;
    process.stderr.write(`knex: ${text}\n`);
  };
  return knexFactory({
    client: 'pg',
    connection: url,
    pool: { min: 0, max: 4 },
    migrations,
    log: { warn: toStderr, error: toStderr, deprecate: toStderr, debug: () => {} },
  });
}

// User-facing text about the project's Knex: its knexfile's client, and the knex and pg packages.

export const knexMessages = {
  noClient: (file: string, env: string) => `Knexfile ${file} has no \`client\` (environment '${env}'): Knex cannot run its migrations without one.`,
  noClientHint: "Set `client: 'pg'` in the knexfile's config (pre-commit-check runs the migrations on PostgreSQL).",
  notPostgres: (file: string, client: string) => `Knexfile ${file} sets client ${client}, which is not a PostgreSQL client: pre-commit-check runs the migrations on PostgreSQL.`,
  notPostgresHint: "Use `client: 'pg'` (or 'postgres', 'postgresql') in the knexfile for the environment the check reads (NODE_ENV, default 'development').",
  knexMissing: (root: string) => `The knex package is not installed: neither the project (${root}) nor pre-commit-check can load it.`,
  knexMissingHint: 'Install it in the project: npm install --save-dev knex pg',
  pgNotInstalled: (root: string) => `The pg package is not installed: neither the project (${root}) nor pre-commit-check can load it.`,
  pgMissing: (knexPath: string, reason: string) => `Knex (${knexPath}) cannot load the PostgreSQL driver pg: ${reason}`,
  pgMissingHint: 'Install it in the project: npm install --save-dev pg',
  /** Knex's own warning, word for word (migrator-configuration-merger.js), printed once. */
  migrationSourceIgnored: 'FS-related option specified for migration configuration. This resets migrationSource to default FsMigrations',
};

// Knex configuration of the reference schema (models/ + migrations/). pre-commit-check reads the
// migrations settings from here and ignores the connection: it runs everything on a scratch database.
import type { Knex } from 'knex';

const config: Knex.Config = {
  client: 'pg',
  connection: process.env.DATABASE_URL ?? 'postgres://postgres@localhost:5432/app_development',
  migrations: {
    directory: './migrations',
    extension: 'ts',
    tableName: 'knex_migrations',
  },
};

export default config;

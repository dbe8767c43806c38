// File extensions a migration may have when the knexfile does not list its own.

/**
 * Knex's own default `loadExtensions` (lib/migrations/common/MigrationsLoader.js, knex 2 and 3): a
 * migration Knex would not load (an .mjs or .mts file without `loadExtensions`) is not run here
 * either, so the check sees the schema `knex migrate:latest` builds.
 */
export const DEFAULT_LOAD_EXTENSIONS: readonly string[] = Object.freeze(['.co', '.coffee', '.eg', '.iced', '.js', '.cjs', '.litcoffee', '.ls', '.ts']);

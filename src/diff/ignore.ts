// Which database tables the diff leaves alone: config ignore.tables globs and Knex's own bookkeeping tables.
import picomatch from 'picomatch';

/**
 * A table glob as an anchored RegExp, in picomatch's syntax (the one the `models` globs and
 * lint-staged use): `*` any run of characters, `?` one, `{a,b}` either, `[abc]` one of them. picomatch
 * rather than our own translation: braces and classes work as users expect from every other glob
 * of their config. A leading `!` is a literal character here (the config rejects negations).
 */
export function globToRegExp(glob: string): RegExp {
  return picomatch.makeRe(glob, { dot: true, nonegate: true });
}

/** Where Knex keeps its migration log: knexfile `migrations.tableName` / `migrations.schemaName`. */
export interface MigrationTableConfig {
  tableName?: string;
  schemaName?: string;
}

/** Knex's tables, ignored whatever the config says: the defaults in any schema, plus the configured ones. */
export function knexTableGlobs(config: MigrationTableConfig = {}): string[] {
  const globs = ['knex_migrations', 'knex_migrations_lock'];
  if (config.tableName) {
    const prefix = config.schemaName ? `${config.schemaName}.` : '';
    globs.push(`${prefix}${config.tableName}`, `${prefix}${config.tableName}_lock`);
  }
  return globs;
}

/**
 * A predicate telling whether schema.table is ignored. An unqualified glob ('legacy_*') matches the
 * table name in any schema; a qualified one ('audit.*') matches 'schema.table'.
 */
export function tableMatcher(globs: readonly string[]): (schema: string, table: string) => boolean {
  const compiled = globs.map((g) => ({ qualified: g.includes('.'), re: globToRegExp(g) }));
  return (schema, table) =>
    compiled.some(({ qualified, re }) => re.test(qualified ? `${schema}.${table}` : table));
}

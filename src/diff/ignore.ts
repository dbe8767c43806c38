// Which database tables the diff leaves alone: config ignore.tables globs and Knex's own bookkeeping tables.

/**
 * A glob of `*` (any run of characters but '.') and `?` (one character but '.') as an anchored RegExp.
 * Deliberately tiny: table globs need nothing more, and it keeps picomatch out of the dependencies.
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (const ch of glob) {
    if (ch === '*') re += '[^.]*';
    else if (ch === '?') re += '[^.]';
    else re += ch.replace(/[\\^$.+()|[\]{}]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
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

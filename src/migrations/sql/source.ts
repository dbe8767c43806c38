// A SQL migrations folder as a Knex migration source: Knex runs its migrations (one lock, its own
// log table, per-migration transactions, up and down), so everything built on Knex's migrator
// (migration-failed, migrationTimeout, the round trip, the caches, hook mode) works unchanged.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Knex } from 'knex';
import { sqlMigrationMessages as m } from '../../messages/sql-migrations.ts';
import type { SqlFormat } from './formats.ts';
import { listSqlMigrations, type SqlMigrationItem } from './list.ts';
import { parseSqlMigration, SqlParseError, type SqlPart } from './parse.ts';
import { runSqlPart } from './run.ts';

/** Use as the migrationSource of a project whose migrations are a folder of SQL files. */
export class SqlMigrationSource implements Knex.MigrationSource<SqlMigrationItem> {
  // Private fields: the source's own data is part of the cache key (settingsFingerprint), absolute paths must not be.
  readonly #directory: string;
  readonly #root: string;

  /** @param format the folder's format; undefined while the folder does not exist (it lists nothing then) */
  constructor(
    directory: string,
    root: string,
    readonly format: SqlFormat | undefined,
  ) {
    this.#directory = directory;
    this.#root = root;
  }

  async getMigrations(): Promise<SqlMigrationItem[]> {
    return this.format ? listSqlMigrations(this.#directory, this.format) : [];
  }

  getMigrationName(item: SqlMigrationItem): string {
    return item.name;
  }

  /** The migration: up() and, when the file has one, down(); `config.transaction` as its tool runs it. */
  async getMigration(item: SqlMigrationItem): Promise<Knex.Migration> {
    const rel = (file: string) => relative(this.#root, join(item.directory, file)).split('\\').join('/');
    const parsed = this.parse(item);
    const run = (part: SqlPart, file: string) => (knex: Knex) => runSqlPart(knex, part, rel(file));
    const transaction = parsed.up.transaction && (parsed.down?.transaction ?? true);
    return {
      up: run(parsed.up, item.file),
      ...(parsed.down ? { down: run(parsed.down, item.downFile ?? item.file) } : {}),
      config: { transaction },
    } as Knex.Migration;
  }

  /** The file read and parsed; one that cannot be (unreadable, not its format) throws, naming why: the migration fails. */
  private parse(item: SqlMigrationItem): ReturnType<typeof parseSqlMigration> {
    if (item.file === 'meta/_journal.json') throw new SqlParseError(m.badJournal);
    let text: string;
    let down: string | undefined;
    try {
      text = readFileSync(join(item.directory, item.file), 'utf8');
      down = item.downFile ? readFileSync(join(item.directory, item.downFile), 'utf8') : undefined;
    } catch (error) {
      throw new SqlParseError(m.unreadable((error as Error).message));
    }
    return parseSqlMigration(this.format!, text, down);
  }
}

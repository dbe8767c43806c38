// The migration source every migrator call on a scratch database uses: the knexfile's own
// `migrationSource` when Knex would use it, else the project's migration directories listed and
// ordered as Knex's FsMigrations does (loaded through our TypeScript-capable loader). Either way it
// is wrapped (CheckedMigrationSource) so that a missing down() does not stop the forward run (the
// only finding is then missing-down), and so that a migration can be found by its name.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import type { Knex } from 'knex';
import { importUserFile } from '../util/import-user-file.ts';
import { DEFAULT_LOAD_EXTENSIONS } from './extensions.ts';
import type { MigrationSettings } from './knexfile.ts';
import { migrationMessages as m } from '../messages/migrations.ts';
import { sqlFolders } from './sql/settings.ts';

export interface SourceMigration {
  file: string;
  directory: string;
}

/** A migration module as a source gives it: up, down, and Knex's per-migration `config`. */
type MigrationContent = Partial<Knex.Migration> & Record<string, unknown>;

/** The project's migration directories, as Knex's FsMigrations lists and orders them. */
export class ProjectMigrationSource implements Knex.MigrationSource<SourceMigration> {
  constructor(private readonly settings: MigrationSettings) {}

  async getMigrations(): Promise<SourceMigration[]> {
    const exts = this.settings.loadExtensions ?? DEFAULT_LOAD_EXTENSIONS;
    const perDir = this.settings.directories.map((directory) => {
      let files: string[];
      try {
        files = readdirSync(directory);
      } catch {
        files = [];
      }
      files = files.filter((f) => exts.includes(extname(f)) && !f.endsWith('.d.ts'));
      if (this.settings.sortDirsSeparately) files.sort();
      return files.map((file) => ({ file, directory }));
    });
    const all = perDir.flat();
    return this.settings.sortDirsSeparately ? all : all.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }

  getMigrationName(migration: SourceMigration): string {
    return migration.file;
  }

  async getMigration(migration: SourceMigration): Promise<Knex.Migration> {
    return (await importUserFile(join(migration.directory, migration.file))) as unknown as Knex.Migration;
  }
}

/**
 * Use as `migrationSource` of every Knex migrator call on a scratch database (see migrationSourceFor):
 * the inner source's list and names as they are; a module without down() gets one that throws.
 */
export class CheckedMigrationSource implements Knex.MigrationSource<unknown> {
  /**
   * @param inner the knexfile's migrationSource, or a ProjectMigrationSource
   * @param custom true for the knexfile's own: Knex hands it its default loadExtensions
   * @param base the folder relative paths in the source's items are relative to (the knexfile's)
   */
  constructor(
    readonly inner: Knex.MigrationSource<unknown>,
    private readonly custom: boolean,
    private readonly base: string,
  ) {}

  /** The list find() searches, read once (Knex itself lists again for each of its calls). */
  private listed: Promise<unknown[]> | undefined;

  getMigrations(loadExtensions?: readonly string[]): Promise<unknown[]> {
    return this.inner.getMigrations(this.custom ? [...(loadExtensions ?? DEFAULT_LOAD_EXTENSIONS)] : []);
  }

  getMigrationName(migration: unknown): string {
    return this.inner.getMigrationName(migration);
  }

  async getMigration(migration: unknown): Promise<Knex.Migration> {
    const content = await this.content(migration);
    if (typeof content.down === 'function') return content as Knex.Migration;
    const name = this.getMigrationName(migration);
    const down = async () => {
      throw new Error(m.noDownToRun(name));
    };
    return { up: content.up?.bind(content), down, ...(content.config ? { config: content.config } : {}) } as Knex.Migration;
  }

  /** The migration listed under `name` (Knex's migrations table records names), or undefined. */
  async find(name: string): Promise<unknown> {
    this.listed ??= this.getMigrations();
    return (await this.listed).find((item) => this.getMigrationName(item) === name);
  }

  /** The module of the migration named `name`, as it is (no down() added); throws when it does not load. */
  async load(name: string): Promise<MigrationContent> {
    const item = await this.find(name);
    if (item === undefined) throw new Error(`Migration "${name}" not found.`);
    return this.content(item);
  }

  /** Whether the migration named `name` exports down(); null when it does not load (apply reports that). */
  async hasDown(name: string): Promise<boolean | null> {
    try {
      return typeof (await this.load(name)).down === 'function';
    } catch {
      return null;
    }
  }

  /** The file a migration comes from, when its item says (Knex's FS items: { file, directory }; a path). */
  pathOf(migration: unknown): string | undefined {
    if (typeof migration === 'string') return isAbsolute(migration) && existsSync(migration) ? migration : undefined;
    if (!migration || typeof migration !== 'object') return undefined;
    const { file, directory, path } = migration as { file?: unknown; directory?: unknown; path?: unknown };
    if (typeof file === 'string' && typeof directory === 'string') return resolve(this.base, directory, file);
    if (typeof path === 'string') return resolve(this.base, path);
    return undefined;
  }

  /** A module's exports; a TypeScript or CommonJS module loaded as ESM has them under `default`. */
  private async content(migration: unknown): Promise<MigrationContent> {
    const ns = ((await this.inner.getMigration(migration)) ?? {}) as MigrationContent;
    const inner = ns.default as MigrationContent | undefined;
    return typeof ns.up !== 'function' && inner && typeof inner === 'object' ? inner : ns;
  }
}

/** Use to get the migration source of the project's settings (the knexfile's own one when Knex uses it). */
export function migrationSourceFor(s: MigrationSettings): CheckedMigrationSource {
  const base = s.knexfileDir ?? process.cwd();
  return s.migrationSource ? new CheckedMigrationSource(s.migrationSource, true, base) : new CheckedMigrationSource(new ProjectMigrationSource(s), false, base);
}

/**
 * Use for the `migrations` config of the migrations' Knex instance and of each migrator call: the
 * knexfile's own settings (lifecycle hooks, disableMigrationsListValidation...) with the source
 * above. The FS options are left out: they are in the source, and beside it Knex would drop it.
 */
export function migratorConfig(s: MigrationSettings): Knex.MigratorConfig {
  const own = (s.knexConfig?.migrations ?? {}) as Record<string, unknown>;
  const { directory: _d, sortDirsSeparately: _s, loadExtensions: _l, migrationSource: _m, ...rest } = own;
  return {
    ...(rest as Knex.MigratorConfig),
    migrationSource: migrationSourceFor(s),
    tableName: s.tableName,
    schemaName: s.schemaName,
    disableTransactions: s.disableTransactions,
  };
}

/**
 * Use to know which folders hold the migrations (caches, hook mode's fast path): the knexfile's
 * directories, or, with its own migrationSource, the folders of the files its items name; undefined
 * when an item names no file (migrations built in code, or loaded from paths it computes).
 */
export async function migrationDirectories(s: MigrationSettings): Promise<string[] | undefined> {
  // A SQL folder: its subfolders too (Prisma's per-migration folders, drizzle-kit's meta/_journal.json).
  if (s.sql) return sqlFolders(s.directories[0]!);
  if (!s.migrationSource) return s.directories;
  const source = migrationSourceFor(s);
  const paths = (await source.getMigrations()).map((item) => source.pathOf(item));
  if (paths.some((p) => p === undefined)) return undefined;
  return [...new Set(paths.map((p) => dirname(p!)))].sort();
}

// A Knex migration source over the project's migration directories, as Knex's own FS source orders
// them, that loads files through our TypeScript-capable loader and tolerates a missing down():
// the forward run must still apply such a migration so the only finding is missing-down.
import { readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Knex } from 'knex';
import { importUserFile } from '../util/import-user-file.ts';
import { DEFAULT_LOAD_EXTENSIONS } from './extensions.ts';
import type { MigrationSettings } from './knexfile.ts';
import { migrationMessages as m } from '../messages/migrations.ts';

export interface SourceMigration {
  file: string;
  directory: string;
}

/** Use as `migrationSource` of every Knex migrator call on a scratch database. */
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
    const ns = await importUserFile(join(migration.directory, migration.file));
    const mod = (typeof ns.up !== 'function' && ns.default && typeof ns.default === 'object' ? ns.default : ns) as Record<string, unknown>;
    const up = mod.up as Knex.Migration['up'];
    const down = typeof mod.down === 'function' ? (mod.down as Knex.Migration['down']) : async () => {
      throw new Error(m.noDownToRun(migration.file));
    };
    return { up, down, ...(mod.config ? { config: mod.config } : {}) } as Knex.Migration;
  }
}

/** Use to tell whether a migration module exports down() (the missing-down static check). */
export async function hasDown(migration: SourceMigration): Promise<boolean | null> {
  try {
    const ns = await importUserFile(join(migration.directory, migration.file));
    const mod = (typeof ns.up !== 'function' && ns.default && typeof ns.default === 'object' ? ns.default : ns) as Record<string, unknown>;
    return typeof mod.down === 'function';
  } catch {
    return null;
  }
}

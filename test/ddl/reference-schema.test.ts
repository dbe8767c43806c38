// The repository's reference schema (knexfile.ts, migrations/, models/) must be consistent by
// construction: the migrations round-trip cleanly, the models apply without failure, and the two
// catalogs differ only in spellings the check treats as equal.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import knexLib, { type Knex } from 'knex';
import { isModel } from '../../src/model-api/define.ts';
import type { LoadedModel, Model } from '../../src/model-api/types.ts';
import type { ScratchDatabase } from '../../src/postgres/types.ts';
import { applyModels } from '../../src/ddl/apply.ts';
import { REPO_ROOT, sharedServer } from '../helpers/pg.ts';
import { dumpCatalog, foldEquivalents } from './catalog-dump.ts';

async function loadReferenceModels(): Promise<LoadedModel[]> {
  const dir = path.join(REPO_ROOT, 'models');
  const out: LoadedModel[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(mod)) {
      if (!isModel(value)) continue;
      const model = value as Model;
      out.push({ name: model.name ?? exportName, file: `models/${file}`, exportName, model });
    }
  }
  return out;
}

describe('reference schema: migrations/ vs models/ (real PostgreSQL)', function () {
  this.timeout(180_000);
  const dbs: ScratchDatabase[] = [];
  const knexes: Knex[] = [];
  let migrated: string[] = [];

  const open = async (label: string, extra: Knex.Config = {}): Promise<Knex> => {
    const db = await (await sharedServer()).createDatabase(label);
    dbs.push(db);
    const knex = knexLib({ client: 'pg', connection: db.url, pool: { min: 0, max: 2 }, ...extra });
    knexes.push(knex);
    return knex;
  };

  after(async () => {
    for (const k of knexes) await k.destroy();
    for (const d of dbs) await d.drop();
  });

  it('migrates up, rolls all the way back leaving only knex_migrations, and migrates up to the same schema', async () => {
    const knexfile = ((await import(pathToFileURL(path.join(REPO_ROOT, 'knexfile.ts')).href)) as { default: Knex.Config }).default;
    const knex = await open('ref_migrations', {
      migrations: { ...knexfile.migrations, directory: path.join(REPO_ROOT, 'migrations') },
    });
    const [, applied] = (await knex.migrate.latest()) as [number, string[]];
    expect(applied.length).to.be.within(6, 12);
    migrated = await dumpCatalog(knex);

    await knex.migrate.rollback(undefined, true);
    expect(await dumpCatalog(knex)).to.deep.equal(['schema public']);
    const leftovers = (
      (await knex.raw(
        `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relname not like 'knex_migrations%'
         union all select t.typname from pg_type t join pg_namespace n on n.oid = t.typnamespace
          where n.nspname = 'public' and t.typtype in ('e', 'c', 'd') and t.typname not like 'knex_migrations%'`,
      )) as { rows: unknown[] }
    ).rows;
    expect(leftovers).to.deep.equal([]);

    await knex.migrate.latest();
    expect(await dumpCatalog(knex)).to.deep.equal(migrated);
  });

  it('declares at least 20 tables over public, core and identity, and they apply without a failure', async () => {
    const models = await loadReferenceModels();
    expect(models.length).to.be.at.least(20);
    expect(new Set(models.map((m) => m.model.schema))).to.deep.equal(new Set(['public', 'core', 'identity']));
    const knex = await open('ref_models');
    const result = await applyModels(knex, models);
    expect(result.failed.map((f) => `${f.model.name}: ${f.error.message}`)).to.deep.equal([]);
    expect(result.skippedForeignKeys.map((s) => s.label)).to.deep.equal([]);

    expect(migrated, 'the migrations test must run first').to.not.be.empty;
    const declared = await dumpCatalog(knex);
    expect(foldEquivalents(declared)).to.deep.equal(foldEquivalents(migrated));
  });
});

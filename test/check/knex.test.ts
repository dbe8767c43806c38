// The Knex the migrations run on (real PostgreSQL): opened with the knexfile's config as Knex opens
// it, client included, with the DDL pipeline hooked into that one instance; and which knex package
// that is (the project's own install first).
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Knex } from 'knex';
import { scratchKnex } from '../../src/check/knex.ts';
import { loadKnexModule, loadPg } from '../../src/check/knex-module.ts';
import { PccError } from '../../src/errors.ts';
import type { MigrationSettings } from '../../src/migrations/knexfile.ts';
import { DdlPipeline } from '../../src/migrations/pipeline.ts';
import { sharedServer } from '../helpers/pg.ts';

const settingsWith = (knexConfig: Record<string, unknown>): MigrationSettings => ({
  knexfile: 'knexfile.js',
  directories: [],
  extension: undefined,
  loadExtensions: undefined,
  tableName: 'knex_migrations',
  schemaName: undefined,
  disableTransactions: false,
  sortDirsSeparately: false,
  knexConfig,
});

describe('check/knex: the migrations run on a Knex opened as the knexfile says', function () {
  this.timeout(60_000);

  // Knex's own PostgreSQL client class, as a knexfile may give it (a subclass of its own).
  const PgClient = (loadKnexModule(undefined).factory({ client: 'pg' }).client as object).constructor as new (...args: never[]) => object;
  class ProjectPg extends PgClient {}
  const clients: Array<[string, unknown]> = [['pg', 'pg'], ['postgres', 'postgres'], ['postgresql', 'postgresql'], ['a class of its own', ProjectPg]];

  for (const [label, client] of clients) {
    it(`client ${label}: migrations see it as written, and their transaction's DDL still goes through the pipeline`, async () => {
      const server = await sharedServer();
      const db = await server.createDatabase('knex_client');
      const pipeline = new DdlPipeline();
      const knex = scratchKnex(db.url, { settings: settingsWith({ client, searchPath: ['app', 'public'], userParams: { prefix: 'x_' } }), pipeline, log: () => {} });
      try {
        let seen: { client?: unknown; searchPath?: unknown } = {};
        await pipeline.run(() =>
          knex.transaction(async (trx: Knex.Transaction) => {
            seen = { client: trx.client.config.client, searchPath: trx.client.config.searchPath };
            await trx.schema.createSchema('app');
            await trx.schema.createTable(`${knex.userParams.prefix}users`, (t) => t.increments('id'));
          }),
        );
        expect(seen).to.deep.equal({ client, searchPath: ['app', 'public'] });
        expect(pipeline.sentAhead).to.equal(2);
        const { rows } = await knex.raw(`SELECT table_schema FROM information_schema.tables WHERE table_name = 'x_users'`);
        expect(rows).to.deep.equal([{ table_schema: 'app' }]);
      } finally {
        await knex.destroy();
        await db.drop();
      }
    });
  }

  it('a client that is not PostgreSQL is a usage error naming it', () => {
    const error = (() => {
      try {
        return scratchKnex('postgres://unused/none', { settings: settingsWith({ client: 'mysql2' }) });
      } catch (e) {
        return e;
      }
    })();
    expect(error).to.be.instanceOf(PccError);
    expect((error as PccError).code).to.equal('KNEXFILE_INVALID');
    expect((error as PccError).message).to.include("client 'mysql2', which is not a PostgreSQL client");
  });
});

describe('check/knex-module: which knex', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcc-knexmod-'));
    dirs.push(dir);
    return dir;
  };

  it("the project's own install first, with its version", () => {
    const root = folder();
    mkdirSync(join(root, 'node_modules/knex'), { recursive: true });
    writeFileSync(join(root, 'node_modules/knex/package.json'), JSON.stringify({ name: 'knex', version: '2.9.9', main: 'knex.js' }));
    writeFileSync(join(root, 'node_modules/knex/knex.js'), 'module.exports = function knex() {};\n');
    const mod = loadKnexModule(root);
    expect(mod).to.include({ fromProject: true, version: '2.9.9', path: join(root, 'node_modules/knex/knex.js') });
    const tool = loadKnexModule(folder());
    expect(tool.fromProject).to.equal(false);
    expect(tool.path).to.not.include('pcc-knexmod-');
  });

  it('neither the project nor the tool has knex: a usage error (exit 2) saying what to install', () => {
    const root = folder();
    const error = (() => {
      try {
        return loadKnexModule(root, pathToFileURL(join(folder(), 'tool.js')));
      } catch (e) {
        return e;
      }
    })();
    expect(error).to.be.instanceOf(PccError);
    expect((error as PccError).code).to.equal('KNEX_NOT_INSTALLED');
    expect((error as PccError).kind).to.equal('usage');
    expect((error as PccError).message).to.include(root);
    expect((error as PccError).hint).to.equal('Install it in the project: npm install --save-dev knex pg');
  });

  it("pg for the tool's own connections (pull --database-url): the project's first, else a usage error saying what to install", () => {
    const root = folder();
    mkdirSync(join(root, 'node_modules/pg'), { recursive: true });
    writeFileSync(join(root, 'node_modules/pg/package.json'), JSON.stringify({ name: 'pg', version: '8.0.0', main: 'index.js' }));
    writeFileSync(join(root, 'node_modules/pg/index.js'), "module.exports = { fromProject: true };\n");
    expect(loadPg(root)).to.deep.equal({ fromProject: true });
    const bare = folder();
    const error = (() => {
      try {
        return loadPg(bare, pathToFileURL(join(folder(), 'tool.js')));
      } catch (e) {
        return e;
      }
    })();
    expect((error as PccError).code).to.equal('KNEX_NOT_INSTALLED');
    expect((error as PccError).message).to.equal(`The pg package is not installed: neither the project (${bare}) nor pre-commit-check can load it.`);
    expect((error as PccError).hint).to.equal('Install it in the project: npm install --save-dev pg');
  });
});

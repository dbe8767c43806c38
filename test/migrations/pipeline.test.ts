// The DDL pipeline against a real PostgreSQL: every case runs the same migrations twice, once with
// the pipeline and once one statement at a time (Knex alone), and both runs must agree exactly:
// schema, findings, error text, what is recorded as applied.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSchema } from '../../src/catalog/index.ts';
import { scratchKnex } from '../../src/check/knex.ts';
import { applyMigrations, knexMigrationConfig, type ApplyResult } from '../../src/migrations/apply.ts';
import type { MigrationSettings } from '../../src/migrations/knexfile.ts';
import { DdlPipeline } from '../../src/migrations/pipeline.ts';
import { roundTrip, takeInventory, type Inventory, type RoundTripResult } from '../../src/migrations/round-trip.ts';
import type { Schema } from '../../src/schema/types.ts';
import { sharedServer } from '../helpers/pg.ts';

interface Outcome {
  result: ApplyResult;
  schema: Schema;
  tables: string[];
  recorded: string[];
  sentAhead: number;
  /** Migrations run again one statement at a time after failing with the pipeline. */
  reruns: number;
  /** With `withRoundTrip`: the round trip's findings, and what was sent ahead during it. */
  roundTrip?: { findings: RoundTripResult['findings']; sentAhead: number };
}

/** Applies the migrations in `dir` to a fresh scratch database, with or without the pipeline. */
async function migrate(dir: string, pipelined: boolean, extra: Partial<MigrationSettings>, withRoundTrip = false): Promise<Outcome> {
  const settings: MigrationSettings = {
    knexfile: 'knexfile.ts',
    directories: [dir],
    extension: undefined,
    loadExtensions: ['.mjs'],
    tableName: 'knex_migrations',
    schemaName: undefined,
    disableTransactions: false,
    sortDirsSeparately: false,
    ...extra,
  };
  const server = await sharedServer();
  const db = await server.createDatabase('pipeline');
  const pipeline = pipelined ? new DdlPipeline() : undefined;
  const knex = scratchKnex(db.url, { migrations: knexMigrationConfig(settings), pipeline, log: () => {} });
  try {
    const inventories: Inventory[] = [];
    if (withRoundTrip) inventories.push(await takeInventory(knex, settings));
    const afterEach = withRoundTrip ? async () => void inventories.push(await takeInventory(knex, settings)) : undefined;
    const result = await applyMigrations(knex, dir, settings, { pipeline, afterEach });
    let round: Outcome['roundTrip'];
    if (withRoundTrip) {
      const before = pipeline?.sentAhead ?? 0;
      const rt = await roundTrip(knex, dir, settings, result.migrations, inventories, pipeline);
      round = { findings: rt.findings, sentAhead: (pipeline?.sentAhead ?? 0) - before };
    }
    const conn = await knex.client.acquireConnection();
    let schema: Schema;
    try {
      schema = await readSchema((sql, params) => conn.query(sql, params));
    } finally {
      await knex.client.releaseConnection(conn);
    }
    const tables = ((await knex.raw(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'knex%' ORDER BY 1`)).rows as Array<{ tablename: string }>).map((r) => r.tablename);
    const recorded = ((await knex.raw('SELECT name FROM knex_migrations ORDER BY id')).rows as Array<{ name: string }>).map((r) => r.name);
    return { result, schema, tables, recorded, sentAhead: pipeline?.sentAhead ?? 0, reruns: pipeline?.strictRuns ?? 0, roundTrip: round };
  } finally {
    await knex.destroy();
    await db.drop();
  }
}

/** Both runs; asserts they agree and returns the pipelined one. */
async function bothAgree(files: Record<string, string>, extra: Partial<MigrationSettings> = {}, withRoundTrip = false): Promise<Outcome> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pcc-pipeline-'));
  for (const [name, source] of Object.entries(files)) writeFileSync(path.join(dir, name), source);
  let alone: Outcome;
  let piped: Outcome;
  try {
    alone = await migrate(dir, false, extra, withRoundTrip);
    piped = await migrate(dir, true, extra, withRoundTrip);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const timeless = (r: ApplyResult) => ({ ...r, applied: r.applied.map((a) => a.name) });
  expect(timeless(piped.result)).to.deep.equal(timeless(alone.result));
  expect(piped.schema).to.deep.equal(alone.schema);
  expect(piped.tables).to.deep.equal(alone.tables);
  expect(piped.recorded).to.deep.equal(alone.recorded);
  expect(piped.roundTrip?.findings).to.deep.equal(alone.roundTrip?.findings);
  return piped;
}

const migration = (up: string, down = '') => `export async function up(knex) {\n${up}\n}\nexport async function down(knex) {\n${down}\n}\n`;

const SCHEMA_A = migration(`
  await knex.schema.createTable('owners', (t) => {
    t.increments('id');
    t.string('email', 200).notNullable().unique();
    t.enu('status', ['active', 'Closed'], { useNative: true, enumName: 'owner_status' }).defaultTo('active');
    t.comment('people');
  });
  await knex.schema.createTable('pets', (t) => {
    t.increments('id');
    t.integer('owner_id').notNullable().references('id').inTable('owners').onDelete('CASCADE');
    t.string('name').notNullable().defaultTo('rex');
    t.index(['owner_id', 'name']);
  });
  // A raw statement that ends in a line comment must not swallow what is sent after it.
  await knex.raw('ALTER TABLE pets ADD CONSTRAINT pets_name_check CHECK (length(name) > 0) -- no empty names');
  await knex.raw('CREATE INDEX pets_lower_name ON pets (lower(name)) WHERE owner_id > 0');
`);
const SCHEMA_B = migration(`
  await knex.schema.alterTable('pets', (t) => {
    t.renameColumn('name', 'nickname');
    t.boolean('vaccinated').notNullable().defaultTo(false);
  });
  await knex.raw("DO $$ BEGIN CREATE TABLE visits (id serial PRIMARY KEY, pet_id int REFERENCES pets (id)); END $$");
`);

describe('migrations/DdlPipeline (real PostgreSQL, compared with Knex alone)', function () {
  this.timeout(60_000);

  it('builds exactly the schema Knex alone builds, having sent the DDL ahead', async () => {
    const piped = await bothAgree({ '001_a.mjs': SCHEMA_A, '002_b.mjs': SCHEMA_B });
    expect(piped.result.ok).to.equal(true);
    expect(piped.tables).to.deep.equal(['owners', 'pets', 'visits']);
    expect(piped.recorded).to.deep.equal(['001_a.mjs', '002_b.mjs']);
    expect(piped.sentAhead).to.be.greaterThan(8);
    expect(piped.reruns).to.equal(0);
  });

  it('a failing statement gives the finding and error text of Knex alone, and nothing of its migration stays', async () => {
    const failing = migration(`
      await knex.schema.createTable('half_done', (t) => t.increments('id'));
      await knex.schema.createTable('owners', (t) => t.increments('id'));
      await knex.schema.createTable('never', (t) => t.increments('id'));
    `);
    const piped = await bothAgree({ '001_a.mjs': SCHEMA_A, '002_fails.mjs': failing, '003_b.mjs': SCHEMA_B });
    expect(piped.result.ok).to.equal(false);
    const [finding] = piped.result.findings;
    expect(finding!.code).to.equal('migration-failed');
    expect(finding!.message).to.contain('relation "owners" already exists');
    expect(finding!.message).to.contain('002_fails.mjs');
    expect(piped.tables).to.deep.equal(['owners', 'pets']);
    expect(piped.recorded).to.deep.equal(['001_a.mjs']);
    expect(piped.sentAhead).to.be.greaterThan(8);
    expect(piped.reruns).to.equal(1);
  });

  it('a failure the migration catches itself (a savepoint) ends as it does in Knex alone: applied', async () => {
    const catching = migration(`
      await knex.schema.createTable('kept', (t) => t.increments('id'));
      try {
        await knex.transaction(async (inner) => {
          await inner.schema.createTable('kept', (t) => t.increments('id'));
        });
      } catch {
        // already there: fine
      }
      await knex.schema.createTable('after_catch', (t) => t.increments('id'));
    `);
    const piped = await bothAgree({ '001_catching.mjs': catching });
    expect(piped.result.ok).to.equal(true);
    expect(piped.tables).to.deep.equal(['after_catch', 'kept']);
    expect(piped.sentAhead).to.be.greaterThan(0);
    expect(piped.reruns).to.equal(1);
  });

  it('a query issued after DDL sees that DDL, and an error the code throws is reported as thrown', async () => {
    const reads = migration(`
      // Many statements queue up faster than the server runs them; the query after them waits for all.
      for (let i = 0; i < 40; i++) await knex.schema.createTable('many_' + i, (t) => { t.increments('id'); t.string('x').index(); });
      // A slow statement in flight and one queued behind it: the query after them waits for both.
      await knex.raw('DO $$ BEGIN PERFORM pg_sleep(0.2); END $$');
      await knex.schema.createTable('seen', (t) => t.increments('id'));
      await knex.raw("COMMENT ON TABLE seen IS 'sent ahead'");
      // Bound values: never sent ahead; this one needs the table queued just before it.
      await knex.raw('CREATE TABLE bound AS SELECT count(*)::int + ? AS x FROM seen', [7]);
      if (!(await knex.schema.hasTable('seen'))) throw new Error('hasTable did not see the table');
      const { rows } = await knex.raw("SELECT obj_description('seen'::regclass) AS c, (SELECT x FROM bound) AS x");
      if (rows[0].c !== 'sent ahead' || rows[0].x !== 7) throw new Error('not seen: ' + JSON.stringify(rows[0]));
      await knex('seen').insert({});
    `);
    const throws = migration(`
      await knex.schema.createTable('then_fails', (t) => t.increments('id'));
      throw new Error('thrown by the migration itself');
    `);
    const piped = await bothAgree({ '001_reads.mjs': reads, '002_throws.mjs': throws });
    expect(piped.result.ok).to.equal(false);
    expect(piped.result.findings[0]!.message).to.contain('002_throws.mjs failed in up(): thrown by the migration itself');
    expect(piped.tables).to.have.length(42).and.to.include.members(['bound', 'seen', 'many_39']);
    // Nothing sent ahead failed: 002's own error is Knex's, so nothing ran twice.
    expect(piped.reruns).to.equal(0);
  });

  it('a migration that opts out of the transaction (config.transaction = false) is never sent ahead, even in its own', async () => {
    // Knex alone: "once" is committed, then the inner transaction fails. A rerun of the whole
    // migration would fail on "once" instead: so the pipeline must not touch it.
    const optsOut = `export const config = { transaction: false };
export async function up(knex) {
  await knex.schema.createTable('once', (t) => t.increments('id'));
  await knex.transaction(async (trx) => {
    await trx.schema.createTable('inner_t', (t) => t.increments('id'));
    await trx.raw('ALTER TABLE no_such ADD COLUMN x int');
  });
}
export async function down() {}
`;
    const piped = await bothAgree({ '001_a.mjs': SCHEMA_A, '002_opts_out.mjs': optsOut });
    expect(piped.result.findings[0]!.message).to.contain('relation "no_such" does not exist');
    expect(piped.tables).to.include('once').and.not.include('inner_t');
    expect(piped.reruns).to.equal(0);
  });

  it('sends nothing ahead for migrations that run outside a transaction', async () => {
    const piped = await bothAgree({ '001_a.mjs': SCHEMA_A, '002_b.mjs': SCHEMA_B }, { disableTransactions: true });
    expect(piped.result.ok).to.equal(true);
    expect(piped.sentAhead).to.equal(0);
  });

  it('the round trip (check --full) sends its downs and ups ahead and finds what Knex alone finds', async () => {
    const owners = migration(
      `await knex.schema.createTable('owners', (t) => { t.increments('id'); t.string('email').unique(); });`,
      `await knex.schema.dropTable('owners');`,
    );
    const pets = migration(
      `await knex.schema.createTable('pets', (t) => { t.increments('id'); t.integer('owner_id').references('owners.id'); t.index(['owner_id']); });`,
      `await knex.schema.dropTable('pets');`,
    );
    const clean = await bothAgree({ '001_owners.mjs': owners, '002_pets.mjs': pets }, {}, true);
    expect(clean.roundTrip!.findings).to.deep.equal([]);
    expect(clean.roundTrip!.sentAhead).to.be.greaterThan(3);
    expect(clean.reruns).to.equal(0);
    // A down that fails half-way: the same migration-failed as Knex alone, after one rerun.
    const badDown = migration(
      `await knex.schema.createTable('tags', (t) => t.increments('id'));`,
      `await knex.schema.dropTable('tags'); await knex.schema.dropTable('no_such_table');`,
    );
    const failing = await bothAgree({ '001_owners.mjs': owners, '002_tags.mjs': badDown }, {}, true);
    expect(failing.roundTrip!.findings.map((f) => f.code)).to.deep.equal(['migration-failed']);
    expect(failing.roundTrip!.findings[0]!.message).to.contain('table "no_such_table" does not exist');
    expect(failing.reruns).to.equal(1);
  });
});

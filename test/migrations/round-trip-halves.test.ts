// The round trip in two halves at once (RoundTripOptions.copyDatabase), against a real PostgreSQL:
// it must report exactly what the round trip in one database reports, in the same order, and never
// charge the earlier half with what a later migration's down() leaves behind in the copy.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshScratchDatabase, scratchKnex } from '../../src/check/knex.ts';
import { applyMigrations, knexMigrationConfig } from '../../src/migrations/apply.ts';
import type { MigrationSettings } from '../../src/migrations/knexfile.ts';
import { DdlPipeline } from '../../src/migrations/pipeline.ts';
import { roundTrip, takeInventory, type Inventory, type RoundTripResult } from '../../src/migrations/round-trip.ts';
import { sharedServer } from '../helpers/pg.ts';

const table = (name: string, down: string) => `
export const up = (knex) => knex.schema.createTable('${name}', (t) => { t.increments('id'); t.string('label').index(); });
export const down = (knex) => ${down};
`;

/** Eight migrations; 002 (earlier half) and 005 (later half) leave something behind. */
const HISTORY: Record<string, string> = {
  '001_a.mjs': table('a', `knex.schema.dropTable('a')`),
  '002_b.mjs': table('b', `knex.schema.alterTable('b', (t) => t.dropIndex('label'))`),
  '003_c.mjs': table('c', `knex.schema.dropTable('c')`),
  '004_d.mjs': table('d', `knex.schema.dropTable('d')`),
  '005_e.mjs': table('e', `Promise.resolve()`),
  '006_f.mjs': table('f', `knex.schema.dropTable('f')`),
  '007_a_note.mjs': `
export const up = (knex) => knex.schema.alterTable('a', (t) => t.text('note'));
export const down = (knex) => knex.schema.alterTable('a', (t) => t.dropColumn('note'));
`,
  '008_g.mjs': table('g', `knex.schema.dropTable('g')`),
};

interface Outcome {
  result: RoundTripResult;
  /** Databases copyDatabase made. */
  copies: number;
}

/** Migrates a fresh database, then round-trips it, in halves when `halves`. */
async function migrateAndRoundTrip(dir: string, settings: MigrationSettings, halves: boolean): Promise<Outcome> {
  const server = await sharedServer();
  const db = await server.createDatabase('halves');
  const pipeline = new DdlPipeline();
  const knexOptions = { migrations: knexMigrationConfig(settings), log: () => {} };
  const knex = scratchKnex(db.url, { ...knexOptions, pipeline });
  let copies = 0;
  try {
    const inventories: Inventory[] = [await takeInventory(knex, settings)];
    const applied = await applyMigrations(knex, dir, settings, { pipeline, afterEach: async () => void inventories.push(await takeInventory(knex, settings)) });
    expect(applied.ok).to.equal(true);
    const copyDatabase = async () => {
      copies++;
      await knex.destroy();
      knex.initialize();
      return freshScratchDatabase(server, knexOptions, undefined, db.name);
    };
    const result = await roundTrip(knex, dir, settings, applied.migrations, inventories, pipeline, {
      freshDatabase: () => freshScratchDatabase(server, knexOptions),
      ...(halves ? { copyDatabase } : {}),
    });
    return { result, copies };
  } finally {
    await knex.destroy();
    await db.drop();
  }
}

describe('migrations/round-trip in two halves (real PostgreSQL)', function () {
  this.timeout(120_000);
  let dir: string;
  const settings = (): MigrationSettings => ({
    knexfile: 'knexfile.ts',
    directories: [dir],
    extension: undefined,
    loadExtensions: ['.mjs'],
    tableName: 'knex_migrations',
    schemaName: undefined,
    disableTransactions: false,
    sortDirsSeparately: false,
  });

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pcc-halves-'));
    for (const [name, source] of Object.entries(HISTORY)) writeFileSync(path.join(dir, name), source);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports exactly what one database reports, in the same order, from a copy of the migrated database', async () => {
    const one = await migrateAndRoundTrip(dir, settings(), false);
    const two = await migrateAndRoundTrip(dir, settings(), true);
    expect(two.copies).to.equal(1);
    const shown = (r: RoundTripResult) => r.findings.map((f) => `${f.code} ${f.object}: ${f.message}`);
    expect(shown(one.result)).to.have.length(2);
    expect(shown(two.result)).to.deep.equal(shown(one.result));
    // 005 left table e behind in the copy: the earlier half started from a fresh database instead
    // of charging it to 003 or below; 002's index is charged to 002 alone.
    expect(two.result.findings.map((f) => f.object)).to.deep.equal(['005_e.mjs', '002_b.mjs']);
    expect(two.result.findings[0]!.message).to.include('table public.e');
    // Timed in one database's order: the downs from the last migration, then the ups from the first
    // (what runs in between differs: a migration rolled back before a rebuild is tested in place).
    const steps = (r: RoundTripResult) => [...new Set(r.timings.filter((t) => !t.name.includes(' … ')).map((t) => `${t.direction} ${t.name}`))];
    expect(steps(one.result)).to.have.length(Object.keys(HISTORY).length * 2);
    expect(steps(two.result)).to.deep.equal(steps(one.result));
  });
});

import { expect } from 'chai';
import knexLib, { type Knex } from 'knex';
import { defineModel, t, sql } from '../../src/model-api/define.ts';
import type { LoadedModel, Model } from '../../src/model-api/types.ts';
import type { ScratchDatabase } from '../../src/postgres/types.ts';
import { applyModels } from '../../src/ddl/apply.ts';
import { sharedServer } from '../helpers/pg.ts';
import { dumpCatalog } from './catalog-dump.ts';

const lm = (name: string, model: Model): LoadedModel => ({ name, file: `models/${name}.ts`, exportName: name, model });

const Station = defineModel({
  schema: 'identity',
  table: 'stations',
  columns: {
    id: t.uuid().primary().defaultTo(sql`gen_random_uuid()`),
    code: t.string(20).notNullable().unique(),
  },
});
const Customer = defineModel({
  schema: 'core',
  table: 'customers',
  columns: {
    id: t.uuid().primary().defaultTo(sql`gen_random_uuid()`),
    station_id: t.uuid().notNullable().references('identity.stations.id').onDelete('CASCADE'),
    email: t.text(),
    tags: t.specificType('text[]').notNullable().defaultTo(sql`'{}'`),
    prefs: t.jsonb().notNullable().defaultTo({ sms: false }),
    status: t.enum('customer_status', ['active', 'archived']).notNullable().defaultTo('active'),
    score: t.float(),
    ratio: t.double(),
    balance: t.decimal(10, 2).notNullable().defaultTo(0),
    raw: t.decimal(null),
    deleted_at: t.timestamp(),
  },
  indexes: [
    { columns: ['email'], unique: true, where: 'deleted_at is null' },
    { columns: ['tags'], using: 'gin' },
    { columns: ['prefs'], where: `prefs ? 'vip'` },
  ],
  uniques: [{ columns: ['station_id', 'email'] }],
  checks: [{ name: 'customers_email_check', expression: "email <> ''" }],
});
const Visit = defineModel({
  schema: 'core',
  table: 'visits',
  columns: {
    customer_id: t.uuid().primary(),
    station_id: t.uuid().primary(),
    seq: t.increments(),
    customer_email: t.text(),
    previous: t.enum('core.customer_status', ['active', 'archived']),
  },
  foreignKeys: [
    {
      columns: ['station_id', 'customer_email'],
      references: { table: 'customers', columns: ['station_id', 'email'] },
      onDelete: 'CASCADE',
    },
  ],
});
// Broken on purpose, each in its own way.
const BadCheck = defineModel({ table: 'bad_check', columns: { id: t.increments() }, checks: [{ expression: 'id >' }] });
const BadIndex = defineModel({ table: 'bad_index', columns: { id: t.increments() }, indexes: [{ columns: ['nope'] }] });
const RefersToBad = defineModel({
  table: 'refers_to_bad',
  columns: { id: t.increments(), bad_id: t.integer().references('bad_check.id'), ghost_id: t.integer().references('ghosts.id') },
});
const BadReference = defineModel({
  table: 'bad_reference',
  columns: { id: t.increments(), station_code: t.integer().references('identity.stations.code') },
});

describe('ddl/applyModels (real PostgreSQL)', function () {
  this.timeout(120_000);
  let db: ScratchDatabase | undefined;
  let knex: Knex | undefined;

  beforeEach(async () => {
    const server = await sharedServer();
    db = await server.createDatabase('ddl_apply');
    knex = knexLib({ client: 'pg', connection: db.url, pool: { min: 0, max: 2 } });
  });
  afterEach(async () => {
    await knex?.destroy();
    await db?.drop();
  });

  const columns = async (schema: string, table: string) =>
    (
      (await knex!.raw(
        `select column_name, data_type, is_nullable, column_default
           from information_schema.columns where table_schema = ? and table_name = ? order by ordinal_position`,
        [schema, table],
      )) as { rows: Array<{ column_name: string; data_type: string; is_nullable: string; column_default: string | null }> }
    ).rows;

  it('creates schemas, enum types, tables, keys, indexes, checks and foreign keys, in any declaration order', async () => {
    const result = await applyModels(knex!, [lm('Visit', Visit), lm('Customer', Customer), lm('Station', Station)]);
    expect(result.failed.map((f) => `${f.model.name}: ${f.error.message}`)).to.deep.equal([]);
    expect(result.applied.map((m) => m.name)).to.deep.equal(['Visit', 'Customer', 'Station']);
    expect(result.skippedForeignKeys).to.deep.equal([]);

    const cols = await columns('core', 'customers');
    expect(cols.map((c) => `${c.column_name} ${c.data_type} ${c.is_nullable}`)).to.deep.equal([
      'id uuid NO',
      'station_id uuid NO',
      'email text YES',
      'tags ARRAY NO',
      'prefs jsonb NO',
      'status USER-DEFINED NO',
      'score real YES',
      'ratio double precision YES',
      'balance numeric NO',
      'raw numeric YES',
      'deleted_at timestamp with time zone YES',
    ]);
    expect(cols.find((c) => c.column_name === 'status')!.column_default).to.equal(`'active'::core.customer_status`);
    expect(cols.find((c) => c.column_name === 'prefs')!.column_default).to.equal(`'{"sms": false}'::jsonb`);

    const dump = await dumpCatalog(knex!);
    expect(dump).to.include.members([
      'schema core',
      'schema identity',
      'enum core.customer_status (active, archived)',
      'col core.visits.seq integer NOT NULL DEFAULT nextval(\'core.visits_seq_seq\'::regclass)',
      'con core.visits PRIMARY KEY (customer_id, station_id, seq)',
      'con core.customers FOREIGN KEY (station_id) REFERENCES identity.stations(id) ON DELETE CASCADE',
      'con core.visits FOREIGN KEY (station_id, customer_email) REFERENCES core.customers(station_id, email) ON DELETE CASCADE',
      'con core.customers UNIQUE (station_id, email)',
      "con core.customers CHECK ((email <> ''::text))",
      'idx CREATE UNIQUE INDEX ON core.customers USING btree (email) WHERE (deleted_at IS NULL)',
      'idx CREATE INDEX ON core.customers USING gin (tags)',
      "idx CREATE INDEX ON core.customers USING btree (prefs) WHERE (prefs ? 'vip'::text)",
      'con identity.stations UNIQUE (code)',
    ]);
    expect(dump.filter((l) => l.startsWith('enum '))).to.have.length(1);
  });

  it('reports each failing model with its error and SQL, and still creates every other model', async () => {
    const result = await applyModels(knex!, [
      lm('BadCheck', BadCheck),
      lm('Station', Station),
      lm('BadIndex', BadIndex),
      lm('RefersToBad', RefersToBad),
      lm('BadReference', BadReference),
      lm('Customer', Customer),
    ]);
    expect(result.applied.map((m) => m.name)).to.deep.equal(['Station', 'RefersToBad', 'Customer']);
    const failed = Object.fromEntries(result.failed.map((f) => [f.model.name, f]));
    expect(Object.keys(failed)).to.deep.equal(['BadCheck', 'BadIndex', 'BadReference']);
    expect(failed.BadCheck!.phase).to.equal('table');
    expect(failed.BadCheck!.sql).to.equal('alter table "public"."bad_check" add check (id >)');
    expect(failed.BadCheck!.error.message).to.match(/syntax error/);
    expect(failed.BadIndex!.sql).to.match(/create index .* \("nope"\)/);
    expect(failed.BadIndex!.error.message).to.match(/column "nope" does not exist/);
    // Its table exists, but its foreign key joins an integer to a varchar.
    expect(failed.BadReference!.phase).to.equal('foreignKey');
    expect(failed.BadReference!.error.message).to.match(/cannot be implemented/);

    expect(result.skippedForeignKeys.map((s) => `${s.model.name} -> ${s.target}: ${s.reason}`)).to.deep.equal([
      'RefersToBad -> public.bad_check: target-failed',
      'RefersToBad -> public.ghosts: undeclared-target',
    ]);

    // A failed table unit is rolled back whole; the others are all there.
    const tables = (
      (await knex!.raw(
        `select table_schema || '.' || table_name as t from information_schema.tables
          where table_schema in ('public', 'core', 'identity') order by 1`,
      )) as { rows: Array<{ t: string }> }
    ).rows.map((r) => r.t);
    expect(tables).to.deep.equal(['core.customers', 'identity.stations', 'public.bad_reference', 'public.refers_to_bad']);
  });
});

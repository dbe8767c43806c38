import { expect } from 'chai';
import { defineModel, sql, t } from '../../src/model-api/define.ts';
import { knexColumnCall, knexCreateTable, knexIndexCall, modelColumnCall } from '../../src/diff/snippets.ts';
import { col } from './factory.ts';

describe('diff/snippets', () => {
  it('writes Knex schema-builder calls for model columns', () => {
    // an array default is a Postgres array literal (Knex would write 'a,b', JSON would be malformed too), except on json(b)
    expect(knexColumnCall('tags', t.specificType('text[]').defaultTo(['a', 'b c']).spec)).to.equal(`table.specificType('tags', 'text[]').defaultTo('{"a","b c"}')`);
    expect(knexColumnCall('doc', t.jsonb().defaultTo(['a']).spec)).to.equal(`table.jsonb('doc').defaultTo('["a"]')`);
    expect(knexColumnCall('email', t.string(100).notNullable().spec)).to.equal("table.string('email', 100).notNullable()");
    expect(knexColumnCall('created_at', t.timestamp().notNullable().defaultTo(sql`now()`).spec)).to.equal(
      "table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())",
    );
    expect(knexColumnCall('status', t.enum('booking_status', ['pending', 'done']).spec, { schema: 'core' })).to.equal(
      "table.enu('status', ['pending', 'done'], { useNative: true, enumName: 'booking_status', schemaName: 'core' })",
    );
    expect(knexColumnCall('station_id', t.uuid().references('identity.stations.id').onDelete('CASCADE').spec)).to.equal(
      "table.uuid('station_id').references('id').inTable('identity.stations').onDelete('CASCADE')",
    );
    expect(knexColumnCall('id', t.increments().spec)).to.equal("table.increments('id')");
    expect(knexColumnCall('price', t.decimal(10, 2).defaultTo(0).spec)).to.equal("table.decimal('price', 10, 2).defaultTo(0)");
    expect(knexColumnCall('tags', t.specificType('text[]').defaultTo(sql`'{}'`).spec)).to.equal("table.specificType('tags', 'text[]').defaultTo(knex.raw(`'{}'`))");
    expect(knexColumnCall('name', t.text().defaultTo("it's").spec)).to.equal("table.text('name').defaultTo('it\\'s')");
  });

  it('writes index calls, raw SQL when the schema builder cannot say it', () => {
    const where = { schema: 'core', table: 'bookings' };
    expect(knexIndexCall({ columns: ['a', 'b'], descending: [false, false], unique: false, method: 'btree', predicate: null }, where)).to.equal("table.index(['a', 'b'])");
    expect(knexIndexCall({ columns: ['doc'], descending: [false], unique: false, method: 'gin', predicate: null }, { ...where, name: 'idx' })).to.equal(
      "table.index(['doc'], 'idx', { storageEngineIndexType: 'gin' })",
    );
    expect(knexIndexCall({ columns: ['a'], descending: [true], unique: false, method: 'btree', predicate: null }, where)).to.equal(
      'knex.raw(`create index on "core"."bookings" ("a" desc)`)',
    );
    // every part of the index: an expression key with a collation, an operator class, NULLS, INCLUDE, NULLS NOT DISTINCT
    const full = {
      columns: ['lower(email)', 'title', 'id'],
      expressions: [true, false, false],
      descending: [false, false, true],
      nullsFirst: [false, false, false],
      opclasses: [null, 'text_pattern_ops', null],
      collations: ['C', null, null],
      include: ['note'],
      unique: true,
      nullsNotDistinct: true,
      method: 'btree',
      predicate: 'id > 0',
    };
    expect(knexIndexCall(full, { ...where, name: 'full_idx' })).to.equal(
      'knex.raw(`create unique index "full_idx" on "core"."bookings" ((lower(email)) collate "C", "title" text_pattern_ops, "id" desc nulls last) include ("note") nulls not distinct where id > 0`)',
    );
  });

  it('writes a createTable with composite keys and checks', () => {
    const M = defineModel({
      table: 'links',
      columns: { a: t.integer().primary(), b: t.integer().primary() },
      checks: [{ expression: 'a <> b' }],
    });
    expect(knexCreateTable(M)).to.equal(
      "knex.schema.createTable('links', (table) => { table.integer('a').notNullable(); table.integer('b').notNullable(); table.primary(['a', 'b']); table.check('a <> b'); })",
    );
  });

  it('writes model-API declarations for database columns', () => {
    expect(modelColumnCall(col('id', 'integer', { notNull: true, default: "nextval('t_id_seq'::regclass)" }), { schema: 'public', primary: true })).to.equal('t.increments()');
    expect(modelColumnCall(col('email', 'character varying(100)', { notNull: true }), { schema: 'public' })).to.equal('t.string(100).notNullable()');
    expect(modelColumnCall(col('at', 'timestamp without time zone', { default: 'CURRENT_TIMESTAMP' }), { schema: 'public' })).to.equal(
      't.timestamp({ useTz: false }).defaultTo(sql`CURRENT_TIMESTAMP`)',
    );
    expect(
      modelColumnCall(col('s', 'core.st', { enumType: { schema: 'core', name: 'st' }, default: "'a'::core.st" }), {
        schema: 'core',
        enums: [{ schema: 'core', name: 'st', labels: ['a', 'b'] }],
      }),
    ).to.equal("t.enum('st', ['a', 'b']).defaultTo('a')");
    expect(modelColumnCall(col('tags', 'text[]'), { schema: 'public' })).to.equal("t.specificType('text[]')");
  });
});

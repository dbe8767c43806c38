import { expect } from 'chai';
import { defineModel, t, sql, isModel } from '../../src/model-api/define.ts';

describe('model-api/define', () => {
  it('resolves builders into column specs with Knex defaults', () => {
    const m = defineModel({
      table: 'users',
      columns: {
        id: t.increments(),
        email: t.string().notNullable().unique(),
        station_id: t.uuid().references('identity.stations.id').onDelete('cascade'),
        created_at: t.timestamp().notNullable().defaultTo(sql`now()`),
        price: t.decimal(10, 2),
      },
    });
    expect(isModel(m)).to.equal(true);
    expect(m.schema).to.equal('public');
    expect(m.columns.email).to.include({ kind: 'string', length: 255, nullable: false, unique: true });
    expect(m.columns.id).to.include({ primary: true, nullable: false });
    expect(m.columns.station_id!.references).to.deep.equal({ schema: 'identity', table: 'stations', column: 'id' });
    expect(m.columns.station_id!.onDelete).to.equal('CASCADE');
    expect(m.columns.created_at!.default).to.deep.equal({ kind: 'raw', sql: 'now()' });
    expect(m.columns.created_at!.useTz).to.equal(true);
    expect(m.columns.price).to.include({ precision: 10, scale: 2 });
  });

  it('rejects a malformed reference and an unknown action', () => {
    expect(() => t.uuid().references('stations')).to.throw(/table\.column/);
    expect(() => t.uuid().onDelete('EXPLODE' as never)).to.throw(/referential action/);
  });

  it('keeps builders immutable', () => {
    const a = t.text();
    const b = a.notNullable();
    expect(a.spec.nullable).to.equal(true);
    expect(b.spec.nullable).to.equal(false);
  });
});

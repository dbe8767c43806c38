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
  it('holds names as PostgreSQL stores them: cut to 63 bytes on a character boundary, the long ones kept for a warning', () => {
    const long = 'x'.repeat(60) + 'é'.repeat(4); // 68 bytes: 'é' is two bytes, cut back to a whole character
    const M = defineModel({ table: long, columns: { [long]: t.integer().index(), id: t.integer().references(`${long}.${long}`) }, uniques: [{ columns: [long], name: long }] });
    const cut = 'x'.repeat(60) + 'é';
    expect(Buffer.byteLength(cut)).to.equal(62);
    expect(M.table).to.equal(cut);
    expect(Object.keys(M.columns)).to.deep.equal([cut, 'id']);
    expect(M.columns.id!.references).to.deep.equal({ schema: undefined, table: cut, column: cut });
    expect(M.uniques[0]).to.deep.include({ name: cut, columns: [cut] });
    expect(M.longNames).to.deep.equal([long]);
    expect(defineModel({ table: 'short', columns: { a: t.integer() } }).longNames).to.equal(undefined);
    expect(() => defineModel({ table: 't', columns: { [long]: t.integer(), [long + 'more']: t.integer() } })).to.throw(/same column once PostgreSQL cuts them/);
  });
});

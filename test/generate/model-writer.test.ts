// The pull writer on small Schema values (pure): the facets of contract section 3's "Real schemas"
// are written the way a person would write them, and Knex's enu() check reads as IN (...).
import { expect } from 'chai';
import { readableCheck, writeModelFiles } from '../../src/generate/model-writer.ts';
import { col, index, schema, table } from '../diff/factory.ts';

describe('generate/model-writer', () => {
  it("writes Knex enu()'s check as IN (...), and leaves other checks as the catalog prints them", () => {
    expect(readableCheck("kind = ANY (ARRAY['follow'::text, 'block'::text])")).to.equal("kind IN ('follow', 'block')");
    expect(readableCheck("(kind = ANY (ARRAY['it''s'::text]))")).to.equal("kind IN ('it''s')");
    expect(readableCheck('price > 0')).to.equal('price > 0');
    expect(readableCheck("kind = ANY (ARRAY['a'::text]) OR kind IS NULL")).to.equal("kind = ANY (ARRAY['a'::text]) OR kind IS NULL");
  });

  it('declares a composite primary key in key order, and every facet of columns, keys and indexes', () => {
    const t = table('public', 'items', {
      columns: [
        col('a', 'integer', { notNull: true }),
        col('b', 'integer', { notNull: true }),
        col('id', 'bigint', { notNull: true, identity: 'd' }),
        col('sku', 'text', { collation: 'C' }),
        col('total', 'bigint', { generated: '(a * b)', generatedKind: 's' }),
        col('parent', 'integer'),
      ],
      primaryKey: { name: 'items_pkey', columns: ['b', 'a'] },
      foreignKeys: [{ name: 'fk', columns: ['parent'], refSchema: 'public', refTable: 'items', refColumns: ['id'], onDelete: 'NO ACTION', onUpdate: 'NO ACTION', deferrable: 'deferred' }],
      uniques: [{ name: 'u', columns: ['sku'], nullsNotDistinct: true }],
      indexes: [
        index('i1', ['lower(sku)', 'a'], { expressions: [true, false], descending: [false, true], nullsFirst: [false, false], collations: ['C', null], include: ['b'] }),
        index('i2', ['sku'], { opclasses: ['text_pattern_ops'] }),
      ],
    });
    const [file] = writeModelFiles(schema([t]));
    const body = file!.content;
    expect(body.indexOf('    b: t.integer().primary()')).to.be.lessThan(body.indexOf('    a: t.integer().primary()'));
    expect(body).to.contain('id: t.bigInteger().identity({ always: false })');
    expect(body).to.contain("sku: t.text().collate('C')");
    expect(body).to.contain('total: t.bigInteger().generatedAlwaysAs(sql`a * b`)');
    expect(body).to.contain("parent: t.integer().references('items.id').deferrable('deferred')");
    expect(body).to.contain("{ columns: ['sku'], nullsNotDistinct: true }");
    expect(body).to.contain("{ columns: [{ expression: sql`lower(sku)`, collate: 'C' }, { column: 'a', order: 'desc', nulls: 'last' }], include: ['b'] }");
    expect(body).to.contain("{ columns: [{ column: 'sku', opclass: 'text_pattern_ops' }] }");
    expect(body).to.match(/import \{ defineModel, t, sql \} from 'pre-commit-check'/);
  });

  it("writes an extension's type in public as a person would (citext, not public.citext); other schemas stay qualified", () => {
    const t = table('public', 'users', { columns: [col('email', 'public.citext', { notNull: true }), col('tags', 'public.citext[]'), col('geo', 'postgis.geometry')] });
    const [file] = writeModelFiles(schema([t]));
    expect(file!.content).to.contain("email: t.specificType('citext').notNullable()");
    expect(file!.content).to.contain("tags: t.specificType('citext[]')");
    expect(file!.content).to.contain("geo: t.specificType('postgis.geometry')");
  });
});

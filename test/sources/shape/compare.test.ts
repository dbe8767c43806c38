// compareShapes (src/sources/shape/compare.ts) on small Schema values: only what a shape-only source
// states is compared, across coarse type families, with hints in the source's terms.
import { expect } from 'chai';
import { compareShapes } from '../../../src/sources/shape/compare.ts';
import { typeFits } from '../../../src/sources/shape/families.ts';
import type { ShapeColumn, ShapeTable } from '../../../src/sources/types.ts';
import type { Schema } from '../../../src/schema/types.ts';
import { col, table } from '../../diff/factory.ts';

const schema = (...tables: Schema['tables']): Schema => ({ tables, enums: [], schemas: ['public'] }) as unknown as Schema;
const users = table('public', 'users', {
  columns: [col('id', 'integer', { notNull: true, default: "nextval('users_id_seq'::regclass)" }), col('email', 'character varying(255)', { notNull: true }), col('bio', 'text'), col('balance', 'bigint', { notNull: true, default: '0' })],
  indexes: [],
});
const shape = (columns: ShapeColumn[], opts: Partial<ShapeTable> = {}): ShapeTable => ({
  source: 'knexTypes', name: 'User', file: 'src/db/tables.d.ts', line: 4, schema: 'public', table: 'users', complete: true, columns, rowType: { name: 'User', file: 'src/db/rows.ts', line: 1 }, ...opts,
});
const codes = (fs: ReturnType<typeof compareShapes>) => fs.map((f) => `${f.code} ${f.columns.join(',')}`);

describe('compareShapes: shape-only sources against the migrated schema', () => {
  it('an equal row type written with coarse types gives nothing (bigint as string, no index/default finding)', () => {
    const row = shape([
      { name: 'id', type: 'number', nullable: false },
      { name: 'email', type: 'string', nullable: false },
      { name: 'bio', type: 'string', nullable: true },
      { name: 'balance', type: 'string', nullable: false },
    ]);
    expect(compareShapes(schema(users), [row])).to.deep.equal([]);
  });

  it('missing column, type family, nullability both ways, unmodeled columns only for a complete row', () => {
    const row = shape([
      { name: 'id', type: 'string', nullable: false, line: 2 },
      { name: 'email', type: 'string', nullable: true, line: 3 },
      { name: 'bio', type: 'string', nullable: false, line: 4 },
      { name: 'nickname', type: 'string', nullable: true, line: 5 },
    ]);
    const found = compareShapes(schema(users), [row]);
    expect(codes(found)).to.have.members(['type-mismatch id', 'nullability-mismatch email', 'nullability-mismatch bio', 'missing-column nickname', 'unmodeled-column balance']);
    const mismatch = found.find((f) => f.code === 'type-mismatch')!;
    expect(mismatch.hint).to.contain('write id: number in User');
    expect(mismatch.line).to.equal(2);
    expect(found.find((f) => f.code === 'unmodeled-column')!).to.include({ severity: 'warning', file: 'src/db/rows.ts', line: 1 });
    expect(codes(compareShapes(schema(users), [{ ...row, complete: false }]))).to.not.include('unmodeled-column balance');
  });

  it('a source that states no type nor nullability (Objection) is compared on existence only', () => {
    const pet = shape([{ name: 'id', stated: 'idColumn' }, { name: 'email' }, { name: 'owner_id', stated: 'relationMappings.owner' }], { source: 'objection', name: 'Pet', complete: false, rowType: undefined });
    const found = compareShapes(schema(users), [pet]);
    expect(codes(found)).to.deep.equal(['missing-column owner_id']);
    expect(found[0]!.hint).to.equal("add it in a migration: table.text('owner_id') (or, if the database is right, correct relationMappings.owner of Pet in src/db/tables.d.ts)");
  });

  it('a missing table is one finding with a createTable of its stated columns; ignored tables are skipped', () => {
    const audit = shape([{ name: 'id', type: 'number', nullable: false }, { name: 'at', type: 'date', nullable: false }], { table: 'audit', name: 'Audit' });
    const found = compareShapes(schema(users), [audit]);
    expect(codes(found)).to.deep.equal(['missing-table ']);
    expect(found[0]!.hint).to.contain("knex.schema.createTable('audit', (table) => { table.integer('id').notNullable(); table.timestamp('at').notNullable(); })");
    expect(compareShapes(schema(users), [audit], ['aud*'])).to.deep.equal([]);
  });

  it('type families follow node-pg: int8/numeric as string, number or bigint; timestamps as Date or string; json as object or array', () => {
    const fits = (type: string, t: Parameters<typeof typeFits>[1], enumType = false) => typeFits({ type, enumType: enumType ? { schema: 'public', name: 'e' } : null }, t);
    expect([fits('bigint', 'string'), fits('bigint', 'number'), fits('numeric(10,2)', 'bigint'), fits('integer', 'string')]).to.deep.equal([true, true, true, false]);
    expect([fits('timestamp with time zone', 'date'), fits('date', 'string'), fits('date', 'number')]).to.deep.equal([true, true, false]);
    expect([fits('jsonb', 'json'), fits('jsonb', 'array'), fits('json', 'string')]).to.deep.equal([true, true, false]);
    expect([fits('text[]', 'array'), fits('text[]', 'string'), fits('bytea', 'buffer'), fits('status', 'string', true), fits('point', 'number')]).to.deep.equal([true, false, true, true, true]);
  });
});

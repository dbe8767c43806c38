import { expect } from 'chai';
import {
  checkExpression,
  fkAction,
  parseColumns,
  parseConstraints,
  parseEnums,
  parseIndexes,
  parseSchema,
  parseTables,
  type CatalogRows,
} from '../../src/catalog/index.ts';
import type { ColumnRow, ConstraintRow, IndexRow } from '../../src/catalog/index.ts';

const col = (over: Partial<ColumnRow>): ColumnRow => ({
  schema_name: 'public',
  table_name: 'users',
  position: 1,
  name: 'id',
  type: 'integer',
  not_null: false,
  identity: '',
  generated_kind: '',
  default_expr: null,
  enum_schema: null,
  enum_name: null,
  comment: null,
  collation: null,
  ...over,
});

const con = (over: Partial<ConstraintRow>): ConstraintRow => ({
  schema_name: 'public',
  table_name: 'users',
  name: 'c',
  kind: 'c',
  columns: null,
  ref_schema: null,
  ref_table: null,
  ref_columns: null,
  on_delete: ' ',
  on_update: ' ',
  definition: null,
  deferrable: false,
  deferred: false,
  nulls_not_distinct: false,
  ...over,
});

const idx = (over: Partial<IndexRow>): IndexRow => {
  const columns = over.columns ?? ['a'];
  const descending = over.descending ?? columns.map(() => false);
  return {
    schema_name: 'public',
    table_name: 'users',
    name: 'i',
    columns,
    expressions: columns.map((c) => c.includes('(')),
    descending,
    nulls_first: descending,
    opclasses: columns.map(() => null),
    collations: columns.map(() => null),
    include: [],
    is_unique: false,
    nulls_not_distinct: false,
    method: 'btree',
    predicate: null,
    ...over,
  };
};

describe('catalog/parse', () => {
  it('maps every foreign key action letter and rejects unknown ones', () => {
    expect(['a', 'r', 'c', 'n', 'd'].map(fkAction)).to.deep.equal([
      'NO ACTION',
      'RESTRICT',
      'CASCADE',
      'SET NULL',
      'SET DEFAULT',
    ]);
    expect(() => fkAction('z')).to.throw(/action letter/);
    expect(() => fkAction(null)).to.throw(/action letter/);
  });

  it('strips CHECK ( ) and trailing NOT VALID / NO INHERIT / NOT ENFORCED from check definitions', () => {
    expect(checkExpression('CHECK (price > 0::numeric)')).to.equal('price > 0::numeric');
    expect(checkExpression('CHECK ((a > 0) AND (b > 0)) NOT VALID')).to.equal('(a > 0) AND (b > 0)');
    expect(checkExpression('CHECK (a > 0) NO INHERIT')).to.equal('a > 0');
    expect(checkExpression('CHECK (a > 0) NO INHERIT NOT ENFORCED')).to.equal('a > 0');
    expect(checkExpression("CHECK (status <> 'x)'::text)")).to.equal("status <> 'x)'::text");
    expect(() => checkExpression('NOT NULL a')).to.throw(/Unexpected check/);
  });

  it('lists every namespace, sorted, including ones without tables', () => {
    const parsed = parseTables([
      { schema_name: 'public', table_name: 'users', comment: 'People' },
      { schema_name: 'public', table_name: null, comment: null },
      { schema_name: 'empty', table_name: null, comment: null },
      { schema_name: 'core', table_name: 'b', comment: null },
      { schema_name: 'core', table_name: 'a', comment: null },
      { schema_name: 'core', table_name: null, comment: null },
    ]);
    expect(parsed.schemas).to.deep.equal(['core', 'empty', 'public']);
    expect(parsed.tables.map((t) => `${t.schema}.${t.name}`)).to.deep.equal(['core.a', 'core.b', 'public.users']);
    expect(parsed.tables[2]!.comment).to.equal('People');
    expect(Object.isFrozen(parsed.tables[0])).to.equal(true);
  });

  it('orders columns by attnum and separates defaults, identity and generated expressions', () => {
    const columns = parseColumns([
      col({ position: 3, name: 'total', type: 'numeric', generated_kind: 's', default_expr: 'price * 2::numeric' }),
      col({ position: 1, name: 'id', type: 'integer', not_null: true, identity: 'a' }),
      col({
        position: 2,
        name: 'status',
        type: 'core.booking_status[]',
        default_expr: "'{}'::core.booking_status[]",
        enum_schema: 'core',
        enum_name: 'booking_status',
        comment: 'History',
      }),
      col({ table_name: 'other', position: 1, name: 'x' }),
    ]).get('public.users')!;
    expect(columns.map((c) => c.name)).to.deep.equal(['id', 'status', 'total']);
    expect(columns[0]).to.deep.equal({
      name: 'id',
      type: 'integer',
      notNull: true,
      default: null,
      identity: 'a',
      generated: null,
      generatedKind: '',
      collation: null,
      enumType: null,
      comment: null,
    });
    expect(columns[1]).to.include({ default: "'{}'::core.booking_status[]", comment: 'History', generated: null });
    expect(columns[1]!.enumType).to.deep.equal({ schema: 'core', name: 'booking_status' });
    expect(columns[2]).to.include({ default: null, generated: 'price * 2::numeric', generatedKind: 's' });
    expect(Object.isFrozen(columns[1]!.enumType)).to.equal(true);
    expect(() => parseColumns([col({ identity: 'x' })])).to.throw(/attidentity/);
  });

  it('groups constraints per table, ignores NOT NULL and exclusion rows, sorts by structure then name', () => {
    const parsed = parseConstraints([
      con({ name: 'users_pkey', kind: 'p', columns: ['region', 'id'] }),
      con({ name: 'users_id_not_null', kind: 'n', columns: ['id'] }),
      con({ name: 'no_overlap', kind: 'x', columns: ['r'] }),
      con({
        name: 'zz_fk',
        kind: 'f',
        columns: ['a_id'],
        ref_schema: 'core',
        ref_table: 'a',
        ref_columns: ['id'],
        on_delete: 'c',
        on_update: 'a',
      }),
      con({
        name: 'aa_fk',
        kind: 'f',
        columns: ['b_region', 'b_code'],
        ref_schema: 'core',
        ref_table: 'b',
        ref_columns: ['region', 'code'],
        on_delete: 'n',
        on_update: 'r',
      }),
      con({ name: 'u2', kind: 'u', columns: ['b'] }),
      con({ name: 'u1', kind: 'u', columns: ['b'] }),
      con({ name: 'u0', kind: 'u', columns: ['a', 'b'] }),
      con({ name: 'ck_b', kind: 'c', definition: 'CHECK (b > 0)' }),
      con({ name: 'ck_a', kind: 'c', definition: 'CHECK (a > 0) NOT VALID' }),
    ]).get('public.users')!;
    expect(parsed.primaryKey).to.deep.equal({ name: 'users_pkey', columns: ['region', 'id'] });
    expect(parsed.foreignKeys.map((f) => f.name)).to.deep.equal(['zz_fk', 'aa_fk']);
    expect(parsed.foreignKeys[1]).to.deep.equal({
      name: 'aa_fk',
      columns: ['b_region', 'b_code'],
      refSchema: 'core',
      refTable: 'b',
      refColumns: ['region', 'code'],
      onDelete: 'SET NULL',
      onUpdate: 'RESTRICT',
      deferrable: null,
    });
    expect(parsed.uniques.map((u) => u.name)).to.deep.equal(['u0', 'u1', 'u2']);
    expect(parsed.checks).to.deep.equal([
      { name: 'ck_a', expression: 'a > 0' },
      { name: 'ck_b', expression: 'b > 0' },
    ]);
    expect(Object.isFrozen(parsed.foreignKeys)).to.equal(true);
  });

  it('keeps index keys in order with their directions, sorted by structure then name', () => {
    const list = parseIndexes([
      idx({ name: 'z_lower', columns: ['lower(email::text)'], is_unique: true }),
      idx({ name: 'b_desc', columns: ['price', 'id'], descending: [true, false] }),
      idx({ name: 'a_partial', columns: ['user_id'], predicate: "status <> 'cancelled'::core.booking_status" }),
      idx({ name: 'c_gin', columns: ['tags'], method: 'gin' }),
    ]).get('public.users')!;
    expect(list.map((i) => i.name)).to.deep.equal(['z_lower', 'b_desc', 'c_gin', 'a_partial']);
    expect(list[1]).to.deep.equal({
      name: 'b_desc',
      columns: ['price', 'id'],
      expressions: [false, false],
      descending: [true, false],
      nullsFirst: [true, false],
      opclasses: [null, null],
      collations: [null, null],
      include: [],
      unique: false,
      nullsNotDistinct: false,
      method: 'btree',
      predicate: null,
    });
  });

  it('sorts enums by schema and name and keeps label order', () => {
    expect(
      parseEnums([
        { schema_name: 'public', name: 'mood', labels: ['sad', 'meh', 'ok'] },
        { schema_name: 'core', name: 'status', labels: ['b', 'a'] },
        { schema_name: 'core', name: 'empty', labels: null },
      ]),
    ).to.deep.equal([
      { schema: 'core', name: 'empty', labels: [] },
      { schema: 'core', name: 'status', labels: ['b', 'a'] },
      { schema: 'public', name: 'mood', labels: ['sad', 'meh', 'ok'] },
    ]);
  });

  it('assembles a frozen Schema, with empty parts for tables that have none', () => {
    const rows: CatalogRows = {
      tables: [
        { schema_name: 'public', table_name: 'users', comment: null },
        { schema_name: 'public', table_name: 'bare', comment: null },
        { schema_name: 'public', table_name: null, comment: null },
      ],
      columns: [col({})],
      constraints: [con({ name: 'users_pkey', kind: 'p', columns: ['id'] })],
      indexes: [idx({ name: 'users_a' })],
      enums: [],
    };
    const schema = parseSchema(rows);
    expect(schema.schemas).to.deep.equal(['public']);
    expect(schema.tables.map((t) => t.name)).to.deep.equal(['bare', 'users']);
    expect(schema.tables[0]).to.deep.equal({
      schema: 'public',
      name: 'bare',
      columns: [],
      primaryKey: null,
      foreignKeys: [],
      uniques: [],
      checks: [],
      indexes: [],
      comment: null,
    });
    expect(schema.tables[1]!.primaryKey).to.deep.equal({ name: 'users_pkey', columns: ['id'] });
    expect(schema.tables[1]!.indexes.map((i) => i.name)).to.deep.equal(['users_a']);
    expect(Object.isFrozen(schema)).to.equal(true);
    expect(Object.isFrozen(schema.tables[0]!.columns)).to.equal(true);
    expect(() => (schema.tables as unknown as unknown[]).push(1)).to.throw(TypeError);
  });
});

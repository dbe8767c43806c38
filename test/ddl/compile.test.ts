import { expect } from 'chai';
import knexLib from 'knex';
import { defineModel, t, sql } from '../../src/model-api/define.ts';
import type { LoadedModel, Model } from '../../src/model-api/types.ts';
import { compileModelsToSql, planModels, toPgArrayLiteral } from '../../src/ddl/compile.ts';
import { NameAllocator, quoteIdent, truncateIdentifier } from '../../src/ddl/names.ts';

const knex = knexLib({ client: 'pg' });
const lm = (name: string, model: Model): LoadedModel => ({ name, file: `models/${name}.ts`, exportName: name, model });

const tableSql = (model: Model): string => {
  const plan = planModels(knex, [lm('M', model)]);
  expect(plan.compileErrors).to.deep.equal([]);
  return plan.units.filter((u) => u.phase === 'table').flatMap((u) => u.statements).join(';\n');
};

describe('ddl/compile', () => {
  after(() => knex.destroy());

  it('maps every column kind to the type Knex gives it on PostgreSQL', () => {
    const text = tableSql(
      defineModel({
        table: 'kinds',
        columns: {
          a: t.increments(),
          b: t.bigInteger(),
          c: t.integer(),
          d: t.smallint(),
          e: t.string(50),
          f: t.string(),
          g: t.text(),
          h: t.boolean(),
          i: t.uuid(),
          j: t.date(),
          k: t.time(),
          l: t.timestamp(),
          m: t.timestamp({ useTz: false, precision: 3 }),
          n: t.decimal(10, 2),
          o: t.decimal(null),
          p: t.float(),
          q: t.double(),
          r: t.json(),
          s: t.jsonb(),
          u: t.binary(),
          v: t.specificType('text[]'),
          w: t.enum('core.mood', ['ok', 'sad']),
          x: t.enum('local_mood', ['ok']),
        },
      }),
    );
    for (const piece of [
      '"a" serial',
      '"b" bigint',
      '"c" integer',
      '"d" smallint',
      '"e" varchar(50)',
      '"f" varchar(255)',
      '"g" text',
      '"h" boolean',
      '"i" uuid',
      '"j" date',
      '"k" time',
      '"l" timestamptz',
      '"m" timestamp(3)',
      '"n" decimal(10, 2)',
      '"o" decimal null',
      '"p" real',
      '"q" double precision',
      '"r" json',
      '"s" jsonb',
      '"u" bytea',
      '"v" text[]',
      '"w" "core"."mood"',
      '"x" "public"."local_mood"',
      'constraint "kinds_pkey" primary key ("a")',
    ]) {
      expect(text).to.contain(piece);
    }
    expect(text).not.to.match(/serial primary key/);
  });

  it('creates a bigIncrements key and a composite primary key from several primary() columns', () => {
    expect(tableSql(defineModel({ table: 'b', columns: { id: t.bigIncrements() } }))).to.contain(
      '"id" bigserial, constraint "b_pkey" primary key ("id")',
    );
    const text = tableSql(
      defineModel({ table: 'user_roles', columns: { user_id: t.integer().primary(), role_id: t.integer().primary() } }),
    );
    expect(text).to.contain('"user_id" integer not null, "role_id" integer not null');
    expect(text).to.contain('constraint "user_roles_pkey" primary key ("user_id", "role_id")');
  });

  it('writes nullability, defaults and comments', () => {
    const text = tableSql(
      defineModel({
        schema: 'core',
        table: 'd',
        columns: {
          a: t.timestamp().notNullable().defaultTo(sql`now()`),
          b: t.boolean().notNullable().defaultTo(false),
          c: t.integer().defaultTo(0),
          d: t.jsonb().defaultTo({ k: [1] }),
          e: t.json().defaultTo([]),
          f: t.specificType('text[]').defaultTo(['x', 'y"z']),
          g: t.string(20).defaultTo("it's"),
          h: t.text().comment('free text'),
          i: t.enum('st', ['new', 'old']).defaultTo('new'),
        },
        comment: 'demo table',
      }),
    );
    expect(text).to.contain('"a" timestamptz not null default now()');
    expect(text).to.contain(`"b" boolean not null default '0'`);
    expect(text).to.contain(`"c" integer null default '0'`);
    expect(text).to.contain(`"d" jsonb null default '{"k":[1]}'`);
    expect(text).to.contain(`"e" json null default '[]'`);
    expect(text).to.contain(`"f" text[] null default E'{"x","y\\\\"z"}'`);
    expect(text).to.contain(`"g" varchar(20) null default 'it''s'`);
    expect(text).to.contain(`"i" "core"."st" null default 'new'`);
    expect(text).to.contain(`comment on column "core"."d"."h" is 'free text'`);
    expect(text).to.contain(`comment on table "core"."d" is 'demo table'`);
  });

  it('keeps question marks in raw SQL intact (Knex would turn them into $1)', () => {
    const text = tableSql(
      defineModel({
        table: 'q',
        columns: { tags: t.jsonb().defaultTo(sql`'{"a?":1}'::jsonb`), s: t.text() },
        indexes: [{ columns: ['s'], where: `tags ? 'vip'` }],
        checks: [{ expression: `s ~ '^\\?'` }],
      }),
    );
    expect(text).to.contain(`default '{"a?":1}'::jsonb`);
    expect(text).to.contain(`where tags ? 'vip'`);
    expect(text).to.contain(`check (s ~ '^\\?')`);
  });

  it('compiles indexes, unique constraints and checks with quoted, collision-free names', () => {
    const text = tableSql(
      defineModel({
        schema: 'core',
        table: 'customers',
        columns: {
          id: t.uuid().primary(),
          email: t.text().unique().index(),
          station_id: t.uuid(),
          created_at: t.timestamp(),
          deleted_at: t.timestamp(),
          tags: t.specificType('text[]'),
        },
        indexes: [
          { columns: ['station_id', 'created_at'] },
          { columns: ['email'], unique: true, where: 'deleted_at is null' },
          { columns: ['tags'], using: 'gin', name: 'Customers Tags' },
        ],
        uniques: [{ columns: ['station_id', 'email'], name: 'customers_station_email_key' }],
        checks: [{ name: 'Email Check', expression: "email <> ''" }, { expression: 'created_at is not null' }],
      }),
    );
    expect(text).to.contain('alter table "core"."customers" add constraint "customers_email_unique" unique ("email")');
    expect(text).to.contain(
      'alter table "core"."customers" add constraint "customers_station_email_key" unique ("station_id", "email")',
    );
    expect(text).to.contain('create index "customers_email_index" on "core"."customers" ("email")');
    expect(text).to.contain(
      'create index "customers_station_id_created_at_index" on "core"."customers" ("station_id", "created_at")',
    );
    // The column's unique() constraint already took customers_email_unique: the partial index gets another name.
    expect(text).to.contain(
      'create unique index "customers_email_unique1" on "core"."customers" ("email") where deleted_at is null',
    );
    expect(text).to.contain('create index "Customers Tags" on "core"."customers" using gin ("tags")');
    expect(text).to.contain(`alter table "core"."customers" add constraint "Email Check" check (email <> '')`);
    expect(text).to.contain('alter table "core"."customers" add check (created_at is not null)');
  });

  it('orders schemas, enum types (once each), tables, then foreign keys', () => {
    const stations = defineModel({ schema: 'identity', table: 'stations', columns: { id: t.uuid().primary() } });
    const bookings = defineModel({
      schema: 'core',
      table: 'bookings',
      columns: {
        id: t.uuid().primary(),
        station_id: t.uuid().notNullable().references('identity.stations.id').onDelete('RESTRICT'),
        customer_id: t.uuid().references('customers.id').onDelete('SET NULL').onUpdate('CASCADE'),
        status: t.enum('booking_status', ['new', 'confirmed']).notNullable(),
        previous_status: t.enum('core.booking_status', ['new', 'confirmed']),
      },
    });
    const customers = defineModel({ schema: 'core', table: 'customers', columns: { id: t.uuid().primary() } });
    const plan = planModels(knex, [lm('Booking', bookings), lm('Station', stations), lm('Customer', customers)]);
    expect(plan.units.map((u) => `${u.phase}: ${u.label}`)).to.deep.equal([
      'schema: schema core',
      'schema: schema identity',
      'enum: type core.booking_status',
      'table: table core.bookings',
      'table: table identity.stations',
      'table: table core.customers',
      'foreignKey: foreign key core.bookings(station_id) -> identity.stations(id)',
      'foreignKey: foreign key core.bookings(customer_id) -> core.customers(id)',
    ]);
    const byLabel = (l: string) => plan.units.find((u) => u.label === l)!.statements.join('\n');
    expect(byLabel('type core.booking_status')).to.equal(`create type "core"."booking_status" as enum ('new', 'confirmed')`);
    expect(byLabel('foreign key core.bookings(customer_id) -> core.customers(id)')).to.equal(
      'alter table "core"."bookings" add constraint "bookings_customer_id_foreign" foreign key ("customer_id") ' +
        'references "core"."customers" ("id") on update CASCADE on delete SET NULL',
    );
  });

  it('compiles composite foreign keys', () => {
    const plan = planModels(knex, [
      lm(
        'BookingAddon',
        defineModel({
          table: 'booking_addons',
          columns: { booking_id: t.uuid(), station_id: t.uuid() },
          foreignKeys: [
            {
              columns: ['booking_id', 'station_id'],
              references: { schema: 'core', table: 'bookings', columns: ['id', 'station_id'] },
              onDelete: 'CASCADE',
              name: 'booking_addons_booking_fk',
            },
          ],
        }),
      ),
    ]);
    const fk = plan.units.find((u) => u.phase === 'foreignKey')!;
    expect(fk.statements).to.deep.equal([
      'alter table "public"."booking_addons" add constraint "booking_addons_booking_fk" foreign key ("booking_id", "station_id") ' +
        'references "core"."bookings" ("id", "station_id") on delete CASCADE',
    ]);
    expect(fk.target).to.equal('core.bookings');
    expect(plan.units.map((u) => u.label)).to.include('schema core');
  });

  it('fails a model that redeclares an enum type with other labels, and only that model', () => {
    const a = defineModel({ table: 'a', columns: { s: t.enum('status', ['x', 'y']) } });
    const b = defineModel({ table: 'b', columns: { s: t.enum('status', ['y', 'x']) } });
    const c = defineModel({ table: 'c', columns: { s: t.enum('public.status', ['x', 'y']) } });
    const plan = planModels(knex, [lm('A', a), lm('B', b), lm('C', c)]);
    expect(plan.compileErrors.map((e) => e.model.name)).to.deep.equal(['B']);
    expect(plan.compileErrors[0]!.error.message).to.match(/enum type public\.status/);
    expect(plan.units.filter((u) => u.phase === 'enum')).to.have.length(1);
    expect(plan.units.filter((u) => u.phase === 'table').map((u) => u.label)).to.deep.equal(['table public.a', 'table public.c']);
  });

  it('rejects an index method that is not an identifier instead of splicing it into SQL', () => {
    const m = defineModel({ table: 'x', columns: { a: t.integer() }, indexes: [{ columns: ['a'], using: 'gin; drop table x' }] });
    const plan = planModels(knex, [lm('X', m)]);
    expect(plan.compileErrors).to.have.length(1);
    expect(plan.compileErrors[0]!.error.message).to.match(/index method/);
  });

  it('renders the whole plan as one script', () => {
    const text = compileModelsToSql(knex, [lm('R', defineModel({ table: 'roles', columns: { id: t.increments() } }))]);
    expect(text).to.equal(
      '-- schema public\ncreate schema if not exists "public";\n\n' +
        '-- table public.roles\ncreate table "public"."roles" ("id" serial, constraint "roles_pkey" primary key ("id"));\n',
    );
  });
});

describe('ddl/names', () => {
  it('quotes identifiers and truncates them as Postgres does', () => {
    expect(quoteIdent('a"b')).to.equal('"a""b"');
    expect(truncateIdentifier('x'.repeat(70))).to.have.length(63);
    expect(Buffer.byteLength(truncateIdentifier('é'.repeat(40)), 'utf8')).to.equal(62);
  });

  it('hands out unique names per scope, after reserved ones, within 63 bytes', () => {
    const n = new NameAllocator();
    n.reserve('s', 'a_index');
    expect(n.allocate('s', 'a_index')).to.equal('a_index1');
    expect(n.allocate('s', 'a_index')).to.equal('a_index2');
    expect(n.allocate('t', 'a_index')).to.equal('a_index');
    const long = 'y'.repeat(80);
    expect(n.allocate('s', long)).to.equal('y'.repeat(63));
    expect(n.allocate('s', long)).to.equal('y'.repeat(62) + '1');
  });

  it('writes Postgres array literals', () => {
    expect(toPgArrayLiteral([])).to.equal('{}');
    expect(toPgArrayLiteral(['a', null, 'b,c', ['d']])).to.equal('{"a",NULL,"b,c",{"d"}}');
  });
});

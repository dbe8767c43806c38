import { expect } from 'chai';
import pg from 'pg';
import { readSchema, type QueryFn } from '../../src/catalog/index.ts';
import type { Column, Schema } from '../../src/schema/types.ts';
import { openTestDatabase, type TestDatabase } from './database.ts';

const FIXTURE_DDL = `
CREATE SCHEMA core;
CREATE SCHEMA empty_one;
CREATE EXTENSION citext;
CREATE TYPE core.booking_status AS ENUM ('pending', 'confirmed', 'cancelled');
CREATE TYPE public.mood AS ENUM ('sad', 'ok');
ALTER TYPE public.mood ADD VALUE 'meh' BEFORE 'ok';

CREATE TABLE public.users (
  id serial PRIMARY KEY,
  email varchar(255) NOT NULL,
  nick text DEFAULT 'x',
  tags text[] DEFAULT '{}'::text[],
  score integer NOT NULL DEFAULT 0,
  legacy text,
  handle citext,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_email_unique UNIQUE (email)
);
ALTER TABLE public.users DROP COLUMN legacy;
COMMENT ON TABLE public.users IS 'People';
COMMENT ON COLUMN public.users.email IS 'Login';
CREATE UNIQUE INDEX users_lower_email ON public.users (lower(email));

CREATE TABLE core.stations (
  region text NOT NULL,
  code integer NOT NULL,
  name text,
  PRIMARY KEY (region, code)
);

CREATE TABLE core.bookings (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id integer REFERENCES public.users (id) ON DELETE SET NULL,
  station_code integer NOT NULL,
  station_region text NOT NULL,
  status core.booking_status NOT NULL DEFAULT 'pending',
  history core.booking_status[],
  price numeric(10, 2) CHECK (price > 0),
  moods mood[],
  total numeric GENERATED ALWAYS AS (price * 2) STORED,
  FOREIGN KEY (station_region, station_code) REFERENCES core.stations (region, code) ON DELETE CASCADE
);
CREATE UNIQUE INDEX bookings_user_station ON core.bookings (user_id, station_code);
CREATE INDEX bookings_pending ON core.bookings (user_id) WHERE status <> 'cancelled';
CREATE INDEX bookings_price_desc ON core.bookings (price DESC, id) INCLUDE (status);
CREATE INDEX bookings_history ON core.bookings USING gin (history);
ALTER TABLE core.bookings ADD CONSTRAINT bookings_code_positive CHECK (station_code > 0) NOT VALID;
COMMENT ON COLUMN core.bookings.status IS 'Where the booking stands';

-- Facets: column collation, a deferrable foreign key, UNIQUE NULLS NOT DISTINCT, and index keys with
-- an operator class, NULLS placement and a collation of their own.
CREATE TABLE core.tags (
  id integer PRIMARY KEY,
  label text COLLATE "C" NOT NULL,
  parent_id integer REFERENCES core.tags (id) DEFERRABLE INITIALLY DEFERRED,
  code text,
  CONSTRAINT tags_code_unique UNIQUE NULLS NOT DISTINCT (code)
);
CREATE INDEX tags_label_pattern ON core.tags (label text_pattern_ops DESC NULLS LAST, lower(code) COLLATE "C");

-- Left out of the IR: partitions, exclusion-constraint indexes, objects that belong to an extension.
CREATE TABLE core.events (id integer, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE core.events_2025 PARTITION OF core.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE core.slots (during int4range, EXCLUDE USING gist (during WITH &&));
CREATE TABLE public.ext_owned (id integer);
CREATE TYPE public.ext_enum AS ENUM ('a');
ALTER EXTENSION citext ADD TABLE public.ext_owned;
ALTER EXTENSION citext ADD TYPE public.ext_enum;
`;

const column = (over: Partial<Column> & { name: string; type: string }): Column => ({
  notNull: false,
  default: null,
  identity: '',
  generated: null,
  generatedKind: '',
  collation: null,
  enumType: null,
  comment: null,
  ...over,
});

const EXPECTED: Schema = {
  schemas: ['core', 'empty_one', 'public'],
  enums: [
    { schema: 'core', name: 'booking_status', labels: ['pending', 'confirmed', 'cancelled'] },
    { schema: 'public', name: 'mood', labels: ['sad', 'meh', 'ok'] },
  ],
  tables: [
    {
      schema: 'core',
      name: 'bookings',
      comment: null,
      columns: [
        column({ name: 'id', type: 'integer', notNull: true, identity: 'a' }),
        column({ name: 'user_id', type: 'integer' }),
        column({ name: 'station_code', type: 'integer', notNull: true }),
        column({ name: 'station_region', type: 'text', notNull: true }),
        column({
          name: 'status',
          type: 'core.booking_status',
          notNull: true,
          default: "'pending'::core.booking_status",
          enumType: { schema: 'core', name: 'booking_status' },
          comment: 'Where the booking stands',
        }),
        column({ name: 'history', type: 'core.booking_status[]', enumType: { schema: 'core', name: 'booking_status' } }),
        column({ name: 'price', type: 'numeric(10,2)' }),
        column({ name: 'moods', type: 'public.mood[]', enumType: { schema: 'public', name: 'mood' } }),
        column({ name: 'total', type: 'numeric', generated: 'price * 2::numeric', generatedKind: 's' }),
      ],
      primaryKey: { name: 'bookings_pkey', columns: ['id'] },
      foreignKeys: [
        {
          name: 'bookings_station_region_station_code_fkey',
          columns: ['station_region', 'station_code'],
          refSchema: 'core',
          refTable: 'stations',
          refColumns: ['region', 'code'],
          onDelete: 'CASCADE',
          onUpdate: 'NO ACTION', deferrable: null,
        },
        {
          name: 'bookings_user_id_fkey',
          columns: ['user_id'],
          refSchema: 'public',
          refTable: 'users',
          refColumns: ['id'],
          onDelete: 'SET NULL',
          onUpdate: 'NO ACTION', deferrable: null,
        },
      ],
      uniques: [],
      checks: [
        { name: 'bookings_price_check', expression: 'price > 0::numeric' },
        { name: 'bookings_code_positive', expression: 'station_code > 0' },
      ],
      indexes: [
        { name: 'bookings_history', columns: ['history'], expressions: [false], descending: [false], nullsFirst: [false], opclasses: [null], collations: [null], include: [], nullsNotDistinct: false, unique: false, method: 'gin', predicate: null },
        {
          name: 'bookings_price_desc',
          columns: ['price', 'id'],
          expressions: [false, false], descending: [true, false],
          nullsFirst: [true, false],
          opclasses: [null, null],
          collations: [null, null],
          include: ['status'],
          nullsNotDistinct: false,
          unique: false,
          method: 'btree',
          predicate: null,
        },
        {
          name: 'bookings_user_station',
          columns: ['user_id', 'station_code'],
          expressions: [false, false], descending: [false, false],
          nullsFirst: [false, false],
          opclasses: [null, null],
          collations: [null, null],
          include: [],
          nullsNotDistinct: false,
          unique: true,
          method: 'btree',
          predicate: null,
        },
        {
          name: 'bookings_pending',
          columns: ['user_id'],
          expressions: [false], descending: [false],
          nullsFirst: [false],
          opclasses: [null],
          collations: [null],
          include: [],
          nullsNotDistinct: false,
          unique: false,
          method: 'btree',
          predicate: "status <> 'cancelled'::core.booking_status",
        },
      ],
    },
    {
      schema: 'core',
      name: 'events',
      comment: null,
      columns: [
        column({ name: 'id', type: 'integer', notNull: true }),
        column({ name: 'at', type: 'date', notNull: true }),
      ],
      primaryKey: { name: 'events_pkey', columns: ['id', 'at'] },
      foreignKeys: [],
      uniques: [],
      checks: [],
      indexes: [],
    },
    {
      schema: 'core',
      name: 'slots',
      comment: null,
      columns: [column({ name: 'during', type: 'int4range' })],
      primaryKey: null,
      foreignKeys: [],
      uniques: [],
      checks: [],
      indexes: [],
    },
    {
      schema: 'core',
      name: 'stations',
      comment: null,
      columns: [
        column({ name: 'region', type: 'text', notNull: true }),
        column({ name: 'code', type: 'integer', notNull: true }),
        column({ name: 'name', type: 'text' }),
      ],
      primaryKey: { name: 'stations_pkey', columns: ['region', 'code'] },
      foreignKeys: [],
      uniques: [],
      checks: [],
      indexes: [],
    },
    {
      schema: 'core',
      name: 'tags',
      comment: null,
      columns: [
        column({ name: 'id', type: 'integer', notNull: true }),
        column({ name: 'label', type: 'text', notNull: true, collation: 'C' }),
        column({ name: 'parent_id', type: 'integer' }),
        column({ name: 'code', type: 'text' }),
      ],
      primaryKey: { name: 'tags_pkey', columns: ['id'] },
      foreignKeys: [
        {
          name: 'tags_parent_id_fkey',
          columns: ['parent_id'],
          refSchema: 'core',
          refTable: 'tags',
          refColumns: ['id'],
          onDelete: 'NO ACTION',
          onUpdate: 'NO ACTION',
          deferrable: 'deferred',
        },
      ],
      uniques: [{ name: 'tags_code_unique', columns: ['code'], nullsNotDistinct: true }],
      checks: [],
      indexes: [
        {
          name: 'tags_label_pattern',
          columns: ['label', 'lower(code)'],
          expressions: [false, true], descending: [true, false],
          nullsFirst: [false, false],
          opclasses: ['text_pattern_ops', null],
          collations: [null, 'C'],
          include: [],
          unique: false,
          nullsNotDistinct: false,
          method: 'btree',
          predicate: null,
        },
      ],
    },
    {
      schema: 'public',
      name: 'users',
      comment: 'People',
      columns: [
        column({ name: 'id', type: 'integer', notNull: true, default: "nextval('public.users_id_seq'::regclass)" }),
        column({ name: 'email', type: 'character varying(255)', notNull: true, comment: 'Login' }),
        column({ name: 'nick', type: 'text', default: "'x'::text" }),
        column({ name: 'tags', type: 'text[]', default: "'{}'::text[]" }),
        column({ name: 'score', type: 'integer', notNull: true, default: '0' }),
        column({ name: 'handle', type: 'public.citext' }),
        column({ name: 'created_at', type: 'timestamp with time zone', notNull: true, default: 'now()' }),
      ],
      primaryKey: { name: 'users_pkey', columns: ['id'] },
      foreignKeys: [],
      uniques: [{ name: 'users_email_unique', columns: ['email'], nullsNotDistinct: false }],
      checks: [],
      indexes: [
        {
          name: 'users_lower_email',
          columns: ['lower(email::text)'],
          expressions: [true], descending: [false],
          nullsFirst: [false],
          opclasses: [null],
          collations: [null],
          include: [],
          nullsNotDistinct: false,
          unique: true,
          method: 'btree',
          predicate: null,
        },
      ],
    },
  ],
};

/** Counts calls, so tests can assert the number of queries does not grow with the schema. */
const counting = (db: TestDatabase) => {
  const counter = { calls: 0, query: (async () => ({ rows: [] })) as QueryFn };
  counter.query = (sql, params) => {
    counter.calls++;
    return db.client.query(sql, params as unknown[]);
  };
  return counter;
};

describe('catalog/readSchema (real PostgreSQL)', function () {
  let db: TestDatabase | undefined;

  before(async () => {
    db = await openTestDatabase('catalog');
    await db.client.query(FIXTURE_DDL);
  });
  after(async () => {
    await db?.close();
  });

  it('reads the fixture into the exact IR, schema-qualified whatever the session search_path', async () => {
    await db!.client.query('SET search_path = core, public');
    const schema = await readSchema((sql, params) => db!.client.query(sql, params as unknown[]));
    expect(JSON.parse(JSON.stringify(schema))).to.deep.equal(EXPECTED);
    expect(Object.isFrozen(schema.tables[0]!.columns[0])).to.equal(true);
  });

  it("restores the session's search_path, also after a failed read", async () => {
    await db!.client.query('SET search_path = core, public');
    await readSchema((sql, params) => db!.client.query(sql, params as unknown[]));
    expect((await db!.client.query('SHOW search_path')).rows[0].search_path).to.equal('core, public');
    let reads = 0;
    const failing: QueryFn = (sql, params) =>
      ++reads === 4 ? Promise.reject(new Error('boom')) : db!.client.query(sql, params as unknown[]);
    let caught: unknown;
    await readSchema(failing).catch((error) => (caught = error));
    expect((caught as Error).message).to.equal('boom');
    expect((await db!.client.query('SHOW search_path')).rows[0].search_path).to.equal('core, public');
  });

  it('spread over several sessions, reads the same IR and restores each session\'s search_path', async () => {
    const extra = [new pg.Client({ connectionString: db!.url }), new pg.Client({ connectionString: db!.url })];
    try {
      for (const c of extra) await c.connect();
      const sessions = [db!.client, ...extra];
      const paths = ['core, public', 'public', '"$user", core'];
      for (const [i, c] of sessions.entries()) await c.query(`SET search_path = ${paths[i]}`);
      const perSession = sessions.map(() => 0);
      const schema = await readSchema(sessions.map((c, i) => (sql: string, params?: unknown[]) => (perSession[i]++, c.query(sql, params))));
      expect(JSON.parse(JSON.stringify(schema))).to.deep.equal(EXPECTED);
      // Three per session for the search_path, and the five reads spread 2 + 2 + 1.
      expect(perSession).to.deep.equal([5, 5, 4]);
      for (const [i, c] of sessions.entries()) expect((await c.query('SHOW search_path')).rows[0].search_path).to.equal(paths[i]);
    } finally {
      for (const c of extra) await c.end().catch(() => {});
    }
  });

  it('restricts to options.schemas', async () => {
    const schema = await readSchema((sql, params) => db!.client.query(sql, params as unknown[]), {
      schemas: ['public', 'empty_one'],
    });
    expect(schema.schemas).to.deep.equal(['empty_one', 'public']);
    expect(schema.tables.map((t) => t.name)).to.deep.equal(['users']);
    expect(schema.enums.map((e) => e.name)).to.deep.equal(['mood']);
  });
});

/** DDL for n tables of 20 columns each, with a FK to the previous table, a unique, a check, 2 indexes. */
function scaleDdl(n: number): string {
  const parts = [`CREATE SCHEMA scale; CREATE TYPE scale.level AS ENUM ('low', 'mid', 'high');`];
  for (let i = 0; i < n; i++) {
    const extra = Array.from({ length: 12 }, (_, k) =>
      [`n${k} integer DEFAULT ${k}`, `s${k} varchar(${20 + k})`, `d${k} numeric(12,${k % 4})`][k % 3],
    );
    parts.push(`CREATE TABLE scale.t${i} (
      id bigserial PRIMARY KEY,
      parent_id bigint ${i > 0 ? `REFERENCES scale.t${i - 1} (id) ON DELETE CASCADE` : ''},
      code varchar(40) NOT NULL UNIQUE,
      level scale.level NOT NULL DEFAULT 'low',
      tags text[] NOT NULL DEFAULT '{}',
      amount numeric(10,2) CHECK (amount >= 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      note text,
      ${extra.join(',\n      ')}
    );
    CREATE INDEX t${i}_parent ON scale.t${i} (parent_id);
    CREATE INDEX t${i}_recent ON scale.t${i} (created_at DESC) WHERE level <> 'low';`);
  }
  return parts.join('\n');
}

describe('catalog/readSchema at scale (real PostgreSQL)', function () {
  const sizes = [3, 300];
  const dbs = new Map<number, TestDatabase>();

  before(async () => {
    for (const n of sizes) {
      const db = await openTestDatabase(`catalog_scale_${n}`);
      dbs.set(n, db);
      await db.client.query(scaleDdl(n));
    }
  });
  after(async () => {
    for (const db of dbs.values()) await db.close();
  });

  it('reads 300 tables x 20 columns with as many queries as 3 tables', async () => {
    const calls = new Map<number, number>();
    for (const n of sizes) {
      const counter = counting(dbs.get(n)!);
      const started = performance.now();
      const schema = await readSchema(counter.query);
      const ms = performance.now() - started;
      const again = performance.now();
      await readSchema(counter.query);
      const warm = performance.now() - again;
      console.log(`      readSchema: ${n} tables in ${ms.toFixed(0)} ms (warm: ${warm.toFixed(0)} ms), ${counter.calls / 2} queries`);
      calls.set(n, counter.calls / 2);
      expect(schema.tables).to.have.length(n);
      expect(schema.tables.every((t) => t.columns.length === 20)).to.equal(true);
      expect(schema.tables.reduce((sum, t) => sum + t.foreignKeys.length, 0)).to.equal(n - 1);
      expect(schema.tables.every((t) => t.uniques.length === 1 && t.checks.length === 1)).to.equal(true);
      expect(schema.tables.every((t) => t.indexes.length === 2 && t.primaryKey !== null)).to.equal(true);
      expect(schema.enums).to.deep.equal([{ schema: 'scale', name: 'level', labels: ['low', 'mid', 'high'] }]);
    }
    expect(calls.get(300)).to.equal(calls.get(3));
  });
});

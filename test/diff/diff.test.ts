import { expect } from 'chai';
import { defineModel, sql, t } from '../../src/model-api/define.ts';
import { diff } from '../../src/diff/diff.ts';
import type { Finding } from '../../src/diff/findings.ts';
import { knexTableGlobs } from '../../src/diff/ignore.ts';
import type { Table } from '../../src/schema/types.ts';
import { clone, col, ctxFor, declaredSchema, declaredTable, index, schema, table, withTable } from './factory.ts';

const User = defineModel({
  name: 'User',
  table: 'users',
  columns: {
    id: t.increments(),
    email: t.string(255).notNullable().unique(),
    stripe_customer_id: t.string(255),
    created_at: t.timestamp().notNullable().defaultTo(sql`now()`),
  },
});

const Customer = defineModel({
  name: 'Customer',
  schema: 'core',
  table: 'customers',
  columns: {
    id: t.uuid().primary().defaultTo(sql`gen_random_uuid()`),
    station_id: t.uuid().notNullable().references('identity.stations.id').onDelete('CASCADE'),
    first_name: t.string(100).notNullable(),
    email_encrypted: t.text().notNullable(),
    consent_sms: t.boolean().notNullable().defaultTo(false),
    tags: t.specificType('text[]').defaultTo(sql`'{}'::text[]`),
    status: t.enum('customer_status', ['active', 'archived']).notNullable().defaultTo('active'),
    created_at: t.timestamp().notNullable().defaultTo(sql`now()`),
    deleted_at: t.timestamp({ useTz: true }),
  },
  indexes: [
    { columns: ['station_id', 'created_at'] },
    { columns: ['email_encrypted'], unique: true, where: 'deleted_at is null' },
  ],
  uniques: [{ columns: ['station_id', 'first_name'] }],
  checks: [{ name: 'customers_first_name_check', expression: "first_name <> ''" }],
});

const Station = defineModel({
  name: 'Station',
  schema: 'identity',
  table: 'stations',
  columns: { id: t.uuid().primary(), name: t.text().notNullable() },
});

const models = [User, Customer, Station];
const declared = declaredSchema(models);
const ctx = ctxFor(models);

const codes = (fs: Finding[]): string[] => fs.map((f) => f.code);
const run = (migrated = declared, c = ctx) => diff(migrated, declared, c);
const mutate = (schemaName: string, name: string, fn: (t: Table) => void) => withTable(declared, schemaName, name, fn);

describe('diff', () => {
  it('finds nothing when both sides are the same', () => {
    expect(run()).to.deep.equal([]);
  });

  describe('tables', () => {
    it('reports a missing table once, not once per column, index or key', () => {
      const migrated = clone(declared);
      migrated.tables = migrated.tables.filter((x) => x.name !== 'customers');
      const fs = run(migrated);
      expect(codes(fs)).to.deep.equal(['missing-table']);
      const [f] = fs;
      expect(f).to.include({ severity: 'error', model: 'Customer', schema: 'core', table: 'customers', file: 'src/models/customers.ts' });
      expect(f!.columns).to.deep.equal([]);
      expect(f!.message).to.equal('Table core.customers of model Customer is missing from the database');
      expect(f!.hint).to.include("knex.schema.withSchema('core').createTable('customers'");
      expect(f!.hint).to.include("table.string('first_name', 100).notNullable()");
      // the type survives in the database: Knex must not create it again
      expect(f!.hint).to.include("table.enu('status', null, { useNative: true, existingType: true, enumName: 'customer_status', schemaName: 'core' })");
    });

    it('reports a table no model declares as an unmodeled-table warning with no file', () => {
      const migrated = clone(declared);
      migrated.tables.push(table('public', 'legacy_orders', { columns: [col('id', 'integer')] }));
      const fs = run(migrated);
      expect(fs).to.have.length(1);
      expect(fs[0]).to.include({ code: 'unmodeled-table', severity: 'warning', model: null, file: null, schema: 'public', table: 'legacy_orders' });
      expect(fs[0]!.hint).to.include("ignore.tables");
    });

    it('skips ignore.tables globs: unqualified match the name in any schema, qualified match schema.table', () => {
      const migrated = clone(declared);
      migrated.tables.push(
        table('public', 'legacy_orders'),
        table('billing', 'legacy_invoices'),
        table('audit', 'events'),
        table('audit2', 'events'),
        table('public', 'events'),
        table('public', 'tmp1'),
      );
      const fs = run(migrated, ctxFor(models, { ignoreTables: ['legacy_*', 'audit.*', 'tmp?'] }));
      expect(fs.map((f) => `${f.schema}.${f.table}`)).to.deep.equal(['audit2.events', 'public.events']);
    });

    it('always ignores knex migration tables, default and configured', () => {
      const migrated = clone(declared);
      migrated.tables.push(
        table('public', 'knex_migrations'),
        table('public', 'knex_migrations_lock'),
        table('ops', 'migration_log'),
        table('ops', 'migration_log_lock'),
        table('public', 'migration_log'),
      );
      const fs = run(migrated, ctxFor(models, { migrationTables: knexTableGlobs({ tableName: 'migration_log', schemaName: 'ops' }) }));
      expect(fs.map((f) => `${f.code} ${f.schema}.${f.table}`)).to.deep.equal(['unmodeled-table public.migration_log']);
    });

    it('leaves a model that did not compile alone, and does not call its table unmodeled', () => {
      const Broken = defineModel({ name: 'Broken', table: 'broken', columns: { id: t.integer() } });
      const migrated = clone(declared);
      migrated.tables.push(table('public', 'broken', { columns: [col('id', 'text')] }));
      expect(diff(migrated, declared, ctxFor([...models, Broken]))).to.deep.equal([]);
      // or handed over as claimed: loaded but not compared (invalid, or its DDL failed)
      expect(diff(migrated, declared, { ...ctxFor(models), claimed: [{ model: Broken }] })).to.deep.equal([]);
    });
  });

  describe('columns', () => {
    it('reports a missing column as the contract shows it', () => {
      const fs = run(mutate('public', 'users', (x) => (x.columns = x.columns.filter((c) => c.name !== 'stripe_customer_id'))));
      expect(fs).to.deep.equal([
        {
          code: 'missing-column',
          severity: 'error',
          model: 'User',
          schema: 'public',
          table: 'users',
          columns: ['stripe_customer_id'],
          object: null,
          expected: 'varchar(255)',
          actual: null,
          message: 'Column public.users.stripe_customer_id of model User is missing from the database',
          hint: "add it in a migration: table.string('stripe_customer_id', 255)",
          file: 'src/models/users.ts',
        },
      ]);
    });

    it('subsumes the index, unique, foreign key and check of a missing column', () => {
      const fs = run(
        mutate('core', 'customers', (x) => {
          x.columns = x.columns.filter((c) => c.name !== 'station_id' && c.name !== 'first_name');
          x.foreignKeys = [];
          x.uniques = [];
          x.indexes = x.indexes.filter((i) => !i.columns.includes('station_id'));
          x.checks = [];
        }),
      );
      expect(codes(fs)).to.deep.equal(['missing-column', 'missing-column']);
      const station = fs.find((f) => f.columns[0] === 'station_id')!;
      expect(station.hint).to.match(
        /^add it in a migration: table\.uuid\('station_id'\)\.notNullable\(\)\.references\('id'\)\.inTable\('identity\.stations'\)\.onDelete\('CASCADE'\) \(NOT NULL with no default: .*backfill/,
      );
    });

    it('reports unmodeled columns: a warning, or an error when NOT NULL with no default', () => {
      const fs = run(
        mutate('public', 'users', (x) => {
          x.columns.push(
            col('nickname', 'text'),
            col('tenant_id', 'uuid', { notNull: true }),
            col('score', 'integer', { notNull: true, default: '0' }),
            col('seq', 'bigint', { notNull: true, identity: 'a' }),
            col('upper_email', 'text', { notNull: true, generated: 'upper((email)::text)' }),
          );
        }),
      );
      expect(fs.map((f) => `${f.code}:${f.columns[0]}:${f.severity}`)).to.deep.equal([
        'unmodeled-column:tenant_id:error',
        'unmodeled-column:nickname:warning',
        'unmodeled-column:score:warning',
        'unmodeled-column:seq:warning',
        'unmodeled-column:upper_email:warning',
      ]);
      const tenant = fs[0]!;
      expect(tenant.message).to.include('NOT NULL with no default');
      expect(tenant.hint).to.include('tenant_id: t.uuid().notNullable()');
      expect(tenant.hint).to.include("table.dropColumn('tenant_id')");
      expect(fs.find((f) => f.columns[0] === 'score')!.hint).to.include('score: t.integer().notNullable().defaultTo(0)');
    });

    it('reports a type mismatch (length, time zone, array, precision)', () => {
      const fs = run(
        mutate('core', 'customers', (x) => {
          x.columns.find((c) => c.name === 'first_name')!.type = 'character varying(50)';
          x.columns.find((c) => c.name === 'created_at')!.type = 'timestamp without time zone';
          x.columns.find((c) => c.name === 'tags')!.type = 'text';
          x.columns.find((c) => c.name === 'tags')!.default = "'{}'::text";
        }),
      );
      expect(fs.map((f) => [f.code, f.columns[0], f.expected, f.actual])).to.deep.equal([
        ['type-mismatch', 'created_at', 'timestamptz', 'timestamp'],
        ['type-mismatch', 'first_name', 'varchar(100)', 'varchar(50)'],
        ['type-mismatch', 'tags', 'text[]', 'text'],
      ]);
      const first = fs.find((f) => f.columns[0] === 'first_name')!;
      expect(first.message).to.equal('Column core.customers.first_name of model Customer is varchar(50) in the database but varchar(100) in the model');
      expect(first.hint).to.include("table.string('first_name', 100).notNullable().alter()");
      expect(first.hint).to.include('first_name: t.string(50).notNullable()');
    });

    it('treats equal types written differently as equal', () => {
      const fs = run(
        mutate('core', 'customers', (x) => {
          x.columns.find((c) => c.name === 'first_name')!.type = 'varchar(100)';
          x.columns.find((c) => c.name === 'created_at')!.type = 'timestamptz';
        }),
      );
      expect(fs).to.deep.equal([]);
    });

    it('reports a nullability mismatch', () => {
      const fs = run(mutate('core', 'customers', (x) => (x.columns.find((c) => c.name === 'station_id')!.notNull = false)));
      expect(fs).to.have.length(1);
      expect(fs[0]).to.include({ code: 'nullability-mismatch', expected: 'NOT NULL', actual: 'NULL' });
      expect(fs[0]!.hint).to.include("table.dropNullable('station_id')");
    });

    it('reports a missing or different default', () => {
      const fs = run(
        mutate('core', 'customers', (x) => {
          x.columns.find((c) => c.name === 'created_at')!.default = null;
          x.columns.find((c) => c.name === 'consent_sms')!.default = 'true';
        }),
      );
      expect(fs.map((f) => [f.code, f.columns[0], f.expected, f.actual])).to.deep.equal([
        ['default-mismatch', 'consent_sms', 'false', 'true'],
        ['default-mismatch', 'created_at', 'now()', null],
      ]);
      const created = fs[1]!;
      expect(created.message).to.include('has default now() in the model but no default in the database');
      expect(created.hint).to.include("table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).alter()");
    });

    it('treats defaults written differently as equal', () => {
      const fs = run(
        mutate('core', 'customers', (x) => {
          const c = (n: string) => x.columns.find((y) => y.name === n)!;
          c('created_at').default = 'CURRENT_TIMESTAMP';
          c('tags').default = "'{}'";
          c('consent_sms').default = "'f'::boolean";
          c('id').default = 'public.gen_random_uuid()';
          c('status').default = "'active'::text";
        }),
      );
      expect(fs).to.deep.equal([]);
    });

    it('treats serial and identity columns as the same auto-increment', () => {
      const fs = run(
        mutate('public', 'users', (x) => {
          const id = x.columns.find((c) => c.name === 'id')!;
          id.default = null;
          id.identity = 'd';
        }),
      );
      expect(fs).to.deep.equal([]);
      const renamedSeq = run(mutate('public', 'users', (x) => (x.columns.find((c) => c.name === 'id')!.default = "nextval('users_id_seq1'::regclass)")));
      expect(renamedSeq).to.deep.equal([]);
    });
  });

  describe('primary keys', () => {
    it('reports different primary key columns, ignoring names', () => {
      expect(run(mutate('public', 'users', (x) => (x.primaryKey = { name: 'users_pk_custom', columns: ['id'] })))).to.deep.equal([]);
      const fs = run(mutate('public', 'users', (x) => (x.primaryKey = { name: 'users_pkey', columns: ['email'] })));
      expect(fs).to.have.length(1);
      expect(fs[0]).to.include({ code: 'primary-key-mismatch', expected: '(id)', actual: '(email)', object: 'users_pkey' });
    });

    it('reports a missing primary key', () => {
      const fs = run(mutate('public', 'users', (x) => (x.primaryKey = null)));
      expect(fs.map((f) => [f.code, f.expected, f.actual])).to.deep.equal([['primary-key-mismatch', '(id)', null]]);
      expect(fs[0]!.hint).to.include("table.primary(['id'])");
    });
  });

  describe('foreign keys', () => {
    it('reports a missing foreign key', () => {
      const fs = run(mutate('core', 'customers', (x) => (x.foreignKeys = [])));
      expect(fs).to.have.length(1);
      expect(fs[0]).to.include({ code: 'missing-foreign-key', expected: 'identity.stations(id) ON DELETE CASCADE', object: null });
      expect(fs[0]!.columns).to.deep.equal(['station_id']);
      expect(fs[0]!.hint).to.equal("add it in a migration: table.foreign('station_id').references('id').inTable('identity.stations').onDelete('CASCADE')");
    });

    it('reports one foreign-key-mismatch saying what differs', () => {
      const fs = run(
        mutate('core', 'customers', (x) => {
          x.foreignKeys[0]!.onDelete = 'NO ACTION';
          x.foreignKeys[0]!.name = 'fk_station';
        }),
      );
      expect(fs).to.have.length(1);
      expect(fs[0]).to.include({
        code: 'foreign-key-mismatch',
        object: 'fk_station',
        expected: 'identity.stations(id) ON DELETE CASCADE',
        actual: 'identity.stations(id)',
      });
      expect(fs[0]!.message).to.include('ON DELETE is NO ACTION in the database but CASCADE in the model');
      expect(fs[0]!.hint).to.include("table.dropForeign(['station_id'], 'fk_station')");
    });

    it('reports a foreign key to another table as a mismatch', () => {
      const fs = run(mutate('core', 'customers', (x) => (x.foreignKeys[0]!.refSchema = 'public')));
      expect(codes(fs)).to.deep.equal(['foreign-key-mismatch']);
      expect(fs[0]!.message).to.include('references public.stations(id) in the database but identity.stations(id) in the model');
    });

    it('reports an unmodeled foreign key and ignores constraint names', () => {
      expect(run(mutate('core', 'customers', (x) => (x.foreignKeys[0]!.name = 'whatever')))).to.deep.equal([]);
      const fs = run(
        mutate('public', 'users', (x) => {
          x.foreignKeys.push({ name: 'users_stripe_fk', columns: ['stripe_customer_id'], refSchema: 'billing', refTable: 'accounts', refColumns: ['id'], onDelete: 'SET NULL', onUpdate: 'NO ACTION' , deferrable: null});
        }),
      );
      expect(fs).to.have.length(1);
      expect(fs[0]).to.include({ code: 'unmodeled-foreign-key', severity: 'warning', object: 'users_stripe_fk', actual: 'billing.accounts(id) ON DELETE SET NULL' });
      expect(fs[0]!.hint).to.include(".references('billing.accounts.id').onDelete('SET NULL') to column stripe_customer_id");
    });
  });

  describe('uniques and indexes', () => {
    it('reports a missing unique (model .unique() and uniques)', () => {
      const fs = run(mutate('core', 'customers', (x) => (x.uniques = [])));
      expect(fs).to.have.length(1);
      expect(fs[0]).to.include({ code: 'missing-unique', expected: 'UNIQUE (station_id, first_name)' });
      expect(fs[0]!.hint).to.include("table.unique(['station_id', 'first_name'])");
    });

    it('accepts a unique index for a unique constraint, in any column order, and the reverse', () => {
      const byIndex = run(
        mutate('core', 'customers', (x) => {
          x.uniques = [];
          x.indexes.push(index('customers_uq', ['first_name', 'station_id'], { unique: true }));
        }),
      );
      expect(byIndex).to.deep.equal([]);
      const M = defineModel({ name: 'M', table: 'm', columns: { a: t.text(), b: t.text() }, indexes: [{ columns: ['a', 'b'], unique: true }] });
      const d = declaredSchema([M]);
      const migrated = withTable(d, 'public', 'm', (x) => {
        x.indexes = [];
        x.uniques = [{ name: 'm_a_b_key', columns: ['a', 'b'], nullsNotDistinct: false }];
      });
      expect(diff(migrated, d, ctxFor([M]))).to.deep.equal([]);
    });

    it('reports unmodeled unique constraints and unique indexes', () => {
      const fs = run(
        mutate('public', 'users', (x) => {
          x.uniques.push({ name: 'users_stripe_key', columns: ['stripe_customer_id'], nullsNotDistinct: false });
          x.indexes.push(index('users_created_uq', ['created_at'], { unique: true, predicate: '(stripe_customer_id IS NOT NULL)' }));
        }),
      );
      expect(fs.map((f) => [f.code, f.object])).to.deep.equal([
        ['unmodeled-unique', 'users_created_uq'],
        ['unmodeled-unique', 'users_stripe_key'],
      ]);
      expect(fs[1]!.hint).to.include('add .unique() to column stripe_customer_id in model User');
      expect(fs[0]!.hint).to.include("where: '(stripe_customer_id IS NOT NULL)'");
    });

    it('reports a missing index with a Knex call carrying its predicate', () => {
      const fs = run(mutate('core', 'customers', (x) => (x.indexes = x.indexes.filter((i) => !i.unique))));
      expect(fs).to.have.length(1);
      expect(fs[0]).to.include({ code: 'missing-index', object: null, actual: null });
      expect(fs[0]!.columns).to.deep.equal(['email_encrypted']);
      expect(fs[0]!.hint).to.equal(
        "add it in a migration: table.index(['email_encrypted'], undefined, { indexType: 'unique', predicate: knex.whereRaw('deleted_at is null') })",
      );
    });

    it('reports an index on the same columns in another order once, naming the database index', () => {
      const fs = run(
        mutate('core', 'customers', (x) => {
          x.indexes = x.indexes.map((i) => (i.unique ? i : index('idx_created_station', ['created_at', 'station_id'])));
        }),
      );
      expect(fs).to.have.length(1);
      expect(fs[0]).to.include({ code: 'missing-index', actual: 'btree index (created_at, station_id)' });
      expect(fs[0]!.message).to.include('idx_created_station');
      expect(fs[0]!.message).to.include('column order');
    });

    it('matches indexes by structure: names and enum casts in predicates do not matter', () => {
      const B = defineModel({
        name: 'Booking',
        schema: 'core',
        table: 'bookings',
        columns: { id: t.uuid().primary(), status: t.enum('booking_status', ['pending', 'cancelled']) },
        indexes: [{ columns: ['status'], where: "status <> 'cancelled'" }],
      });
      const d = declaredSchema([B]);
      d.tables[0]!.indexes[0]!.predicate = "(status <> 'cancelled'::core.booking_status)";
      const migrated = withTable(d, 'core', 'bookings', (x) => {
        x.indexes[0]!.name = 'bookings_active_idx';
        x.indexes[0]!.predicate = "status <> 'cancelled'";
      });
      expect(diff(migrated, d, ctxFor([B]))).to.deep.equal([]);
    });

    it('reports an unmodeled index', () => {
      const fs = run(mutate('public', 'users', (x) => x.indexes.push(index('users_created_at_index', ['created_at']))));
      expect(fs).to.have.length(1);
      expect(fs[0]).to.include({ code: 'unmodeled-index', severity: 'warning', object: 'users_created_at_index' });
      expect(fs[0]!.hint).to.include('add .index() to column created_at in model User');
    });

    it('leaves indexes, uniques and foreign keys over an unmodeled column to unmodeled-column', () => {
      const fs = run(
        mutate('public', 'users', (x) => {
          x.columns.push(col('org_id', 'uuid'));
          x.indexes.push(index('users_org_id_index', ['org_id']));
          x.uniques.push({ name: 'users_org_email', columns: ['org_id', 'email'], nullsNotDistinct: false });
          x.foreignKeys.push({ name: 'users_org_fk', columns: ['org_id'], refSchema: 'public', refTable: 'orgs', refColumns: ['id'], onDelete: 'NO ACTION', onUpdate: 'NO ACTION' , deferrable: null});
        }),
      );
      expect(codes(fs)).to.deep.equal(['unmodeled-column']);
      expect(fs[0]!.hint).to.include("org_id: t.uuid().index().references('public.orgs.id')");
    });
  });

  describe('checks', () => {
    it('reports a missing check, names ignored when the expression matches', () => {
      expect(
        run(mutate('core', 'customers', (x) => (x.checks = [{ name: 'chk_1', expression: "((first_name)::text <> ''::text)" }]))),
      ).to.deep.equal([]);
      const fs = run(mutate('core', 'customers', (x) => (x.checks = [])));
      expect(fs).to.have.length(1);
      expect(fs[0]).to.include({ code: 'missing-check', object: 'customers_first_name_check', expected: "first_name <> ''" });
      expect(fs[0]!.hint).to.equal("add it in a migration: table.check('first_name <> \\'\\'', [], 'customers_first_name_check')");
    });
  });

  describe('enums', () => {
    const U = defineModel({
      name: 'User',
      table: 'users',
      columns: { id: t.increments(), status: t.enum('user_status', ['pending', 'active']).notNullable() },
    });
    const A = defineModel({ name: 'Audit', table: 'audits', columns: { id: t.increments(), status: t.enum('user_status', ['pending', 'active']) } });
    const d = declaredSchema([U, A]);
    const c = ctxFor([U, A]);

    it('calls out labels that differ only in case, once for all the columns using the type', () => {
      const migrated = clone(d);
      migrated.enums = [{ schema: 'public', name: 'user_status', labels: ['PENDING', 'ACTIVE'] }];
      const fs = diff(migrated, d, c);
      expect(fs).to.have.length(1);
      const [f] = fs;
      expect(f).to.include({ code: 'enum-mismatch', object: 'public.user_status', table: 'audits', model: 'Audit', expected: "('pending', 'active')", actual: "('PENDING', 'ACTIVE')" });
      expect(f!.columns).to.deep.equal(['status']);
      expect(f!.message).to.include('differ only in case');
      expect(f!.message).to.include('public.users.status');
      expect(f!.hint).to.include(`knex.raw(\`ALTER TYPE "public"."user_status" RENAME VALUE 'PENDING' TO 'pending'\`)`);
    });

    it('reports missing, extra and reordered labels', () => {
      const missing = clone(d);
      missing.enums = [{ schema: 'public', name: 'user_status', labels: ['pending'] }];
      expect(diff(missing, d, c)[0]!.hint).to.include("ADD VALUE 'active'");
      const reordered = clone(d);
      reordered.enums = [{ schema: 'public', name: 'user_status', labels: ['active', 'pending'] }];
      const fs = diff(reordered, d, c);
      expect(codes(fs)).to.deep.equal(['enum-mismatch']);
      expect(fs[0]!.message).to.include('another order');
    });

    it('reports a missing type once, without a type-mismatch for the columns using it', () => {
      const migrated = clone(d);
      migrated.enums = [{ schema: 'core', name: 'user_status', labels: ['pending', 'active'] }];
      for (const x of migrated.tables) {
        const s = x.columns.find((y) => y.name === 'status')!;
        s.type = 'text';
        s.enumType = null;
      }
      const fs = diff(migrated, d, c);
      expect(codes(fs)).to.deep.equal(['enum-mismatch']);
      expect(fs[0]!.actual).to.equal(null);
      expect(fs[0]!.message).to.include('is missing from the database');
      expect(fs[0]!.message).to.include('core.user_status');
      expect(fs[0]!.hint).to.include(`knex.raw(\`CREATE TYPE "public"."user_status" AS ENUM ('pending', 'active')\`)`);
    });

    it('leaves a missing type to missing-table when no table using it exists', () => {
      const migrated = schema([], []);
      const fs = diff(migrated, d, c);
      expect(codes(fs)).to.deep.equal(['missing-table', 'missing-table']);
    });
  });

  describe('rules', () => {
    const migrated = mutate('public', 'users', (x) => {
      x.columns.push(col('nickname', 'text'));
      x.columns = x.columns.filter((c) => c.name !== 'stripe_customer_id');
    });

    it("drops findings set to 'off'", () => {
      expect(codes(run(migrated, ctxFor(models, { rules: { 'unmodeled-column': 'off' } })))).to.deep.equal(['missing-column']);
    });

    it("downgrades with 'warn' and upgrades with 'error'", () => {
      const fs = run(migrated, ctxFor(models, { rules: { 'missing-column': 'warn', 'unmodeled-column': 'error' } }));
      expect(fs.map((f) => `${f.code}:${f.severity}`)).to.deep.equal(['unmodeled-column:error', 'missing-column:warning']);
    });
  });

  it('sorts findings by schema, table, severity, code and columns', () => {
    const migrated = clone(declared);
    migrated.tables = migrated.tables.filter((x) => x.name !== 'stations');
    migrated.tables.push(table('aaa', 'zzz'));
    const users = migrated.tables.find((x) => x.name === 'users')!;
    users.columns.push(col('b_extra', 'text'), col('a_extra', 'text'));
    users.columns = users.columns.filter((c) => c.name !== 'stripe_customer_id');
    const fs = run(migrated);
    expect(fs.map((f) => `${f.schema}.${f.table}:${f.code}:${f.columns.join(',')}`)).to.deep.equal([
      'aaa.zzz:unmodeled-table:',
      'identity.stations:missing-table:',
      'public.users:missing-column:stripe_customer_id',
      'public.users:unmodeled-column:a_extra',
      'public.users:unmodeled-column:b_extra',
    ]);
    const reversed = clone(migrated);
    reversed.tables.reverse();
    expect(run(reversed)).to.deep.equal(fs);
  });

  describe('facets of real schemas (contract section 3)', () => {
    // Both sides differ in one facet only: each gives exactly one finding of its own kind.
    const one = (fn: (migrated: Table, declared: Table) => void, model = User) => {
      const d = declaredSchema([model]);
      const m = clone(d);
      fn(m.tables[0]!, d.tables[0]!);
      return diff(m, d, ctxFor([model]));
    };
    it('a collation is part of the type: one type-mismatch', () => {
      const fs = one((m) => void (m.columns.find((c) => c.name === 'email')!.collation = 'C'));
      expect(codes(fs)).to.deep.equal(['type-mismatch']);
      expect(fs[0]!.actual).to.equal('varchar(255) COLLATE "C"');
    });
    it('a generation expression or a generated column on one side: one generated-mismatch, no default-mismatch', () => {
      const gen = one((m) => Object.assign(m.columns.find((c) => c.name === 'stripe_customer_id')!, { generated: "('x'::text)", generatedKind: 's', default: "('x'::text)" }));
      expect(codes(gen)).to.deep.equal(['generated-mismatch']);
      expect(gen[0]!.hint).to.include('DROP EXPRESSION').and.include('.generatedAlwaysAs(sql`');
    });
    it('identity: increments() accepts any auto-increment; identity({ always }) wants its own kind', () => {
      expect(one((m) => Object.assign(m.columns.find((c) => c.name === 'id')!, { identity: 'a', default: null }))).to.deep.equal([]);
      const Ident = defineModel({ name: 'Ident', table: 'idents', columns: { id: t.integer().primary().identity({ always: true }) } });
      expect(codes(one((m) => void (m.columns[0]!.identity = 'd'), Ident))).to.deep.equal(['default-mismatch']);
    });
    it('deferrability of a foreign key: one foreign-key-mismatch that says so', () => {
      const fs = diff(
        withTable(declared, 'core', 'customers', (x) => void (x.foreignKeys[0]!.deferrable = 'deferred')),
        declared,
        ctx,
      );
      expect(codes(fs)).to.deep.equal(['foreign-key-mismatch']);
      expect(fs[0]!.message).to.include('DEFERRABLE INITIALLY DEFERRED in the database');
    });
    it('NULLS NOT DISTINCT on a unique constraint: one missing-unique naming the database\'s', () => {
      const fs = diff(withTable(declared, 'core', 'customers', (x) => void (x.uniques[0]!.nullsNotDistinct = true)), declared, ctx);
      expect(codes(fs)).to.deep.equal(['missing-unique']);
      expect(fs[0]!.actual).to.equal('UNIQUE NULLS NOT DISTINCT (station_id, first_name)');
    });
    for (const [facet, patch] of [
      ['an operator class', { opclasses: ['uuid_ops', null] }],
      ['NULLS FIRST', { nullsFirst: [true, false] }],
      ['a key collation', { collations: [null, 'C'] }],
      ['INCLUDE', { include: ['first_name'] }],
    ] as const) {
      it(`${facet} on an index: one missing-index naming the database's`, () => {
        const fs = diff(withTable(declared, 'core', 'customers', (x) => void Object.assign(x.indexes.find((i) => !i.unique)!, patch)), declared, ctx);
        expect(codes(fs)).to.deep.equal(['missing-index']);
        expect(fs[0]!.message).to.include('the database has');
      });
    }
    it('comments: compared only where the model declares one, as a warning', () => {
      const Commented = defineModel({ name: 'C', table: 'cs', comment: 'Table', columns: { a: t.text().comment('A'), b: t.text() } });
      const fs = one((m) => {
        m.comment = 'Other';
        m.columns[0]!.comment = null;
        m.columns[1]!.comment = 'not declared by the model';
      }, Commented);
      expect(fs.map((f) => `${f.code}:${f.severity}:${f.columns.join(',')}`)).to.deep.equal(['comment-mismatch:warning:', 'comment-mismatch:warning:a']);
    });
  });

  describe('hints of the facets: the code generate writes, and the model field that exists', () => {
    const one = (fn: (migrated: Table) => void, model: Parameters<typeof declaredSchema>[0][number]) => {
      const d = declaredSchema([model]);
      const m = clone(d);
      fn(m.tables[0]!);
      return diff(m, d, ctxFor([model]));
    };
    it('a collation: raw ALTER COLUMN ... TYPE ... COLLATE (Knex\'s .alter() ignores collations), or .collate() in the model', () => {
      const Coded = defineModel({ name: 'Coded', table: 'codes', columns: { code: t.string(20).notNullable() } });
      const [f] = one((m) => void (m.columns[0]!.collation = 'C'), Coded);
      expect(f!.hint).to.include('knex.raw(`ALTER TABLE "public"."codes" ALTER COLUMN "code" TYPE character varying(20) COLLATE "default"`)');
      expect(f!.hint).to.not.include('.alter(');
      expect(f!.hint).to.include(`code: t.string(20).collate('C').notNullable()`);
    });
    it('identity kinds: SET GENERATED in the migration, .identity({ always }) in the model (never .defaultTo(sql`GENERATED ...`))', () => {
      const Ident = defineModel({ name: 'Ident', table: 'idents', columns: { id: t.integer().primary().identity({ always: false }) } });
      const [f] = one((m) => void (m.columns[0]!.identity = 'a'), Ident);
      expect(f!.hint).to.include('knex.raw(`ALTER TABLE "public"."idents" ALTER COLUMN "id" SET GENERATED BY DEFAULT`)');
      expect(f!.hint).to.include('id: t.integer().primary().identity({ always: true })');
      expect(f!.hint).to.not.include('GENERATED ALWAYS AS IDENTITY');
    });
    it('deferrability: the foreign key replaced with .deferrable()', () => {
      const fs = diff(withTable(declared, 'core', 'customers', (x) => void (x.foreignKeys[0]!.deferrable = 'deferred')), declared, ctx);
      expect(fs[0]!.hint).to.match(/^replace it in a migration: table\.dropForeign\(\['station_id'\], '[^']+'\); table\.foreign\('station_id'\)/);
      const Deferred = defineModel({ name: 'D', table: 'ds', columns: { id: t.integer().primary(), parent_id: t.integer().references('ds.id').deferrable('deferred') } });
      const [g] = one((m) => void (m.foreignKeys[0]!.deferrable = null), Deferred);
      expect(g!.hint).to.include(".references('id').inTable('ds').deferrable('deferred')");
    });
    it('a table comment: the model field comment, a column comment: .comment(); COMMENT ON in the migration', () => {
      const Commented = defineModel({ name: 'C', table: 'cs', comment: "it's", columns: { a: t.text().comment('A') } });
      const fs = one((m) => {
        m.comment = "it's old";
        m.columns[0]!.comment = 'Old';
      }, Commented);
      expect(fs[0]!.hint).to.equal("set it in a migration: knex.raw(`COMMENT ON TABLE \"public\".\"cs\" IS 'it''s'`); or, if the database is right, write comment: 'it\\'s old' in the model");
      expect(fs[1]!.hint).to.include(`write .comment('Old') on column a`);
    });
  });

  it('works on a table declared only through the factory', () => {
    expect(declaredTable(Station).primaryKey).to.deep.equal({ name: 'stations_pkey', columns: ['id'] });
  });
});

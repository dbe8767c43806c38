// The conventions rules as pure functions of a Schema value and the config (src/conventions/).
import { expect } from 'chai';
import { checkConventions, hasConventions, type ConventionInput } from '../../src/conventions/index.ts';
import { toCase } from '../../src/conventions/names.ts';
import { typeSatisfies } from '../../src/conventions/required-columns.ts';
import { isCovered } from '../../src/conventions/structure.ts';
import { firstMention, indexMigrations } from '../../src/conventions/placement.ts';
import type { Conventions } from '../../src/config/types.ts';
import type { Finding } from '../../src/diff/findings.ts';
import { col, fk, idx, schemaOf, table } from './helpers.ts';
import type { Schema } from '../../src/schema/types.ts';

function run(schema: Schema, conventions: Conventions, more: Partial<ConventionInput> = {}): Finding[] {
  return checkConventions(schema, { conventions, skipTables: ['knex_migrations'], models: [], migrations: [], ...more });
}
const keys = (fs: Finding[]) => fs.map((f) => `${f.severity} ${f.table}${f.columns.length ? `(${f.columns.join(',')})` : ''}${f.object ? ` ${f.object}` : ''}`);

describe('conventions/rules', () => {
  it('does nothing without a rule on (conventions: {} and switches set to false)', () => {
    const s = schemaOf(table('Bad', { primaryKey: null, columns: [col('phone')] }));
    expect(hasConventions({})).to.equal(false);
    expect(hasConventions({ primaryKey: false, names: {}, requiredColumns: [], severity: 'error', since: 'main' })).to.equal(false);
    expect(run(s, { primaryKey: false, names: { forbid: {} } })).to.deep.equal([]);
  });

  it('names.case judges tables, columns, indexes and constraints, and says the name to use', () => {
    const t = table('UserAccounts', {
      columns: [col('id'), col('firstName', 'text')],
      indexes: [idx('IdxFirst', ['firstName'])],
      checks: [{ name: 'NameCheck', expression: "(\"firstName\" <> '')" }],
    });
    const fs = run(schemaOf(t), { names: { case: 'snake_case' } });
    // the primary key keeps its name when the table is renamed (Postgres does not rename it): its own finding
    expect(keys(fs)).to.have.members(['warning UserAccounts', 'warning UserAccounts(firstName)', 'warning UserAccounts(firstName) IdxFirst', 'warning UserAccounts NameCheck', 'warning UserAccounts(id) UserAccounts_pkey']);
    const column = fs.find((f) => f.columns[0] === 'firstName' && f.object === null)!;
    expect(column.code).to.equal('convention-violation');
    expect(column.expected).to.equal('first_name');
    expect(column.hint).to.include("table.renameColumn('firstName', 'first_name')");
    expect(fs.find((f) => f.object === null && f.columns.length === 0)!.hint).to.include("knex.schema.renameTable('UserAccounts', 'user_accounts')");
  });

  it('toCase spells a name in each case', () => {
    expect(toCase('firstName', 'snake_case')).to.equal('first_name');
    expect(toCase('HTTPCode', 'snake_case')).to.equal('http_code');
    expect(toCase('first_name', 'camelCase')).to.equal('firstName');
    expect(toCase('first_name', 'PascalCase')).to.equal('FirstName');
  });

  it('names.forbid: exact names and globs, a glob carrying its * over, forbid before case', () => {
    const t = table('people', { columns: [col('id'), col('phone'), col('created_at'), col('Contact'), col('name')] });
    const fs = run(schemaOf(t), { names: { case: 'snake_case', forbid: { phone: 'phone_number', '*_at': '*_date', Contact: 'email', name: 'first_name + last_name' } } });
    expect(fs.map((f) => [f.columns[0], f.expected])).to.have.deep.members([
      ['phone', 'phone_number'],
      ['created_at', 'created_date'],
      ['Contact', 'email'], // one finding: the forbid rule's, not also the case rule's
      ['name', 'first_name + last_name'],
    ]);
    expect(fs.find((f) => f.columns[0] === 'name')!.hint).to.include('Replace it with first_name + last_name');
  });

  it('requiredColumns: missing, wrong type, nullability or default; the type family; table globs', () => {
    const ok = col('created_date', 'timestamp with time zone', { notNull: true, default: 'CURRENT_TIMESTAMP' });
    const s = schemaOf(
      table('a', { columns: [col('id'), ok] }),
      table('b', { columns: [col('id')] }),
      table('c', { columns: [col('id'), col('created_date', 'timestamp without time zone', { notNull: false, default: 'now()' })] }),
      table('d', { columns: [col('id'), col('created_date', 'date', { notNull: true, default: 'CURRENT_DATE' })] }),
      table('audit_x', { columns: [col('id')] }),
    );
    const fs = run(s, { requiredColumns: [{ tables: ['*'], column: 'created_date', type: 'timestamp', notNullable: true, default: 'now()' }], ignore: ['audit_*'] });
    expect(keys(fs)).to.have.members(['warning b', 'warning c(created_date)', 'warning d(created_date)']);
    expect(fs.find((f) => f.table === 'b')!.hint).to.include('ADD COLUMN "created_date" timestamp NOT NULL DEFAULT now()');
    expect(fs.find((f) => f.table === 'c')!.hint).to.include('SET NOT NULL').and.not.include('TYPE');
    expect(fs.find((f) => f.table === 'd')!.hint).to.include('DROP DEFAULT, ALTER COLUMN "created_date" TYPE timestamp');
  });

  it('typeSatisfies: a bare type is a family, a precise one must match', () => {
    expect(typeSatisfies('timestamp', 'timestamp with time zone')).to.equal(true);
    expect(typeSatisfies('timestamptz', 'timestamp without time zone')).to.equal(false);
    expect(typeSatisfies('varchar', 'character varying(20)')).to.equal(true);
    expect(typeSatisfies('varchar(20)', 'character varying(30)')).to.equal(false);
    expect(typeSatisfies('uuid', 'uuid[]')).to.equal(false);
    expect(typeSatisfies('int4', 'integer')).to.equal(true);
  });

  it('primaryKey and indexedForeignKeys: what covers a foreign key and what does not', () => {
    const base = { columns: [col('id'), col('a_id'), col('b_id')], foreignKeys: [fk('t_a_fk', ['a_id']), fk('t_ab_fk', ['a_id', 'b_id'])] };
    const t = (over: object) => table('t', { ...base, ...over });
    expect(isCovered(t({ indexes: [idx('i', ['b_id', 'a_id', 'id'])] }), fk('x', ['a_id', 'b_id']))).to.equal(true);
    expect(isCovered(t({ indexes: [idx('i', ['id', 'a_id'])] }), fk('x', ['a_id']))).to.equal(false);
    expect(isCovered(t({ indexes: [idx('i', ['a_id'], { predicate: 'a_id IS NOT NULL' })] }), fk('x', ['a_id']))).to.equal(false);
    expect(isCovered(t({ uniques: [{ name: 'u', columns: ['a_id'], nullsNotDistinct: false }] }), fk('x', ['a_id']))).to.equal(true);
    expect(isCovered(t({ indexes: [idx('i', ['a_id'], { method: 'gin' })] }), fk('x', ['a_id']))).to.equal(false);
    const fs = run(schemaOf(t({ primaryKey: null, indexes: [idx('i', ['a_id'])] })), { primaryKey: 'error', indexedForeignKeys: true });
    expect(keys(fs)).to.have.members(['error t', 'warning t(a_id,b_id) t_ab_fk']);
  });

  it('explicitOnDelete: NO ACTION is not stated; allowed actions by nullability; severity per rule and global', () => {
    const t = table('t', {
      columns: [col('id'), col('a_id', 'integer', { notNull: true }), col('b_id'), col('c_id', 'integer', { notNull: true })],
      foreignKeys: [fk('fa', ['a_id'], { onDelete: 'CASCADE' }), fk('fb', ['b_id'], { onDelete: 'CASCADE' }), fk('fc', ['c_id'])],
    });
    expect(keys(run(schemaOf(t), { explicitOnDelete: true }))).to.deep.equal(['warning t(c_id) fc']);
    const strict = run(schemaOf(t), { severity: 'error', explicitOnDelete: { nullable: 'SET NULL', notNullable: ['CASCADE', 'RESTRICT'] } });
    expect(keys(strict)).to.have.members(['error t(b_id) fb', 'error t(c_id) fc']);
    expect(strict.find((f) => f.object === 'fb')!.hint).to.include(".onDelete('SET NULL')");
    expect(keys(run(schemaOf(t), { severity: 'error', explicitOnDelete: 'warn' }))).to.deep.equal(['warning t(c_id) fc']);
    expect(keys(run(schemaOf(t), { explicitOnDelete: { notNullable: ['CASCADE', 'NO ACTION'] } }))).to.deep.equal([]);
  });

  it('never judges the check\'s skipped tables (Knex\'s) nor conventions.ignore', () => {
    const s = schemaOf(table('knex_migrations', { columns: [col('id'), col('name', 'text')] }), table('legacy_x', { primaryKey: null }));
    expect(run(s, { primaryKey: true, names: { forbid: { name: 'title' } }, ignore: ['legacy_*'] })).to.deep.equal([]);
  });

  it('places a violation: the model declaring the table, the first migration mentioning it', () => {
    const s = schemaOf(table('people', { columns: [col('id'), col('phone')] }));
    const fs = run(s, { names: { forbid: { phone: 'phone_number' } } }, {
      models: [{ name: 'Person', file: 'models/person.ts', model: { schema: 'public', table: 'people' } }],
      migrations: [
        { file: 'migrations/001.ts', text: "createTable('people', (t) => t.increments('id'))" },
        { file: 'migrations/002.ts', text: "alterTable('people', (t) => t.string('phone'))" },
      ],
    });
    expect(fs).to.have.length(1);
    expect(fs[0]).to.include({ model: 'Person', file: 'models/person.ts', migration: 'migrations/002.ts' });
    expect(fs[0]!.message).to.include('migrations/002.ts').and.include('model Person');
    expect(fs[0]!.hint).to.include('in model Person (models/person.ts)');
  });

  it('with a since scope, judges only objects that the changed migrations mention', () => {
    const s = schemaOf(table('old', { columns: [col('id'), col('phone')] }), table('fresh', { columns: [col('id'), col('phone')] }), table('touched', { primaryKey: null }));
    const migrations = [
      { file: 'migrations/001.ts', text: "createTable('old', ...phone...); createTable('touched')" },
      { file: 'migrations/002.ts', text: "createTable('fresh', (t) => t.string('phone'))" },
      { file: 'migrations/003.ts', text: "alterTable('touched', (t) => t.text('note'))" },
    ];
    const fs = run(s, { names: { forbid: { phone: 'phone_number' } }, primaryKey: true }, { migrations, changed: ['migrations/002.ts', 'migrations/003.ts'] });
    expect(keys(fs)).to.have.members(['warning fresh(phone)', 'warning touched']);
    expect(fs.find((f) => f.table === 'touched')!.migration).to.equal('migrations/001.ts');
  });

  it('firstMention matches whole words only', () => {
    const ms = indexMigrations([
      { file: 'a', text: 'phone_number telephone' },
      { file: 'b', text: "t.string('phone')" },
    ]);
    expect(firstMention([['phone']], ms)).to.equal('b');
    expect(firstMention([['nothing']], ms)).to.equal(null);
  });

  it('firstMention knows the names Knex builds without spelling them: timestamps(), increments()', () => {
    const ms = indexMigrations([
      { file: 'a', text: "createTable('users', (t) => { t.increments(); t.timestamps(true, true); })" },
      { file: 'b', text: "alterTable('users', (t) => t.text('updated_at_note'))" },
    ]);
    expect(firstMention([['users', 'updated_at']], ms)).to.equal('a');
    expect(firstMention([['users', 'id']], ms)).to.equal('a');
  });
});

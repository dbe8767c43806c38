import { expect } from 'chai';
import { globToRegExp, knexTableGlobs, tableMatcher } from '../../src/diff/ignore.ts';

describe('diff/ignore', () => {
  it('takes the glob syntax of the rest of the config (picomatch): braces and classes too', () => {
    const m = tableMatcher(['{legacy,old}_*', 'audit.log_[0-9]*']);
    expect(m('public', 'legacy_orders')).to.equal(true);
    expect(m('billing', 'old_invoices')).to.equal(true);
    expect(m('public', 'new_orders')).to.equal(false);
    expect(m('audit', 'log_2024')).to.equal(true);
    expect(m('audit', 'log_x')).to.equal(false);
  });

  it('turns * and ? into anchored patterns, and escapes the rest', () => {
    expect(globToRegExp('legacy_*').test('legacy_orders')).to.equal(true);
    expect(globToRegExp('legacy_*').test('my_legacy_orders')).to.equal(false);
    expect(globToRegExp('t?').test('t1')).to.equal(true);
    expect(globToRegExp('t?').test('t12')).to.equal(false);
    expect(globToRegExp('a+b').test('a+b')).to.equal(true);
    expect(globToRegExp('a+b').test('aab')).to.equal(false);
  });

  it('matches unqualified globs on the table name in any schema, qualified ones on schema.table', () => {
    const m = tableMatcher(['legacy_*', 'audit.*', 'public.tmp']);
    expect(m('public', 'legacy_x')).to.equal(true);
    expect(m('billing', 'legacy_x')).to.equal(true);
    expect(m('audit', 'anything')).to.equal(true);
    expect(m('audit_old', 'anything')).to.equal(false);
    expect(m('public', 'tmp')).to.equal(true);
    expect(m('core', 'tmp')).to.equal(false);
  });

  it("lists knex's tables: the defaults, and the configured ones in their schema", () => {
    expect(knexTableGlobs()).to.deep.equal(['knex_migrations', 'knex_migrations_lock']);
    expect(knexTableGlobs({ tableName: 'mig', schemaName: 'ops' })).to.deep.equal(['knex_migrations', 'knex_migrations_lock', 'ops.mig', 'ops.mig_lock']);
  });
});

// withoutObject: a model that uses an object the database lacks is compared without the parts that
// use it (issue 11 defect 2), and nothing else of it is lost.
import { expect } from 'chai';
import { defineModel, t, sql } from '../../src/model-api/define.ts';
import type { LoadedModel, Model } from '../../src/model-api/types.ts';
import { mentions, withoutObject } from '../../src/ddl/without-object.ts';

const lm = (name: string, model: Model): LoadedModel => ({ name, file: `models/${name}.ts`, exportName: name, model });

const Account = lm(
  'Account',
  defineModel({
    table: 'accounts',
    columns: {
      id: t.uuid().primary().defaultTo(sql`uuid_generate_v4()`),
      login: t.specificType('citext').notNullable(),
      tags: t.specificType('public.citext[]'),
      number: t.bigInteger().defaultTo(sql`nextval('public."invoice-number_seq"'::regclass)`),
      name: t.string().notNullable(),
    },
    indexes: [{ columns: [{ column: 'name', opclass: 'gin_trgm_ops' }], using: 'gin' }, { columns: ['login'] }, { columns: ['name'] }],
    uniques: [{ columns: ['login', 'name'] }],
    checks: [{ expression: "similarity(name, 'x') < 1" }, { expression: 'length(name) > 0' }],
  }),
);

describe('ddl/withoutObject', () => {
  it('a missing type: the columns of that type (arrays and qualified names too) and what names them go', () => {
    const s = withoutObject(Account, { kind: 'type', name: 'citext' })!;
    expect(Object.keys(s.model.model.columns)).to.deep.equal(['id', 'number', 'name']);
    expect(s.columns).to.deep.equal(['login', 'tags']);
    expect(s.model.model.indexes.map((ix) => ix.columns)).to.have.length(2);
    expect(s.model.model.uniques).to.deep.equal([]);
    expect(s.consequences).to.deep.equal([{ columns: ['login', 'tags'] }]);
  });

  it('a missing function or sequence in a default: only that default goes, the column stays', () => {
    const f = withoutObject(Account, { kind: 'function', name: 'uuid_generate_v4()' })!;
    expect(f.model.model.columns.id).to.not.have.property('default');
    expect(f.model.model.columns.id!.primary).to.equal(true);
    expect(f.consequences).to.deep.equal([{ columns: ['id'], codes: ['default-mismatch', 'generated-mismatch'] }]);
    const q = withoutObject(Account, { kind: 'sequence', name: 'public.invoice-number_seq' })!;
    expect(q.columns).to.deep.equal(['number']);
    expect(q.model.model.columns.number).to.not.have.property('default');
  });

  it('a missing operator class or function in an index or check: that index or check goes', () => {
    const o = withoutObject(Account, { kind: 'operator class', name: 'gin_trgm_ops' })!;
    expect(o.model.model.indexes).to.have.length(2);
    expect(o.columns).to.deep.equal(['name']);
    const c = withoutObject(Account, { kind: 'function', name: 'similarity(text, unknown)' })!;
    expect(c.model.model.checks.map((k) => k.expression)).to.deep.equal(['length(name) > 0']);
  });

  it('an object the model does not name: undefined (the model is left out as a whole)', () => {
    expect(withoutObject(Account, { kind: 'type', name: 'hstore' })).to.equal(undefined);
  });

  it('mentions matches whole names only, quoted or qualified', () => {
    expect(mentions('public."citext"', { kind: 'type', name: 'citext' })).to.equal(true);
    expect(mentions('citextual', { kind: 'type', name: 'citext' })).to.equal(false);
    expect(mentions('my_citext', { kind: 'type', name: 'citext' })).to.equal(false);
  });
});

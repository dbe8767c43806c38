import { expect } from 'chai';
import { applyRules, makeFinding, sortFindings, type Finding } from '../../src/diff/findings.ts';

const f = (code: Finding['code'], over: Partial<Finding> = {}): Finding =>
  ({ ...makeFinding(code, { message: 'm', hint: 'h', schema: 'public', table: 't' }), ...over });

describe('diff/findings helpers', () => {
  it('makeFinding fills every field of the report, in report order, with the default severity', () => {
    const x = makeFinding('unmodeled-index', { message: 'm', hint: 'h' });
    expect(Object.keys(x)).to.deep.equal([
      'code', 'severity', 'model', 'schema', 'table', 'columns', 'object', 'expected', 'actual', 'message', 'hint', 'file',
    ]);
    expect(x).to.include({ severity: 'warning', model: null, file: null, object: null });
    expect(makeFinding('unmodeled-column', { severity: 'error', message: 'm', hint: 'h' }).severity).to.equal('error');
  });

  it("applyRules: 'off' removes, 'warn' and 'warning' downgrade, 'error' upgrades, others untouched", () => {
    const all = [f('missing-index'), f('unmodeled-table'), f('missing-column'), f('missing-check')];
    const out = applyRules(all, { 'missing-index': 'off', 'missing-column': 'warn', 'missing-check': 'warning', 'unmodeled-table': 'error' });
    expect(out.map((x) => `${x.code}:${x.severity}`)).to.deep.equal(['unmodeled-table:error', 'missing-column:warning', 'missing-check:warning']);
    expect(applyRules(all, undefined)).to.deep.equal(all);
  });

  it('sorts by schema, table (table-less first), severity, code, columns', () => {
    const list = [
      f('unmodeled-column', { columns: ['b'] }),
      f('missing-column', { columns: ['z'] }),
      f('unmodeled-column', { columns: ['a'], severity: 'error' }),
      f('missing-table', { schema: 'core', table: 'a' }),
      f('migration-failed', { schema: null, table: null }),
      f('missing-column', { columns: ['a'] }),
    ];
    expect(sortFindings(list).map((x) => `${x.schema}.${x.table}:${x.code}:${x.severity}:${x.columns}`)).to.deep.equal([
      'null.null:migration-failed:error:',
      'core.a:missing-table:error:',
      'public.t:missing-column:error:a',
      'public.t:missing-column:error:z',
      'public.t:unmodeled-column:error:a',
      'public.t:unmodeled-column:warning:b',
    ]);
  });
});

import { expect } from 'chai';
import { escapeData, escapeProperty, toAnnotation, toAnnotations } from '../../src/report/annotations.ts';
import { finding, report } from './fixtures.ts';

describe('report/annotations (GitHub workflow commands)', () => {
  it('escapes %, CR and LF in messages, in that order', () => {
    expect(escapeData('100% done\r\nnext')).to.equal('100%25 done%0D%0Anext');
    expect(escapeData('%0A')).to.equal('%250A');
  });
  it('also escapes : and , in properties', () => {
    expect(escapeProperty('a:b,c%\n')).to.equal('a%3Ab%2Cc%25%0A');
  });
  it('writes ::error for errors and ::warning for warnings, with file and title', () => {
    const line = toAnnotation(finding({ file: 'src/models/a,b:c.ts', message: 'Bad: 50%', hint: 'fix it' }));
    expect(line).to.equal('::error file=src/models/a%2Cb%3Ac.ts,title=missing-column::Bad: 50%25%0Afix it');
    const warn = toAnnotation(finding({ severity: 'warning', code: 'unmodeled-table', hint: '' }));
    expect(warn).to.match(/^::warning file=src\/models\/user\.ts,title=unmodeled-table::Column public/);
    expect(warn).not.to.contain('%0A');
  });
  it('carries the line of the model or column when the finding has one (contract section 5)', () => {
    expect(toAnnotation(finding({ line: 12, hint: '' }))).to.match(/^::error file=src\/models\/user\.ts,line=12,title=missing-column::/);
    expect(toAnnotation(finding({ hint: '' }))).to.not.contain('line=');
  });
  it('leaves out findings without a file', () => {
    const lines = toAnnotations(report([finding(), finding({ file: null }), finding({ severity: 'warning' })]));
    expect(lines).to.have.length(2);
    for (const l of lines) expect(l.split('\n')).to.have.length(1);
  });
});

import { expect } from 'chai';
import { escapeXml, toJUnit } from '../../src/report/junit.ts';
import type { StageResult } from '../../src/runner/types.ts';
import { finding, report } from './fixtures.ts';
import { assertWellFormedXml } from './helpers.ts';

const count = (xml: string, re: RegExp) => (xml.match(re) ?? []).length;

describe('report/junit', () => {
  const stages: StageResult[] = [
    { name: 'static', title: 'Static analysis: tsc --noEmit', ok: true, durationMs: 1200, command: 'tsc --noEmit' },
    {
      name: 'unit',
      title: 'Unit tests: mocha',
      ok: false,
      durationMs: 3400,
      command: 'mocha',
      reason: 'exit code 1',
      outputTail: 'AssertionError: expected <a> & "b" to equal \'c\'\n\u001b[31mred\u001b[39m \u0007bell',
    },
    { name: 'integration', title: 'Integration tests', ok: true, skipped: true, reason: 'skipped: stages.integration is false', durationMs: 0 },
    { name: 'check', title: 'Consistency check', ok: false, durationMs: 800, reason: '1 error' },
  ];
  const r = report([finding(), finding({ severity: 'warning', code: 'unmodeled-table', columns: [], file: null })]);

  it('has one test case per stage and per finding, failures for failed stages and error findings', () => {
    const xml = toJUnit({ stages, report: r, durationMs: 5000 });
    assertWellFormedXml(xml);
    expect(count(xml, /<testcase /g)).to.equal(6);
    expect(count(xml, /<failure /g)).to.equal(3);
    expect(count(xml, /<skipped /g)).to.equal(1);
    expect(xml).to.match(/<testsuites [^>]*tests="6" failures="3" errors="0" skipped="1" time="5\.000"/);
    expect(xml).to.contain('file="src/models/user.ts"');
    expect(xml).to.contain('<system-out>warning: ');
  });

  it('escapes markup and drops ANSI codes and characters XML forbids', () => {
    const xml = toJUnit({ stages, report: r, durationMs: 5000 });
    expect(xml).to.contain('expected &lt;a&gt; &amp; &quot;b&quot; to equal &apos;c&apos;');
    expect(xml).to.contain('red bell');
    expect(xml).not.to.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(escapeXml('<x a="1">&\u0000')).to.equal('&lt;x a=&quot;1&quot;&gt;&amp;');
  });

  it('is well-formed with no findings and no report', () => {
    const xml = toJUnit({ stages: [stages[0]!], report: null, durationMs: 1 });
    assertWellFormedXml(xml);
    expect(count(xml, /<testcase /g)).to.equal(1);
    expect(count(xml, /<failure /g)).to.equal(0);
  });

  it('takes the report from the check stage when the result has none at the top', () => {
    const xml = toJUnit({ stages: [{ ...stages[3]!, report: r }], durationMs: 1 } as never);
    expect(count(xml, /<testcase /g)).to.equal(3);
  });
});

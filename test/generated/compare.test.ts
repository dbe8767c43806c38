// The pure half of the generated-files check: which files differ, and the bounded unified diff shown.
import { expect } from 'chai';
import { compareFiles, renderDiff } from '../../src/generated/compare.ts';
import { unifiedHunks } from '../../src/generated/text-diff.ts';

const files = (o: Record<string, string>) => new Map(Object.entries(o).map(([k, v]) => [k, Buffer.from(v)]));

describe('generated/compare', () => {
  it('lists changed, new and no-longer-written files, sorted, and nothing for equal bytes', () => {
    const committed = files({ 'b.ts': 'x\n', 'a.ts': 'same\n', 'gone.ts': 'old\n' });
    const written = files({ 'a.ts': 'same\n', 'b.ts': 'y\n', 'new.ts': 'n\n' });
    expect(compareFiles(committed, written)).to.deep.equal([
      { path: 'b.ts', kind: 'changed' },
      { path: 'gone.ts', kind: 'removed' },
      { path: 'new.ts', kind: 'added' },
    ]);
    expect(compareFiles(files({ 'a.ts': 'x' }), files({ 'a.ts': 'x' }))).to.deep.equal([]);
  });

  it('renders hunks with three lines of context and the line numbers diff -u gives', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].join('\n') + '\n';
    const after = ['1', '2', '3', '4', 'five', '6', '7', '8', '9', '10', '11'].join('\n') + '\n';
    expect(unifiedHunks(before, after)).to.deep.equal(['@@ -2,9 +2,10 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8', ' 9', ' 10', '+11']);
    // Far-apart changes are separate hunks; an added file starts at line 0 on the old side.
    const far = Array.from({ length: 20 }, (_, i) => `l${i}`);
    const farAfter = far.map((l, i) => (i === 1 || i === 18 ? `${l}!` : l));
    expect(unifiedHunks(far.join('\n'), farAfter.join('\n')).filter((l) => l.startsWith('@@'))).to.deep.equal(['@@ -1,5 +1,5 @@', '@@ -16,5 +16,5 @@']);
    expect(unifiedHunks('', 'a\nb\n')).to.deep.equal(['@@ -0,0 +1,2 @@', '+a', '+b']);
  });

  it('shows file headers (/dev/null for a new or removed file), a note for line endings only, and cuts a long diff', () => {
    const committed = files({ 'crlf.ts': 'a\r\n', 'gone.ts': 'old\n' });
    const written = files({ 'crlf.ts': 'a\n', 'new.ts': 'n\n' });
    const diff = renderDiff(compareFiles(committed, written), committed, written);
    expect(diff.split('\n')).to.deep.equal([
      '--- a/crlf.ts',
      '+++ b/crlf.ts',
      '@@ -1,1 +1,1 @@',
      '-a\r',
      '+a',
      '--- a/gone.ts',
      '+++ /dev/null',
      '@@ -1,1 +0,0 @@',
      '-old',
      '--- /dev/null',
      '+++ b/new.ts',
      '@@ -0,0 +1,1 @@',
      '+n',
    ]);
    const noNewline = renderDiff([{ path: 'x.ts', kind: 'changed' }], files({ 'x.ts': 'a\n' }), files({ 'x.ts': 'a' }));
    expect(noNewline).to.contain('only line endings or the final newline differ');
    const long = files({ 'big.ts': Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n') });
    const cut = renderDiff([{ path: 'big.ts', kind: 'added' }], new Map(), long, 10, (n) => `${n} more`);
    expect(cut.split('\n')).to.have.length(11);
    expect(cut.split('\n').at(-1)).to.equal('93 more');
  });
});

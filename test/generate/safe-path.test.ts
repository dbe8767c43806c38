// File names from database names (issue 10 item 2): one safe segment per name on every platform,
// distinct names kept apart (case-insensitive file systems included), and the last guard.
import { expect } from 'chai';
import { distinctSegments, insideDir, MAX_SEGMENT_BYTES, safeSegment } from '../../src/generate/safe-path.ts';
import { modelFilePaths } from '../../src/generate/model-writer.ts';
import { HOSTILE_STRINGS } from '../helpers/hostile.ts';

describe('generate/safe-path', () => {
  it('makes every hostile name one safe segment', () => {
    for (const name of [...HOSTILE_STRINGS, '..', '.', '.hidden', '-rf', 'a/b\\c', 'trailing. ', 'CON', 'con.ts', 'LPT1', 'x.d', 'a:b*c?d"e<f>g|h', 'x'.repeat(300), '😀'.repeat(100)]) {
      const s = safeSegment(name);
      expect(s, JSON.stringify(name)).to.match(/^[^/\\<>:"|?*\u0000-\u001f]+$/);
      expect(s).to.not.match(/^[.\-\s]|[.\s]$|\.d$/i);
      expect(s).to.not.match(/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i);
      expect(Buffer.byteLength(s)).to.be.at.most(MAX_SEGMENT_BYTES);
      expect(insideDir('/out', `${s}/${s}.ts`)).to.equal(true);
    }
    expect(safeSegment('customers')).to.equal('customers');
    expect(safeSegment('../../knexfile')).to.equal('_._.._knexfile');
  });

  it('keeps names apart that would share a file, case and normalisation ignored', () => {
    const names = ['Users', 'users', 'a/b', 'a_b', 'caf\u00e9', 'cafe\u0301', 'x'.repeat(200), `${'x'.repeat(200)}y`];
    const segs = [...distinctSegments(names).values()].map((s) => s.normalize('NFC').toLowerCase());
    expect(new Set(segs).size).to.equal(names.length);
    const paths = modelFilePaths([{ schema: 'public', name: 'Users' }, { schema: 'public', name: 'users' }, { schema: 'Public', name: 'users' }]);
    expect(new Set([...paths.values()].map((p) => p.toLowerCase())).size).to.equal(3);
  });

  it('insideDir refuses what leaves the directory', () => {
    for (const bad of ['../x', '../../knexfile.ts', '/etc/passwd', 'a/../../b', '.', '']) expect(insideDir('/out', bad), bad).to.equal(false);
    expect(insideDir('/out', 'public/users.ts')).to.equal(true);
  });
});

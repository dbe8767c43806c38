// modelFileMatcher picks model files from a list of paths (git's index, in hook mode) exactly as
// findModelFiles picks them from the disk: the same files, for the globs people write.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findModelFiles, modelFileMatcher } from '../../src/model-api/load.ts';

const FILES = [
  'models/user.ts',
  'models/index.ts',
  'models/types.d.ts',
  'models/core/customer.ts',
  'models/core/customer.js',
  'models/.hidden/secret.ts',
  'models/node_modules/pkg/index.ts',
  'src/models/post.ts',
  'src/models/post.test.ts',
  'src/db/models/tag.mts',
  'db/schema.ts',
  'README.md',
];

const GLOBS: string[][] = [
  ['models/**/*.ts'],
  ['models/*.ts'],
  ['models'],
  ['models/'],
  ['./models/**/*.{ts,js}'],
  ['src/**/models/**/*.{ts,mts}', '!src/**/*.test.ts'],
  ['**/*.ts'],
  ['db/schema.ts'],
  ['models/core/*'],
];

describe('modelFileMatcher agrees with findModelFiles', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pcc-matcher-'));
    for (const f of FILES) {
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      writeFileSync(path.join(dir, f), '');
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const globs of GLOBS) {
    it(`picks the same files for ${JSON.stringify(globs)}`, async () => {
      const onDisk = (await findModelFiles(dir, globs)).map((f) => path.relative(dir, f).split(path.sep).join('/'));
      const matcher = modelFileMatcher(globs)!;
      expect(matcher).to.be.a('function');
      expect(FILES.filter(matcher).sort()).to.deep.equal(onDisk.sort());
    });
  }

  it('gives up on globs that leave the root (only the disk can answer them)', () => {
    expect(modelFileMatcher(['../shared/models/*.ts'])).to.equal(undefined);
    expect(modelFileMatcher(['/abs/models/*.ts'])).to.equal(undefined);
  });
});

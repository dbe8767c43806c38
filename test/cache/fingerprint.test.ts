// The cache's fingerprints (src/cache/fingerprint.ts): the tool's own identity, hashed once by the
// build, and the project files hashed with what they import.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOOL_HASH_FILE, hashWithLocalImports, migrationDirFiles, treeHash } from '../../src/cache/fingerprint.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('cache fingerprints', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'pcc-fp-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("treeHash changes with a file's content or name, not with the hash file the build writes", () => {
    mkdirSync(path.join(dir, 'cache'));
    writeFileSync(path.join(dir, 'cache', 'a.js'), 'export const a = 1;\n');
    const first = treeHash(dir);
    writeFileSync(path.join(dir, TOOL_HASH_FILE), `${first}\n`);
    expect(treeHash(dir), 'the hash file itself is left out').to.equal(first);
    writeFileSync(path.join(dir, 'cache', 'a.js'), 'export const a = 2;\n');
    const edited = treeHash(dir);
    expect(edited).to.not.equal(first);
    rmSync(path.join(dir, 'cache', 'a.js'));
    writeFileSync(path.join(dir, 'cache', 'b.js'), 'export const a = 2;\n');
    expect(treeHash(dir), 'same content under another name').to.not.equal(edited);
  });

  it("the build writes dist's own hash beside it (what every run from dist/ uses instead of reading dist/ again)", () => {
    const dist = path.join(REPO, 'dist');
    expect(readFileSync(path.join(dist, TOOL_HASH_FILE), 'utf8').trim()).to.equal(treeHash(dist));
  });

  it('migrationDirFiles lists files and links to files, not directories; hashWithLocalImports follows relative imports', async () => {
    const migrations = path.join(dir, 'migrations');
    mkdirSync(path.join(migrations, 'sub'), { recursive: true });
    writeFileSync(path.join(migrations, '001_a.ts'), "import { helper } from '../lib/helper';\nexport const up = helper;\n");
    mkdirSync(path.join(dir, 'lib'));
    writeFileSync(path.join(dir, 'lib', 'helper.ts'), 'export const helper = 1;\n');
    writeFileSync(path.join(dir, 'shared.ts'), 'export const x = 1;\n');
    symlinkSync(path.join(dir, 'shared.ts'), path.join(migrations, '002_link.ts'));
    const files = await migrationDirFiles([migrations, path.join(dir, 'missing')]);
    expect(files.map((f) => path.relative(dir, f))).to.deep.equal(['migrations/001_a.ts', 'migrations/002_link.ts']);
    const hashes = await hashWithLocalImports(dir, files);
    expect(hashes.map(([f]) => f)).to.deep.equal(['lib/helper.ts', 'migrations/001_a.ts', 'migrations/002_link.ts']);
    writeFileSync(path.join(dir, 'lib', 'helper.ts'), 'export const helper = 2;\n');
    const again = await hashWithLocalImports(dir, files);
    expect(again[0]![1], "the imported helper's hash follows its content").to.not.equal(hashes[0]![1]);
    expect(again[1]).to.deep.equal(hashes[1]);
  });
});

// The pieces of hook mode's scoped snapshot that read no git: resolving an import against git's file
// list as tsx resolves it on disk, and telling imports Node resolves (built-ins, installed packages)
// from those only the whole tree can satisfy (a tsconfig alias, a #subpath import).
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isPackageImport, resolveInIndex } from '../../src/runner/staged-scope.ts';

describe('staged scope: imports against the index', () => {
  const files = new Set(['app/models/user.ts', 'app/lib/enums.ts', 'app/lib/index.ts', 'app/lib/cols.mts', 'app/data.json']);

  it('resolves relative specifiers as tsx does: extension added, .js for .ts, a folder\'s index', () => {
    expect(resolveInIndex('app/models/user.ts', '../lib/enums', files)).to.equal('app/lib/enums.ts');
    expect(resolveInIndex('app/models/user.ts', '../lib/enums.js', files)).to.equal('app/lib/enums.ts');
    expect(resolveInIndex('app/models/user.ts', '../lib/cols.mjs', files)).to.equal('app/lib/cols.mts');
    expect(resolveInIndex('app/models/user.ts', '../lib', files)).to.equal('app/lib/index.ts');
    expect(resolveInIndex('app/models/user.ts', '../data.json', files)).to.equal('app/data.json');
    expect(resolveInIndex('app/models/user.ts', '../lib/missing', files)).to.equal(undefined);
    expect(resolveInIndex('app/models/user.ts', '../../../outside', files)).to.equal(undefined);
  });

  it('leaves built-ins and installed packages to Node, and gives up on aliases and missing packages', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pcc-scope-'));
    try {
      mkdirSync(path.join(dir, 'node_modules', 'knex'), { recursive: true });
      mkdirSync(path.join(dir, 'node_modules', '@acme', 'db'), { recursive: true });
      const nm = [path.join(dir, 'node_modules')];
      for (const spec of ['node:fs', 'fs', 'path/posix', 'knex', 'knex/types', '@acme/db', '@acme/db/models']) expect(isPackageImport(spec, nm), spec).to.equal(true);
      for (const spec of ['@/models/user', '~/lib/enums', '#lib/enums', 'not-installed', '@acme/other']) expect(isPackageImport(spec, nm), spec).to.equal(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

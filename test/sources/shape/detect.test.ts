// init's detection of the shape-only sources (issue 14): Knex's table types by their declaration,
// Objection by its dependency and the files that import it and name a tableName.
import { mkdtempSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import { knexTypesSource } from '../../../src/sources/knex-types/index.ts';
import { objectionSource } from '../../../src/sources/objection/index.ts';

function project(files: Record<string, string>): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'pcc-detect-')));
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), c);
  }
  return dir;
}

describe('detection of the shape-only sources (init)', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("knexTypes: the files that declare module 'knex/types/tables', only in a knex project", async () => {
    const dir = project({
      'src/db/tables.d.ts': "declare module 'knex/types/tables' {\n  interface Tables { users: { id: number } }\n}\n",
      'src/db/rows.ts': 'export interface User { id: number }\n',
      'node_modules/x/index.d.ts': "declare module 'knex/types/tables' {}\n",
    });
    dirs.push(dir);
    expect(await knexTypesSource.detect(dir, { dependencies: { knex: '^3' } })).to.deep.equal(['src/db/tables.d.ts']);
    expect(await knexTypesSource.detect(dir, { dependencies: {} })).to.equal(undefined);
  });

  it('objection: model files (import objection, a tableName), only with objection in dependencies', async () => {
    const dir = project({
      'src/models/pet.ts': "import { Model } from 'objection';\nexport class Pet extends Model { static tableName = 'pets'; }\n",
      'src/db.ts': "import { Model } from 'objection';\nModel.knex(knex);\n",
      'src/other.ts': 'export const tableName = 1;\n',
    });
    dirs.push(dir);
    expect(await objectionSource.detect(dir, { dependencies: { objection: '^3' } })).to.deep.equal(['src/models/pet.ts']);
    expect(await objectionSource.detect(dir, { devDependencies: { knex: '^3' } })).to.equal(undefined);
  });
});

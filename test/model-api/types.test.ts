// The model API's types: a typo in a modifier or a wrong argument must be a compile error for users.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { REPO } from '../helpers/project.ts';

/** Type-check one model file with the repository's TypeScript (tsc); returns its error lines. */
async function diagnostics(source: string): Promise<string[]> {
  const dir = mkdtempSync(join(REPO, 'node_modules/.cache/pcc-types-'));
  try {
    writeFileSync(join(dir, 'model.ts'), source.replace("'pre-commit-check'", `'${join(REPO, 'src/index.ts')}'`));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', allowImportingTsExtensions: true, skipLibCheck: true, types: ['node'], typeRoots: [join(REPO, 'node_modules/@types')] },
        files: ['model.ts'],
      }),
    );
    const r = await execa(join(REPO, 'node_modules/.bin/tsc'), ['-p', dir], { reject: false });
    return String(r.stdout).split('\n').filter((l) => l.includes('model.ts('));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('model-api types', function () {
  this.timeout(60_000);

  before(() => mkdirSync(join(REPO, 'node_modules/.cache'), { recursive: true }));

  it('accepts the contract example and rejects typos and wrong arguments', async () => {
    const ok = `import { defineModel, t, sql } from 'pre-commit-check';
export const Customer = defineModel({
  schema: 'core', table: 'customers',
  columns: {
    id: t.uuid().primary().defaultTo(sql\`gen_random_uuid()\`),
    station_id: t.uuid().notNullable().references('identity.stations.id').onDelete('CASCADE'),
    tags: t.specificType('text[]'),
    status: t.enum('customer_status', ['active', 'archived']).notNullable().defaultTo('active'),
    deleted_at: t.timestamp({ useTz: true }),
  },
  indexes: [{ columns: ['station_id'], unique: true, where: 'deleted_at is null' }],
  uniques: [{ columns: ['station_id', 'status'] }],
  checks: [{ name: 'c', expression: "status <> ''" }],
});
`;
    expect(await diagnostics(ok)).to.deep.equal([]);
    const bad = ok
      .replace("notNullable().defaultTo('active')", "notNulable().defaultTo('active')")
      .replace("onDelete('CASCADE')", "onDelete('EXPLODE')")
      .replace('t.timestamp({ useTz: true })', 't.timestamp({ useTZ: true })');
    const errors = (await diagnostics(bad)).join('\n');
    expect(errors).to.match(/notNulable/);
    expect(errors).to.match(/EXPLODE/);
    expect(errors).to.match(/useTZ/);
  });
});

// Contract section 5: "Every hint, followed literally, makes its finding go away and creates no other."
// For each finding of the fixtures below whose hint says what to write in a migration, the test writes
// exactly that code as a new migration of the fixture's project and runs the check again (real
// PostgreSQL): that finding is gone, and every finding left was there before.
import { join } from 'node:path';
import { expect } from 'chai';
import { REPO, makeProject, type TempProject } from '../helpers/project.ts';
import { sharedServer } from '../helpers/pg.ts';
import { hintMigration, hintStatements } from '../helpers/hint-code.ts';
import { runCheck } from '../../src/check/check-project.ts';
import type { Finding } from '../../src/diff/findings.ts';

const FIXTURES = join(REPO, 'test/fixtures');

/** The fixtures of the findings whose hint builders are shared with generate (src/migration-code/). */
const CASES = [
  'schema-facets-drift',
  'schema-facets-missing',
  'generated-recreated',
  'type-mismatch',
  'default-mismatch',
  'foreign-key-mismatch',
  'missing-foreign-key',
  'missing-index',
  'missing-unique',
];

const key = (f: Finding): string => `${f.code} ${f.schema}.${f.table}(${f.columns.join(',')})`;
const show = (fs: readonly Finding[]): string => fs.map((f) => `${key(f)}: ${f.message}`).join('\n');

async function check(p: TempProject): Promise<Finding[]> {
  const { report } = await runCheck({ cwd: p.dir, server: await sharedServer(), resultCache: false });
  return report.findings;
}

describe('hints applied literally (real PostgreSQL)', function () {
  this.timeout(180_000);
  for (const name of CASES) {
    describe(name, () => {
      let found: Finding[] = [];
      const fixture = join(FIXTURES, name);
      before(async () => {
        const p = makeProject({}, { from: fixture });
        try {
          found = await check(p);
        } finally {
          p.remove();
        }
      });
      it('each migration hint, as a new migration, removes its finding and adds none', async () => {
        const problems: string[] = [];
        let applied = 0;
        for (const f of found) {
          const statements = hintStatements(f.hint);
          if (!statements) continue;
          applied++;
          const p = makeProject({ 'migrations/900_apply_hint.ts': hintMigration(f, statements) }, { from: fixture });
          try {
            const after = await check(p);
            const left = after.filter((a) => key(a) === key(f));
            const added = after.filter((a) => !found.some((b) => key(b) === key(a)));
            if (left.length || added.length) problems.push(`${key(f)}\n  hint: ${f.hint}\n  after:\n${show(after).replace(/^/gm, '    ')}`);
          } finally {
            p.remove();
          }
        }
        expect(applied, show(found)).to.be.greaterThan(0);
        expect(problems, problems.join('\n\n')).to.deep.equal([]);
      });
    });
  }
});

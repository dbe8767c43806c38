// Contract section 5: "Every hint, followed literally, makes its finding go away and creates no other."
// For EVERY finding of every fixture (the real-* ones that still fail their expected.json aside): its
// migration hint is written as a new migration, its model hint is applied to the model file, and the
// check runs again on one embedded server (real PostgreSQL): that finding is gone, and every finding
// left was there before. A hint that names no code (down() to fix, a file to export from) must be of
// a kind that cannot name code, and a model half ("or, if the database is right, ...") must be code.
import { join, relative } from 'node:path';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'chai';
import { REPO, makeProject, type TempProject } from '../helpers/project.ts';
import { sharedServer } from '../helpers/pg.ts';
import { addSqlMigration, hintMigration, hintStatements, sqlHintText } from '../helpers/hint-code.ts';
import { modelEdit, modelHintText, type ModelEdit } from '../helpers/hint-model.ts';
import { runCheck } from '../../src/check/check-project.ts';
import type { Finding } from '../../src/diff/findings.ts';

const FIXTURES = join(REPO, 'test/fixtures');

// PCC_HINTS_ONLY=<regexp>: only the fixtures whose name matches (a helper checking its own fixtures),
// e.g. PCC_HINTS_ONLY='^typeorm-|^drizzle-'.
const ONLY = process.env.PCC_HINTS_ONLY ? new RegExp(process.env.PCC_HINTS_ONLY) : undefined;
const CASES = readdirSync(FIXTURES)
  .filter((n) => existsSync(join(FIXTURES, n, 'expected.json')) && (!ONLY || ONLY.test(n)))
  .sort();

/** The SQL migrations folder of a fixture whose config names one (migrations.sql): its hints' migration half is SQL. */
function sqlFolder(fixture: string): string | undefined {
  const config = readdirSync(fixture).find((f) => f.startsWith('pre-commit-check.config.'));
  return config ? /migrations:\s*\{\s*sql:\s*'([^']+)'/.exec(readFileSync(join(fixture, config), 'utf8'))?.[1] : undefined;
}

/** Findings whose hint cannot be code: the fix is in down(), a file's exports, the config or a rewrite of the model. */
const NO_CODE = new Set([
  'irreversible-migration',
  'migration-failed',
  'missing-down',
  'duplicate-model',
  'invalid-model',
  'unresolved-reference',
  'unmodeled-table',
  // the fix is a command to run (the hint names it), not code to write
  'stale-generated',
  'generated-failed',
  // A convention's fix renames in a migration AND in the model at once: each half alone leaves the
  // other side differing. Its hints are checked by test/conventions (applied together there: a follow-up).
  'convention-violation',
]);

const key = (f: Finding): string => `${f.code} ${f.schema}.${f.table}(${f.columns.join(',')}) ${f.object ?? ''}`;
const show = (fs: readonly Finding[]): string => fs.map((f) => `${key(f)}: ${f.message}`).join('\n');

async function check(p: TempProject, full: boolean): Promise<Finding[]> {
  const { report } = await runCheck({ cwd: p.dir, server: await sharedServer(), resultCache: false, full });
  return report.findings;
}

/** Applies `edit` to the model file the finding names. */
function applyModelEdit(p: TempProject, f: Finding, edit: ModelEdit): void {
  const file = join(p.dir, f.file ?? '');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
}

/** What is wrong after following one half of a hint, or null when the hint worked. */
function verdict(f: Finding, before: readonly Finding[], after: readonly Finding[], how: string): string | null {
  const left = after.filter((a) => key(a) === key(f));
  // A missing object hides the comparison of the columns that use it: once it exists, their own
  // differences show (they were there before, uncompared), and are not the hint's doing.
  const revealed = (a: Finding) => f.code === 'missing-object' && a.table === f.table && a.columns.some((c) => f.columns.includes(c));
  const added = after.filter((a) => !before.some((b) => key(b) === key(a)) && !revealed(a));
  if (!left.length && !added.length) return null;
  return `${key(f)} (${how})\n  hint: ${f.hint}\n  after:\n${show(after).replace(/^/gm, '    ')}`;
}

describe('every hint of every fixture, applied literally (real PostgreSQL)', function () {
  this.timeout(300_000);
  for (const name of CASES) {
    const fixture = join(FIXTURES, name);
    const full = (JSON.parse(readFileSync(join(fixture, 'expected.json'), 'utf8')) as { full?: boolean }).full === true;
    it(name, async () => {
      const base = makeProject({}, { from: fixture });
      let found: Finding[];
      try {
        found = await check(base, full);
      } finally {
        base.remove();
      }
      const problems: string[] = [];
      // One cause, one finding (defect 8): after a failed migration, what later migrations would have
      // created is not there, and no hint about it can work until that migration is fixed.
      const failed = !full && found.some((f) => f.code === 'migration-failed');
      for (const f of found) {
        if (failed && f.code !== 'migration-failed') continue;
        const statements = hintStatements(f.hint);
        const sql = sqlFolder(fixture) ? sqlHintText(f.hint) : null;
        const edit = f.file && !f.file.startsWith('migrations') ? modelEdit(f) : null;
        if (!edit && modelHintText(f.hint) !== null) problems.push(`${key(f)}: the model half of the hint is not code to write\n  hint: ${f.hint}`);
        if (!statements && !edit && !sql) {
          // a function's body is the user's to write: the hint can only name it
          const functionBody = f.code === 'missing-object' && /\(\)$/.test(f.object ?? '');
          if (!NO_CODE.has(f.code) && !functionBody) problems.push(`${key(f)}: the hint names no code to write\n  hint: ${f.hint}`);
          continue;
        }
        if (process.env.PCC_HINTS_DEBUG) console.log(`${key(f)}: ${statements ? 'migration' : ''} ${edit ? 'model' : ''}\n  ${f.hint}`);
        if (sql) {
          const p = makeProject({}, { from: fixture });
          try {
            addSqlMigration(p.dir, sqlFolder(fixture)!, sql);
            const problem = verdict(f, found, await check(p, full), 'SQL migration');
            if (problem) problems.push(`${problem}\n  SQL: ${sql}`);
          } finally {
            p.remove();
          }
        }
        if (statements) {
          const p = makeProject({ 'migrations/900_apply_hint.ts': hintMigration(f, statements) }, { from: fixture });
          try {
            const problem = verdict(f, found, await check(p, full), 'migration');
            if (problem) problems.push(`${problem}\n  migration:\n${hintMigration(f, statements).replace(/^/gm, '    ')}`);
          } finally {
            p.remove();
          }
        }
        if (edit) {
          const p = makeProject({}, { from: fixture });
          try {
            applyModelEdit(p, f, edit);
            const problem = verdict(f, found, await check(p, full), 'model');
            if (problem) problems.push(`${problem}\n  model ${relative(p.dir, join(p.dir, f.file!))}:\n${readFileSync(join(p.dir, f.file!), 'utf8').replace(/^/gm, '    ')}`);
          } catch (error) {
            problems.push(`${key(f)} (model): ${(error as Error).message}\n  hint: ${f.hint}`);
          } finally {
            p.remove();
          }
        }
      }
      expect(problems, problems.join('\n\n')).to.deep.equal([]);
    });
  }
});

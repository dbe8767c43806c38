// The migration half of a hint in a SQL-folder project is our own Knex hint code, compiled to SQL by
// evaluating it against Knex's offline compiler (src/migrations/sql/hints.ts). That is safe only while
// every name and value in that code is an escaped literal: this feeds it the hostile corpus (names,
// defaults and comments that end literals, templates and comments) end to end, on a real PostgreSQL.
// No payload may run, and the SQL the hints give, added as the next migration, builds exactly what
// the models declare (the check is then clean of those findings).
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { makeProject, runCli, type TempProject } from '../../helpers/project.ts';
import { EXPLOIT_DEFAULT, KNEX_STRINGS } from '../../helpers/hostile.ts';
import { addSqlMigration, sqlHintText } from '../../helpers/hint-code.ts';
import { truncateIdentifier } from '../../../src/ddl/names.ts';

/** Column names, distinct once PostgreSQL truncates them to 63 bytes; each is also its column's default and comment. */
const NAMES = [...new Set(KNEX_STRINGS)].filter((s, i, all) => all.findIndex((x) => truncateIdentifier(x) === truncateIdentifier(s)) === i);
/** A payload that writes a file if any hint code is evaluated unescaped. */
const CANARY = `'); process.getBuiltinModule('fs').writeFileSync('pwned-hint.txt', 'x'); ('`;
const TABLE = "../../x `${y}` \\ it's";

const FILES = {
  'pre-commit-check.config.ts': `import { defineConfig } from 'pre-commit-check';\nexport default defineConfig({ models: ['models/**/*.ts'], migrations: { sql: 'sql', format: 'plain' } });\n`,
  'sql/1_base.sql': 'CREATE TABLE base (id serial PRIMARY KEY);\n',
  'sql/1_base.down.sql': 'DROP TABLE base;\n',
  // Names and values given as JSON: no escaping of ours involved in writing the test's own input.
  'models/hostile.ts': `import { defineModel, t } from 'pre-commit-check';
const NAMES = ${JSON.stringify([...NAMES, CANARY])};
const text = (n) => t.text().defaultTo(n).comment(n);
export const Base = defineModel({
  table: 'base',
  columns: { id: t.increments(), ...Object.fromEntries(NAMES.map((n) => [n, text(n)])), exploit: t.text().defaultTo(${JSON.stringify(EXPLOIT_DEFAULT)}) },
});
export const Hostile = defineModel({
  table: ${JSON.stringify(TABLE)},
  comment: ${JSON.stringify(CANARY)},
  columns: { id: t.increments(), [${JSON.stringify(CANARY)}]: text(${JSON.stringify(CANARY)}) },
});
`,
};

interface Finding {
  code: string;
  table: string | null;
  columns: string[];
  hint: string;
  severity: string;
}

describe('SQL-folder hints with hostile names (real PostgreSQL)', function () {
  this.timeout(300_000);
  let p: TempProject;
  afterEach(() => p?.remove());

  it('compile to SQL that runs no payload and builds exactly the declared columns, table, defaults and comments', async () => {
    p = makeProject(FILES);
    const first = await runCli(['check', '--json'], { cwd: p.dir, timeout: 180_000 });
    expect(first.exitCode, first.stderr).to.equal(1);
    const findings = (JSON.parse(first.stdout) as { findings: Finding[] }).findings;
    const missing = findings.filter((f) => f.code === 'missing-column' || f.code === 'missing-table');
    expect(missing.filter((f) => f.code === 'missing-column')).to.have.length(NAMES.length + 2); // every name, the canary, exploit
    expect(missing.filter((f) => f.code === 'missing-table').map((f) => f.table)).to.deep.equal([TABLE]);
    const sql = missing.map((f) => sqlHintText(f.hint));
    const notSql = missing.filter((f) => sqlHintText(f.hint) === null).map((f) => [f.code, f.columns, f.hint]);
    expect(notSql, `every hint says its change in SQL: ${JSON.stringify(notSql, null, 1)}`).to.be.empty;
    for (const where of [p.dir, process.cwd()]) expect(existsSync(path.join(where, 'pwned-hint.txt')), `no payload ran (${where})`).to.equal(false);

    addSqlMigration(p.dir, 'sql', sql.join(';\n'));
    p.write('sql/9000_apply_hint.down.sql', 'SELECT 1;\n'); // a plain folder's migrations each have a down
    const second = await runCli(['check', '--json'], { cwd: p.dir, timeout: 180_000 });
    const left = (JSON.parse(second.stdout) as { findings: Finding[] }).findings;
    expect(left.filter((f) => f.severity === 'error'), JSON.stringify(left, null, 2)).to.be.empty;
    expect(left.filter((f) => f.code === 'comment-mismatch' || f.code === 'default-mismatch'), 'defaults and comments as declared').to.be.empty;
    expect(existsSync(path.join(p.dir, 'pwned-hint.txt'))).to.equal(false);
  });
});

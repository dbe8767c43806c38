// Turns the migration half of a finding's hint into a migration file, literally: the code after
// "in a migration[ (remark)]: ", up to "; or, if the database is right, ..." (or a remark in
// parentheses), split into its statements; `table.` lines run inside an alterTable callback on the
// finding's table (consecutive ones share one, as generate writes them), `knex.` statements are awaited.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../src/diff/findings.ts';
import { codeStatements, IN_MIGRATION } from '../../src/migration-code/hint-code.ts';

export { codeStatements };

/** The statements a hint tells users to write in a migration, or null when it names none. */
export function hintStatements(hint: string): string[] | null {
  const m = IN_MIGRATION.exec(hint);
  if (!m) return null;
  const statements = codeStatements(hint.slice(m.index + m[0].length));
  return statements.length ? statements : null;
}

/** A TypeScript migration whose up() is the hint's code, applied to the finding's table. */
export function hintMigration(f: Pick<Finding, 'schema' | 'table'>, statements: readonly string[]): string {
  const builder = f.schema === 'public' ? 'knex.schema' : `knex.schema.withSchema(${JSON.stringify(f.schema)})`;
  const body: string[] = [];
  let lines: string[] = [];
  const flush = () => {
    if (lines.length) body.push(`  await ${builder}.alterTable(${JSON.stringify(f.table)}, (table) => {\n${lines.map((l) => `    ${l};`).join('\n')}\n  });`);
    lines = [];
  };
  for (const s of statements) {
    if (s.startsWith('table.')) lines.push(s);
    else {
      flush();
      body.push(`  await ${s};`);
    }
  }
  flush();
  return `import type { Knex } from 'knex';\nexport async function up(knex: Knex): Promise<void> {\n${body.join('\n')}\n}\nexport async function down(): Promise<void> {}\n`;
}

/** Where a hint's migration half in SQL starts (SQL migration folders, src/migrations/sql/hints.ts). */
const IN_SQL = /in a new SQL migration(?: \((?:[^()]|\([^()]*\))*\))?: /;

/** The SQL a hint tells a SQL-folder project to write in a new migration, or null when it names none. */
export function sqlHintText(hint: string): string | null {
  const m = IN_SQL.exec(hint);
  if (!m) return null;
  const rest = hint.slice(m.index + m[0].length);
  const end = rest.search(/; or, /);
  return (end < 0 ? rest : rest.slice(0, end)).trim() || null;
}

/**
 * Use to add `sql` as the next migration of the SQL folder `dir` (relative to `root`), in the folder's
 * own format, as a user following the hint would: a journal entry for drizzle-kit, a timestamped
 * folder for Prisma, an up section for dbmate, a numbered file otherwise.
 */
export function addSqlMigration(root: string, dir: string, sql: string): void {
  const folder = join(root, dir);
  const journal = join(folder, 'meta/_journal.json');
  if (existsSync(journal)) {
    const j = JSON.parse(readFileSync(journal, 'utf8')) as { entries: Array<{ idx: number; version: string; when: number; tag: string; breakpoints: boolean }> };
    const last = j.entries[j.entries.length - 1]!;
    j.entries.push({ idx: last.idx + 1, version: last.version, when: last.when + 1, tag: '9000_apply_hint', breakpoints: true });
    writeFileSync(journal, JSON.stringify(j, null, 2));
    writeFileSync(join(folder, '9000_apply_hint.sql'), `${sql};\n`);
  } else if (existsSync(join(folder, 'migration_lock.toml'))) {
    mkdirSync(join(folder, '29991231000000_apply_hint'));
    writeFileSync(join(folder, '29991231000000_apply_hint/migration.sql'), `${sql};\n`);
  } else if (readdirSync(folder).some((f) => f.endsWith('.sql') && readFileSync(join(folder, f), 'utf8').includes('-- migrate:up'))) {
    writeFileSync(join(folder, '99990101000000_apply_hint.sql'), `-- migrate:up\n${sql};\n\n-- migrate:down\n`);
  } else writeFileSync(join(folder, '9000_apply_hint.sql'), `${sql};\n`);
}

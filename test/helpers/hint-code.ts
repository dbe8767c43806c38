// Turns the migration half of a finding's hint into a migration file, literally: the code after
// "in a migration[ (remark)]: ", up to "; or, if the database is right, ..." (or a remark in
// parentheses), split into its statements; `table.` lines run inside an alterTable callback on the
// finding's table (consecutive ones share one, as generate writes them), `knex.` statements are awaited.
import type { Finding } from '../../src/diff/findings.ts';

const IN_MIGRATION = /in a migration(?: \((?:[^()]|\([^()]*\))*\))?: /;

/** The top-level statements of the code that starts `text`, up to the first prose after it. */
export function codeStatements(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  let i = 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (depth === 0 && ch === ';') {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    } else if (depth === 0 && ch === ' ' && text[i + 1] === '(') break; // a remark in parentheses
  }
  out.push(text.slice(start, i).trim());
  // the code ends where prose starts ("or, if the database is right, ...")
  const end = out.findIndex((s) => !/^(table|knex)\./.test(s));
  return end < 0 ? out : out.slice(0, end);
}

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

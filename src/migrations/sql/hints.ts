// A project whose migrations are a SQL folder (config migrations.sql) cannot run the Knex code of a
// hint's migration half: the same change is restated in SQL, compiled by Knex's own PostgreSQL schema
// compiler with no connection. The code is ours (hints write every name and value as an escaped
// literal, src/util/escape.ts), so compiling it runs only Knex's builders.
import type { Finding } from '../../diff/findings.ts';
import { offlineKnex } from '../../migration-code/column-definitions.ts';
import { hintCodeSpan } from '../../migration-code/hint-code.ts';
import { sqlMigrationMessages as m } from '../../messages/sql-migrations.ts';
import type { MigrationSettings } from '../knexfile.ts';

/** Use before the report of a SQL-folder project: each finding's migration half in SQL (unchanged when it names no code or does not compile). */
export function inSqlMigrationTerms(findings: readonly Finding[], settings: MigrationSettings): Finding[] {
  if (!settings.sql) return [...findings];
  return findings.map((f) => {
    const span = f.hint ? hintCodeSpan(f.hint) : null;
    const sql = span && f.table !== null ? compile(f.schema ?? 'public', f.table, span.statements) : undefined;
    if (!span || !sql) return f;
    const lead = f.hint.slice(span.lead[0], span.lead[1]).replace(/^in a migration(?: \(.*\))?: $/s, m.inNewSqlMigration(settings.sql!.format));
    return { ...f, hint: f.hint.slice(0, span.lead[0]) + lead + sql + f.hint.slice(span.code[1]) };
  });
}

/** The SQL of hint statements on one table: `table.` lines inside one alterTable (consecutive ones together), `knex.` statements as they are. */
function compile(schema: string, table: string, statements: readonly string[]): string | undefined {
  const knex = offlineKnex();
  const out: string[] = [];
  let lines: string[] = [];
  const flush = () => {
    if (!lines.length) return;
    // `knex` too: a column's raw default is knex.raw(...) inside the table's statements.
    const body = new Function('table', 'knex', `${lines.join(';\n')};`) as (t: unknown, k: unknown) => void;
    const builder = schema === 'public' ? knex.schema : knex.schema.withSchema(schema);
    out.push(builder.alterTable(table, (t) => body(t, knex)).toString());
    lines = [];
  };
  try {
    for (const s of statements) {
      if (s.startsWith('table.')) lines.push(s);
      else {
        flush();
        out.push(String((new Function('knex', `return ${s};`) as (k: unknown) => { toString(): string })(knex).toString()));
      }
    }
    flush();
  } catch {
    return undefined; // a statement Knex cannot compile offline: the Knex hint stays
  }
  // One line, statements separated by '; ' as the hint's own code is (prose after it starts with '; ').
  return out.map((sql) => sql.replace(/;?\s*$/, '').replace(/;\n/g, '; ')).join('; ');
}

// The migration half of a finding's hint, read back: the Knex code after "in a migration[ (remark)]: ",
// up to the prose that follows it ("; or, if the database is right, ..."), split into statements.
// SQL migration folders restate it in SQL (src/migrations/sql/hints.ts); the hint tests apply it.

/** Where a hint's migration code starts: "in a migration: ", with an optional remark in parentheses. */
export const IN_MIGRATION = /in a migration(?: \((?:[^()]|\([^()]*\))*\))?: /;

/** Use to split the code that starts `text` into its top-level statements, up to the first prose after it. */
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

/** Use to find a hint's migration code: its statements and where they sit in the hint, or null when it names none. */
export function hintCodeSpan(hint: string): { lead: [number, number]; code: [number, number]; statements: string[] } | null {
  const m = IN_MIGRATION.exec(hint);
  if (!m) return null;
  const start = m.index + m[0].length;
  const statements = codeStatements(hint.slice(start));
  const code = statements.join('; ');
  if (!statements.length || !hint.startsWith(code, start)) return null;
  return { lead: [m.index, start], code: [start, start + code.length], statements };
}

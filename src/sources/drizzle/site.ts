// Where a drizzle table is declared in its file: the line of pgTable('users' (or schema.table('users',
// or a pgTableCreator's call), else of its export, so findings carry the table's line.
import { readFileSync } from 'node:fs';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Use when building a table's model: the 1-based line of its declaration in `absFile` (1 when not
 * found), and whether the file declares it (rather than re-exporting it, as a barrel does).
 */
export function tableLine(absFile: string, table: string, exportName: string): { line: number; declares: boolean } {
  let text: string;
  try {
    text = readFileSync(absFile, 'utf8');
  } catch {
    return { line: 1, declares: false };
  }
  const name = escape(table);
  // The name may sit on the next line: pgTable(\n  'users',
  const patterns: Array<[RegExp, boolean]> = [
    [new RegExp(`(?:\\bpgTable|\\.table)\\s*\\(\\s*(['"\`])${name}\\1`), true],
    [new RegExp(`[\\w$]\\s*\\(\\s*(['"\`])${name}\\1`), true],
    [new RegExp(`\\b(?:const|let|var)\\s+${escape(exportName)}\\b`), false],
  ];
  for (const [re, declares] of patterns) {
    const hit = re.exec(text);
    if (hit) return { line: text.slice(0, hit.index).split('\n').length, declares };
  }
  return { line: 1, declares: false };
}

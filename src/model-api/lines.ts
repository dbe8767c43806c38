// `line` of a finding (contract section 5): where its model, or the column it names, is declared, for
// editors and CI annotations. The model's line comes from its definition site (site.ts); a column's
// is found by reading the model's file from that line down to the next defineModel call. Read only
// when there are findings to place; a file that cannot be read just leaves `line` out.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Finding } from '../diff/findings.ts';
import { definitionSite } from './site.ts';
import type { LoadedModel } from './types.ts';

/** Use before building the report: the findings with `line` set where the model (or column) is found. */
export function withLines(findings: readonly Finding[], models: readonly LoadedModel[], root: string): Finding[] {
  const texts = new Map<string, string[] | null>();
  const lines = (file: string): string[] | null => {
    if (!texts.has(file)) {
      try {
        texts.set(file, readFileSync(file, 'utf8').split('\n'));
      } catch {
        texts.set(file, null);
      }
    }
    return texts.get(file)!;
  };
  return findings.map((f) => {
    if (f.model === null || f.file === null || f.line !== undefined) return f;
    const lm = models.find((x) => x.name === f.model && x.file === f.file);
    const site = lm && definitionSite(lm.model);
    if (!site || resolve(root, f.file) !== site.file) return f;
    const column = f.columns.length > 0 ? columnLine(lines(site.file), site.line, f.columns[0]!) : undefined;
    return { ...f, line: column ?? site.line };
  });
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const camel = (s: string): string => s.replace(/_+([a-z\d])/g, (_, c: string) => c.toUpperCase());
/** Where the next model starts: another defineModel, or a Drizzle table (src/sources/drizzle/). */
const NEXT_MODEL = /\bdefineModel\s*\(|\bpgTable\s*\(|\.table\s*\(/;

/**
 * The 1-based line of `column:` within the model that starts at `from`, if it is written there; a
 * Drizzle column may be keyed otherwise: `emailAddress: varchar('email_address'`, or `emailAddress:`
 * alone when drizzle's casing names it.
 */
function columnLine(text: string[] | null, from: number, column: string): number | undefined {
  if (!text) return undefined;
  const key = escape(column);
  const declaration = new RegExp(
    `^\\s*(?:(?:${key}|(['"\`])${key}\\1|${escape(camel(column))})\\s*:|[\\w$]+\\s*:\\s*[\\w$.]+\\(\\s*(['"\`])${key}\\2\\s*[,)])`,
  );
  for (let i = from - 1; i < text.length; i++) {
    if (i > from - 1 && NEXT_MODEL.test(text[i]!)) return undefined;
    if (declaration.test(text[i]!)) return i + 1;
  }
  return undefined;
}

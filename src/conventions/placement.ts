// Where a violation comes from, found cheaply by reading the migrations as text: the first migration
// (in the order they run) whose text mentions the object's identifiers as words. A heuristic, and
// said so in the README: a migration that builds names at run time, or a word that occurs for another
// reason ('name' in a comment), can mislead it. The same test decides, under conventions.since, whether
// a migration not yet on the base branch created or changed the object.

/** A migration file's text, its path relative to the project root. */
export interface MigrationText {
  file: string;
  text: string;
}

/** A migration's words, computed once: identifiers as they appear in its text. */
export interface IndexedMigration {
  file: string;
  text: string;
  words: ReadonlySet<string>;
}

const WORD = /[A-Za-z_][A-Za-z0-9_$]*/g;
const SIMPLE = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** Names Knex's schema builder creates without the migration spelling them. */
function impliedWords(text: string): string[] {
  const out: string[] = [];
  if (/\.timestamps\s*\(/.test(text)) out.push('created_at', 'updated_at');
  if (/\.(?:big)?[iI]ncrements\s*\(\s*\)/.test(text)) out.push('id');
  return out;
}

/** Use once per run: each migration with its set of words (and the names table.timestamps() and table.increments() imply). */
export function indexMigrations(migrations: readonly MigrationText[]): IndexedMigration[] {
  return migrations.map((m) => ({ ...m, words: new Set([...(m.text.match(WORD) ?? []), ...impliedWords(m.text)]) }));
}

/** Whether a migration mentions an identifier: as a word, or (a name with other characters) anywhere in its text. */
const mentions = (m: IndexedMigration, name: string): boolean => (SIMPLE.test(name) ? m.words.has(name) : m.text.includes(name));

/** Use to place an object: the first migration that mentions every identifier of one of the alternatives, or null. */
export function firstMention(alternatives: readonly string[][], migrations: readonly IndexedMigration[]): string | null {
  for (const m of migrations) {
    if (alternatives.some((names) => names.every((n) => mentions(m, n)))) return m.file;
  }
  return null;
}

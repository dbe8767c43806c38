// What one SQL migration file says, per format: the scripts of its up (and down), each with the line
// it starts on, and whether its tool runs it in a transaction. Pure: text in, parts out.
import { BREAKPOINT, DBMATE_MARKER, type SqlFormat } from './formats.ts';
import { lineAt, splitStatements } from './split.ts';

/** A piece of SQL sent to the server in one query, and the 1-based line of the file it starts on. */
export interface SqlScript {
  text: string;
  line: number;
}

/** One direction of a migration: its scripts and whether they run inside a transaction. */
export interface SqlPart {
  scripts: SqlScript[];
  transaction: boolean;
}

/** A parsed migration file: its up, and its down (null when it has none). */
export interface ParsedSqlMigration {
  up: SqlPart;
  down: SqlPart | null;
}

/** Thrown for a file its format cannot read (a dbmate file without `-- migrate:up`): the migration fails, naming it. */
export class SqlParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqlParseError';
  }
}

const linesIn = (text: string) => text.split('\n').length - 1;

/**
 * Use to read a migration file of `format` (`downText`: a plain folder's NNN.down.sql, when there is one).
 * drizzle-kit: one script per `--> statement-breakpoint`, in a transaction (its migrator runs them in one);
 * Prisma: the file as one script, outside a transaction (as `prisma migrate` sends it: several statements
 * in one query are still one implicit transaction); plain files: one statement at a time, each committed
 * on its own, as `psql -f` runs them (CREATE INDEX CONCURRENTLY, an enum value added then used, a file's
 * own BEGIN/COMMIT all work); dbmate: its sections, in a transaction unless `transaction:false`.
 */
export function parseSqlMigration(format: SqlFormat, text: string, downText?: string): ParsedSqlMigration {
  switch (format) {
    case 'drizzle-kit':
      return { up: { scripts: breakpoints(text), transaction: true }, down: null };
    case 'prisma':
      return { up: { scripts: [{ text, line: 1 }], transaction: false }, down: null };
    case 'plain':
      return { up: { scripts: statements(text), transaction: false }, down: downText === undefined ? null : { scripts: statements(downText), transaction: false } };
    case 'dbmate':
      return dbmateSections(text);
  }
}

/** Each statement of a text as a script of its own, with the line it starts on. */
function statements(text: string): SqlScript[] {
  return splitStatements(text).map((s) => ({ text: text.slice(s.start, s.end), line: lineAt(text, s.start) }));
}

/** drizzle-kit's scripts: the text between breakpoints (its migrator splits on the marker alone). */
function breakpoints(text: string): SqlScript[] {
  const out: SqlScript[] = [];
  let line = 1;
  for (const part of text.split(BREAKPOINT)) {
    if (part.trim() !== '') out.push({ text: part, line });
    line += linesIn(part);
  }
  return out;
}

/** dbmate's `-- migrate:up` and `-- migrate:down` sections; a down with no statement is no down. */
function dbmateSections(text: string): ParsedSqlMigration {
  const markers = [...text.matchAll(new RegExp(DBMATE_MARKER.source, 'gm'))].map((m) => ({
    direction: m[1] as 'up' | 'down',
    noTransaction: /\btransaction\s*:\s*false\b/.test(m[2] ?? ''),
    at: m.index!,
    body: m.index! + m[0].length,
  }));
  const section = (direction: 'up' | 'down'): SqlPart | null => {
    const i = markers.findIndex((m) => m.direction === direction);
    if (i < 0) return null;
    const m = markers[i]!;
    const end = markers[i + 1]?.at ?? text.length;
    const body = text.slice(m.body, end);
    return { scripts: [{ text: body, line: linesIn(text.slice(0, m.body)) + 1 }], transaction: !m.noTransaction };
  };
  const up = section('up');
  if (!up) throw new SqlParseError('it has no `-- migrate:up` line, which dbmate needs before the statements of the migration');
  const down = section('down');
  return { up, down: down && splitStatements(down.scripts[0]!.text).length > 0 ? down : null };
}

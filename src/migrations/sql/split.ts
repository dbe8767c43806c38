// Where the statements of a SQL script are, as PostgreSQL's own lexer sees them: semicolons outside
// string literals ('...', E'...', "..."), dollar-quoted bodies ($$...$$, $tag$...$tag$), comments
// (--, nested /* */) and BEGIN ATOMIC ... END bodies of SQL-standard functions. Used only to name
// the statement a failure comes from: a script is always sent to the server as it is written.

/** One statement of a script: [start, end) offsets in the text, comments and blanks before it skipped. */
export interface StatementSpan {
  start: number;
  end: number;
}

const IDENT = /[A-Za-z0-9_$]/;

/** Use to find the statements of a script (empty ones, only comments or blanks, are left out). */
export function splitStatements(text: string): StatementSpan[] {
  const spans: StatementSpan[] = [];
  let start = -1; // offset of the current statement's first token, -1 before it
  let atomic = 0; // depth of BEGIN ATOMIC bodies
  let cases = 0; // CASE ... END inside them
  let word = '';
  let previousWord = '';
  const endWord = () => {
    const w = word.toUpperCase();
    if (w === 'ATOMIC' && previousWord === 'BEGIN') atomic++;
    else if (w === 'CASE' && atomic > 0) cases++;
    else if (w === 'END' && cases > 0) cases--;
    else if (w === 'END' && atomic > 0) atomic--;
    if (word) previousWord = w;
    word = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const skipped = skipNonCode(text, i);
    if (skipped > i) {
      if (text[i] !== '-' && text[i] !== '/' && start < 0) start = i; // a literal starts a statement, a comment does not
      endWord();
      i = skipped - 1;
      continue;
    }
    if (IDENT.test(ch) && !(ch === '$' && word === '')) {
      if (start < 0) start = i;
      word += ch;
      continue;
    }
    endWord();
    if (ch === ';' && atomic === 0) {
      if (start >= 0) spans.push({ start, end: i + 1 });
      start = -1;
      previousWord = '';
    } else if (!/\s/.test(ch) && start < 0) start = i;
  }
  endWord();
  if (start >= 0) spans.push({ start, end: text.length });
  return spans;
}

/** The offset after a comment, string, quoted identifier or dollar-quoted body starting at i; i when none does. */
function skipNonCode(text: string, i: number): number {
  const ch = text[i]!;
  const next = text[i + 1];
  if (ch === '-' && next === '-') {
    const nl = text.indexOf('\n', i);
    return nl < 0 ? text.length : nl + 1;
  }
  if (ch === '/' && next === '*') return skipBlockComment(text, i);
  if (ch === "'") return skipQuoted(text, i, "'", /[eE]/.test(text[i - 1] ?? '') && !IDENT.test(text[i - 2] ?? ''));
  if (ch === '"') return skipQuoted(text, i, '"', false);
  if (ch === '$' && !IDENT.test(text[i - 1] ?? '')) {
    const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64));
    if (tag) {
      const close = text.indexOf(tag[0], i + tag[0].length);
      return close < 0 ? text.length : close + tag[0].length;
    }
  }
  return i;
}

/** After a nested /* comment *\/ starting at i. */
function skipBlockComment(text: string, i: number): number {
  let depth = 0;
  for (let j = i; j < text.length - 1; j++) {
    if (text[j] === '/' && text[j + 1] === '*') {
      depth++;
      j++;
    } else if (text[j] === '*' && text[j + 1] === '/') {
      depth--;
      j++;
      if (depth === 0) return j + 1;
    }
  }
  return text.length;
}

/** After a literal quoted with q starting at i (a doubled q is one; with backslashes, E'...', a \ escapes). */
function skipQuoted(text: string, i: number, q: string, backslashes: boolean): number {
  for (let j = i + 1; j < text.length; j++) {
    if (backslashes && text[j] === '\\') j++;
    else if (text[j] === q) {
      if (text[j + 1] === q) j++;
      else return j + 1;
    }
  }
  return text.length;
}

/** Use to get the 1-based line of an offset in a text. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

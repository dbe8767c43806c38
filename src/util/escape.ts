// Escaping for generated code: ONE function per target language, for every string that comes from a
// database or a user's file and lands in a file the tool writes (pull's models, generate's migrations,
// the registry, the hints users paste). Each is exact: what the target language reads back is the
// original string, whatever it holds (quotes, backslashes, backticks, `${`, line terminators, control
// characters, lone surrogates), and no input can end the literal or comment it is written into.
// SQL quoting lives beside the DDL: quoteIdent / quoteLiteral in src/ddl/names.ts.

/** Line terminators of ECMAScript (LF, CR, U+2028, U+2029): each ends a `//` comment. */
const LINE_TERMINATORS = /[\n\r\u2028\u2029]/;

/**
 * Characters written as escapes even where the language would accept them: C0 and C1 controls, DEL,
 * line terminators, bidirectional overrides (a reviewer must see what the code does: "Trojan Source"),
 * BOM, and lone surrogates (not representable in the UTF-8 file at all).
 */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Record<string, string> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r' };

/** \n, \t... where JavaScript has a name for it, else \xHH or \uHHHH: valid in strings and templates alike. */
function jsEscape(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Use for any string value in generated JavaScript/TypeScript: a single-quoted literal that means exactly `s`. */
export function jsString(s: string): string {
  return `'${s.replace(/[\\']/g, '\\$&').replace(INVISIBLE, jsEscape)}'`;
}

/**
 * Use for the text between the backticks of a template literal whose tag reads the COOKED strings
 * (our `sql` tag): `\`, `` ` `` and `${` are escaped, line terminators and controls too (a raw CR would
 * be read back as LF), and no escape is ever invalid (an invalid one makes the cooked string undefined).
 */
export function templateBody(s: string): string {
  return s.replace(/[\\`]|\$(?=\{)/g, '\\$&').replace(INVISIBLE, jsEscape);
}

/** Use for a sql`...` expression in a generated model: sql`now()`. */
export function sqlTemplate(s: string): string {
  return `sql\`${templateBody(s)}\``;
}

/**
 * Use for any text a generated Knex call sends to PostgreSQL (names, values, raw SQL), before jsString or
 * templateBody: Knex's pg client turns every '?' into a bind parameter ($1) unless it is written '\\?'.
 * A backslash right before a '?' cannot be sent at all (Knex drops it): see knexCanSend.
 */
export function knexText(s: string): string {
  if (!knexCanSend(s)) unsendable.add(s);
  return s.replace(/\?/g, '\\?');
}

/**
 * Use for raw SQL nested in a schema-builder call (defaultTo(knex.raw(...))): Knex unescapes it once
 * more while compiling the statement, so each '?' needs two backslashes there. `shown` is what a
 * message names when `s` cannot be sent (the value, rather than the SQL literal made of it).
 */
export function knexNestedText(s: string, shown = s): string {
  if (!knexCanSend(s)) unsendable.add(shown);
  return s.replace(/\?/g, '\\\\?');
}

/** Texts given to knexText / knexNestedText that Knex cannot send, since the last takeUnsendable(). */
const unsendable = new Set<string>();

/** Use around the writing of a migration: the texts it holds that Knex cannot send (and forget them). */
export function takeUnsendable(): string[] {
  const out = [...unsendable];
  unsendable.clear();
  return out;
}

/** Use for a string argument of a generated Knex call (names, values, SQL): jsString of knexText. */
export function knexString(s: string): string {
  return jsString(knexText(s));
}

/** False for text that no Knex call can send as it is: a backslash right before a '?'. */
export function knexCanSend(s: string): boolean {
  return !/\\\?/.test(s);
}

const IDENTIFIER_NAME = /^[A-Za-z_$][\w$]*$/;

/** Use for an object key in generated code: bare when it is an identifier name, else a string literal. */
export function jsPropertyKey(s: string): string {
  return IDENTIFIER_NAME.test(s) && s !== '__proto__' ? s : jsString(s);
}

/**
 * Use for text inside a generated comment, `//` or block: line terminators and controls become visible
 * escapes (\n, \u2028) and `*\/` cannot close a block comment. Informative only: not meant to be parsed back.
 */
export function commentText(s: string): string {
  return s.replace(INVISIBLE, jsEscape).replace(/\*\//g, '*\\/');
}

/** True when `s` would end a `//` comment or hide what follows it (for assertions and tests). */
export function breaksLineComment(s: string): boolean {
  return LINE_TERMINATORS.test(s);
}

// ------------------------------------------------------------------------------------------ Markdown

/**
 * Use for a cell of a GitHub-flavoured Markdown table, as plain text: every ASCII punctuation character
 * that could start markup (GitHub's `$` math and `:emoji:` included) is backslash-escaped (CommonMark allows it before any ASCII punctuation), `|`
 * included (GFM splits cells before inline parsing), and controls, line terminators and invisible
 * characters become numeric character references, so the row stays one line and reads back exactly.
 * '_' between two word characters is left alone: it cannot open emphasis there, and names stay readable.
 */
export function markdownCell(s: string): string {
  return s
    .replace(/[\\`*[\]<>|&~:$]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\$&')
    .replace(INVISIBLE, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * Use for a code span inside a Markdown table cell (a file path): a fence longer than any run of
 * backticks inside, padded with a space when the text starts or ends with a backtick; `|` is escaped
 * (GFM removes that backslash inside code spans too). Text a code span cannot hold exactly (controls,
 * line terminators, a backslash before `|`) is written as a plain-text cell instead.
 */
export function markdownCode(s: string): string {
  if (s === '' || /\\\|/.test(s) || new RegExp(INVISIBLE.source).test(s)) return markdownCell(s);
  const text = s.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

// A hostile corpus: strings that end literals, comments, templates and table rows, or paths, when
// written unescaped. Used by the escaping unit tests and by pull / generate / registry end to end.

/** The exploit of issue 10 item 1: a default that ends pull's sql`` template and runs code on load. */
export const EXPLOIT_DEFAULT = `E'\\\\\`),x:process.getBuiltinModule("fs").writeFileSync("pwned.txt","q"),//'`;

/** Every kind of trouble, one string each (NUL and lone surrogates included: not every target can hold them). */
export const HOSTILE_STRINGS: readonly string[] = [
  "it's",
  'say "hi"',
  'back`tick',
  'dollar ${x} and ${',
  '$',
  'a\\b',
  '\\',
  'ends with \\',
  "\\'",
  '\\`',
  '\\${x}',
  '*/ closes /* opens',
  '// line comment',
  'line\nbreak',
  'carriage\rreturn',
  'crlf\r\nhere',
  'ls\u2028ps\u2029',
  'tab\there',
  'bell\u0007 del\u007f c1\u0085',
  'nul\u0000',
  'emoji 😀👍🏽',
  'rtl \u202e override',
  'bom\ufeff',
  'lone \ud800 surrogate',
  'question ?',
  '?',
  'a\\?b',
  '../../x',
  'x|y',
  '<b>&amp;</b> *em* _u_ [l](x) :smile: $x$',
  'CON',
  'n'.repeat(63),
  'é'.repeat(40),
  '',
  EXPLOIT_DEFAULT,
];

/** Names PostgreSQL can hold (no NUL, no lone surrogate), for catalogs: identifiers, comments, text. */
export const PG_STRINGS = HOSTILE_STRINGS.filter((s) => s !== '' && !s.includes('\u0000') && !/[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')));

/** The same, also sendable through Knex (no backslash right before '?'). */
export const KNEX_STRINGS = PG_STRINGS.filter((s) => !/\\\?/.test(s));

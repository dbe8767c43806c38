// The rule table for "equal things written differently" (contract section 4): types, column defaults,
// index predicates and check expressions are turned into canonical strings that the diff compares.
// Both sides come back from Postgres (pg_get_expr / format_type), so most spellings already agree;
// these rules cover what Postgres keeps distinct but users mean alike, plus defensive aliases.
//
// Decisions (documented for the report and the tests):
// - now() ≡ CURRENT_TIMESTAMP ≡ transaction_timestamp(); a cast of those to the column's own type or to
//   timestamptz is dropped; LOCALTIMESTAMP ≡ now() only on a `timestamp without time zone` column.
//   statement_timestamp()/clock_timestamp() stay distinct, and so does 'now'::timestamptz (folded to a
//   constant when the DDL runs). ('now'::text)::date and now()::date ≡ CURRENT_DATE.
// - nextval('<any sequence>'::regclass) ≡ an identity column ≡ any other nextval: one auto-increment.
// - A literal cast to the column's own type, to a string type, or (numbers) to a numeric type is dropped:
//   'x'::text ≡ 'x'::character varying ≡ 'x'; '{}'::text[] ≡ '{}'; 'active'::core.status ≡ 'active'.
// - Numeric literals compare by value: 0 ≡ '0'::numeric ≡ 0.00 ≡ 0.0 (a default is stored into the
//   column's own scale anyway); '-1'::integer ≡ -1.
// - Booleans: true ≡ 'true'::boolean ≡ 't'::boolean (and false likewise).
// - NULL, with or without a cast, is "no default".
// - Function names lose a pg_catalog. or public. qualifier (public.gen_random_uuid() ≡ gen_random_uuid()).
// - json/jsonb literal defaults compare as parsed JSON ('{"a": 1}' ≡ '{"a":1}').
// - Expressions (predicates, checks): whitespace, keyword case, redundant parentheses around a single
//   term or the whole expression, casts of literals (Postgres's enum/text casts) and casts of a column to
//   a string type ((first_name)::text on a varchar column) are ignored.
//   Parentheses that group an operator are kept: `(a OR b) AND c` never equals `a OR (b AND c)`.

// ---------------------------------------------------------------------------------------------------
// Types

const TYPE_ALIASES: Record<string, string> = {
  int: 'integer',
  int4: 'integer',
  integer: 'integer',
  serial: 'integer',
  serial4: 'integer',
  int8: 'bigint',
  bigint: 'bigint',
  bigserial: 'bigint',
  serial8: 'bigint',
  int2: 'smallint',
  smallint: 'smallint',
  smallserial: 'smallint',
  serial2: 'smallint',
  float8: 'double precision',
  'double precision': 'double precision',
  float4: 'real',
  real: 'real',
  bool: 'boolean',
  boolean: 'boolean',
  varchar: 'character varying',
  'character varying': 'character varying',
  char: 'character',
  character: 'character',
  bpchar: 'character',
  decimal: 'numeric',
  numeric: 'numeric',
  varbit: 'bit varying',
  'bit varying': 'bit varying',
};

/** Lower-case everything outside double quotes and collapse whitespace. */
function lowerOutsideQuotes(s: string): string {
  let out = '';
  let quoted = false;
  for (const ch of s) {
    if (ch === '"') quoted = !quoted;
    out += quoted ? ch : ch.toLowerCase();
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** Drop quotes around an identifier part that needs none ("status" -> status). */
function unquoteSimple(part: string): string {
  const m = /^"([a-z_][a-z0-9_$]*)"$/.exec(part);
  return m ? m[1]! : part;
}

/**
 * Canonical spelling of a type as format_type() prints it: `varchar(255)` -> `character varying(255)`,
 * `int4` -> `integer`, `timestamptz(3)` -> `timestamp(3) with time zone`, `pg_catalog.` dropped.
 * Use before comparing two column types.
 */
function normaliseTypeUncached(raw: string): string {
  let s = lowerOutsideQuotes(raw);
  let arrays = '';
  for (;;) {
    const m = /\s*\[\s*\d*\s*\]$/.exec(s);
    if (!m) break;
    arrays += '[]';
    s = s.slice(0, m.index);
  }
  s = s.replace(/\s*\(\s*/g, '(').replace(/\s*,\s*/g, ',').replace(/\s*\)/g, ')');
  s = s.replace(/^pg_catalog\./, '');
  const m = /^(.+?)(\([^)]*\))?(?: (with|without) time zone)?$/.exec(s);
  if (!m) return s + arrays;
  let base = m[1]!.trim();
  let typmod = m[2] ?? '';
  let tz = m[3];
  if (base === 'timestamptz' || base === 'timetz') {
    base = base.slice(0, -2);
    tz = 'with';
  }
  if (base === 'timestamp' || base === 'time') {
    return `${base}${typmod} ${tz ?? 'without'} time zone${arrays}`;
  }
  if (base === 'float' || base === 'double') {
    // float(p): p <= 24 is real, else double precision; plain float is double precision
    const p = typmod ? Number(typmod.slice(1, -1)) : 53;
    return `${p <= 24 ? 'real' : 'double precision'}${arrays}`;
  }
  base = base
    .split('.')
    .map((part) => unquoteSimple(part))
    .join('.');
  base = TYPE_ALIASES[base] ?? base;
  if (base === 'numeric' && typmod) {
    // numeric(10) is numeric(10,0)
    const [p, sc] = typmod.slice(1, -1).split(',');
    typmod = `(${p},${sc ?? '0'})`;
  }
  return `${base}${typmod}${tz ? ` ${tz} time zone` : ''}${arrays}`;
}

/** The type without its typmod and array brackets: `character varying(255)[]` -> `character varying`. */
export function baseType(normalisedType: string): string {
  return normalisedType.replace(/\[\]/g, '').replace(/\([^)]*\)/, '').trim();
}

/** Short SQL spelling for messages: `character varying(255)` -> `varchar(255)`, `timestamp with time zone` -> `timestamptz`. */
export function displayType(raw: string): string {
  const t = normaliseType(raw);
  const arrays = /(\[\])*$/.exec(t)![0];
  const s = t.slice(0, t.length - arrays.length);
  let m: RegExpExecArray | null;
  if ((m = /^character varying(\(\d+\))?$/.exec(s))) return `varchar${m[1] ?? ''}${arrays}`;
  if ((m = /^character(\(\d+\))?$/.exec(s))) return `char${m[1] ?? ''}${arrays}`;
  if ((m = /^(timestamp|time)(\(\d+\))? (with|without) time zone$/.exec(s))) {
    const name = m[3] === 'with' ? (m[1] === 'timestamp' ? 'timestamptz' : 'timetz') : m[1]!;
    return `${name}${m[2] ?? ''}${arrays}`;
  }
  // A type in public (an extension's, say) is found through the search path: citext, not public.citext.
  return t.replace(/^public\./, '');
}

const STRING_TYPES = new Set(['text', 'character varying', 'character', 'name', 'citext']);
const NUMERIC_TYPES = new Set(['integer', 'bigint', 'smallint', 'numeric', 'real', 'double precision']);

// ---------------------------------------------------------------------------------------------------
// Expressions: a small tokenizer and a tree just deep enough for the rules above.

type Token =
  | { k: 'str'; v: string }
  | { k: 'num'; v: string }
  | { k: 'name'; v: string }
  | { k: 'cast' }
  | { k: 'open'; v: '(' | '[' }
  | { k: 'close'; v: ')' | ']' }
  | { k: 'comma' }
  | { k: 'op'; v: string };

type Node =
  | { k: 'str'; v: string }
  | { k: 'num'; v: string }
  | { k: 'name'; v: string }
  | { k: 'op'; v: string }
  | { k: 'comma' }
  | { k: 'paren'; items: Node[] }
  | { k: 'bracket'; items: Node[] }
  | { k: 'call'; name: string; args: Node[] }
  | { k: 'cast'; expr: Node; type: string }
  | { k: 'special'; v: 'now()' | 'current_date' | 'autoincrement' };

const OP_CHARS = '+-*/<>=~!@#%^&|`?';

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = src.length;
  const readIdentPart = (): string => {
    if (src[i] === '"') {
      let j = i + 1;
      let v = '"';
      while (j < n) {
        if (src[j] === '"' && src[j + 1] === '"') {
          v += '""';
          j += 2;
        } else if (src[j] === '"') break;
        else v += src[j++];
      }
      i = j + 1;
      return unquoteSimple(v + '"');
    }
    const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(src.slice(i))!;
    i += m[0].length;
    return m[0].toLowerCase();
  };
  while (i < n) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'" || ((c === 'E' || c === 'e') && src[i + 1] === "'")) {
      if (c !== "'") i++;
      let j = i + 1;
      let v = '';
      while (j < n) {
        if (src[j] === "'" && src[j + 1] === "'") {
          v += "''";
          j += 2;
        } else if (src[j] === "'") break;
        else v += src[j++];
      }
      out.push({ k: 'str', v });
      i = j + 1;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^(\d*\.?\d+|\d+\.)([eE][+-]?\d+)?/.exec(src.slice(i))!;
      out.push({ k: 'num', v: m[0] });
      i += m[0].length;
    } else if (c === '"' || /[A-Za-z_]/.test(c)) {
      let v = readIdentPart();
      while (src[i] === '.' && /["A-Za-z_]/.test(src[i + 1] ?? '')) {
        i++;
        v += '.' + readIdentPart();
      }
      out.push({ k: 'name', v });
    } else if (c === ':' && src[i + 1] === ':') {
      out.push({ k: 'cast' });
      i += 2;
    } else if (c === '(' || c === '[') {
      out.push({ k: 'open', v: c });
      i++;
    } else if (c === ')' || c === ']') {
      out.push({ k: 'close', v: c });
      i++;
    } else if (c === ',') {
      out.push({ k: 'comma' });
      i++;
    } else if (OP_CHARS.includes(c)) {
      let j = i;
      while (j < n && OP_CHARS.includes(src[j]!)) j++;
      out.push({ k: 'op', v: src.slice(i, j) });
      i = j;
    } else {
      out.push({ k: 'op', v: c });
      i++;
    }
  }
  return out;
}

/** Words that take a parenthesised operand but are not functions. */
const KEYWORDS = new Set([
  'and', 'or', 'not', 'in', 'is', 'like', 'ilike', 'similar', 'between', 'any', 'all', 'some', 'when',
  'then', 'else', 'case', 'end', 'on', 'using', 'as', 'distinct', 'from', 'exists', 'array', 'to',
]);

/** Words that continue a multi-word type name after `::`. */
const TYPE_CONT: Record<string, string[]> = {
  character: ['varying'],
  double: ['precision'],
  bit: ['varying'],
};

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  parseList(close: ')' | ']' | null): Node[] {
    const items: Node[] = [];
    while (this.i < this.toks.length) {
      const t = this.toks[this.i]!;
      if (t.k === 'close') {
        if (close !== null) {
          this.i++;
          return items;
        }
        this.i++; // stray closer at top level: ignore
        continue;
      }
      this.i++;
      switch (t.k) {
        case 'str':
          items.push({ k: 'str', v: t.v });
          break;
        case 'num': {
          const prev = items[items.length - 1];
          const before = items[items.length - 2];
          // a leading minus sign belongs to the number: (- 1) and -1 alike
          if (prev?.k === 'op' && prev.v === '-' && (before === undefined || before.k === 'op' || before.k === 'comma')) {
            items.pop();
            items.push({ k: 'num', v: '-' + t.v });
          } else items.push({ k: 'num', v: t.v });
          break;
        }
        case 'name': {
          const next = this.toks[this.i];
          if (next?.k === 'open' && next.v === '(' && !KEYWORDS.has(t.v)) {
            this.i++;
            items.push({ k: 'call', name: t.v, args: this.parseList(')') });
          } else items.push({ k: 'name', v: t.v });
          break;
        }
        case 'open':
          items.push(t.v === '(' ? { k: 'paren', items: this.parseList(')') } : { k: 'bracket', items: this.parseList(']') });
          break;
        case 'comma':
          items.push({ k: 'comma' });
          break;
        case 'op':
          items.push({ k: 'op', v: t.v });
          break;
        case 'cast': {
          const operand = items.pop();
          const type = this.parseType();
          if (operand) items.push({ k: 'cast', expr: operand, type });
          break;
        }
      }
    }
    return items;
  }

  private parseType(): string {
    const words: string[] = [];
    const first = this.toks[this.i];
    if (first?.k !== 'name') return '';
    this.i++;
    words.push(first.v);
    for (const cont of TYPE_CONT[first.v] ?? []) {
      const t = this.toks[this.i];
      if (t?.k === 'name' && t.v === cont) {
        words.push(t.v);
        this.i++;
      }
    }
    let typmod = '';
    const open = this.toks[this.i];
    if (open?.k === 'open' && open.v === '(') {
      let j = this.i + 1;
      const parts: string[] = [];
      while (j < this.toks.length && this.toks[j]!.k !== 'close') {
        const t = this.toks[j]!;
        parts.push(t.k === 'num' ? t.v : t.k === 'comma' ? ',' : '');
        j++;
      }
      typmod = `(${parts.join('')})`;
      this.i = j + 1;
    }
    // with/without time zone
    const w = this.toks[this.i];
    if (w?.k === 'name' && (w.v === 'with' || w.v === 'without')) {
      const a = this.toks[this.i + 1];
      const b = this.toks[this.i + 2];
      if (a?.k === 'name' && a.v === 'time' && b?.k === 'name' && b.v === 'zone') {
        this.i += 3;
        return normaliseType(`${words.join(' ')}${typmod} ${w.v} time zone${this.parseArrays()}`);
      }
    }
    return normaliseType(`${words.join(' ')}${typmod}${this.parseArrays()}`);
  }

  private parseArrays(): string {
    let s = '';
    for (;;) {
      const a = this.toks[this.i];
      const b = this.toks[this.i + 1];
      if (a?.k === 'open' && a.v === '[' && b?.k === 'close' && b.v === ']') {
        s += '[]';
        this.i += 2;
      } else if (a?.k === 'open' && a.v === '[' && b?.k === 'num' && this.toks[this.i + 2]?.k === 'close') {
        s += '[]';
        this.i += 3;
      } else return s;
    }
  }
}

interface Ctx {
  /** Normalised type of the column a default belongs to; null for predicates and checks. */
  columnType: string | null;
  /** Set once an array literal's text is canonical (so it is not canonicalised again). */
  canonicalArray?: boolean;
}

/** Canonical text of a numeric literal: by value, no leading or trailing zeros. */
export function canonicalNumber(v: string): string | null {
  const s = v.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return null;
  if (/[eE]/.test(s)) return String(Number(s));
  let sign = '';
  let body = s;
  if (body[0] === '+' || body[0] === '-') {
    sign = body[0] === '-' ? '-' : '';
    body = body.slice(1);
  }
  let [int = '', frac = ''] = body.split('.');
  int = int.replace(/^0+/, '') || '0';
  frac = frac.replace(/0+$/, '');
  const out = frac ? `${int}.${frac}` : int;
  return out === '0' ? '0' : sign + out;
}

const TRUE_WORDS = new Set(['t', 'true', 'y', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['f', 'false', 'n', 'no', 'off', '0']);

function stripFnQualifier(name: string): string {
  return name.replace(/^(pg_catalog|public)\./, '');
}

function canonicalJson(text: string): string | null {
  try {
    return JSON.stringify(sortKeys(JSON.parse(text.replace(/''/g, "'"))));
  } catch {
    return null;
  }
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

function isNow(n: Node): boolean {
  return n.k === 'special' && n.v === 'now()';
}

function rewrite(node: Node, ctx: Ctx): Node {
  switch (node.k) {
    case 'name': {
      if (node.v === 'current_timestamp') return { k: 'special', v: 'now()' };
      if (node.v === 'current_date') return { k: 'special', v: 'current_date' };
      if (node.v === 'localtimestamp' && ctx.columnType && baseType(ctx.columnType) === 'timestamp without time zone') {
        return { k: 'special', v: 'now()' };
      }
      return node;
    }
    case 'num':
      return { k: 'num', v: canonicalNumber(node.v) ?? node.v };
    case 'call': {
      const name = stripFnQualifier(node.name);
      const args = rewriteList(node.args, ctx);
      if ((name === 'now' || name === 'transaction_timestamp') && args.length === 0) return { k: 'special', v: 'now()' };
      if (name === 'nextval') return { k: 'special', v: 'autoincrement' };
      return { k: 'call', name, args };
    }
    case 'paren': {
      const items = rewriteList(node.items, ctx);
      return items.length === 1 ? items[0]! : { k: 'paren', items };
    }
    case 'bracket':
      return { k: 'bracket', items: rewriteList(node.items, ctx) };
    case 'cast':
      return rewriteCast(node.expr, node.type, ctx);
    default:
      return node;
  }
}

function rewriteCast(operand: Node, type: string, ctx: Ctx): Node {
  let rawExpr = operand;
  while (rawExpr.k === 'paren' && rawExpr.items.length === 1) rawExpr = rawExpr.items[0]!;
  const target = baseType(type);
  const isArray = type.endsWith('[]');
  // ('now'::text)::date is how CURRENT_DATE used to be shown; ('now'::text)::timestamptz is now()
  if (rawExpr.k === 'cast' && rawExpr.expr.k === 'str' && rawExpr.expr.v.toLowerCase() === 'now' && STRING_TYPES.has(baseType(rawExpr.type))) {
    if (target === 'date' && !isArray) return { k: 'special', v: 'current_date' };
    if (target === 'timestamp with time zone' && !isArray) return { k: 'special', v: 'now()' };
  }
  const expr = rewrite(rawExpr, ctx);
  const colType = ctx.columnType;
  const ownType = colType !== null && normaliseType(type) === colType;
  const ownBase = colType !== null && baseType(colType) === target && colType.endsWith('[]') === isArray;
  if (expr.k === 'name' && expr.v === 'null') return expr;
  // '{a,"b"}'::text[] and '{a,b}' are one array: compare the canonical literal
  if (expr.k === 'str' && isArray && !ctx.canonicalArray) {
    const elements = parseArrayLiteral(expr.v.replace(/''/g, "'"));
    if (elements !== null) return rewriteCast({ k: 'str', v: renderArrayLiteral(elements) }, type, { ...ctx, canonicalArray: true });
  }
  // ARRAY['a'::varchar, 'b'::varchar]::text[] and ARRAY['a'::varchar::text, ...] are one list of
  // string literals: Postgres prints the first and re-parses it into the second.
  if (expr.k === 'bracket' && isArray && STRING_TYPES.has(target)) return expr;
  if (isNow(expr)) {
    if (target === 'date' && !isArray) return { k: 'special', v: 'current_date' };
    if ((target === 'timestamp with time zone' && !isArray) || ownType || ownBase) return expr;
    return { k: 'cast', expr, type };
  }
  if (expr.k === 'special' && expr.v === 'current_date' && target === 'date' && !isArray) return expr;
  if (expr.k === 'str' && !isArray) {
    if (target === 'boolean') {
      const w = expr.v.trim().toLowerCase();
      if (TRUE_WORDS.has(w)) return { k: 'name', v: 'true' };
      if (FALSE_WORDS.has(w)) return { k: 'name', v: 'false' };
    }
    if (NUMERIC_TYPES.has(target)) {
      const num = canonicalNumber(expr.v);
      if (num !== null) return { k: 'num', v: num };
    }
    if ((target === 'json' || target === 'jsonb') && (ownBase || colType === null)) {
      const j = canonicalJson(expr.v);
      if (j !== null) return { k: 'str', v: j };
    }
    if (STRING_TYPES.has(target)) return expr;
  }
  if (expr.k === 'num' && NUMERIC_TYPES.has(target) && !isArray) return expr;
  // in expressions, a column cast to text ((first_name)::text, which Postgres adds for varchar) means the column
  if (colType === null && expr.k === 'name' && STRING_TYPES.has(target) && !isArray) return expr;
  if ((expr.k === 'str' || expr.k === 'num') && (ownBase || colType === null)) {
    // a literal cast to the column's own type (enum, array, uuid, date, ...); in expressions, the casts
    // Postgres adds to literals (enum labels, text) carry no meaning the user wrote
    return expr;
  }
  return { k: 'cast', expr, type };
}

function rewriteList(items: Node[], ctx: Ctx): Node[] {
  return foldAtTimeZone(foldArrayConstructors(items.map((n) => rewrite(n, ctx))));
}

/** ARRAY[literal, ...] -> the array literal '{...}' Postgres would print for it ('{}' for ARRAY[]). */
function foldArrayConstructors(items: Node[]): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < items.length; i++) {
    const n = items[i]!;
    const next = items[i + 1];
    if (n.k === 'name' && n.v === 'array' && next?.k === 'bracket') {
      const literal = arrayLiteralOf(next.items);
      if (literal !== null) {
        out.push({ k: 'str', v: literal });
        i++;
        continue;
      }
    }
    out.push(n);
  }
  return out;
}

/** The canonical array literal of ARRAY[...]'s elements, or null when one is not a literal. */
function arrayLiteralOf(items: Node[]): string | null {
  const elements: (string | null)[] = [];
  let expectValue = true;
  for (const n of items) {
    if (n.k === 'comma' && !expectValue) {
      expectValue = true;
      continue;
    }
    if (!expectValue) return null;
    if (n.k === 'str') elements.push(n.v.replace(/''/g, "'"));
    else if (n.k === 'num') elements.push(n.v);
    else if (n.k === 'name' && n.v === 'null') elements.push(null);
    else return null;
    expectValue = false;
  }
  return renderArrayLiteral(elements);
}

/** A one-dimensional Postgres array literal ('{a,"b c",NULL}') as its elements, or null when it is not one. */
export function parseArrayLiteral(text: string): (string | null)[] | null {
  const s = text.trim();
  if (!s.startsWith('{') || !s.endsWith('}')) return null;
  const body = s.slice(1, -1);
  if (body.trim() === '') return [];
  const out: (string | null)[] = [];
  let i = 0;
  while (i <= body.length) {
    while (body[i] === ' ') i++;
    if (body[i] === '"') {
      let v = '';
      i++;
      while (i < body.length && body[i] !== '"') {
        if (body[i] === '\\') i++;
        v += body[i++] ?? '';
      }
      if (body[i] !== '"') return null;
      i++;
      out.push(v);
    } else {
      const end = body.indexOf(',', i);
      const raw = (end < 0 ? body.slice(i) : body.slice(i, end)).trim();
      if (/[{}"]/.test(raw)) return null; // nested arrays and oddities stay as written
      out.push(raw.toLowerCase() === 'null' ? null : raw);
      i = end < 0 ? body.length : end;
    }
    while (body[i] === ' ') i++;
    if (i >= body.length) break;
    if (body[i] !== ',') return null;
    i++;
  }
  return out;
}

/** The canonical spelling of an array literal: elements quoted only when they must be. */
function renderArrayLiteral(elements: (string | null)[]): string {
  const one = (e: string | null): string => {
    if (e === null) return 'NULL';
    if (e === '' || /[{}",\\\s]/.test(e) || e.toLowerCase() === 'null') return `"${e.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    return e;
  };
  return `{${elements.map(one).join(',')}}`.replace(/'/g, "''");
}

/** x AT TIME ZONE z -> timezone(z, x): Postgres 14+ prints each as written. */
function foldAtTimeZone(items: Node[]): Node[] {
  const out = [...items];
  for (let i = 1; i + 3 < out.length; i++) {
    const [at, time, zone] = [out[i], out[i + 1], out[i + 2]];
    if (at?.k === 'name' && at.v === 'at' && time?.k === 'name' && time.v === 'time' && zone?.k === 'name' && zone.v === 'zone') {
      const call: Node = { k: 'call', name: 'timezone', args: [out[i + 3]!, { k: 'comma' }, out[i - 1]!] };
      out.splice(i - 1, 5, call);
      i--;
    }
  }
  return out;
}

function render(n: Node): string {
  switch (n.k) {
    case 'str':
      return `'${n.v}'`;
    case 'num':
    case 'name':
    case 'op':
      return n.v;
    case 'comma':
      return ',';
    case 'special':
      return n.v;
    case 'paren':
      return `(${renderList(n.items)})`;
    case 'bracket':
      return `[${renderList(n.items)}]`;
    case 'call':
      return `${n.name}(${renderList(n.args)})`;
    case 'cast':
      return `${render(n.expr)}::${n.type}`;
  }
}

function renderList(items: Node[]): string {
  return items.map(render).join(' ').replace(/ ,/g, ',');
}

function canonical(src: string, ctx: Ctx): { items: Node[]; text: string } {
  let items = rewriteList(new Parser(tokenize(src)).parseList(null), ctx);
  // the whole expression in parentheses, any number of times
  while (items.length === 1 && items[0]!.k === 'paren') items = items[0].items;
  return { items, text: renderList(items) };
}

/** Canonical text of an index predicate, check expression or index key expression; use to compare them. */
function normaliseExpressionUncached(expr: string): string {
  let s = expr.trim();
  // pg_get_constraintdef gives 'CHECK ((a > 0))', possibly with NOT VALID / NO INHERIT after it
  s = s.replace(/^check\s*/i, '').replace(/\s+not valid\s*$/i, '').replace(/\s+no inherit\s*$/i, '');
  return canonical(s, { columnType: null }).text;
}

/** Marker returned by normaliseDefault for an auto-increment (nextval or identity). */
export const AUTOINCREMENT = 'autoincrement';

/**
 * Canonical text of a column default, or null when there is none (NULL counts as none).
 * `columnType` is the column's type as read from the catalog (normalised here).
 */
function normaliseDefaultUncached(expr: string | null | undefined, columnType: string): string | null {
  if (expr === null || expr === undefined || expr.trim() === '') return null;
  const { items, text } = canonical(expr, { columnType: normaliseType(columnType) });
  if (items.length === 1) {
    const only = items[0]!;
    if (only.k === 'name' && only.v === 'null') return null;
    if (only.k === 'cast' && only.expr.k === 'name' && only.expr.v === 'null') return null;
  }
  return text;
}

/** What a column's server default amounts to: identity and serial both give AUTOINCREMENT; a generated column has none. */
export function effectiveDefault(col: {
  type: string;
  default: string | null;
  identity: '' | 'a' | 'd';
  generated: string | null;
}): string | null {
  if (col.identity !== '') return AUTOINCREMENT;
  // a generated column has no default: its expression is compared on its own (generated-mismatch)
  if (col.generated !== null) return null;
  return normaliseDefault(col.default, col.type);
}

/** How a column's default reads in a message: the catalog text, or the identity clause. */
export function displayDefault(col: {
  default: string | null;
  identity: '' | 'a' | 'd';
  generated: string | null;
}): string | null {
  if (col.identity === 'a') return 'GENERATED ALWAYS AS IDENTITY';
  if (col.identity === 'd') return 'GENERATED BY DEFAULT AS IDENTITY';
  return col.default;
}

// ---------------------------------------------------------------------------------------------
// Memoised entry points: a schema repeats the same few types, defaults and predicates thousands of
// times (at 1,000 tables, normaliseType alone was half of the diff's time). Pure functions, so a
// bounded cache per function is safe.

function memo<R>(fn: (key: string) => R): (key: string) => R {
  const cache = new Map<string, R>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as R;
    if (cache.size >= 50_000) cache.clear();
    const value = fn(key);
    cache.set(key, value);
    return value;
  };
}

const typeMemo = memo(normaliseTypeUncached);
const expressionMemo = memo(normaliseExpressionUncached);
const defaultMemo = memo((key: string) => {
  const [expr, columnType] = JSON.parse(key) as [string, string];
  return normaliseDefaultUncached(expr, columnType);
});

/** Canonical spelling of a type as format_type() prints it (aliases, spacing, pg_catalog., arrays, time zones). */
export function normaliseType(raw: string): string {
  return typeMemo(raw);
}

/** Canonical text of an index predicate, check expression or index key expression; use to compare them. */
export function normaliseExpression(expr: string): string {
  return expressionMemo(expr);
}

/**
 * Canonical text of a column default, or null when there is none (NULL counts as none).
 * `columnType` is the column's type as read from the catalog (normalised here).
 */
export function normaliseDefault(expr: string | null | undefined, columnType: string): string | null {
  if (expr === null || expr === undefined) return null;
  return defaultMemo(JSON.stringify([expr, columnType]));
}

/** A timestamp constant as PostgreSQL prints a default: '2026-12-02 05:48:19.672105+00'::timestamp with time zone. */
const TIMESTAMP_CONSTANT = /^'(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?)([+-]\d\d(?::?\d\d)?)?'::timestamp(?:\(\d\))?(?: with(?:out)? time zone)?$/;

/**
 * Use on a column default: the instant (ms since the epoch) of a timestamp constant, else null. A
 * constant without a zone is read as UTC (the scratch servers run in UTC).
 */
export function timestampConstant(expr: string | null): number | null {
  const m = expr === null ? null : TIMESTAMP_CONSTANT.exec(expr.trim());
  if (!m) return null;
  const zone = m[2] ? (m[2].length === 3 ? `${m[2]}:00` : m[2].includes(':') ? m[2] : `${m[2].slice(0, 3)}:${m[2].slice(3)}`) : 'Z';
  const ms = Date.parse(`${m[1]!.replace(' ', 'T')}${zone}`);
  return Number.isNaN(ms) ? null : ms;
}

/** A scratch database is read minutes after it is built: a constant instant this close to the read was frozen by the build. */
const FROZEN_WITHIN_MS = 6 * 3600_000;

/** Use on a default read from a scratch database at `now`: true when it is the instant its build froze (Knex's defaultTo('now')). */
export function isFrozenNow(expr: string | null, now: number): boolean {
  const at = timestampConstant(expr);
  return at !== null && Math.abs(now - at) < FROZEN_WITHIN_MS;
}

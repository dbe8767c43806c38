// Reading an entity class in its source text, without a compiler: where the class and each of its
// properties are declared (for findings' `line`) and each property's type annotation as written
// (what emitDecoratorMetadata would have serialized, see design-type.ts). A small scanner that skips
// strings, comments and nested brackets; what it cannot read is simply left out.

/** A property of a class as written: its name, 1-based line, and type annotation text (undefined: none). */
export interface PropertyText {
  name: string;
  line: number;
  type: string | undefined;
}

/** A class as written: the line of its `@Entity(` decorator (else of `class X`) and its properties. */
export interface ClassText {
  line: number;
  properties: Map<string, PropertyText>;
}

const MODIFIERS = new Set(['public', 'private', 'protected', 'readonly', 'declare', 'static', 'override', 'abstract', 'accessor']);

/** Use to find class `name` in a file's text; undefined when it is not declared there. */
export function readClass(text: string, name: string): ClassText | undefined {
  const re = new RegExp(`\\bclass\\s+${name.replace(/\$/g, '\\$')}\\b`, 'g');
  const hit = re.exec(text);
  if (!hit) return undefined;
  const open = bodyStart(text, hit.index + hit[0].length);
  if (open < 0) return undefined;
  return { line: decoratorLine(text, hit.index), properties: readMembers(text, open + 1) };
}

const lineAt = (text: string, at: number): number => {
  let n = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
};

/** The line of the `@Entity(` (or any `@...Entity(`) written just above the class, else of the class itself. */
function decoratorLine(text: string, classAt: number): number {
  let at = classAt;
  for (const m of text.slice(0, classAt).matchAll(/@\w*Entity\s*\(/g)) {
    if (!/\bclass\b/.test(text.slice(m.index + m[0].length, classAt))) {
      at = m.index;
      break;
    }
  }
  return lineAt(text, at);
}

/** The `{` that opens the class body: the first one outside brackets after the class name. */
function bodyStart(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '<' || ch === '(' || ch === '[') depth++;
    else if (ch === '>' || ch === ')' || ch === ']') depth--;
    else if (ch === '{' && depth <= 0) return i;
  }
  return -1;
}

/** Skips a string, template, or comment starting at `i`; returns the index after it, or `i` when none starts there. */
function skipNonCode(text: string, i: number): number {
  const ch = text[i];
  if (ch === '/' && text[i + 1] === '/') {
    const end = text.indexOf('\n', i);
    return end < 0 ? text.length : end;
  }
  if (ch === '/' && text[i + 1] === '*') {
    const end = text.indexOf('*/', i + 2);
    return end < 0 ? text.length : end + 2;
  }
  if (ch === "'" || ch === '"' || ch === '`') {
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === '\\') j++;
      else if (text[j] === ch) return j + 1;
    }
    return text.length;
  }
  return i;
}

/** The members at the top level of the class body that starts at `from` (just after its `{`). */
function readMembers(text: string, from: number): Map<string, PropertyText> {
  const out = new Map<string, PropertyText>();
  let depth = 0;
  let prev = '';
  for (let i = from; i < text.length; ) {
    const skipped = skipNonCode(text, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    const ch = text[i]!;
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) {
      if (depth === 0) break; // the class body ends
      depth--;
    }
    if (depth === 0 && /[A-Za-z_$]/.test(ch) && !/[\w$@.]/.test(prev)) {
      const name = /^[\w$]+/.exec(text.slice(i, i + 200))![0];
      const after = i + name.length;
      const rest = /^\s*[?!]?\s*(:?)/.exec(text.slice(after))!;
      const next = text.slice(after).trimStart()[0];
      if (!MODIFIERS.has(name) || !/[\w$]/.test(next ?? '')) {
        if (rest[1] === ':') {
          const typeFrom = after + rest[0].length;
          const typeEnd = annotationEnd(text, typeFrom);
          out.set(name, { name, line: lineAt(text, i), type: text.slice(typeFrom, typeEnd).trim() });
          prev = ';';
          i = typeEnd;
          continue;
        }
        if (next === ';' || next === '=' || next === '\n' || next === undefined) out.set(name, { name, line: lineAt(text, i), type: undefined });
      }
      prev = ' ';
      i = after;
      continue;
    }
    if (depth === 0 && ch === '=' && text[i + 1] !== '>') {
      // an initializer: its expression declares nothing
      i = annotationEnd(text, i + 1) + 1;
      prev = ';';
      continue;
    }
    if (!/\s/.test(ch)) prev = ch;
    i++;
  }
  return out;
}

/** The end of a type annotation starting at `from`: `;`, `=` (not `=>`), `}` or a line break outside brackets. */
function annotationEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; ) {
    const skipped = skipNonCode(text, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    const ch = text[i]!;
    if ('([{<'.includes(ch)) depth++;
    else if (ch === '>' && text[i - 1] !== '=') depth--;
    else if (')]}'.includes(ch)) {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && (ch === ';' || (ch === '=' && text[i + 1] !== '>'))) return i;
    else if (depth === 0 && ch === '\n') {
      const next = text.slice(i).trimStart()[0];
      if (next !== '|' && next !== '&' && text.slice(from, i).trim() !== '') return i;
    }
    i++;
  }
  return text.length;
}

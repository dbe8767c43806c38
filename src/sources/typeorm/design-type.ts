// TypeORM reads a column's type from the `design:type` metadata that TypeScript's emitDecoratorMetadata
// writes (`@Column() email: string` is varchar because of it). tsx (esbuild) does not emit it, and
// TypeScript 7's compiler has no JavaScript transpile API. So while the entities load, a question for
// `design:type` that has no answer is answered from the property's annotation in the entity's source
// text, serialized by TypeScript's own rules (its typeSerializer: `string | null` is Object under
// strictNullChecks, String without). The original answer always wins: JavaScript compiled by tsc keeps its own.
import { readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readClass, type ClassText } from './class-text.ts';

/** What a type annotation serializes to: a global constructor's name, 'void' (undefined) or an identifier. */
export type Serialized = string;

const KEYWORDS: Record<string, Serialized> = {
  string: 'String',
  number: 'Number',
  bigint: 'BigInt',
  boolean: 'Boolean',
  true: 'Boolean',
  false: 'Boolean',
  symbol: 'Symbol',
  void: 'void',
  undefined: 'void',
  null: 'void',
  never: 'void',
  any: 'Object',
  unknown: 'Object',
  object: 'Object',
};

/** The top-level parts of `type` split on `sep` (| or &), outside brackets and strings. */
function splitTop(type: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < type.length; i++) {
    const ch = type[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if ('([{<'.includes(ch)) depth++;
    else if (')]}'.includes(ch) || (ch === '>' && type[i - 1] !== '=')) depth--;
    else if (ch === sep && depth === 0) {
      parts.push(type.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(type.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

const unparen = (type: string): string => {
  let t = type.trim();
  while (t.startsWith('(') && t.endsWith(')') && balanced(t.slice(1, -1))) t = t.slice(1, -1).trim();
  return t;
};

/** True when the parentheses of `text` pair up (so `(a) | (b)` is not one parenthesized type). */
function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Use to serialize a type annotation as TypeScript's emitDecoratorMetadata does (syntax only, as transpileModule). */
export function serializeType(annotation: string, strictNullChecks: boolean): Serialized {
  const type = unparen(annotation);
  for (const sep of ['|', '&']) {
    const parts = splitTop(type, sep);
    if (parts.length > 1 || (parts.length === 1 && type.startsWith(sep))) return serializeList(parts, sep === '&', strictNullChecks);
  }
  if (/^readonly\s/.test(type)) return serializeType(type.slice(8), strictNullChecks);
  if (type in KEYWORDS) return KEYWORDS[type]!;
  if (/^(['"`])/.test(type)) return 'String';
  if (/^-?\d[\d_]*n$/.test(type)) return 'BigInt';
  if (/^-?(\d|\.\d)/.test(type)) return 'Number';
  if (type.endsWith('[]') || type.startsWith('[')) return 'Array';
  if (/^(new\s*)?(<[^>]*>\s*)?\(/.test(type) && /=>/.test(type)) return 'Function';
  if (/^unique\s+symbol$/.test(type)) return 'Symbol';
  const ref = /^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*(<.*>)?$/s.exec(type);
  return ref ? ref[1]! : 'Object';
}

function serializeList(parts: string[], intersection: boolean, strictNullChecks: boolean): Serialized {
  let common: Serialized | undefined;
  for (const raw of parts) {
    const part = unparen(raw);
    if (part === 'never') {
      if (intersection) return 'void';
      continue;
    }
    if (part === 'unknown') {
      if (!intersection) return 'Object';
      continue;
    }
    if (part === 'any') return 'Object';
    if (!strictNullChecks && (part === 'null' || part === 'undefined')) continue;
    const one = serializeType(part, strictNullChecks);
    if (one === 'Object') return 'Object';
    if (common === undefined) common = one;
    else if (common !== one || common === 'void') return 'Object';
  }
  return common ?? 'void';
}

/** A property whose design type could not be known from its text: the check says so if TypeORM then fails on it. */
export interface UnknownDesignType {
  className: string;
  property: string;
  file: string;
  line: number;
  annotation: string;
}

/** What a serialized name means at run time: a global constructor, else Object (an interface, an alias, an imported class). */
function runtimeValue(name: Serialized, classText: string): { value: unknown; known: boolean } {
  if (name === 'void') return { value: undefined, known: true };
  const global = (globalThis as Record<string, unknown>)[name];
  if (typeof global === 'function' && /^[A-Z]/.test(name)) return { value: global, known: true };
  // an enum declared in the same file: TypeScript's checker serializes it as String or Number
  const en = new RegExp(`\\benum\\s+${name}\\s*\\{([^}]*)\\}`).exec(classText);
  if (en) return { value: /=\s*['"`]/.test(en[1]!) ? String : Number, known: true };
  return { value: Object, known: false };
}

/** True for a file of an installed package (under node_modules below the project root, or anywhere outside it). */
function inPackage(root: string, file: string): boolean {
  const rel = relative(root, file);
  const path = rel.startsWith('..') || isAbsolute(rel) ? file : rel;
  return /(^|[\\/])node_modules[\\/]/.test(path);
}

/** The file of the entity whose decorator asks now: the first frame in a project file (packages and missing files aside). */
function askingFile(stack: string, root: string, exists: (file: string) => boolean): string | undefined {
  for (const frame of stack.split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?[^\s()?]+)(?:\?[^\s():]*)?:\d+:\d+\)?\s*$/.exec(frame.trim());
    if (!m) continue;
    const file = m[1]!.startsWith('file://') ? fileURLToPath(m[1]!) : m[1]!;
    if (/^node:/.test(file) || inPackage(root, file)) continue;
    if (exists(file)) return file;
  }
  return undefined;
}

/** The design-type fallback while entities load: install() before importing them, the returned restore() after. */
export function installDesignTypes(options: { root: string; strictNullChecks: boolean; ownFile: (file: string) => boolean }): {
  restore: () => void;
  unknown: UnknownDesignType[];
  /** The project file a stack was captured in (its first frame there). */
  askingFile: (stack: string) => string | undefined;
} {
  const reflect = Reflect as unknown as { getMetadata?: (key: unknown, target: object, property?: string | symbol) => unknown };
  const original = reflect.getMetadata;
  const unknown: UnknownDesignType[] = [];
  const texts = new Map<string, string | null>();
  const classes = new Map<string, ClassText | undefined>();
  const textOf = (file: string): string | null => {
    if (!texts.has(file)) {
      try {
        texts.set(file, readFileSync(file, 'utf8'));
      } catch {
        texts.set(file, null);
      }
    }
    return texts.get(file)!;
  };
  const exists = (file: string) => !options.ownFile(file) && /\.[cm]?[jt]sx?$/.test(file) && textOf(file) !== null;
  const answer = (target: object, property: string): unknown => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 30;
    const stack = new Error().stack ?? '';
    Error.stackTraceLimit = limit;
    const file = askingFile(stack, options.root, exists);
    const className = (target as { constructor?: { name?: string } }).constructor?.name;
    if (!file || !className) return undefined;
    const key = `${file}#${className}`;
    if (!classes.has(key)) classes.set(key, readClass(textOf(file)!, className));
    const prop = classes.get(key)?.properties.get(property);
    if (!prop?.type) return undefined;
    const { value, known } = runtimeValue(serializeType(prop.type, options.strictNullChecks), textOf(file)!);
    if (!known) unknown.push({ className, property, file, line: prop.line, annotation: prop.type });
    return value;
  };
  const wrapper = function (this: unknown, key: unknown, target: object, property?: string | symbol): unknown {
    const found = original ? original.call(Reflect, key, target, property) : undefined;
    if (found !== undefined || key !== 'design:type' || typeof property !== 'string' || !target) return found;
    return answer(target, property);
  };
  reflect.getMetadata = wrapper;
  return {
    unknown,
    askingFile: (stack) => askingFile(stack, options.root, exists),
    restore: () => {
      if (reflect.getMetadata !== wrapper) return;
      if (original) reflect.getMetadata = original;
      else delete reflect.getMetadata;
    },
  };
}

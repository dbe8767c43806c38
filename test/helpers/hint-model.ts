// Turns the model half of a finding's hint into an edit of the model file, literally: "write .x(...)
// in the model" / "on column c" / "add .x() to column c in model M" sets that call on the column's
// declaration (replacing a call of the same name), "remove .x() from ..." deletes it, "declare it in
// the model as c: code" replaces the declaration, "declare it in model M: c: code" adds it, "write
// comment: '...' in the model" / "remove comment from the model" edit the table's comment, "put
// .primary() on a, b in the model" marks those columns, "write { ... } in the model's indexes (uniques,
// foreignKeys) in place of its entry for (a, b)" swaps that entry, "add { ... } to the indexes of
// model M" adds one (and the list), ", and remove .x() from it" / "remove .unique() from column c,
// and add { ... } to the uniques of model M" combine them. Code that uses sql`...` gets its import,
// as an editor adds it. Any other wording is not literal code (the test says so).
import type { Finding } from '../../src/diff/findings.ts';

/** An edit of one model file's text. */
export type ModelEdit = (source: string) => string;

/** The model half of a hint: the text after "; or, if the database is right, ", or the hint's first clause. */
export function modelHintText(hint: string): string | null {
  const alt = /; or, if [^,]+, (.*)$/.exec(hint);
  if (alt) return alt[1]!;
  if (/^(?:declare it in model|declare it in [\w[\]'.]+: |add [.{])/.test(hint)) return hint.split('; or ')[0]!;
  return null;
}

/** The end (exclusive) of the expression that starts at `from`: the first `,` `}` or newline at depth 0. */
function expressionEnd(text: string, from: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = from; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (depth > 0 && ')]}'.includes(ch)) depth--;
    else if (depth === 0 && (ch === ',' || ch === '}' || ch === ']' || ch === '\n' || text.startsWith('//', i))) return i;
  }
  return text.length;
}

/** The span of the call `.name(...)` at `from` (a balanced argument list). */
function callEnd(text: string, from: number): number {
  const open = text.indexOf('(', from);
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}

/** Where column `column`'s declaration starts and ends in `source` (of the model declaring `model`, when given). */
function columnSpan(source: string, column: string, model?: string): [number, number] {
  const start = model ? source.indexOf(`const ${model} `) : 0;
  const m = new RegExp(`(?:^|[\\s{,])(?:${column}|'${column}'|"${column}"): `, 'g');
  m.lastIndex = Math.max(start, 0);
  const hit = m.exec(source);
  if (!hit) throw new Error(`no declaration of column ${column} in the model file`);
  const from = hit.index + hit[0].length;
  return [from, expressionEnd(source, from)];
}

/** The calls of a chain `.a(x).b(y)` as [name, text] pairs. */
function calls(chain: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let i = 0;
  while (i < chain.length) {
    const m = /^\.(\w+)\(/.exec(chain.slice(i));
    if (!m) throw new Error(`not a call chain: ${chain}`);
    const end = callEnd(chain, i);
    out.push([m[1]!, chain.slice(i, end)]);
    i = end;
  }
  return out;
}

/** Sets (replacing same-named calls) or removes the calls of `chain` on the declaration of `column`. */
function editCalls(column: string, chain: string, remove: boolean, model?: string): ModelEdit {
  return (source) => {
    const [from, to] = columnSpan(source, column, model);
    let decl = source.slice(from, to).trimEnd();
    for (const [name, text] of calls(chain)) {
      const at = decl.search(new RegExp(`\\.${name}\\(`));
      if (at >= 0) decl = decl.slice(0, at) + (remove ? '' : text) + decl.slice(callEnd(decl, at));
      else if (!remove) decl += text;
    }
    return source.slice(0, from) + decl + source.slice(from + source.slice(from, to).trimEnd().length);
  };
}

/** Sets or removes the table-level `comment:` of the (first) model. */
function editTableComment(value: string | null): ModelEdit {
  return (source) => {
    const line = /^(\s*)comment: .*\n/m.exec(source);
    if (line) return source.replace(line[0], value === null ? '' : `${line[1]}comment: ${value},\n`);
    if (value === null) throw new Error('no table comment in the model file');
    return source.replace(/^(\s*)columns: /m, (all, indent: string) => `${indent}comment: ${value},\n${all}`);
  };
}

/** The top-level entries of the list that opens at `from` (its `[`), as [start, end] spans. */
function listEntries(source: string, from: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let i = from + 1;
  for (;;) {
    while (/[\s,]/.test(source[i]!) || source.startsWith('//', i)) i = source.startsWith('//', i) ? source.indexOf('\n', i) : i + 1;
    if (source[i] === ']') return out;
    const end = expressionEnd(source, i);
    if (end === i) throw new Error(`cannot read the list at ${from}`);
    out.push([i, end]);
    i = end;
  }
}

/** The key names of a model index entry: 'col', sql`expr`, { column: 'col' } or { expression: sql`expr` }. */
function entryKeys(entry: string): string[] {
  const cols = /columns: \[/.exec(entry);
  if (!cols) return [];
  const at = cols.index + cols[0].length - 1;
  return listEntries(entry, at).map(([a, b]) => {
    const key = entry.slice(a, b).trim();
    const m = /^(?:\{ (?:column|expression): )?(?:'([^']*)'|sql`([^`]*)`)/.exec(key);
    return m ? (m[1] ?? m[2]!) : key;
  });
}

/** Swaps the `indexes`/`uniques` entry on `columns` for `entry`. */
function editEntry(list: string, columns: readonly string[], entry: string, model: string): ModelEdit {
  return (source) => {
    const from = source.indexOf(`${list}: [`, Math.max(source.indexOf(`const ${model} `), 0));
    if (from < 0) throw new Error(`no ${list} in the model file`);
    const hit = listEntries(source, from + list.length + 2).find(([a, b]) => entryKeys(source.slice(a, b)).join(',') === columns.join(','));
    if (!hit) throw new Error(`no ${list} entry on (${columns.join(', ')})`);
    return source.slice(0, hit[0]) + entry + source.slice(hit[1]);
  };
}

/** Adds `entry` to the model's `indexes`/`uniques`/`foreignKeys` list, creating the list when there is none. */
function addEntry(list: string, model: string, entry: string): ModelEdit {
  return (source) => {
    const start = Math.max(source.indexOf(`const ${model} `), 0);
    const at = source.indexOf(`${list}: [`, start);
    // the next model's definition, not this one's own defineModel( call
    const next = source.indexOf('defineModel(', source.indexOf('defineModel(', start) + 1);
    if (at >= 0 && (next < 0 || at < next)) return `${source.slice(0, at + list.length + 3)}${entry}, ${source.slice(at + list.length + 3)}`;
    const columns = source.indexOf('columns: {', start);
    const end = expressionEnd(source, columns + 'columns: '.length);
    return `${source.slice(0, end + 1)} ${list}: [${entry}],${source.slice(end + 1)}`;
  };
}

/** The import of `sql` that code using sql`...` needs, as any editor adds it. */
function withSqlImport(source: string): string {
  if (!source.includes('sql`') || /import \{[^}]*\bsql\b[^}]*\} from 'pre-commit-check'/.test(source)) return source;
  return source.replace(/import \{ ([^}]*) \} from 'pre-commit-check';/, "import { $1, sql } from 'pre-commit-check';");
}

/** The edit of the model file that the model half of `f.hint` says (with the `sql` import it needs), or null when it names no code. */
export function modelEdit(f: Pick<Finding, 'hint' | 'columns' | 'model' | 'line'>): ModelEdit | null {
  const edit = literalEdit(f) ?? rowTypeEdit(f);
  return edit && ((source) => withSqlImport(edit(source)));
}

function literalEdit(f: Pick<Finding, 'hint' | 'columns' | 'model'>): ModelEdit | null {
  const text = modelHintText(f.hint);
  if (!text) return null;
  const entity = typeormEdit(text);
  if (entity) return entity;
  const column = f.columns[0]!;
  const model = f.model ?? undefined;
  let m: RegExpExecArray | null;
  if ((m = /^write (\.\w+\(.*\)) in the model$/.exec(text))) return editCalls(column, m[1]!, false, model);
  if ((m = /^add (\.\w+\(.*\)) to the model$/.exec(text))) return editCalls(column, m[1]!, false, model);
  if ((m = /^write (\.\w+\(.*\)) on column (\w+)(?:, and remove (\.\w+\(\)) from it)?$/.exec(text))) {
    const [chain, name, removed] = [m[1]!, m[2]!, m[3]];
    return (source) => (removed ? editCalls(name, removed, true, model)(editCalls(name, chain, false, model)(source)) : editCalls(name, chain, false, model)(source));
  }
  if ((m = /^add (\.\w+\(.*\)) to column (\w+) in model (\w+)$/.exec(text))) return editCalls(m[2]!, m[1]!, false, m[3]);
  if ((m = /^remove (\.?\w+)\(\) from (?:the model|column (\w+))$/.exec(text))) return editCalls(m[2] ?? column, `.${m[1]!.replace(/^\./, '')}()`, true, model);
  if ((m = /^declare it in the model as (\w+): (t\..*)$/.exec(text))) {
    const [name, code] = [m[1]!, m[2]!];
    return (source) => {
      const [from, to] = columnSpan(source, name, model);
      return source.slice(0, from) + code + source.slice(from + source.slice(from, to).trimEnd().length);
    };
  }
  if ((m = /^declare it in model (\w+): (\w+): (t\..*)$/.exec(text))) {
    const [model, name, code] = [m[1]!, m[2]!, m[3]!];
    return (source) => {
      const at = source.indexOf('columns: {', Math.max(source.indexOf(`const ${model} `), 0));
      return `${source.slice(0, at + 10)} ${name}: ${code},${source.slice(at + 10)}`;
    };
  }
  if ((m = /^write comment: (.*) in the model$/.exec(text))) return editTableComment(m[1]!);
  if (text === 'remove comment from the model') return editTableComment(null);
  if ((m = /^put \.primary\(\) on ([\w, ]+) in the model$/.exec(text))) {
    const names = m[1]!.split(', ');
    return (source) => names.reduce((s, n) => editCalls(n, '.primary()', false, model)(s), source);
  }
  if ((m = /^write (\{.*\}) in the model's (indexes|uniques|foreignKeys) in place of its entry for \(.*\)$/.exec(text))) return editEntry(m[2]!, f.columns, m[1]!, f.model ?? '');
  if ((m = /^add (\{.*\}) to the (indexes|uniques|foreignKeys) of model (\w+)$/.exec(text))) return addEntry(m[2]!, m[3]!, m[1]!);
  if ((m = /^remove (\.\w+\(\)) from column (\w+), and add (\{.*\}) to the (uniques) of model (\w+)$/.exec(text))) {
    const [call, name, entry, list, model] = [m[1]!, m[2]!, m[3]!, m[4]!, m[5]!];
    return (source) => addEntry(list, model, entry)(editCalls(name, call, true, model)(source));
  }
  return null;
}

/** The `(` ... `)` arguments of the decorator `@name(` that is nearest above property `prop` of class `cls`. */
function decoratorArgs(source: string, cls: string, prop: string, names: string[]): [number, number] {
  const start = source.search(new RegExp(`\\bclass\\s+${cls}\\b`));
  const decl = new RegExp(`^\\s*(?:(?:public|private|protected|readonly)\\s+)*${prop}[!?]?\\s*:`, 'm');
  const rest = source.slice(start);
  const at = rest.search(decl);
  if (start < 0 || at < 0) throw new Error(`no property ${cls}.${prop} in the entity file`);
  const before = source.slice(0, start + at);
  const found = Math.max(...names.map((n) => before.lastIndexOf(`@${n}(`)));
  if (found < start) throw new Error(`no @${names[0]}( above ${cls}.${prop}`);
  const open = source.indexOf('(', found);
  return [open + 1, callEnd(source, open) - 1];
}

/** Sets (`remove` false) or removes `options` (\`key: value, key: value\`) in the options object of a decorator's arguments. */
function editOption(args: string, options: string, remove: boolean): string {
  const given = options.split(/,\s*(?=\w+:)/).map((o) => o.trim());
  const keys = new Set(given.map((o) => o.split(':')[0]!.trim()));
  const braces = args.lastIndexOf('{');
  if (braces < 0) {
    if (remove) throw new Error(`no options object in (${args})`);
    return args.trim() === '' ? `{ ${options} }` : `${args}, { ${options} }`;
  }
  const close = braces + callEnd(args.replace(/\{/g, '(').replace(/\}/g, ')'), braces) - braces - 1;
  const body = args.slice(braces + 1, close);
  const entries = body.split(',').map((e) => e.trim()).filter((e) => e !== '' && !keys.has(e.split(':')[0]!.trim()));
  if (!remove) entries.push(...given);
  return `${args.slice(0, braces)}{ ${entries.join(', ')} }${args.slice(close + 1)}`;
}

/**
 * A TypeORM entity's half of a hint (src/messages/typeorm.ts): "write OPTION in the @Column of C.p",
 * "remove OPTION from the @Column of C.p", the same for "the options of relation C.p": an edit of
 * the options object of the decorator above that property.
 */
function typeormEdit(text: string): ModelEdit | null {
  const m = /^(write|remove) (.+?) (?:in|from) (the @Column|the relation decorator|the options of relation) of (\w+)\.(\w+)(?: \(.*\))?$/.exec(text);
  if (!m) return null;
  const [verb, option, where, cls, prop] = [m[1]!, m[2]!, m[3]!, m[4]!, m[5]!];
  const names = where === 'the @Column' ? ['Column', 'PrimaryColumn', 'PrimaryGeneratedColumn', 'CreateDateColumn', 'UpdateDateColumn', 'DeleteDateColumn', 'VersionColumn'] : ['ManyToOne', 'OneToOne'];
  return (source) => {
    const [from, to] = decoratorArgs(source, cls, prop, names);
    return source.slice(0, from) + editOption(source.slice(from, to), option, verb === 'remove') + source.slice(to);
  };
}

/**
 * The edits a hint about a row type (from.knexTypes) names, at the finding's line: "remove x from User"
 * (or "from interface Tables") deletes the property at that line, "write x: T in User" retypes it,
 * "declare it in User: x: T" adds the property after the row type's first line.
 */
function rowTypeEdit(f: Pick<Finding, 'hint' | 'line'>): ModelEdit | null {
  const text = modelHintText(f.hint);
  const at = (f.line ?? 0) - 1;
  if (!text || at < 0) return null;
  const onLine = (fn: (lines: string[]) => void): ModelEdit => (source) => {
    const lines = source.split('\n');
    fn(lines);
    return lines.join('\n');
  };
  let m: RegExpExecArray | null;
  if ((m = /^remove ('?[\w.]+'?) from (?:interface Tables|[\w[\]'.]+)$/.exec(text))) {
    const key = m[1]!;
    return onLine((lines) => {
      if (!lines[at]!.includes(key.replace(/'/g, ''))) throw new Error(`line ${at + 1} does not declare ${key}`);
      lines.splice(at, 1);
    });
  }
  if ((m = /^write ('?[\w.]+'?): (.+) in [\w[\]'.]+$/.exec(text))) {
    const [key, type] = [m[1]!, m[2]!];
    return onLine((lines) => {
      const decl = /^(\s*)('?[\w.]+'?)(\??)\s*:\s*.*?([;,]?)\s*$/.exec(lines[at]!);
      if (!decl || decl[2] !== key) throw new Error(`line ${at + 1} does not declare ${key}`);
      lines[at] = `${decl[1]}${key}${decl[3]}: ${type}${decl[4]}`;
    });
  }
  if ((m = /^declare it in [\w[\]'.]+?: (.+)$/.exec(text))) {
    const property = m[1]!;
    return onLine((lines) => void lines.splice(at + 1, 0, `  ${property};`));
  }
  return null;
}

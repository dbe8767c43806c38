// Hints about a drizzle table in Drizzle's terms: the model half of a hint ("or, if the database is
// right, ...", or the leading "add ... to model M" of an unmodeled-* finding) is said again with
// pg-core builders (.notNull(), varchar('email', { length: 255 }), index('...').on(t.x)), naming the
// column keys and table exports of the user's code. The migration half is the diff's, unchanged.
import { readFileSync } from 'node:fs';
import type { Finding } from '../../diff/findings.ts';
import { isRawSql, sql, t } from '../../model-api/define.ts';
import { definitionSite } from '../../model-api/site.ts';
import type { ColumnSpec, ForeignKeySpec, IndexKey, IndexSpec, LoadedModel, UniqueSpec } from '../../model-api/types.ts';
import { columnCode, foreignKeyCode, indexCode, primaryKeyCode, referencesCall, uniqueCode, type Naming } from './code.ts';
import { namingFor } from './names.ts';

/** Model code the diff wrote (t.x() chains, list entries: literals and sql`` only), read back as values. */
function evaluate(code: string): unknown {
  return new Function('t', 'sql', `"use strict"; return (${code});`)(t, sql);
}
const columnOf = (code: string): ColumnSpec => (evaluate(code) as { spec: ColumnSpec }).spec;

interface At {
  f: Finding;
  lm: LoadedModel;
  naming: Naming;
  /** The finding's model (the table's export). */
  model: string;
}


/** A model-API list entry ({ columns: [...], ... }) as drizzle's extra-config builder. */
function entryCode(at: At, list: string, entry: string): string {
  const value = evaluate(entry) as Record<string, unknown>;
  if (list === 'foreignKeys') return foreignKeyCode(at.naming, at.lm.model.schema, value as unknown as ForeignKeySpec);
  if (list === 'uniques') return uniqueCode(at.naming, value as unknown as UniqueSpec);
  const keys: IndexKey[] = (value.columns as unknown[]).map((k) => {
    if (typeof k === 'string') return { column: k };
    if (isRawSql(k)) return { expression: k.sql };
    const o = k as IndexKey & { expression?: unknown };
    return { ...o, ...(o.expression !== undefined ? { expression: isRawSql(o.expression) ? o.expression.sql : String(o.expression) } : {}) };
  });
  return indexCode(at.naming, { ...(value as unknown as IndexSpec), keys, columns: keys.map((k) => k.column ?? k.expression!) });
}

/** The default call a column's declaration uses (.defaultNow(), .defaultRandom() or .default()), read from its file. */
function defaultCall(at: At, column: string): string {
  const site = definitionSite(at.lm.model);
  let lines: string[] = [];
  try {
    lines = site ? readFileSync(site.file, 'utf8').split('\n').slice(site.line - 1) : [];
  } catch {
    // unreadable: the usual call
  }
  const key = at.naming.key(column).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const start = lines.findIndex((l) => new RegExp(`^\\s*(['"]?)${key}\\1\\s*:`).test(l));
  if (start < 0) return 'default';
  const end = lines.findIndex((l, i) => i > start && /^\s*(?:[\w$]+|'[^']*'|"[^"]*")\s*:|^\s*[})]/.test(l));
  const declaration = lines.slice(start, end < 0 ? undefined : end).join('\n');
  return /\.(default(?:Now|Random)?)\(/.exec(declaration)?.[1] ?? 'default';
}

type Rule = [RegExp, (m: RegExpExecArray, at: At) => string];

const list = (l: string): string => (l === 'indexes' ? 'index' : l === 'uniques' ? 'unique' : 'foreignKey');

/** The model halves the diff writes, each said for Drizzle. */
const RULES: Rule[] = [
  [/^remove \.notNullable\(\) from the model$/, (_, at) => `remove .notNull() from column ${at.naming.key(at.f.columns[0]!)}`],
  [/^add \.notNullable\(\) to the model$/, (_, at) => `add .notNull() to column ${at.naming.key(at.f.columns[0]!)} in model ${at.model}`],
  [/^remove defaultTo\(\) from the model$/, (_, at) => `remove .${defaultCall(at, at.f.columns[0]!)}() from column ${at.naming.key(at.f.columns[0]!)}`],
  [
    /^write \.defaultTo\((.*)\) in the model$/,
    (m, at) => {
      const used = defaultCall(at, at.f.columns[0]!);
      return `write .default(${m[1]}) on column ${at.naming.key(at.f.columns[0]!)}${used !== 'default' ? `, and remove .${used}() from it` : ''}`;
    },
  ],
  [/^declare it in the model as (\S+): (t\..*)$/, (m, at) => `declare it in the model as ${at.naming.key(at.f.columns[0]!)}: ${columnCode(at.naming, at.lm.model.schema, at.f.columns[0]!, columnOf(m[2]!))}`],
  [/^declare it in model (\S+): (\S+): (t\..*)$/, (m, at) => `declare it in model ${m[1]}: ${m[2]}: ${columnCode(at.naming, at.lm.model.schema, at.f.columns[0]!, columnOf(m[3]!))}`],
  [/^(?:put \.primary\(\) on .* in the model|mark (?:column \S+|those columns) with \.primary\(\) in the model)$/, (_, at) => primaryKeyHint(at)],
  [/^write (\.references\(.*?\)(?:\.on(?:Delete|Update)\('[A-Z ]+'\))*)(?:\.deferrable\('\w+'\))? on column (\S+)(?:, and remove \.deferrable\(\) from it)?$/, (m, at) => `write ${referencesOf(at, m[1]!)} on column ${at.naming.key(m[2]!)}`],
  [/^add (\.references\(.*\)) to column (\S+) in model (\S+)$/, (m, at) => `add ${referencesOf(at, m[1]!)} to column ${at.naming.key(m[2]!)} in model ${m[3]}`],
  [/^add \.unique\(\) to column (\S+) in model (\S+)$/, (m, at) => `add .unique() to column ${at.naming.key(m[1]!)} in model ${m[2]}`],
  [/^add \.index\(\) to column (\S+) in model (\S+)$/, (m, at) => `add ${indexCode(at.naming, { columns: [m[1]!] })} to the extra config of model ${m[2]}`],
  [/^write (\{.*\}) in the model's (indexes|uniques|foreignKeys) in place of its entry for (\(.*\))$/, (m, at) => `write ${entryCode(at, m[2]!, m[1]!)} in the extra config of model ${at.model} in place of its ${list(m[2]!)} on ${m[3]}`],
  [/^add (\{.*\}) to the (indexes|uniques|foreignKeys) of model (\S+)$/, (m, at) => `add ${entryCode(at, m[2]!, m[1]!)} to the extra config of model ${m[3]}`],
  [/^remove \.unique\(\) from column (\S+), and add (\{.*\}) to the uniques of model (\S+)$/, (m, at) => `remove .unique() from column ${at.naming.key(m[1]!)}, and add ${entryCode(at, 'uniques', m[2]!)} to the extra config of model ${m[3]}`],
  [/^write (\.generatedAlwaysAs\(.*\)) on column (\S+)$/, (m, at) => `write ${m[1]} on column ${at.naming.key(m[2]!)}`],
];

/** `.references('s.t.c').onDelete('CASCADE')` as drizzle's `.references(() => t.c, { onDelete: 'cascade' })`. */
function referencesOf(at: At, chain: string): string {
  const spec = columnOf(`t.integer()${chain}`);
  return referencesCall(at.naming, at.lm.model.schema, spec.references!, spec.onDelete, spec.onUpdate);
}

/** The database's primary key (the finding's `actual`) in drizzle terms. */
function primaryKeyHint(at: At): string {
  const columns = (at.f.actual ?? '').replace(/^\(|\)$/g, '').split(',').map((c) => c.trim()).filter(Boolean);
  if (columns.length === 1) return `add .primaryKey() to column ${at.naming.key(columns[0]!)} in model ${at.model}`;
  return `add ${primaryKeyCode(at.naming, columns)} to the extra config of model ${at.model} (and remove .primaryKey() from its columns)`;
}

/** The model half in Drizzle's terms, or undefined when the diff wrote one this source does not know. */
function inDrizzle(text: string, at: At): string | undefined {
  for (const [re, say] of RULES) {
    const m = re.exec(text);
    if (!m) continue;
    try {
      return say(m, at);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Use as the source's hint(): the finding with its model half said for Drizzle. */
export function drizzleHint(f: Finding, lm: LoadedModel): Finding {
  const at: At = { f, lm, naming: namingFor(lm.model.schema, lm.model.table), model: f.model ?? lm.name };
  let hint = f.hint.replace("to the model's t.enum() values", `to the values of its pgEnum`);
  const alt = /^(.*; or, if [^,]+, )(.*)$/.exec(hint);
  const lead = !alt && /^((?:declare it in model|add [.{]|mark |put ).*?)(; or .*)$/.exec(hint);
  if (alt) hint = alt[1]! + (inDrizzle(alt[2]!, at) ?? alt[2]!);
  else if (lead) hint = (inDrizzle(lead[1]!, at) ?? lead[1]!) + lead[2]!;
  return hint === f.hint ? f : { ...f, hint };
}

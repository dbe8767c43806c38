// What an Objection model class states about its table, read from the class itself (its statics, as
// Objection reads them): `tableName`, `idColumn` (a string or a list; Objection's default is 'id') and
// the columns of this table that `relationMappings` joins on ('table.column' in join.from / join.to).
// Not `jsonSchema`: it validates input, it does not describe the database. Pure but for the class's own getters.
import type { ShapeColumn, ShapeTable } from '../types.ts';

/** A class export that looks like an Objection model: a constructor with a string `tableName`. */
export type ModelClass = (new (...args: never[]) => unknown) & { name: string; tableName?: unknown; idColumn?: unknown; relationMappings?: unknown };

/** Use on a module's exports: the model classes among them, each once. */
export function modelClasses(ns: Record<string, unknown>): ModelClass[] {
  const out = new Set<ModelClass>();
  const add = (v: unknown) => {
    if (typeof v === 'function' && typeof (v as ModelClass).tableName === 'string' && (v as ModelClass).tableName) out.add(v as ModelClass);
  };
  for (const v of Object.values(ns)) {
    add(v);
    // CommonJS through the ESM loader: module.exports as `default`, sometimes an object of classes
    if (v && typeof v === 'object') for (const inner of Object.values(v as object)) add(inner);
  }
  return [...out];
}

/** Where the class states things, found in its file's text (1-based lines), for findings. */
export interface ClassLines {
  table?: number;
  column(name: string, stated: string): number | undefined;
}

/** Use to read one class: its table and the columns it states (relationMappings may throw: the caller reports it). */
export function readModelClass(cls: ModelClass, file: string, lines: ClassLines): ShapeTable {
  const qualifiedName = String(cls.tableName);
  const dot = qualifiedName.indexOf('.');
  const [schema, table] = dot < 0 ? ['public', qualifiedName] : [qualifiedName.slice(0, dot), qualifiedName.slice(dot + 1)];
  const columns = new Map<string, ShapeColumn>();
  const state = (name: string, stated: string) => {
    if (columns.has(name)) return;
    const line = lines.column(name, stated);
    columns.set(name, { name, stated, ...(line !== undefined ? { line } : {}) });
  };
  const ids = cls.idColumn ?? 'id';
  for (const id of Array.isArray(ids) ? ids : [ids]) if (typeof id === 'string') state(id, 'idColumn');
  for (const [relation, column] of joinColumns(cls.relationMappings, qualifiedName)) state(column, `relationMappings.${relation}`);
  return { source: 'objection', name: cls.name, file, ...(lines.table !== undefined ? { line: lines.table } : {}), schema, table, complete: false, columns: [...columns.values()] };
}

/** [relation, column] for every 'table.column' of `tableName` in the joins of relationMappings (an object or a function returning one). */
function joinColumns(mappings: unknown, tableName: string): Array<[string, string]> {
  const value = typeof mappings === 'function' ? (mappings as () => unknown)() : mappings;
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object') throw new TypeError(`relationMappings is ${typeof value}, not an object`);
  const out: Array<[string, string]> = [];
  for (const [relation, spec] of Object.entries(value as Record<string, { join?: { from?: unknown; to?: unknown } }>)) {
    for (const end of [spec?.join?.from, spec?.join?.to]) {
      for (const ref of Array.isArray(end) ? end : [end]) {
        if (typeof ref !== 'string' || !ref.startsWith(`${tableName}.`)) continue;
        const column = ref.slice(tableName.length + 1);
        if (column && !column.includes('.')) out.push([relation, column]);
      }
    }
  }
  return out;
}

/** Use to place a class's statics in its file's text: the line of `static tableName` and of each column's mention after `class Name`. */
export function classLines(text: string, className: string, tableName: string): ClassLines {
  const lines = text.split('\n');
  const start = Math.max(0, lines.findIndex((l) => new RegExp(`\\bclass\\s+${className}\\b`).test(l)));
  const find = (re: RegExp): number | undefined => {
    for (let i = start; i < lines.length; i++) if (re.test(lines[i]!)) return i + 1;
    return undefined;
  };
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return {
    table: find(/\btableName\b/) ?? (start >= 0 ? start + 1 : undefined),
    column: (name, stated) =>
      stated === 'idColumn' ? (find(new RegExp(`\\bidColumn\\b`)) ?? find(/\btableName\b/)) : find(new RegExp(`['"\`]${esc(tableName)}\\.${esc(name)}['"\`]`)),
  };
}

/** Use when several classes map one table (a subclass inherits tableName): one table, the columns of all. */
export function mergeByTable(tables: readonly ShapeTable[]): ShapeTable[] {
  const byKey = new Map<string, ShapeTable>();
  for (const t of tables) {
    const key = `${t.schema}.${t.table}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { ...t, columns: [...t.columns] });
    else for (const c of t.columns) if (!seen.columns.some((s) => s.name === c.name)) seen.columns.push(c.file ? c : { ...c, file: t.file });
  }
  return [...byKey.values()];
}

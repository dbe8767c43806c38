// conventions.names: the case of table, column, index and constraint names, and table or column names
// that must not be used (name or picomatch glob -> what to use instead). Pure: Schema in, Violations out.
import picomatch from 'picomatch';
import type { Conventions } from '../config/types.ts';
import type { Table } from '../schema/types.ts';
import { conventionMessages as m, type NamedKind } from '../messages/conventions.ts';
import { isOn, ruleSeverity } from './severity.ts';
import { modelRename, renameSnippet } from './snippets.ts';
import type { Violation } from './types.ts';

type Case = NonNullable<NonNullable<Conventions['names']>['case']>;

const CASE_RE: Record<Case, RegExp> = {
  snake_case: /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/,
  camelCase: /^[a-z][a-zA-Z0-9]*$/,
  PascalCase: /^[A-Z][a-zA-Z0-9]*$/,
};

/** The words of an identifier: 'firstName', 'First_Name', 'HTTPCode' -> first name / first name / http code. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Use to spell a name in a case: toCase('firstName', 'snake_case') === 'first_name'. */
export function toCase(name: string, style: Case): string {
  const w = words(name);
  const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  if (style === 'snake_case') return w.join('_');
  if (style === 'PascalCase') return w.map(capital).join('');
  return w.map((x, i) => (i === 0 ? x : capital(x))).join('');
}

/** A forbid entry compiled: the pattern, its matcher and what to use instead for a given name. */
interface Forbidden {
  pattern: string;
  test: (name: string) => boolean;
  instead: (name: string) => string;
}

const GLOB = /[*?[\]{}]/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** compileForbid once per config object (the rules are judged table by table). */
const compiled = new WeakMap<Record<string, string>, Forbidden[]>();

function compileForbid(forbid: Record<string, string>): Forbidden[] {
  let out = compiled.get(forbid);
  if (!out) compiled.set(forbid, (out = compileForbidUncached(forbid)));
  return out;
}

function compileForbidUncached(forbid: Record<string, string>): Forbidden[] {
  return Object.entries(forbid).map(([pattern, instead]) => {
    if (!GLOB.test(pattern)) return { pattern, test: (n) => n === pattern, instead: () => instead };
    const re = picomatch.makeRe(pattern, { dot: true, nonegate: true });
    // '*_at' -> '*_date': one '*' in both carries what it matched over (created_at -> created_date).
    const star = /^([^*?[\]{}]*)\*([^*?[\]{}]*)$/.exec(pattern);
    return {
      pattern,
      test: (n) => re.test(n),
      instead: (n) => (star && instead.split('*').length === 2 ? instead.replace('*', n.slice(star[1]!.length, n.length - star[2]!.length)) : instead),
    };
  });
}

/** Every name of a table that the case rule judges, with what it is. */
function namesOf(t: Table): Array<{ kind: NamedKind; name: string; columns: string[] }> {
  const out: Array<{ kind: NamedKind; name: string; columns: string[] }> = [{ kind: 'table', name: t.name, columns: [] }];
  for (const c of t.columns) out.push({ kind: 'column', name: c.name, columns: [c.name] });
  for (const i of t.indexes) out.push({ kind: 'index', name: i.name, columns: i.columns.filter((_, k) => !i.expressions[k]) });
  if (t.primaryKey) out.push({ kind: 'constraint', name: t.primaryKey.name, columns: t.primaryKey.columns });
  for (const c of [...t.foreignKeys, ...t.uniques]) out.push({ kind: 'constraint', name: c.name, columns: c.columns });
  for (const c of t.checks) out.push({ kind: 'constraint', name: c.name, columns: [] });
  return out;
}

/** Use for conventions.names on one table: a forbidden table or column name, else one not in the case. */
export function checkNames(t: Table, conventions: Conventions): Violation[] {
  const names = conventions.names;
  if (!names || !isOn(names)) return [];
  const severity = ruleSeverity(names.severity, conventions);
  const forbidden = names.forbid ? compileForbid(names.forbid) : [];
  const out: Violation[] = [];
  for (const n of namesOf(t)) {
    const qualified = n.kind === 'column' ? `${t.schema}.${t.name}.${n.name}` : n.kind === 'table' ? `${t.schema}.${t.name}` : `${n.name} on ${t.schema}.${t.name}`;
    const where = { schema: t.schema, table: t.name };
    const mentions = n.kind === 'table' ? [[t.name]] : n.kind === 'column' ? [[t.name, n.name]] : [[t.name, n.name], ...(n.columns.length ? [[t.name, ...n.columns]] : [])];
    const base = { severity, schema: t.schema, table: t.name, columns: n.kind === 'table' ? [] : n.columns, object: n.kind === 'index' || n.kind === 'constraint' ? n.name : null, mentions };
    const hit = n.kind === 'table' || n.kind === 'column' ? forbidden.find((f) => f.test(n.name)) : undefined;
    if (hit) {
      const instead = hit.instead(n.name);
      const kind = n.kind as 'table' | 'column';
      const rename = IDENT.test(instead) ? renameSnippet(kind, where, n.name, instead) : null;
      out.push({ ...base, rule: 'names.forbid', expected: instead, actual: n.name, word: m.nameForbidden({ kind, name: n.name, qualified, pattern: hit.pattern, instead, rename, modelChange: modelRename(kind, n.name, instead) }) });
      continue; // its replacement is the fix; the case of a name about to go does not matter
    }
    if (names.case && !CASE_RE[names.case].test(n.name)) {
      const to = toCase(n.name, names.case);
      out.push({
        ...base,
        rule: 'names.case',
        expected: to,
        actual: n.name,
        word: m.nameCase({ kind: n.kind, name: n.name, qualified, style: names.case, to, rename: renameSnippet(n.kind, where, n.name, to), modelChange: modelRename(n.kind, n.name, to) }),
      });
    }
  }
  return out;
}

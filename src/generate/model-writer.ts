// `pull`: turn a Schema (read from a database) into model files in the model API's idioms.
// Pure and deterministic: the same Schema gives the same bytes. One file per table, at
// <out>/<schema>/<table>.ts: one model per file is what the loader, duplicate-model findings and
// code review work best with, and a 1,000-table schema stays navigable.
// Every name, default, comment and expression comes from a database that may be hostile: each goes
// through src/util/escape.ts (never a hand-made quote here), and file names through safe-path.ts.
import type { Column, ForeignKey, Index, Schema, Table, UniqueConstraint } from '../schema/types.ts';
import { isPlainUniqueIndex } from '../diff/match.ts';
import { modelIndexEntry } from '../diff/snippets.ts';
import { commentText, jsPropertyKey, jsString, sqlTemplate } from '../util/escape.ts';
import { distinctSegments } from './safe-path.ts';

export interface PulledFile {
  /** Relative to the output directory, forward slashes. */
  path: string;
  content: string;
  schema: string;
  table: string;
  exportName: string;
}

const q = jsString;
const pascal = (s: string) =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('') || 'Model';
const ident = jsPropertyKey;
/** One key per table: schema and table names may hold dots, so they are not joined with one. */
const tableKey = (schema: string, table: string): string => JSON.stringify([schema, table]);

/** Use for the export name of a table's model: PascalCase of the table, schema-prefixed on a clash. */
export function exportNames(schema: Schema): Map<string, string> {
  const counts = new Map<string, number>();
  for (const t of schema.tables) counts.set(pascal(t.name), (counts.get(pascal(t.name)) ?? 0) + 1);
  const names = new Map<string, string>();
  for (const t of schema.tables) {
    let n = pascal(t.name);
    if (counts.get(n)! > 1 && t.schema !== 'public') n = pascal(t.schema) + n;
    if (/^\d/.test(n)) n = `T${n}`;
    names.set(tableKey(t.schema, t.name), n);
  }
  return names;
}

const isSerial = (c: Column) => c.identity === '' && c.default !== null && /^nextval\(/.test(c.default);

/** Use to write the model-API expression of one column, e.g. t.string(100).notNullable(). */
export function columnExpression(table: Table, c: Column, ctx: { singlePk: boolean; fk?: ForeignKey; unique: boolean; index: boolean }): string {
  const inPk = table.primaryKey?.columns.includes(c.name) ?? false;
  let expr: string;
  let autoinc = false;
  if (isSerial(c) && ctx.singlePk && inPk && (c.type === 'integer' || c.type === 'bigint')) {
    expr = c.type === 'integer' ? 't.increments()' : 't.bigIncrements()';
    autoinc = true;
  } else expr = typeExpression(table, c);
  if (c.collation !== null) expr += `.collate(${q(c.collation)})`;
  if (!autoinc) {
    if (inPk) expr += '.primary()';
    else if (c.notNull && c.identity === '') expr += '.notNullable()';
    if (c.identity !== '') expr += `.identity({ always: ${c.identity === 'a'} })`;
    if (c.generated !== null) expr += `.generatedAlwaysAs(${sqlTemplate(stripOuterParens(c.generated))})`;
    if (c.default !== null) expr += `.defaultTo(${defaultExpression(c)})`;
  }
  if (ctx.unique) expr += '.unique()';
  if (ctx.index) expr += '.index()';
  if (ctx.fk) {
    // references('a.b') splits on dots: a name holding one goes to the foreignKeys list (writeModelFiles)
    const target = ctx.fk.refSchema === table.schema ? `${ctx.fk.refTable}.${ctx.fk.refColumns[0]}` : `${ctx.fk.refSchema}.${ctx.fk.refTable}.${ctx.fk.refColumns[0]}`;
    expr += `.references(${q(target)})`;
    if (ctx.fk.onDelete !== 'NO ACTION') expr += `.onDelete(${q(ctx.fk.onDelete)})`;
    if (ctx.fk.onUpdate !== 'NO ACTION') expr += `.onUpdate(${q(ctx.fk.onUpdate)})`;
    if (ctx.fk.deferrable) expr += `.deferrable(${q(ctx.fk.deferrable)})`;
  }
  if (c.comment !== null) expr += `.comment(${q(c.comment)})`;
  return expr;
}

function typeExpression(table: Table, c: Column): string {
  if (c.enumType && !c.type.endsWith('[]')) {
    // labels are filled in by the caller through the enums map
    return `__ENUM__`;
  }
  const t = c.type;
  let m: RegExpMatchArray | null;
  if (t === 'integer') return 't.integer()';
  if (t === 'bigint') return 't.bigInteger()';
  if (t === 'smallint') return 't.smallint()';
  if ((m = t.match(/^character varying\((\d+)\)$/))) return m[1] === '255' ? 't.string()' : `t.string(${m[1]})`;
  if (t === 'text') return 't.text()';
  if (t === 'boolean') return 't.boolean()';
  if (t === 'uuid') return 't.uuid()';
  if (t === 'date') return 't.date()';
  if (t === 'time without time zone') return 't.time()';
  if (t === 'timestamp with time zone') return 't.timestamp()';
  if (t === 'timestamp without time zone') return 't.timestamp({ useTz: false })';
  if ((m = t.match(/^timestamp\((\d)\) with time zone$/))) return `t.timestamp({ precision: ${m[1]} })`;
  if ((m = t.match(/^timestamp\((\d)\) without time zone$/))) return `t.timestamp({ useTz: false, precision: ${m[1]} })`;
  if ((m = t.match(/^numeric\((\d+),(\d+)\)$/))) return m[1] === '8' && m[2] === '2' ? 't.decimal()' : `t.decimal(${m[1]}, ${m[2]})`;
  if (t === 'numeric') return 't.decimal(null)';
  if (t === 'real') return 't.float()';
  if (t === 'double precision') return 't.double()';
  if (t === 'json') return 't.json()';
  if (t === 'jsonb') return 't.jsonb()';
  if (t === 'bytea') return 't.binary()';
  void table;
  // Types in public (an extension's, say) are found through the search path: written as a person would.
  return `t.specificType(${q(t.replace(/^public\./, ''))})`;
}

const STRINGY = /^(text|character varying(\(\d+\))?|character(\(\d+\))?|uuid|date|time.*|timestamp.*|jsonb?)$/;

/** Use to write a column default: a plain value where it round-trips exactly, else sql`…`. */
export function defaultExpression(c: Column): string {
  const d = c.default!;
  let m: RegExpMatchArray | null;
  if (d === 'true' || d === 'false') return d;
  if (/^-?\d+(\.\d+)?$/.test(d) && /^(integer|bigint|smallint|real|double precision|numeric.*)$/.test(c.type)) return d;
  if ((m = d.match(/^'((?:[^']|'')*)'::(.+)$/))) {
    const literal = m[1]!.replace(/''/g, "'");
    const cast = m[2]!;
    const isEnumCast = c.enumType !== null && cast === `${c.enumType.schema}.${c.enumType.name}`;
    if ((cast === c.type && STRINGY.test(c.type) && !/^(date|time|timestamp)/.test(c.type)) || isEnumCast || (cast === 'character varying' && c.type.startsWith('character varying'))) {
      return q(literal);
    }
  }
  return sqlTemplate(d);
}

/** '(a * b)' -> 'a * b': the catalog wraps a generation expression in parentheses the model need not repeat. */
function stripOuterParens(expr: string): string {
  let s = expr.trim();
  while (s.startsWith('(') && s.endsWith(')') && balancedInside(s.slice(1, -1))) s = s.slice(1, -1).trim();
  return s;
}

function balancedInside(s: string): boolean {
  let depth = 0;
  let quoted = false;
  for (const ch of s) {
    if (ch === "'") quoted = !quoted;
    if (quoted) continue;
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** `references('a.b')` splits on dots: a single-column key naming something with a dot is written in foreignKeys. */
const dottedReference = (table: Table, fk: ForeignKey): boolean =>
  [fk.refTable, fk.refColumns[0]!, ...(fk.refSchema === table.schema ? [] : [fk.refSchema])].some((n) => n.includes('.'));

/**
 * The `t.enum(...)` call of an enum column, or t.specificType when t.enum cannot name the type: its
 * name is split at the first dot, so a schema whose name holds one cannot be written there.
 */
function enumExpression(table: Table, c: Column, labels: readonly string[]): string {
  const e = c.enumType!;
  const typeName = e.schema === table.schema && !e.name.includes('.') ? e.name : `${e.schema}.${e.name}`;
  if (e.schema.includes('.')) return `t.specificType(${q(c.type)})`;
  return `t.enum(${q(typeName)}, [${labels.map(q).join(', ')}])`;
}

/** Use for the path of each table's file: <schema>/<table>.ts, each part a safe, distinct file name. */
export function modelFilePaths(tables: readonly Pick<Table, 'schema' | 'name'>[]): Map<string, string> {
  const schemaDirs = distinctSegments([...new Set(tables.map((t) => t.schema))].sort());
  const paths = new Map<string, string>();
  for (const [schema, dir] of schemaDirs) {
    const inSchema = tables.filter((t) => t.schema === schema).map((t) => t.name);
    for (const [name, file] of distinctSegments([...inSchema].sort())) paths.set(tableKey(schema, name), `${dir}/${file}.ts`);
  }
  return paths;
}

/** Use to render all model files for a schema (pull). */
export function writeModelFiles(schema: Schema): PulledFile[] {
  const names = exportNames(schema);
  const paths = modelFilePaths(schema.tables);
  const enums = new Map(schema.enums.map((e) => [tableKey(e.schema, e.name), e.labels]));
  return schema.tables.map((table) => {
    const exportName = names.get(tableKey(table.schema, table.name))!;
    const content = modelFileContent(table, exportName, enums);
    return { path: paths.get(tableKey(table.schema, table.name))!, content, schema: table.schema, table: table.name, exportName };
  });
}

/** The text of one table's model file. */
function modelFileContent(table: Table, exportName: string, enums: ReadonlyMap<string, readonly string[]>): string {
  const singlePk = (table.primaryKey?.columns.length ?? 0) === 1;
  const singleFks = new Map<string, ForeignKey>();
  const multiFks: ForeignKey[] = [];
  for (const fk of table.foreignKeys) {
    if (fk.columns.length === 1 && !singleFks.has(fk.columns[0]!) && !dottedReference(table, fk)) singleFks.set(fk.columns[0]!, fk);
    else multiFks.push(fk);
  }
  const singleUniques = new Set<string>();
  const uniques: UniqueConstraint[] = [];
  for (const u of table.uniques) {
    if (u.columns.length === 1 && !u.nullsNotDistinct && !singleUniques.has(u.columns[0]!)) singleUniques.add(u.columns[0]!);
    else uniques.push(u);
  }
  const singleIndexes = new Set<string>();
  const indexes: Index[] = [];
  for (const ix of table.indexes) {
    const simple = ix.columns.length === 1 && !ix.unique && ix.predicate === null && !ix.expressions[0] && isPlainUniqueIndex({ ...ix, unique: true }) && /^[A-Za-z_][\w$]*$/.test(ix.columns[0]!);
    if (simple && !singleIndexes.has(ix.columns[0]!)) singleIndexes.add(ix.columns[0]!);
    else indexes.push(ix);
  }
  const lines: string[] = [];
  lines.push(`export const ${exportName} = defineModel({`);
  if (table.schema !== 'public') lines.push(`  schema: ${q(table.schema)},`);
  lines.push(`  table: ${q(table.name)},`);
  if (table.comment !== null) lines.push(`  comment: ${q(table.comment)},`);
  lines.push('  columns: {');
  for (const c of declarationOrder(table)) {
    let expr = columnExpression(table, c, { singlePk, fk: singleFks.get(c.name), unique: singleUniques.has(c.name), index: singleIndexes.has(c.name) });
    if (expr.startsWith('__ENUM__')) {
      const labels = enums.get(tableKey(c.enumType!.schema, c.enumType!.name)) ?? [];
      expr = enumExpression(table, c, labels) + expr.slice('__ENUM__'.length);
    }
    lines.push(`    ${ident(c.name)}: ${expr},`);
  }
  lines.push('  },');
  lines.push(...tableLevelLines(table, indexes, uniques, multiFks));
  lines.push('});');
  // sql`` appears in defaults, generation expressions and expression index keys
  const usesSql = lines.some((l) => /\bsql`/.test(l));
  const header = [`// Generated by \`pre-commit-check pull\` from ${commentText(`${table.schema}.${table.name}`)}; edit freely.`, `import { defineModel, t${usesSql ? ', sql' : ''} } from 'pre-commit-check';`, ''];
  return [...header, ...lines].join('\n') + '\n';
}

/**
 * The columns in the order a model declares them: the table's order, except that a composite primary
 * key's columns come first, in key order (several primary() columns form the key in declaration order).
 */
function declarationOrder(table: Table): Column[] {
  const pk = table.primaryKey?.columns ?? [];
  const inTableOrder = table.columns.filter((c) => pk.includes(c.name)).map((c) => c.name);
  if (pk.length < 2 || inTableOrder.every((name, i) => name === pk[i])) return [...table.columns];
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  return [...pk.map((name) => byName.get(name)!), ...table.columns.filter((c) => !pk.includes(c.name))];
}

/** indexes, uniques, foreignKeys and checks of a model, as far as the table has them. */
function tableLevelLines(table: Table, indexes: readonly Index[], uniques: readonly UniqueConstraint[], multiFks: readonly ForeignKey[]): string[] {
  const lines: string[] = [];
  const list = (items: readonly string[]) => `[${items.map(q).join(', ')}]`;
  if (indexes.length) {
    lines.push('  indexes: [');
    for (const ix of indexes) lines.push(`    ${modelIndexEntry(ix)},`);
    lines.push('  ],');
  }
  if (uniques.length) {
    lines.push('  uniques: [');
    for (const u of uniques) lines.push(`    { columns: ${list(u.columns)}${u.nullsNotDistinct ? ', nullsNotDistinct: true' : ''} },`);
    lines.push('  ],');
  }
  if (multiFks.length) {
    lines.push('  foreignKeys: [');
    for (const fk of multiFks) {
      const parts = [
        `columns: ${list(fk.columns)}`,
        `references: { ${fk.refSchema !== table.schema ? `schema: ${q(fk.refSchema)}, ` : ''}table: ${q(fk.refTable)}, columns: ${list(fk.refColumns)} }`,
      ];
      if (fk.onDelete !== 'NO ACTION') parts.push(`onDelete: ${q(fk.onDelete)}`);
      if (fk.onUpdate !== 'NO ACTION') parts.push(`onUpdate: ${q(fk.onUpdate)}`);
      if (fk.deferrable) parts.push(`deferrable: ${q(fk.deferrable)}`);
      lines.push(`    { ${parts.join(', ')} },`);
    }
    lines.push('  ],');
  }
  if (table.checks.length) {
    lines.push('  checks: [');
    for (const ch of table.checks) lines.push(`    { name: ${q(ch.name)}, expression: ${q(readableCheck(ch.expression))} },`);
    lines.push('  ],');
  }
  return lines;
}

/**
 * A check as a person writes it, where PostgreSQL's rewrite is only noise: the check of Knex's enu()
 * (`kind = ANY (ARRAY['a'::text, 'b'::text])`) reads `kind IN ('a', 'b')`, which PostgreSQL turns
 * back into the same expression. Anything else is kept as the catalog prints it.
 */
export function readableCheck(expression: string): string {
  const m = /^\(?(\w+|"(?:[^"]|"")+")\s*(?:::\w+(?: varying)?)?\s*=\s*ANY\s*\(\s*ARRAY\[((?:'(?:[^']|'')*'::\w+(?: varying)?(?:,\s*)?)+)\]\s*\)\)?$/.exec(expression.trim());
  if (!m) return expression;
  const values = [...m[2]!.matchAll(/'((?:[^']|'')*)'::\w+(?: varying)?/g)].map((v) => `'${v[1]}'`);
  return `${m[1]} IN (${values.join(', ')})`;
}

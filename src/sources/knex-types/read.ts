// Reads Knex's own table types (`declare module 'knex/types/tables' { interface Tables { users: User } }`)
// through the project's TypeScript checker: each key is a table ('schema.table' or 'table'), its row
// type (the `base` of a Knex.CompositeTableType) lists the columns, and each property's type says the
// column's coarse type and nullability (`| null`; `?` is insert-optional, not nullable).
import { relative } from 'node:path';
import type { CoarseType, ShapeColumn, ShapeTable } from '../types.ts';
import type { TsNode, TsProgram, TsType } from './typescript.ts';

/** A Tables key whose row type TypeScript could not resolve (a typo, a missing import). */
export interface UnresolvedRow {
  key: string;
  file: string;
  line: number;
  type: string;
}

/** What read() found: the tables, and the keys whose row type is unknown. */
export interface ReadResult {
  tables: ShapeTable[];
  unresolved: UnresolvedRow[];
  /** Files (relative) among those read that declare module 'knex/types/tables'. */
  declaring: string[];
}

/** Use on an opened program: every table of every `interface Tables` in `files` (absolute). */
export function readTables(ts: TsProgram, root: string, files: readonly string[]): ReadResult {
  const out: ReadResult = { tables: [], unresolved: [], declaring: [] };
  for (const file of files) {
    const sf = ts.sourceFile(file);
    if (!sf) continue;
    const interfaces = tablesInterfaces(ts, sf);
    if (interfaces.length) out.declaring.push(rel(root, file));
    for (const member of interfaces.flatMap((i) => [...i.members])) {
      if (member.kind !== ts.kind.PropertySignature || !member.type) continue;
      const key = String(member.name?.text ?? '');
      const at = { key, file: rel(root, file), line: lineOf(member) };
      const row = rowType(ts, ts.typeOfNode(member.type));
      if (!row) out.unresolved.push({ ...at, type: member.type.getText?.() ?? nodeText(member.type) });
      else out.tables.push(tableOf(ts, root, at, row));
    }
  }
  return out;
}

/** The `interface Tables` declarations inside `declare module 'knex/types/tables'` of one file. */
function tablesInterfaces(ts: TsProgram, sf: TsNode): TsNode[] {
  const found: TsNode[] = [];
  for (const st of sf.statements) {
    if (st.kind !== ts.kind.ModuleDeclaration || st.name?.text !== 'knex/types/tables' || !st.body?.statements) continue;
    for (const inner of st.body.statements) if (inner.kind === ts.kind.InterfaceDeclaration && inner.name?.text === 'Tables') found.push(inner);
  }
  return found;
}

/** The row type of a Tables entry (a CompositeTableType's base), or undefined when it is unresolved. */
function rowType(ts: TsProgram, type: TsType): TsType | undefined {
  if (type.flags & (ts.typeFlags.Any | ts.typeFlags.Unknown)) return undefined;
  if (ts.name(type) === 'CompositeTableType') {
    const base = ts.property(type, 'base');
    return base ? rowType(ts, ts.typeOfSymbol(base)) : undefined;
  }
  return type;
}

function tableOf(ts: TsProgram, root: string, at: { key: string; file: string; line: number }, row: TsType): ShapeTable {
  const dot = at.key.indexOf('.');
  const [schema, table] = dot < 0 ? ['public', at.key] : [at.key.slice(0, dot), at.key.slice(dot + 1)];
  const name = ts.name(row);
  const named = name && name !== '__type' && name !== '__object' ? name : undefined;
  const decl = named ? declarationSite(ts, root, row) : undefined;
  const columns = ts.properties(row).map((p) => columnOf(ts, root, p, at.file));
  return {
    source: 'knexTypes',
    name: named ?? `Tables['${at.key}']`,
    file: at.file,
    line: at.line,
    schema,
    table,
    complete: true,
    columns,
    ...(named && decl ? { rowType: { name: named, ...decl } } : {}),
  };
}

function declarationSite(ts: TsProgram, root: string, type: TsType): { file: string; line: number } | undefined {
  const symbol = type.getAliasSymbol?.() ?? type.aliasSymbol ?? type.getSymbol();
  const node = symbol && ts.declaration(symbol);
  return node ? { file: rel(root, node.getSourceFile().fileName), line: lineOf(node) } : undefined;
}

function columnOf(ts: TsProgram, root: string, p: TsNode, tableFile: string): ShapeColumn {
  const node = ts.declaration(p);
  const file = node ? rel(root, node.getSourceFile().fileName) : undefined;
  const kinds = ts.parts(ts.typeOfSymbol(p)).map((t) => kindOf(ts, t));
  const nullable = kinds.includes('null');
  const rest = [...new Set(kinds.filter((k) => k !== 'null' && k !== 'undefined'))];
  const type: CoarseType = rest.length === 1 && rest[0] !== 'any' ? rest[0]! : 'unknown';
  return {
    name: p.name,
    type,
    // `any` or `unknown` say nothing of null either
    ...(kinds.includes('any') ? {} : { nullable }),
    ...(node ? { line: lineOf(node) } : {}),
    ...(file && file !== tableFile ? { file } : {}),
  };
}

/** The coarse kind of one union member. */
function kindOf(ts: TsProgram, t: TsType): CoarseType | 'null' | 'undefined' | 'any' {
  const f = ts.typeFlags;
  const is = (...names: string[]) => names.some((n) => t.flags & f[n]!);
  if (is('Null')) return 'null';
  if (is('Undefined', 'Void')) return 'undefined';
  if (is('Any', 'Unknown')) return 'any';
  if (is('String', 'StringLiteral', 'TemplateLiteral', 'StringMapping')) return 'string';
  if (is('Number', 'NumberLiteral')) return 'number';
  if (is('BigInt', 'BigIntLiteral')) return 'bigint';
  if (is('Boolean', 'BooleanLiteral')) return 'boolean';
  if (!is('Object')) return 'unknown';
  const name = ts.name(t);
  if (name === 'Date') return 'date';
  if (name === 'Buffer' || name === 'Uint8Array') return 'buffer';
  if (ts.isArray(t)) return 'array';
  return 'json';
}

/** 1-based line of a node's first token (its leading comments and blank lines skipped). */
export function lineOf(node: TsNode): number {
  const sf = node.getSourceFile();
  const text: string = sf.text;
  let pos: number = node.pos;
  const trivia = /^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/.exec(text.slice(pos))!;
  pos += trivia[0].length;
  return sf.getLineAndCharacterOfPosition(pos).line + 1;
}

function nodeText(node: TsNode): string {
  return String(node.getSourceFile().text.slice(node.pos, node.end)).trim();
}

const rel = (root: string, file: string): string => relative(root, file).split('\\').join('/');

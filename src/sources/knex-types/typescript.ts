// The project's own TypeScript, behind the few calls the Knex types reader makes (read.ts): TypeScript 7
// (the native compiler: its JS API is `typescript/unstable/sync`, a checker in a tsgo process) or 5/6
// (the classic in-process `createProgram`). The project's copy, because its types (knex's own
// CompositeTableType, path aliases, its tsconfig) are what the row types mean; never imported statically.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolvePackage } from '../../check/knex-module.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- two compilers' untyped surfaces meet here */
type Any = any;

/** A node of either compiler's AST (kind, name, members, type...). */
export type TsNode = Any;
/** A type of either compiler. */
export type TsType = Any;
/** A symbol of either compiler. */
export type TsSymbol = Any;

/** One opened program: its source files and the checker calls read.ts makes, the same for TS 5 and 7. */
export interface TsProgram {
  /** SyntaxKind values of this compiler. */
  kind: { ModuleDeclaration: number; InterfaceDeclaration: number; PropertySignature: number };
  /** TypeFlags and SymbolFlags of this compiler. */
  typeFlags: Record<string, number>;
  optionalFlag: number;
  sourceFile(file: string): TsNode | undefined;
  typeOfNode(node: TsNode): TsType;
  properties(type: TsType): TsSymbol[];
  property(type: TsType, name: string): TsSymbol | undefined;
  typeOfSymbol(symbol: TsSymbol): TsType;
  /** The constituents of a union, else [type]. */
  parts(type: TsType): TsType[];
  /** The name of a type's symbol or alias (`User`, `Date`, `Array`), or undefined for an anonymous type. */
  name(type: TsType): string | undefined;
  isArray(type: TsType): boolean;
  /** Where a symbol is declared: the node of its first declaration. */
  declaration(symbol: TsSymbol): TsNode | undefined;
  close(): void;
}

/** The project's typescript: its version and where it is; undefined when the project has none. */
export function findTypeScript(root: string): { version: string; dir: string } | undefined {
  const found = resolvePackage(root, 'typescript/package.json');
  if (!found) return undefined;
  const pkg = JSON.parse(readFileSync(found.path, 'utf8')) as { version: string };
  return { version: pkg.version, dir: found.path.replace(/[\\/]package\.json$/, '') };
}

/** Use to open `files` in the project's TypeScript (7: the tsgo API; 5 and 6: createProgram); close() it after. */
export async function openProgram(root: string, ts: { version: string; dir: string }, files: string[]): Promise<TsProgram> {
  const major = Number(ts.version.split('.')[0]);
  return major >= 7 ? openNative(root, ts.dir, files) : openClassic(root, ts.dir, files);
}

/** Options the reading needs whatever the project's tsconfig says: `| null` must stay in the types. */
const OVERRIDES = { noEmit: true, skipLibCheck: true, allowJs: true, strictNullChecks: true, composite: false, incremental: false };

/** The tsconfig of the program that reads `files`: the project's tsconfig.json options (extended), these files only. */
function programConfig(root: string, files: string[]): object {
  const own = join(root, 'tsconfig.json');
  // With no tsconfig, no DOM library (TypeScript's default lib.d.ts): a server's row types never need it, and it is most of the parsing.
  return existsSync(own)
    ? { extends: own, compilerOptions: OVERRIDES, files, include: [], references: [] }
    : { compilerOptions: { ...OVERRIDES, lib: ['es2022'] }, files, include: [] };
}

async function openNative(root: string, dir: string, files: string[]): Promise<TsProgram> {
  const req = createRequire(join(dir, 'package.json'));
  const api = (await import(pathToFileURL(req.resolve('typescript/unstable/sync')).href)) as Any;
  const ast = (await import(pathToFileURL(req.resolve('typescript/unstable/ast')).href)) as Any;
  // A tsconfig of our own, naming only these files (and what they import), with the project's options:
  // opening the files alone would load the project's whole tsconfig program (seconds on a big one).
  const tmp = mkdtempSync(join(tmpdir(), 'pcc-knex-types-'));
  const tsconfig = join(tmp, 'tsconfig.json');
  writeFileSync(tsconfig, JSON.stringify(programConfig(root, files)));
  const client = new api.API({ cwd: root });
  const done = () => {
    client.close();
    rmSync(tmp, { recursive: true, force: true });
  };
  try {
    const snapshot = client.updateSnapshot({ openProjects: [tsconfig] });
    const project = snapshot.getProject(tsconfig) ?? snapshot.getProjects()[0];
    const checker = project.checker;
    return {
      kind: ast.SyntaxKind,
      typeFlags: api.TypeFlags,
      optionalFlag: api.SymbolFlags.Optional,
      sourceFile: (file) => project.program.getSourceFile(file),
      typeOfNode: (node) => checker.getTypeFromTypeNode(node),
      properties: (type) => [...checker.getPropertiesOfType(type)],
      property: (type, name) => checker.getPropertyOfType(type, name),
      typeOfSymbol: (symbol) => checker.getTypeOfSymbol(symbol),
      parts: (type) => (type.isUnionType() ? [...type.getTypes()] : [type]),
      name: (type) => type.getAliasSymbol()?.name ?? type.getSymbol()?.name,
      isArray: (type) => checker.isArrayType(type) || checker.isTupleType(type),
      declaration: (symbol) => symbol.declarations?.[0]?.resolve(),
      close: done,
    };
  } catch (error) {
    done();
    throw error;
  }
}

function openClassic(root: string, dir: string, files: string[]): TsProgram {
  const ts = createRequire(join(dir, 'package.json'))('typescript') as Any;
  const configFile = join(root, 'tsconfig.json');
  const fromConfig = existsSync(configFile) ? ts.parseJsonConfigFileContent(ts.readConfigFile(configFile, ts.sys.readFile).config ?? {}, ts.sys, root).options : { lib: ['lib.es2022.d.ts'] };
  const program = ts.createProgram(files, { ...fromConfig, ...OVERRIDES });
  const checker = program.getTypeChecker();
  return {
    kind: ts.SyntaxKind,
    typeFlags: ts.TypeFlags,
    optionalFlag: ts.SymbolFlags.Optional,
    sourceFile: (file) => program.getSourceFile(file),
    typeOfNode: (node) => checker.getTypeFromTypeNode(node),
    properties: (type) => checker.getPropertiesOfType(type),
    property: (type, name) => checker.getPropertyOfType(type, name),
    typeOfSymbol: (symbol) => checker.getTypeOfSymbolAtLocation(symbol, symbol.valueDeclaration ?? symbol.declarations?.[0]),
    parts: (type) => (type.isUnion() ? [...type.types] : [type]),
    name: (type) => type.aliasSymbol?.name ?? type.getSymbol()?.name,
    isArray: (type) => (checker.isArrayType ? checker.isArrayType(type) || checker.isTupleType(type) : ['Array', 'ReadonlyArray'].includes(type.getSymbol()?.name)),
    declaration: (symbol) => symbol.declarations?.[0],
    close: () => {},
  };
}

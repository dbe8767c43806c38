// Loading a project's TypeORM DataSource and building its entity metadata WITHOUT connecting: the
// project's own typeorm, a fresh DataSource with its options (type 'postgres', no migrations or
// subscribers), then buildMetadatas(), the step initialize() runs before it connects. Entities are
// compiled by tsx with legacy decorators (the project's tsconfig when it enables them, else ours),
// and design:type comes from their source text when nothing emitted it (design-type.ts).
import { createRequire } from 'node:module';
import { dirname, extname, isAbsolute, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { glob } from 'tinyglobby';
import { ensureLoader } from '../../util/import-user-file.ts';
import { runUserCode } from '../../util/user-code.ts';
import { installDesignTypes, type UnknownDesignType } from './design-type.ts';
import { entityCompileSettings } from './tsconfig.ts';
import type { TypeormDataSource, TypeormEntityMetadata } from './typeorm-types.ts';

/** What loading a data source gives: the metadata of its tables, and where each entity class is declared. */
export interface LoadedDataSource {
  dataSource: TypeormDataSource;
  metadatas: TypeormEntityMetadata[];
  /** Entity class -> absolute file that declares it (from the stack of its @Entity decorator). */
  classFiles: ClassFiles;
}

/** Why a data source could not be read: the step, and the properties whose type was unknown. */
export class DataSourceLoadError extends Error {
  constructor(
    readonly step: 'import' | 'no-data-source' | 'metadata',
    readonly original: unknown,
    readonly unknownTypes: UnknownDesignType[] = [],
  ) {
    super(original instanceof Error ? original.message : String(original));
    this.name = 'DataSourceLoadError';
  }
}

/** Where each entity class was declared. */
export type ClassFiles = Pick<WeakMap<object, string>, 'get'>;

// Kept for the process: a module imported again is not evaluated again, so its @Entity does not run again.
const classFiles = new WeakMap<object, string>();

// Our own modules (this package's src/ or dist/): a stack frame in one of them is not the user's entity.
const TOOL_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const ownFile = (file: string) => [join(TOOL_ROOT, 'src'), join(TOOL_ROOT, 'dist')].some((dir) => file.startsWith(dir + sep));

type ScopedImport = (specifier: string, parent: string) => Promise<Record<string, unknown>>;
const importers = new Map<string, ScopedImport>();

/** A tsx import scoped to its own namespace that compiles with `tsconfig` (one registration per tsconfig and process). */
async function scopedImport(tsconfig: string): Promise<ScopedImport> {
  let found = importers.get(tsconfig);
  if (!found) {
    const { register } = await import('tsx/esm/api');
    const api = register({ namespace: `pcc-typeorm-${importers.size}`, tsconfig });
    found = api.import as ScopedImport;
    importers.set(tsconfig, found);
  }
  return found;
}

/** The DataSource a module exports: its default export, else the first named export that is one. */
export function findDataSource(ns: Record<string, unknown>): TypeormDataSource | undefined {
  const isDataSource = (v: unknown): v is TypeormDataSource =>
    !!v && typeof v === 'object' && ((v as Record<string, unknown>)['@instanceof'] === Symbol.for('DataSource') || typeof (v as { buildMetadatas?: unknown }).buildMetadatas === 'function');
  const nested = ns.default && typeof ns.default === 'object' && !isDataSource(ns.default) ? Object.values(ns.default as object) : [];
  return [ns.default, ...Object.values(ns), ...nested].find(isDataSource);
}

const ENTITY_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts']);

/** `entities` with each glob string replaced by the classes its files export (as TypeORM would, but through our loader). */
async function expandEntities(root: string, entities: unknown, load: (file: string) => Promise<Record<string, unknown>>): Promise<unknown[]> {
  const list = Array.isArray(entities) ? entities : entities && typeof entities === 'object' ? Object.values(entities) : [];
  const out: unknown[] = [];
  for (const item of list) {
    if (typeof item !== 'string') {
      out.push(item);
      continue;
    }
    const pattern = (isAbsolute(item) ? item : resolve(root, item)).split('\\').join('/');
    for (const file of (await glob(pattern, { absolute: true, ignore: ['**/*.d.ts'] })).sort()) {
      if (!ENTITY_EXTENSIONS.has(extname(file))) continue;
      out.push(...exportedValues(await load(file)));
    }
  }
  return out;
}

/** Classes and EntitySchemas a module exports (TypeORM's loadFileClasses). */
function exportedValues(ns: Record<string, unknown>): unknown[] {
  const out: unknown[] = [];
  const visit = (v: unknown, depth: number) => {
    if (typeof v === 'function') out.push(v);
    else if (v && typeof v === 'object' && (v as Record<string, unknown>)['@instanceof'] === Symbol.for('EntitySchema')) out.push(v);
    else if (Array.isArray(v) && depth < 3) v.forEach((x) => visit(x, depth + 1));
    else if (v && typeof v === 'object' && depth < 1) Object.values(v).forEach((x) => visit(x, depth + 1));
  };
  visit(ns, 0);
  return [...new Set(out)];
}

/** The project's typeorm and reflect-metadata, as it resolves them; undefined when it has no typeorm. */
export function projectTypeorm(root: string): { getMetadataArgsStorage: () => { tables: unknown[] } } | undefined {
  const req = createRequire(resolve(root, 'package.json'));
  let typeorm: { getMetadataArgsStorage: () => { tables: unknown[] } };
  try {
    typeorm = req('typeorm') as typeof typeorm;
  } catch {
    return undefined;
  }
  try {
    req('reflect-metadata');
  } catch {
    // entities that need it import it themselves; without it TypeORM asks our fallback alone
  }
  return typeorm;
}

/**
 * Use to read the entities of the data source module `absFile` (guarded user code, at most
 * `timeoutS` seconds). Throws DataSourceLoadError for the user's mistakes; TypeORM absent is the caller's check.
 */
export async function loadDataSource(root: string, absFile: string, timeoutS: number, typeorm: NonNullable<ReturnType<typeof projectTypeorm>>): Promise<LoadedDataSource> {
  await ensureLoader();
  const settings = entityCompileSettings(root);
  const load = await scopedImport(settings.tsconfig);
  const importFile = (file: string) => load(pathToFileURL(file).href, import.meta.url);
  const types = installDesignTypes({ root, strictNullChecks: settings.strictNullChecks, ownFile });
  const tables = typeorm.getMetadataArgsStorage().tables as unknown[] & { push: (...items: unknown[]) => number };
  tables.push = function (this: unknown[], ...items: unknown[]) {
    const file = types.askingFile(new Error().stack ?? '');
    for (const item of items) {
      const target = (item as { target: unknown }).target;
      if (file && typeof target === 'function') classFiles.set(target, file);
    }
    return Array.prototype.push.apply(this, items);
  };
  try {
    return await runUserCode({ kind: 'model', file: absFile }, () => build(root, absFile, importFile, classFiles, types.unknown), { timeoutMs: timeoutS * 1000 });
  } finally {
    delete (tables as { push?: unknown }).push;
    types.restore();
  }
}

async function build(root: string, absFile: string, importFile: (file: string) => Promise<Record<string, unknown>>, classFiles: ClassFiles, unknown: UnknownDesignType[]): Promise<LoadedDataSource> {
  let ns: Record<string, unknown>;
  try {
    ns = await importFile(absFile);
  } catch (error) {
    throw new DataSourceLoadError('import', error, unknown);
  }
  const found = findDataSource(ns);
  if (!found) throw new DataSourceLoadError('no-data-source', new Error('no DataSource export'));
  try {
    const entities = await expandEntities(root, found.options.entities, importFile);
    const Ctor = found.constructor as new (options: Record<string, unknown>) => TypeormDataSource;
    const dataSource = new Ctor({ ...found.options, type: 'postgres', entities, migrations: [], subscribers: [] });
    await dataSource.buildMetadatas();
    return { dataSource, metadatas: dataSource.entityMetadatas, classFiles };
  } catch (error) {
    throw new DataSourceLoadError('metadata', error, unknown);
  }
}

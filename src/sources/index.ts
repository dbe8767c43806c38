// Every model source of a project: ours (`models`, src/model-api/) and those of `from`
// (src/sources/<key>/). To add a source: a module implementing ModelSource, one line in SOURCES.
import { PccError } from '../errors.ts';
import type { ModelSources, ResolvedConfig } from '../config/types.ts';
import { loadModels, type LoadCache, type LoadModelsResult } from '../model-api/load.ts';
import { sourceMessages as m } from '../messages/sources.ts';
import { jsString } from '../util/escape.ts';
import type { PackageJson } from '../init/detect.ts';
import type { Finding } from '../diff/findings.ts';
import type { LoadedModel } from '../model-api/types.ts';
import type { ModelSource, ShapeTable, SourceResult } from './types.ts';
import { drizzleSource } from './drizzle/index.ts';
import { knexTypesSource } from './knex-types/index.ts';
import { objectionSource } from './objection/index.ts';
import { typeormSource } from './typeorm/index.ts';

/** The sources of `from`, by key. */
const SOURCES: { [K in keyof Required<ModelSources>]: ModelSource<K> } = {
  knexTypes: knexTypesSource,
  drizzle: drizzleSource,
  typeorm: typeormSource,
  objection: objectionSource,
};

/** The configured sources with their entries. */
function configured(from: ModelSources): Array<[ModelSource, NonNullable<ModelSources[keyof ModelSources]>]> {
  const out: Array<[ModelSource, NonNullable<ModelSources[keyof ModelSources]>]> = [];
  for (const key of Object.keys(from) as Array<keyof ModelSources>) {
    const entry = from[key];
    if (entry === undefined) continue;
    out.push([SOURCES[key] as ModelSource, entry]);
  }
  return out;
}

/** True when the config names a source other than `models`. */
export const hasSources = (config: Pick<ResolvedConfig, 'from'>): boolean => Object.values(config.from).some((v) => v !== undefined);

/**
 * Use with findModelFiles: the files every source of `from` reads (absolute, sorted). A source whose
 * globs match nothing is a configuration error (exit 2), like `models` globs that match nothing.
 */
export async function findSourceFiles(config: Pick<ResolvedConfig, 'root' | 'from' | 'source'>): Promise<string[]> {
  const all: string[] = [];
  for (const [source, entry] of configured(config.from)) {
    const files = await source.files(config.root, entry);
    if (files.length === 0) throw new PccError('CONFIG_INVALID', m.noFiles(source.key, entry, config.root, config.source), { hint: m.noFilesHint(source.key) });
    all.push(...files);
  }
  return [...new Set(all)].sort();
}

/** Every model of the project: ours, plus each source's (full-fidelity ones as models, shape-only ones as shapes). */
export interface ProjectModels extends LoadModelsResult {
  shapes: ShapeTable[];
}

/** Use to load every model a check compares: `models` through our loader, then each source of `from`. */
export async function loadProjectModels(config: Pick<ResolvedConfig, 'root' | 'models' | 'from'>, options: { timeoutS: number; files?: string[]; cache?: LoadCache }): Promise<ProjectModels> {
  const ours = config.models.length > 0 ? await loadModels(config.root, config.models, options) : { models: [], findings: [], files: [], failed: [] };
  const result: ProjectModels = { ...ours, shapes: [] };
  for (const [source, entry] of configured(config.from)) {
    const got: SourceResult = await source.load({ root: config.root, timeoutS: options.timeoutS }, entry);
    result.models.push(...got.models);
    result.shapes.push(...got.shapes);
    result.findings.push(...got.findings);
    result.failed.push(...got.failed);
  }
  return result;
}

/**
 * Use before the report: findings about a source's models with hints in that source's terms
 * (ModelSource.hint); and, in a project whose models all come from one source of `from`, an
 * unmodeled table's hint says how to declare it there, not with defineModel.
 */
export function inSourceTerms(findings: readonly Finding[], models: readonly LoadedModel[], config?: Pick<ResolvedConfig, 'models' | 'from'>): Finding[] {
  const sources = config && config.models.length === 0 ? configured(config.from) : [];
  const only = sources.length === 1 ? sources[0]![0].key : undefined;
  return findings.map((f) => {
    if (only && f.code === 'unmodeled-table' && f.table !== null && f.hint.startsWith('declare it with defineModel(')) {
      return { ...f, hint: m.unmodeledTableHint(only, f.table, jsString(`${f.schema}.${f.table}`)) };
    }
    const lm = f.model === null ? undefined : models.find((x) => x.source && x.name === f.model && x.file === f.file);
    const source = lm?.source ? (SOURCES[lm.source] as ModelSource) : undefined;
    return source?.hint ? source.hint(f, lm!) : f;
  });
}

/** For init: the `from` entries of the sources this project has. */
export async function detectSources(root: string, pkg: PackageJson): Promise<ModelSources> {
  const found: ModelSources = {};
  for (const source of Object.values(SOURCES)) {
    const entry = await source.detect(root, pkg);
    if (entry !== undefined) (found as Record<string, unknown>)[source.key] = entry;
  }
  return found;
}

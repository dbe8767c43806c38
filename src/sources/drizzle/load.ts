// Reading the drizzle schema files: each is imported (guarded, time-limited: importUserFile), its
// exported tables found and turned into models of the IR with their file and line. A file that fails,
// or exports nothing of Drizzle, is an invalid-model finding naming it; one bad file hides no other.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Finding } from '../../diff/findings.ts';
import { describeLoadError, findModelFiles } from '../../model-api/load.ts';
import { setSite } from '../../model-api/site.ts';
import type { LoadedModel, Model } from '../../model-api/types.ts';
import { modelFinding } from '../../model-api/validate.ts';
import { drizzleMessages as m } from '../../messages/drizzle.ts';
import { importUserFile } from '../../util/import-user-file.ts';
import { UserExitError, UserTimeoutError } from '../../util/user-code.ts';
import type { SourceContext, SourceResult } from '../types.ts';
import type { ReadContext } from './columns.ts';
import { loadDrizzle, type DrizzleOrm } from './orm.ts';
import { tableLine } from './site.ts';
import { columnKeys, tableModel } from './table.ts';
import { rememberTable, resetNames } from './names.ts';

const ENTITY_KIND = Symbol.for('drizzle:entityKind');
const IS_ALIAS = Symbol.for('drizzle:IsAlias');

/** drizzle.config's files, where drizzle-kit reads `casing` (a column named by its key is then snake_cased). */
export const DRIZZLE_CONFIGS = ['drizzle.config.ts', 'drizzle.config.mts', 'drizzle.config.js', 'drizzle.config.mjs', 'drizzle.config.cjs', 'drizzle.config.json'];

/** The `casing` of the project's drizzle.config, read as text (importing it would run its dotenv and connection code). */
export function configCasing(root: string): string | undefined {
  for (const name of DRIZZLE_CONFIGS) {
    const file = join(root, name);
    if (!existsSync(file)) continue;
    const hit = /["']?casing["']?\s*:\s*["'](snake_case|camelCase)["']/.exec(readFileSync(file, 'utf8'));
    return hit?.[1];
  }
  return undefined;
}

/** A module's exports, with a CommonJS module.exports object (arriving as default) opened. */
function exportsOf(ns: Record<string, unknown>): Array<[string, unknown]> {
  const entries = Object.entries(ns);
  const d = ns.default;
  if (d && typeof d === 'object' && !(ENTITY_KIND in (d.constructor ?? {}))) entries.push(...Object.entries(d as object));
  return entries;
}

/** True for anything drizzle made (a table, an enum, relations, a schema, a view): the file is a schema module. */
const isDrizzleThing = (v: unknown): boolean =>
  (typeof v === 'function' && 'enumName' in v) || (v !== null && typeof v === 'object' && ENTITY_KIND in ((v as object).constructor ?? {}));

/** The table objects a module exports (aliases aside), each once, with its first export name. */
function tablesOf(orm: DrizzleOrm, ns: Record<string, unknown>): Array<[string, object]> {
  const out: Array<[string, object]> = [];
  for (const [name, value] of exportsOf(ns)) {
    if (!value || typeof value !== 'object' || !orm.is(value, orm.PgTable) || (value as Record<symbol, unknown>)[IS_ALIAS]) continue;
    if (!out.some(([, t]) => t === value)) out.push([name, value]);
  }
  return out;
}

/** A finding for a schema file that did not import. */
function loadFailure(file: string, error: unknown): Finding {
  if (error instanceof UserExitError) return modelFinding('invalid-model', { file, message: m.exitCalled(file, error.call), hint: m.exitCalledHint });
  if (error instanceof UserTimeoutError) return modelFinding('invalid-model', { file, message: m.timedOut(file, error.seconds), hint: m.timedOutHint });
  return modelFinding('invalid-model', { file, message: m.loadFailed(file, describeLoadError(error)), hint: m.loadFailedHint });
}

/** Use as the source's load(): every table of the files `globs` match, as models. */
export async function loadDrizzleTables(ctx: SourceContext, globs: string[]): Promise<SourceResult> {
  const result: SourceResult = { models: [], shapes: [], findings: [], failed: [] };
  const files = await findModelFiles(ctx.root, globs);
  if (files.length === 0) return result;
  const read: ReadContext = { orm: loadDrizzle(ctx.root), casing: configCasing(ctx.root) };
  resetNames();
  // One table object is one model, however many files export it: it belongs to the file declaring it.
  const byTable = new Map<object, { at: number; declared: boolean }>();
  for (const abs of files) {
    const file = relative(ctx.root, abs).split('\\').join('/');
    let ns: Record<string, unknown>;
    try {
      ns = await importUserFile(abs, { kind: 'model', timeoutS: ctx.timeoutS });
    } catch (error) {
      result.findings.push(loadFailure(file, error));
      result.failed.push(file);
      continue;
    }
    if (!exportsOf(ns).some(([, v]) => isDrizzleThing(v))) result.findings.push(modelFinding('invalid-model', { file, message: m.noTable(file), hint: m.noTableHint }));
    for (const [exportName, table] of tablesOf(read.orm, ns)) {
      const seen = byTable.get(table);
      if (seen?.declared) continue;
      const lm = readTable(read, table, abs, file, exportName, result);
      if (!lm) continue;
      if (!seen) byTable.set(table, { at: result.models.push(lm.model) - 1, declared: lm.declares });
      else if (lm.declares) {
        result.models[seen.at] = lm.model;
        seen.declared = true;
      }
    }
  }
  return result;
}

/** One table as a loaded model, or undefined (with a finding) when drizzle cannot describe it. */
function readTable(read: ReadContext, table: object, abs: string, file: string, exportName: string, result: SourceResult): { model: LoadedModel; declares: boolean } | undefined {
  let model: Model;
  try {
    model = tableModel(read, table);
  } catch (error) {
    result.findings.push(modelFinding('invalid-model', { file, model: exportName, message: m.badTable(file, exportName, (error as Error).message), hint: m.badTableHint }));
    return undefined;
  }
  const site = tableLine(abs, model.table, exportName);
  setSite(model, abs, site.line);
  rememberTable(model.schema, model.table, exportName, columnKeys(read, table));
  return { model: { name: exportName, file, exportName, model: Object.freeze(model), source: 'drizzle' }, declares: site.declares };
}

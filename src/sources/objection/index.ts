// from.objection (issue 14): Objection model classes, loaded as the application loads them
// (importUserFile: guarded, time-limited) and read through their statics (read.ts): shape-only
// tables that state a table and some of its columns, compared on that alone (complete: false).
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { glob } from 'tinyglobby';
import type { Finding } from '../../diff/findings.ts';
import { modelFinding } from '../../model-api/validate.ts';
import { importUserFile } from '../../util/import-user-file.ts';
import { objectionMessages as m } from '../../messages/shape.ts';
import { hasDependency } from '../../init/detect.ts';
import type { ModelSource, ShapeTable, SourceResult } from '../types.ts';
import { classLines, mergeByTable, modelClasses, readModelClass } from './read.ts';

const IGNORE = ['**/node_modules/**', '**/*.d.ts', '**/*.d.mts'];
const MODEL_FILE = /\bfrom\s+['"]objection['"]|require\(\s*['"]objection['"]\s*\)/;

/** Use as SOURCES.objection. */
export const objectionSource: ModelSource<'objection'> = {
  key: 'objection',
  files: async (root, globs) => (await glob(globs, { cwd: root, absolute: true, ignore: IGNORE })).sort(),
  async load(ctx, globs) {
    const result: SourceResult = { models: [], shapes: [], findings: [], failed: [] };
    const tables: ShapeTable[] = [];
    for (const abs of await objectionSource.files(ctx.root, globs)) {
      const file = relative(ctx.root, abs).split('\\').join('/');
      try {
        const ns = await importUserFile(abs, { timeoutS: ctx.timeoutS });
        const classes = modelClasses(ns);
        if (classes.length === 0) result.findings.push(modelFinding('invalid-model', { file, message: m.noModel(file), hint: m.noModelHint }));
        const text = await readFile(abs, 'utf8');
        for (const cls of classes) tables.push(...readClass(cls, file, text, result.findings));
      } catch (error) {
        result.failed.push(file);
        result.findings.push(modelFinding('invalid-model', { file, message: m.loadFailed(file, firstLine(error)), hint: m.loadFailedHint }));
      }
    }
    result.shapes = mergeByTable(tables);
    return result;
  },
  async detect(root, pkg) {
    if (!hasDependency(pkg, 'objection')) return undefined;
    const candidates = await glob(['**/*.{ts,mts,js,mjs,cjs}'], { cwd: root, ignore: [...IGNORE, 'dist/**', 'build/**', 'coverage/**', 'test/**', 'tests/**', 'migrations/**'] });
    const found: string[] = [];
    for (const f of candidates.sort()) {
      const text = await readFile(`${root}/${f}`, 'utf8').catch(() => '');
      if (MODEL_FILE.test(text) && /\btableName\b/.test(text)) found.push(f);
    }
    return found.length ? found : undefined;
  },
};

/** One class's table; when its relationMappings throw, a finding and the table with no column. */
function readClass(cls: Parameters<typeof readModelClass>[0], file: string, text: string, findings: Finding[]): ShapeTable[] {
  try {
    return [readModelClass(cls, file, classLines(text, cls.name, String(cls.tableName)))];
  } catch (error) {
    findings.push(modelFinding('invalid-model', { file, model: cls.name, message: m.badRelations(cls.name, file, firstLine(error)), hint: m.badRelationsHint }));
    // its table is still claimed (no unmodeled-table besides this finding), with no column compared
    return [{ ...readModelClass({ name: cls.name, tableName: cls.tableName, idColumn: [] } as unknown as typeof cls, file, { column: () => undefined }), columns: [] }];
  }
}

const firstLine = (error: unknown): string => String((error as Error)?.message ?? error).split('\n')[0]!;

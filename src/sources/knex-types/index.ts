// from.knexTypes (issue 14): Knex's own table types, `declare module 'knex/types/tables'`, read with
// the project's TypeScript (typescript.ts) as shape-only tables: columns, coarse types, nullability.
import { readFile } from 'node:fs/promises';
import { glob } from 'tinyglobby';
import type { Finding } from '../../diff/findings.ts';
import { modelFinding } from '../../model-api/validate.ts';
import { knexTypesMessages as m } from '../../messages/shape.ts';
import { hasDependency, type PackageJson } from '../../init/detect.ts';
import type { ModelSource, ShapeTable, SourceResult } from '../types.ts';
import { findTypeScript, openProgram } from './typescript.ts';
import { readTables, type ReadResult } from './read.ts';
import { relative } from 'node:path';

const IGNORE = ['**/node_modules/**'];
const DECLARATION = /declare\s+module\s+['"]knex\/types\/tables['"]/;

/** Use as SOURCES.knexTypes. */
export const knexTypesSource: ModelSource<'knexTypes'> = {
  key: 'knexTypes',
  files: async (root, globs) => (await glob(globs, { cwd: root, absolute: true, ignore: IGNORE })).sort(),
  async load(ctx, globs) {
    const files = await knexTypesSource.files(ctx.root, globs);
    const shown = files.map((f) => relative(ctx.root, f).split('\\').join('/'));
    const ts = findTypeScript(ctx.root);
    if (!ts) return failure(shown, m.noTypeScript(shown[0]!), m.noTypeScriptHint);
    let read: ReadResult;
    try {
      const program = await openProgram(ctx.root, ts, files);
      try {
        read = readTables(program, ctx.root, files);
      } finally {
        program.close();
      }
    } catch (error) {
      return failure(shown, m.failed(shown.join(', '), (error as Error)?.message ?? String(error)), m.failedHint);
    }
    return resultOf(read, shown);
  },
  async detect(root, pkg) {
    if (!hasDependency(pkg, 'knex')) return undefined;
    const candidates = await glob(['**/*.{ts,mts,cts}'], { cwd: root, ignore: [...IGNORE, 'dist/**', 'build/**', 'coverage/**'] });
    const found: string[] = [];
    for (const f of candidates.sort()) if (DECLARATION.test(await readFile(`${root}/${f}`, 'utf8').catch(() => ''))) found.push(f);
    return found.length ? found : undefined;
  },
};

function failure(files: string[], message: string, hint: string): SourceResult {
  return { models: [], shapes: [], findings: [modelFinding('invalid-model', { file: files[0]!, message, hint })], failed: files };
}

/** Tables whose row type is unresolved are claimed (no unmodeled-table) and not compared: their invalid-model says why. */
function resultOf(read: ReadResult, files: string[]): SourceResult {
  const findings: Finding[] = [];
  const shapes: ShapeTable[] = [...read.tables];
  if (read.declaring.length === 0) findings.push(modelFinding('invalid-model', { file: files[0]!, message: m.noDeclaration(files.join(', ')), hint: m.noDeclarationHint }));
  for (const u of read.unresolved) {
    const dot = u.key.indexOf('.');
    const [schema, table] = dot < 0 ? ['public', u.key] : [u.key.slice(0, dot), u.key.slice(dot + 1)];
    shapes.push({ source: 'knexTypes', name: `Tables['${u.key}']`, file: u.file, line: u.line, schema, table, complete: false, columns: [] });
    findings.push({ ...modelFinding('invalid-model', { file: u.file, model: `Tables['${u.key}']`, schema, table, message: m.unresolved(u.key, u.type), hint: m.unresolvedHint(u.type) }), line: u.line });
  }
  return { models: [], shapes, findings, failed: [] };
}

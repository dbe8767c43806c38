// The TypeORM source (from.typeorm): a module exporting a DataSource, whose entities are read with no
// database connection (load.ts) and become models of our IR (convert.ts), checked like defineModel's.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { modelFinding } from '../../model-api/validate.ts';
import { typeormMessages as m } from '../../messages/typeorm.ts';
import { UserExitError, UserTimeoutError } from '../../util/user-code.ts';
import type { Finding } from '../../diff/findings.ts';
import type { ModelSource, SourceContext, SourceResult } from '../types.ts';
import { toModels } from './convert.ts';
import { DataSourceLoadError, loadDataSource, projectTypeorm } from './load.ts';
import { detectDataSource } from './detect.ts';
import { typeormHint } from './hint.ts';

const rel = (root: string, abs: string) => relative(root, abs).split('\\').join('/');

/** The entity globs a data source module names as strings (`entities: ['src/entity/*.ts']`): their files count as its own. */
function entityGlobs(text: string): string[] {
  const list = /\bentities\s*:\s*\[([^\]]*)\]/.exec(text);
  if (!list) return [];
  return [...list[1]!.matchAll(/(['"`])([^'"`]*\*[^'"`]*)\1/g)].map((x) => x[2]!);
}

async function files(root: string, entry: string): Promise<string[]> {
  const abs = resolve(root, entry);
  if (!existsSync(abs)) return [];
  const globs = entityGlobs(readFileSync(abs, 'utf8')).map((g) => (isAbsolute(g) ? g : resolve(root, g)).split('\\').join('/'));
  const entities = globs.length > 0 ? await glob(globs, { absolute: true, ignore: ['**/node_modules/**', '**/*.d.ts'] }) : [];
  return [...new Set([abs, ...entities])].sort();
}

/** The finding of a data source that could not be read. */
function failure(root: string, file: string, error: unknown): Finding {
  if (error instanceof UserExitError) return modelFinding('invalid-model', { file, message: m.exitCalled(file, error.call), hint: m.exitCalledHint });
  if (error instanceof UserTimeoutError) return modelFinding('invalid-model', { file, message: m.timedOut(file, error.seconds), hint: m.timedOutHint });
  const e = error instanceof DataSourceLoadError ? error : new DataSourceLoadError('import', error);
  const reason = describe(e.original).replace(/\.+$/, '');
  if (e.step === 'no-data-source') return modelFinding('invalid-model', { file, message: m.noDataSource(file), hint: m.noDataSourceHint });
  if (e.step === 'import') return modelFinding('invalid-model', { file, message: m.loadFailed(file, reason), hint: m.loadFailedHint });
  const named = e.unknownTypes.filter((u) => reason.includes(`${u.className}.${u.property}`) || reason.includes(`${u.className}#${u.property}`));
  if (named.length === 0) return modelFinding('invalid-model', { file, message: m.metadataFailed(file, reason), hint: m.metadataFailedHint });
  const u = named[0]!;
  const props = named.map((x) => `${x.className}.${x.property} (${x.annotation}, ${rel(root, x.file)}:${x.line})`).join(', ');
  return modelFinding('invalid-model', { file, message: m.unknownType(file, reason, props), hint: m.unknownTypeHint(`@Column({ type: 'varchar' }) ${u.property}: ${u.annotation}`) });
}

function describe(error: unknown): string {
  const e = error as Error & { errors?: Array<{ text: string; location?: { line: number; column: number } }> };
  if (Array.isArray(e?.errors) && e.errors.length) return e.errors.map((x) => (x.location ? `${x.text} (line ${x.location.line}:${x.location.column})` : x.text)).join('; ');
  return (e?.message ?? String(error)).split('\n').filter((l) => l.trim()).slice(0, 3).join(' ').slice(0, 500);
}

async function load(ctx: SourceContext, entry: string): Promise<SourceResult> {
  const abs = resolve(ctx.root, entry);
  const file = rel(ctx.root, abs);
  const typeorm = projectTypeorm(ctx.root);
  if (!typeorm) return { models: [], shapes: [], findings: [modelFinding('invalid-model', { file, message: m.notInstalled(file, ctx.root), hint: m.notInstalledHint })], failed: [file] };
  try {
    const loaded = await loadDataSource(ctx.root, abs, ctx.timeoutS, typeorm);
    return { models: toModels(loaded.metadatas, loaded.dataSource.driver, ctx.root, abs, loaded.classFiles), shapes: [], findings: [], failed: [] };
  } catch (error) {
    return { models: [], shapes: [], findings: [failure(ctx.root, file, error)], failed: [file] };
  }
}

/** from.typeorm: a module exporting a TypeORM DataSource (default or named export). */
export const typeormSource: ModelSource<'typeorm'> = {
  key: 'typeorm',
  files,
  load,
  detect: detectDataSource,
  hint: typeormHint,
};

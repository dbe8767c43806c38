// `pre-commit-check pull [--out DIR] [--force] [--quiet]`: write model files from a database or the migrations.
// Only tables no model of the project declares are written (a second model of a table would be a
// duplicate-model); every file lands under --out, whatever the tables are called.
import { existsSync, lstatSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { PccError, redact } from '../../errors.ts';
import { writeModelFiles, type PulledFile } from '../../generate/model-writer.ts';
import { pullSchema } from '../../generate/pull.ts';
import { insideDir } from '../../generate/safe-path.ts';
import { throwIfInterrupted } from '../../util/interrupt.ts';
import { generateMessages as m } from '../../messages/generators.ts';
import { loadModels } from '../../model-api/load.ts';
import type { CliArgs } from '../args.ts';

/** Use to choose pull's default output: the fixed part of the first models glob ('src/models/**' -> src/models). */
export function defaultPullDir(globs: string[]): string {
  const first = globs[0] ?? 'models';
  const fixed = first.split('/').filter((p, i, all) => !/[*?{[]/.test(p) && all.slice(0, i).every((q) => !/[*?{[]/.test(q)));
  return fixed.join('/') || 'models';
}

/** Use for the pull command; returns the exit code. */
export async function runPullCommand(args: CliArgs): Promise<number> {
  const source = await pullSchema({ cwd: args.cwd, config: args.config, knexfile: args.knexfile, databaseUrl: args.databaseUrl, cache: args.cache });
  const root = source.config.root;
  throwIfInterrupted(); // a schema read while the run was being stopped is never written out
  const label = source.fromUrl ? m.pullFromUrl(redact(args.databaseUrl!)) : m.pullFromMigrations;
  for (const f of source.findings) process.stderr.write(m.pullMigrationFailed(f.message) + '\n');
  const all = writeModelFiles(source.schema);
  if (all.length === 0) {
    process.stdout.write(m.pullNothing(label) + '\n');
    return source.findings.length ? 1 : 0;
  }
  const { files, failed } = await withoutModelledTables(root, source.config.models, all);
  // --out is relative to where the command runs, like every path flag; the default to the project root.
  const outDir = args.out ? resolve(args.cwd, args.out) : resolve(root, defaultPullDir(source.config.models));
  const targets = files.map((f) => ({ file: f, path: targetPath(outDir, f) }));
  const broken = targets.find((t) => failed.some((bad) => resolve(root, bad) === t.path));
  if (broken) throw new PccError('USAGE', m.pullWouldOverwriteBroken(relative(root, broken.path)), { hint: m.pullWouldOverwriteBrokenHint });
  const existing = targets.filter((t) => existsSync(t.path) || isLink(t.path)).map((t) => relative(root, t.path));
  if (existing.length && !args.force) {
    throw new PccError('USAGE', m.pullWouldOverwrite(existing), { hint: m.pullWouldOverwriteHint });
  }
  for (const t of targets) writeInside(outDir, t.path, t.file.content, root);
  if (files.length) {
    process.stdout.write(m.pullWritten(files.length, relative(process.cwd(), outDir) || '.', label) + '\n');
    if (!args.quiet) process.stdout.write(m.pullNext(source.config.models) + '\n');
  } else process.stdout.write(m.pullAllModelled(label) + '\n');
  return source.findings.length ? 1 : 0;
}

/**
 * The files of tables that no model of the project declares; says which tables it leaves out and why.
 * A model file that does not load may declare anything: the user is told that its tables may come out
 * twice, and its path is never written (the caller refuses, exit 2).
 */
async function withoutModelledTables(root: string, globs: string[], files: PulledFile[]): Promise<{ files: PulledFile[]; failed: string[] }> {
  const loaded = await loadModels(root, globs);
  const declared = new Map(loaded.models.map((lm) => [JSON.stringify([lm.model.schema, lm.model.table]), lm]));
  const keep: PulledFile[] = [];
  for (const f of files) {
    const lm = declared.get(JSON.stringify([f.schema, f.table]));
    if (lm) process.stdout.write(m.pullSkipped(`${f.schema}.${f.table}`, lm.name, lm.file) + '\n');
    else keep.push(f);
  }
  for (const file of loaded.failed) process.stderr.write(m.pullModelFailed(file) + '\n');
  return { files: keep, failed: loaded.failed };
}

/** <out>/<path>, refused unless it stays inside <out> (the file names are made safe already: this is the last guard). */
function targetPath(outDir: string, f: PulledFile): string {
  if (!insideDir(outDir, f.path)) throw new PccError('INTERNAL', m.pullOutsideOut(f.path, `${f.schema}.${f.table}`));
  return join(outDir, f.path);
}

const isLink = (p: string): boolean => {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
};

/** Write one file, never through a symbolic link that leads out of <out> (a link inside it could point anywhere). */
function writeInside(outDir: string, target: string, content: string, root: string): void {
  mkdirSync(dirname(target), { recursive: true });
  const realOut = realpathSync(outDir);
  if (!insideDir(realOut, join(realpathSync(dirname(target)), 'x')) || isLink(target)) {
    throw new PccError('USAGE', m.pullThroughLink(relative(root, target)), { hint: m.pullThroughLinkHint });
  }
  writeFileSync(target, content);
}

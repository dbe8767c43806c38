// `pre-commit-check pull [--out DIR] [--force]`: write model files from a database or the migrations.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { PccError, redact } from '../../errors.ts';
import { writeModelFiles } from '../../generate/model-writer.ts';
import { pullSchema } from '../../generate/pull.ts';
import { generateMessages as m } from '../../messages/generators.ts';
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
  const label = source.fromUrl ? m.pullFromUrl(redact(args.databaseUrl!)) : m.pullFromMigrations;
  for (const f of source.findings) process.stderr.write(m.pullMigrationFailed(f.message) + '\n');
  const files = writeModelFiles(source.schema);
  if (files.length === 0) {
    process.stdout.write(m.pullNothing(label) + '\n');
    return source.findings.length ? 1 : 0;
  }
  const outDir = resolve(source.config.root, args.out ?? defaultPullDir(source.config.models));
  const existing = files.map((f) => join(outDir, f.path)).filter((p) => existsSync(p));
  if (existing.length && !args.force) {
    throw new PccError('USAGE', m.pullWouldOverwrite(existing.map((p) => relative(source.config.root, p))), { hint: m.pullWouldOverwriteHint });
  }
  for (const f of files) {
    const target = join(outDir, f.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.content);
  }
  process.stdout.write(m.pullWritten(files.length, relative(process.cwd(), outDir) || '.', label) + '\n');
  process.stdout.write(m.pullNext(source.config.models) + '\n');
  return source.findings.length ? 1 : 0;
}

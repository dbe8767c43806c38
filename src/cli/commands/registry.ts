// `pre-commit-check registry [--out FILE] [--check] [--quiet]`: write MODEL_TABLE_REGISTRY.md, or check it is current.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { runCheck } from '../../check/check-project.ts';
import { registryRows, renderRegistry } from '../../generate/registry.ts';
import { generateMessages as m } from '../../messages/generators.ts';
import { projectOptions, type CliArgs } from '../args.ts';

/** The registry's default file name (contract section 1). */
export const REGISTRY_FILE = 'MODEL_TABLE_REGISTRY.md';

/** Use for the registry command; returns the exit code. */
export async function runRegistryCommand(args: CliArgs): Promise<number> {
  // The registry lists tables and models: the commands of `generated` have nothing to add to it.
  const run = await runCheck({ ...projectOptions(args), generated: false });
  const content = renderRegistry(registryRows({ models: run.models, tables: run.tables, findings: run.report.findings }));
  // --out is relative to where the command runs, like every path flag; the default to the project root.
  const file = args.out ? resolve(args.cwd, args.out) : resolve(run.config.root, REGISTRY_FILE);
  const shown = relative(process.cwd(), file) || file;
  if (args.check) {
    const current = existsSync(file) ? readFileSync(file, 'utf8') : null;
    if (current === content) {
      if (!args.quiet) process.stdout.write(m.registryCurrent(shown) + '\n');
      return 0;
    }
    process.stderr.write(m.registryStale(shown, current === null) + '\n');
    return 1;
  }
  writeFileSync(file, content);
  if (!args.quiet) process.stdout.write(m.registryWritten(shown, run.models.length, run.tables.length) + '\n');
  return 0;
}

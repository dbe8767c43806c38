// `pre-commit-check clean [--database-url URL]`: removes what interrupted or killed runs left (contract
// section 1) and prints each thing it removed, or "nothing to clean". Exit 0; 3 when the URL cannot be reached.
import { redactUrl } from '../../messages/errors.ts';
import { cleanMessages as m } from '../../messages/clean.ts';
import { cleanLeftovers } from '../../postgres/clean.ts';
import type { CliArgs } from '../args.ts';

/** Use for the clean command; returns the exit code. */
export async function runCleanCommand(args: Pick<CliArgs, 'cwd' | 'databaseUrl'>): Promise<number> {
  const report = await cleanLeftovers({ projectRoot: args.cwd, databaseUrl: args.databaseUrl });
  const out: string[] = [];
  const err: string[] = [];
  for (const s of report.local) (s.failed ? err.push(m.failed(s)) : out.push(m.removed(s)));
  const dbs = report.databases;
  if (dbs) {
    const server = redactUrl(args.databaseUrl!);
    for (const d of dbs.dropped) out.push(m.dropped(d.name, server, d.comment));
    for (const d of dbs.failed) err.push(m.dropFailed(d.name, d.reason));
    const owned = dbs.kept.filter((k) => k.reason === 'owned').length;
    const inUse = dbs.kept.filter((k) => k.reason === 'in-use').map((k) => k.name);
    if (owned) out.push(m.keptOwned(owned));
    if (inUse.length) out.push(m.keptInUse(inUse));
  }
  const removedAnything = report.local.some((s) => !s.failed) || (dbs?.dropped.length ?? 0) > 0;
  if (!removedAnything) out.push(m.nothing);
  process.stdout.write(`${out.join('\n')}\n`);
  if (err.length) process.stderr.write(`${err.join('\n')}\n`);
  return 0;
}

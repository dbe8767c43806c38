// The stages of a check run that use the migrated database after the comparison: the orchestrator's
// integration stage, the commands of config `generated`, then (--full) the migration round trip,
// which rolls that database back and forth and so comes last.
import type { Finding } from '../diff/findings.ts';
import { migrationMessages } from '../messages/migrations.ts';
import { sqlMigrationMessages } from '../messages/sql-migrations.ts';
import type { MigrationSettings } from '../migrations/knexfile.ts';
import type { ApplyResult as MigrationRun, MigrationTiming } from '../migrations/apply.ts';
import { roundTrip, type RoundTripDatabase } from '../migrations/round-trip.ts';
import type { PgServer } from '../postgres/types.ts';
import type { CacheLookup, ProjectInputs } from './check-cache.ts';
import { recordPassedRoundTrip } from '../cache/round-trip.ts';
import { cacheMessages } from '../messages/cache.ts';
import { freshScratchDatabase } from './knex.ts';
import type { MigratedDb } from './migrated-side.ts';
import type { RunContext } from './run-context.ts';

/** Use after the comparison: the integration stage, then the findings of the `generated` commands (when `runsGenerated`). */
export async function integrationAndGenerated(ctx: RunContext, project: ProjectInputs, input: { side: MigratedDb; migration: MigrationRun; runsGenerated: boolean }): Promise<Finding[]> {
  const { options, lap } = ctx;
  const { migration, side } = input;
  if (options.integration && migration.ok) await lap('integration', () => options.integration!(side.db!.url));
  if (!input.runsGenerated) return [];
  // Imported here: it runs commands through execa, which the package's entry must not load (a
  // config file that requires 'pre-commit-check' from CommonJS could not load execa's ESM-only deps).
  const { generatedFindings } = await import('../generated/index.ts');
  const context = { root: project.root, entries: project.config.generated, databaseUrl: side.db!.url, timeoutS: project.timeoutS, signal: options.signal };
  return lap('generated', () => generatedFindings(migration.ok, context, ctx.notes));
}

/**
 * Use last (--full): the round trip of the migrations after those an earlier round trip passed
 * unchanged (all of them without the cache, or with --ci), unless the migrations failed or some lack
 * down() (a note says so). A round trip without a finding is recorded for the next run.
 */
export async function roundTripStage(
  ctx: RunContext,
  project: ProjectInputs,
  lookup: CacheLookup,
  input: { server: PgServer; side: MigratedDb; migration: MigrationRun; downFindings: Finding[] },
): Promise<{ findings: Finding[]; timings: MigrationTiming[] }> {
  const { migration, downFindings, side, server } = input;
  const none = { findings: [], timings: [] };
  const skipped = roundTripSkipped(migration.ok, project.settings, downFindings);
  if (skipped) {
    ctx.notes.push(`note: ${skipped}`);
    return none;
  }
  const total = migration.migrations.length;
  const from = Math.min(lookup.roundTripPassed, total);
  if (from > 0) ctx.notes.push(`note: ${migrationMessages.roundTripIncremental(from, total)}`);
  if (from === total) return none;
  const { root, settings, timeoutS } = project;
  const knexOptions = { root, settings, quiet: ctx.interrupted, log: ctx.holdKnexLine };
  const freshDatabase = () => freshScratchDatabase(server, knexOptions, ctx.track);
  // A file copy of the migrated database for the round trip's second half: on the embedded server
  // only (on the user's, FILE_COPY's checkpoint would flush every database's writes).
  const copyDatabase = server.kind === 'embedded' && side.db ? () => copyOfMigrated(side, (name) => freshScratchDatabase(server, knexOptions, ctx.track, name)) : undefined;
  const rt = await ctx.lap('roundTrip', () =>
    roundTrip(side.knex!, root, settings, migration.migrations, side.inventories, side.pipeline, { freshDatabase, copyDatabase, timeoutS, onMigration: ctx.options.onMigration, from }),
  );
  if (rt.findings.length === 0) await ctx.lap('cache', () => recordPassed(lookup, migration));
  return { ...rt, findings: rt.findings.map((f) => irreversibleInSqlTerms(f, settings)) };
}

/** A copy of the migrated database (`copy` makes it from its name): its Knex's connections are closed first, PostgreSQL copies no database in use. */
async function copyOfMigrated(side: MigratedDb, copy: (name: string) => Promise<RoundTripDatabase>): Promise<RoundTripDatabase> {
  await side.knex!.destroy();
  side.knex!.initialize();
  return copy(side.db!.name);
}

/** Why check --full skips the round trip (a failed migration, no downs in the format, a missing down), or undefined when it runs. */
function roundTripSkipped(ok: boolean, settings: MigrationSettings, downFindings: Finding[]): string | undefined {
  if (!ok) return migrationMessages.roundTripSkippedFailed;
  if (settings.sql && !settings.sql.hasDowns) return sqlMigrationMessages.noDowns(settings.sql.format!);
  if (!downFindings.length) return undefined;
  const noDown = settings.sql ? sqlMigrationMessages.roundTripSkippedNoDown : migrationMessages.roundTripSkippedNoDown;
  return noDown(downFindings.map((f) => f.object!));
}

/** A SQL folder's downs are files or sections, not down() functions: an irreversible-migration's hint says so. */
function irreversibleInSqlTerms(f: Finding, settings: MigrationSettings): Finding {
  const format = settings.sql?.format;
  return format && f.code === 'irreversible-migration' ? { ...f, hint: sqlMigrationMessages.irreversibleHint(format) } : f;
}

/** Records a passed round trip of the history this run applied, when it is the one the cache's keys describe; a failure is a warning. */
async function recordPassed(lookup: CacheLookup, migration: MigrationRun): Promise<void> {
  const { cache } = lookup;
  const prefixes = cache?.prefixes;
  if (!cache || !prefixes || !lookup.writeCache) return;
  if (migration.migrations.length !== prefixes.names.length || migration.migrations.some((m, i) => m.name !== prefixes.names[i])) return;
  await recordPassedRoundTrip(cache.dir, prefixes.keys.slice(1)).catch((e: Error) =>
    process.stderr.write(`pre-commit-check: ${cacheMessages.writeFailed(cache.dir, e.message)}\n`),
  );
}

// The consistency check, end to end: config -> models + knexfile -> scratch databases (migrated,
// declared) -> catalog reads -> pure diff -> report. IO happens here and in the providers it calls;
// the decisions are made by the pure modules it wires together.
import type { Report, Finding } from '../diff/findings.ts';
import { PccError } from '../errors.ts';
import { cliMessages } from '../messages/cli.ts';
import { interruption } from '../util/interrupt.ts';
import { loadConfig } from '../config/load.ts';
import type { ResolvedConfig } from '../config/types.ts';
import { findModelFiles } from '../model-api/load.ts';
import { findSourceFiles, hasSources, inSourceTerms, loadProjectModels, type ProjectModels } from '../sources/index.ts';
import { lateFindings } from './late-failures.ts';
import { runLoadCache, type RunLoadCache } from './loaded-cache.ts';
import path from 'node:path';
import type { LoadedModel } from '../model-api/types.ts';
import { validateModels, type ValidateResult } from '../model-api/validate.ts';
import { withLines } from '../model-api/lines.ts';
import { assertSqlFolder, loadMigrationSettings } from '../migrations/sql/settings.ts';
import { inSqlMigrationTerms } from '../migrations/sql/hints.ts';
import { assertMigrationDirectories, checkDowns, type ApplyResult as MigrationRun, type MigrationProgress, type MigrationTiming } from '../migrations/apply.ts';
import { startServer } from '../postgres/index.ts';
import type { PgServer } from '../postgres/types.ts';
import type { Snapshot } from '../postgres/snapshot.ts';
import { applyRules, knexTableGlobs, tableMatcher } from '../diff/index.ts';
import { buildReport } from '../report/json.ts';
import { preloadKnex } from './knex.ts';
import { modelMessages } from '../messages/models.ts';
import { configMessages } from '../messages/config.ts';
import type { Schema } from '../schema/types.ts';
import type { CheckCache, ResultEntry } from '../cache/index.ts';
import type { FragmentMap } from '../ddl/fragments.ts';
import { cacheMessages } from '../messages/cache.ts';
import { conventionScope } from '../conventions/index.ts';
import { keepSnapshotAfterRun, resumePoint } from './migrated-snapshot.ts';
import { closeRun, openRun, serverCause, type RunContext } from './run-context.ts';
import { lookUpCaches, writeCacheEntry, type CacheLookup, type ProjectInputs } from './check-cache.ts';
import { declaredEntry, migratedEntry } from './cache-entries.ts';
import { openMigratedSide, runMigratedSide, type MigratedDb, type SidesDone } from './migrated-side.ts';
import { openDeclaredSide, runDeclaredSide, withMigratedObjects, type DeclaredOutcome } from './declared-run.ts';
import { claimedModels, compareSides, declaredFindings } from './compare-sides.ts';
import { integrationAndGenerated, roundTripStage } from './late-stages.ts';

export interface CheckOptions {
  /** Project root (default process.cwd()). */
  cwd?: string;
  /** Explicit config file. */
  config?: string;
  /** Override config.models. */
  models?: string[];
  /** Override config.knexfile. */
  knexfile?: string;
  /** Use this server instead of the embedded one. */
  databaseUrl?: string;
  /** false = --no-cache. */
  cache?: boolean;
  /** false = read the cache but never write it (CI). */
  writeCache?: boolean;
  /** Also run the migration round trip. */
  full?: boolean;
  /** Called while the migrated scratch database is alive (the orchestrator's integration stage). */
  integration?: (databaseUrl: string) => Promise<void>;
  /** A server already running (tests, bench): scratch databases are created on it and it is NOT stopped. */
  server?: PgServer;
  /**
   * Serve (and store) the last clean result when nothing the check reads has changed: no server starts.
   * Off by default because such a run has no `models` (registry needs them); the CLI's check and
   * checkProject turn it on. Never read nor written with writeCache false (CI does not trust a cache).
   */
  resultCache?: boolean;
  /** Aborting it ends the check early (connections closed at once): it then throws PccError INTERRUPTED. */
  signal?: AbortSignal;
  /** Called as each migration starts (migration k of N): the hook and `check` show which one runs. */
  onMigration?: (progress: MigrationProgress) => void;
  /** Called as each phase starts (the server, the models, the comparison): the hook and `check` show where the run is. */
  onPhase?: (progress: PhaseProgress) => void;
  /** Accept a missing migrations directory as no migrations (generate, which creates it); else it is exit 2. */
  allowMissingMigrationsDir?: boolean;
  /** Run the commands of config `generated` on the migrated database (default true; hook mode decides from what is staged). */
  generated?: boolean;
  /** Judge config `conventions` (default true; `generate` plans from the drift alone, and needs no git for `since`). */
  conventions?: boolean;
}

/** A phase of the check as it starts; migrations report through onMigration. `count`: model files for 'models', models compared for 'compare'. */
export interface PhaseProgress {
  phase: 'server' | 'models' | 'compare';
  count?: number;
  /** 'server': true when the server is the one at --database-url (connected to, not started). */
  external?: boolean;
}

/** Phase timings in ms, for --verbose and the benchmark. */
export interface CheckTimings {
  [phase: string]: number;
}

/** Everything a check run produced: the report plus what the CLI and bench print. */
export interface CheckRun {
  report: Report;
  config: ResolvedConfig;
  timings: CheckTimings;
  migrations: MigrationTiming[];
  notes: string[];
  /** Every model loaded (valid or not), for the registry. */
  models: LoadedModel[];
  /** Tables of the migrated database, knex's and ignored ones left out, for the registry. */
  tables: Array<{ schema: string; name: string }>;
  /** The two Schema values and what produced them (absent when the result came from the cache). */
  schemas?: Omit<LoadedSchemas, 'config' | 'findings'>;
}

/** Run the consistency check of contract section 4 and return the report of section 5. */
export async function checkProject(options: CheckOptions = {}): Promise<Report> {
  return (await runCheck({ resultCache: true, ...options })).report;
}

/** Use when you need timings and notes too (CLI, bench); throws PccError for usage (2) and environment (3) failures. */
export async function runCheck(options: CheckOptions = {}): Promise<CheckRun> {
  const run = await checkOnce(options);
  // A signal during the last steps (stopping the server): the run did not end, so it reports nothing.
  if (interruption() || options.signal?.aborted) throw new PccError('INTERRUPTED', cliMessages.interrupted);
  return run;
}

async function checkOnce(options: CheckOptions): Promise<CheckRun> {
  const ctx = openRun(options);
  const srv: { promise?: Promise<PgServer>; server?: PgServer } = {};
  try {
    const project = await readProject(ctx);
    const lookup = await lookUpCaches(ctx, project);
    if (lookup.resultHit) return servedFromCache(ctx, project.config, lookup.resultHit);
    const start = await startCheckServer(ctx, project, lookup);
    srv.promise = start.server;
    // Three things at once: the models load (in this process) while the server starts, and the
    // migrations start as soon as the server is up; the models' DDL follows once they are loaded.
    options.onPhase?.({ phase: 'models', count: project.modelFiles.length + project.sourceFiles.length });
    // A model file unchanged since it was last imported is restored from the cache, not imported.
    const loadCache = lookup.cache && runLoadCache(lookup.cache, ctx.notes);
    const loadModels = () => ctx.lap('models', () => loadProjectModels(project.config, { timeoutS: project.timeoutS, files: project.modelFiles, cache: loadCache }));
    // With the declared side cached, nothing waits for the models before the comparison: they load
    // once the server is up, not on this process's one thread while the server's start needs it.
    const modelsLoading = lookup.declaredHit ? start.server.then(loadModels) : loadModels();
    modelsLoading.catch(() => {}); // awaited below; no unhandled rejection while the server starts
    const server = (srv.server = await start.server);
    const sides = await runSides(ctx, project, lookup, { server, resume: start.resume, modelsLoading, loadCache });
    const { migration, migrated, side, declared, validated, loaded, findings } = sides;
    findings.push(...migration.findings);
    const downFindings = await ctx.lap('staticChecks', () => checkDowns(project.root, migration.migrations, project.settings, side.resumed));
    findings.push(...downFindings, ...declaredFindings(declared, validated.valid));
    await storeSides(ctx, project, lookup, { ...sides, server, downFindings, useSnapshots: start.useSnapshots });
    const comparison = await compareSides(ctx, project, { migrated, declared: declared.declared, side: declared, validated, migration, models: loaded.models, shapes: loaded.shapes, files: loaded.files });
    findings.push(...comparison.findings);
    // Before the round trip, which rolls the migrated database back and forth.
    findings.push(...(await integrationAndGenerated(ctx, project, { side, migration, runsGenerated: lookup.runsGenerated })));
    const timingsOfMigrations = [...migration.applied];
    if (options.full) {
      const rt = await roundTripStage(ctx, project, lookup, { server, side, migration, downFindings });
      findings.push(...rt.findings);
      timingsOfMigrations.push(...rt.timings);
    }
    const { report, tables, late } = await finishReport(ctx, project, lookup, { findings, models: loaded.models, shapes: loaded.shapes.length, migrated });
    if (loadCache && lookup.writeCache) await ctx.lap('cache', () => loadCache.flush(new Set(late.map((f) => path.resolve(project.root, f.file!)))));
    const schemas = { migrated, declared: declared.declared, models: declared.ddl.applied, claimed: claimedModels(validated, declared), shapes: loaded.shapes, settings: project.settings, strayModels: comparison.strayModels };
    return { report, config: project.config, timings: ctx.timings, migrations: timingsOfMigrations, notes: ctx.notes, models: loaded.models, tables, schemas };
  } catch (error) {
    throw serverCause(ctx, srv.server, error);
  } finally {
    await closeRun(ctx, srv.server, srv.promise);
  }
}

/** The project's inputs: config, knexfile, model files (none is a configuration error, never a pass), migration directories, conventions' scope. */
async function readProject(ctx: RunContext): Promise<ProjectInputs> {
  const { options, lap } = ctx;
  const config = await lap('config', () =>
    loadConfig({ root: options.cwd ?? process.cwd(), configFile: options.config, models: options.models, knexfile: options.knexfile, databaseUrl: options.databaseUrl }),
  );
  const root = config.root;
  const settings = await lap('knexfile', () => loadMigrationSettings(root, config));
  // Nothing to look at is a configuration error, never a pass (not even a cached one).
  const [modelFiles, sourceFiles] = await lap('models', () => Promise.all([findModelFiles(root, config.models), findSourceFiles(config)]));
  if (modelFiles.length === 0 && !hasSources(config)) {
    throw new PccError('CONFIG_INVALID', configMessages.noModelFiles(config.models, root, config.source), { hint: configMessages.noModelFilesHint });
  }
  if (!options.allowMissingMigrationsDir) {
    assertMigrationDirectories(settings, root);
    assertSqlFolder(settings, root, config.source);
  }
  const conventionsSince = options.conventions === false ? undefined : await lap('conventions', () => conventionScope(root, config.conventions, settings));
  return { config, root, settings, modelFiles, sourceFiles, timeoutS: config.migrationTimeout, conventionsSince };
}

/** The last clean result, served whole: no server starts. */
function servedFromCache(ctx: RunContext, config: ResolvedConfig, hit: ResultEntry): CheckRun {
  const report = { ...hit.report, summary: { ...hit.report.summary, durationMs: performance.now() - ctx.t0 } };
  ctx.notes.push(...hit.notes, `note: ${cacheMessages.resultHit}`);
  return { report, config, timings: ctx.timings, migrations: [], notes: ctx.notes, models: [], tables: hit.tables };
}

/**
 * Start the database while models load: it is a separate process; with both sides from the cache, none
 * is needed. A history that extends a kept prefix starts from its snapshot (see migrated-snapshot.ts).
 */
async function startCheckServer(ctx: RunContext, project: ProjectInputs, lookup: CacheLookup): Promise<{ server: Promise<PgServer>; resume: Snapshot | undefined; useSnapshots: boolean }> {
  const { options, lap } = ctx;
  const { config, root } = project;
  const { cache, migratedHit, declaredHit } = lookup;
  const needServer = !migratedHit || !declaredHit;
  if (needServer && !options.server) options.onPhase?.({ phase: 'server', external: typeof config.database === 'object' });
  // --full resumes too, from a state no later than the migrations an earlier round trip passed.
  const useSnapshots = !!cache && lookup.writeCache && !options.integration && !lookup.runsGenerated && !migratedHit;
  const resume = await lap('cache', () => resumePoint(useSnapshots ? cache : undefined, options.full ? lookup.roundTripPassed : Infinity));
  const server = lap('serverStart', async () =>
    options.server ??
    (needServer ? undefined : NO_SERVER) ??
    startServer({
      databaseUrl: typeof config.database === 'object' ? config.database.url : undefined,
      projectRoot: root,
      useCache: options.cache !== false,
      writeCache: options.writeCache !== false,
      // A scratch database that could not be dropped is named, with how to drop it, never silently left.
      onWarning: (message) => process.stderr.write(`pre-commit-check: ${message}\n`),
      snapshot: resume && { dir: resume.dir, key: resume.key },
    }),
  );
  server.catch(() => {}); // handled by the caller; avoid an unhandled rejection while models load
  if (needServer) preloadKnex(root);
  return { server, resume, useSnapshots };
}

/** Both sides of a run, built at once, with the models as loaded and validated, and the findings so far. */
interface Sides {
  loaded: ProjectModels;
  validated: ValidateResult;
  /** Findings of loading and validating the models. */
  findings: Finding[];
  side: MigratedDb;
  migration: MigrationRun;
  migrated: Schema;
  declared: DeclaredOutcome;
}

/**
 * Build both sides: the migrations run while the models load, and the models' DDL runs beside them;
 * each side's catalog is read as soon as its own work is done.
 */
async function runSides(
  ctx: RunContext,
  project: ProjectInputs,
  lookup: CacheLookup,
  input: { server: PgServer; resume: Snapshot | undefined; modelsLoading: Promise<ProjectModels>; loadCache: RunLoadCache | undefined },
): Promise<Sides> {
  const { server } = input;
  const { migratedHit, declaredHit } = lookup;
  const side = await openMigratedSide(ctx, project, server, migratedHit, input.resume);
  const done: SidesDone = { migrated: !!migratedHit, declared: !!declaredHit };
  const migratedSide = runMigratedSide(ctx, project, side, migratedHit, done);
  migratedSide.catch(() => {}); // awaited below, after the models

  // The declared database is created (by the server) while this process validates the models.
  const declaredOpening = openDeclaredSide(ctx, project, server, declaredHit);
  declaredOpening.catch(() => {}); // awaited below, after the models
  const loaded = await input.modelsLoading;
  const files = input.loadCache?.counts();
  if (files && files.total > 0 && files.imported < files.total) ctx.noteCacheHit(cacheMessages.filesReused(files.imported, files.total));
  for (const lm of loaded.models) if (lm.model.longNames) ctx.notes.push(`warning: ${modelMessages.longNames(lm.name, lm.file, lm.model.longNames)}`);
  const validated = validateModels(loaded.models);
  const findings: Finding[] = [...loaded.findings, ...validated.findings];

  const { knex } = await declaredOpening;
  const declaredSide = runDeclaredSide(ctx, { knex, hit: declaredHit, valid: validated.valid, server, done, cache: lookup.cache, root: project.root });
  const [{ migration, migrated }, run] = await Promise.all([migratedSide, declaredSide]);
  const declared = await withMigratedObjects(ctx, project, { server, side, migration, run, hit: declaredHit, valid: validated.valid });
  // A full disk or a crashed server is the machine's problem, not a failed migration or a broken
  // model: say so.
  const serverProblem = server.diagnose([...migration.findings.map((f) => f.message), ...declared.ddl.failed.map((f) => f.error.message)]);
  if (serverProblem) throw serverProblem;
  return { loaded, validated, findings, side, migration, migrated, declared };
}

/** Store what this run built: the declared side, the migrated side (a whole, successful run only) and its snapshot. */
async function storeSides(ctx: RunContext, project: ProjectInputs, lookup: CacheLookup, input: Sides & { server: PgServer; downFindings: Finding[]; useSnapshots: boolean }): Promise<void> {
  const { cache, writeCache, migratedHit, declaredHit } = lookup;
  const { migration, migrated, declared, side } = input;
  if (!cache || !writeCache) return;
  if (!declaredHit) {
    const entry = declaredEntry(declared.declared, declared.ddl, declared.overMigrations ? { migratedKey: cache.migratedKey, missing: declared.missing } : undefined);
    await ctx.lap('cache', () => writeCacheEntry(cache.declared, cache.declaredKey, entry, cache.dir));
    // The per-model cache: only the fragments it did not have (none when no model's DDL changed).
    if (!declared.overMigrations && declared.fragments && declared.changed !== 0) await ctx.lap('cache', () => storeFragments(cache, declared.fragments!(), declared.fragmentKeys ?? []));
  }
  // Only a whole, successful migration run is worth keeping (a failure may be the environment's).
  if (migratedHit || !migration.ok) return;
  await ctx.lap('cache', () => writeCacheEntry(cache.migrated, cache.migratedKey, migratedEntry(migrated, migration, project.root), cache.dir));
  if (!input.useSnapshots) return;
  // Only the round trip uses the server after this (no integration nor generated in a run that keeps
  // snapshots), on the migrated database and fresh ones: the others can go.
  const others = ctx.knexes.filter((k) => k !== side.knex); // their databases go; the migrated one is kept
  await ctx.lap('snapshot', () => keepSnapshotAfterRun({ server: input.server, cache, db: side.db!, ran: migration.migrations, resumed: side.resumed, downFindings: input.downFindings, appliedMs: migration.applied.reduce((sum, m) => sum + m.ms, 0), others, lastUse: !ctx.options.full }));
}

/** Write the new fragments of the per-model cache, one file each, then prune it (the keys in use stay). */
async function storeFragments(cache: CheckCache, fragments: FragmentMap, live: string[]): Promise<void> {
  const entries = Object.entries(fragments);
  await Promise.all(entries.map(([key, fragment]) => writeCacheEntry(cache.fragments, key, fragment, cache.dir)));
  if (entries.length) await cache.fragments.pruneExcept(new Set(live));
}

/** The report: late failures of user code found, config rules applied, lines added; a clean one is cached whole. */
async function finishReport(
  ctx: RunContext,
  project: ProjectInputs,
  lookup: CacheLookup,
  input: { findings: Finding[]; models: LoadedModel[]; shapes: number; migrated: Schema },
): Promise<{ report: Report; tables: Array<{ schema: string; name: string }>; late: Finding[] }> {
  const { config, root, settings } = project;
  const { findings, models, migrated } = input;
  // Code of a model file or migration that failed after its step had ended well: its own finding.
  const late = lateFindings(root, findings);
  findings.push(...late);
  // Hints in the terms of the project's own sources and migrations (a Drizzle builder, SQL for a SQL folder).
  const hinted = inSqlMigrationTerms(inSourceTerms(applyRules(findings, config.rules), models, config), settings);
  const final = withLines(hinted, models, root);
  const isKnexTable = tableMatcher(knexTableGlobs({ tableName: settings.tableName, schemaName: settings.schemaName }));
  const isIgnored = tableMatcher(config.ignore.tables);
  const tables = migrated.tables.filter((t) => !isKnexTable(t.schema, t.name) && !isIgnored(t.schema, t.name)).map((t) => ({ schema: t.schema, name: t.name }));
  const report = await ctx.lap('report', async () => buildReport(final, { models: models.length + input.shapes, tables: tables.length, durationMs: performance.now() - ctx.t0 }));
  const { cache } = lookup;
  if (lookup.useResult && report.ok && cache) {
    const entry = { report, notes: ctx.notes.filter((n) => !ctx.cacheNotes.has(n)), tables };
    await ctx.lap('cache', () => writeCacheEntry(cache.result, cache.resultKey, entry, cache.dir));
  }
  return { report, tables, late };
}

/** Stands in for a server when both sides come from the cache: creating a database on it is a bug. */
const NO_SERVER: PgServer = {
  kind: 'embedded',
  majorVersion: 0,
  adminUrl: '',
  createDatabase: () => Promise.reject(new Error('no server was started: both schemas came from the cache')),
  stop: async () => {},
  diagnose: () => undefined,
};

/** Both schemas of one run, with what produced them: the input of `generate` (and of anything else that plans from the drift). */
export interface LoadedSchemas {
  /** What the project's migrations build. */
  migrated: Schema;
  /** What the models compile to. */
  declared: Schema;
  /** The models whose DDL applied: the ones compared (and the ones a generated migration may serve). */
  models: import('../model-api/types.ts').LoadedModel[];
  /** Models loaded but left out of the comparison (invalid, or their DDL failed): their tables are claimed. */
  claimed: import('../model-api/types.ts').LoadedModel[];
  /** Tables a shape-only source (from.knexTypes, from.objection) states: no DDL, but theirs (generate leaves them alone). */
  shapes: import('../sources/types.ts').ShapeTable[];
  settings: import('../migrations/knexfile.ts').MigrationSettings;
  /** Unmodeled tables whose model sits in a file the `models` globs miss: 'schema.table' -> those files. */
  strayModels: Map<string, string[]>;
  config: ResolvedConfig;
  /** Every finding the consistency check gives for this state, config rules applied. */
  findings: Finding[];
}

/**
 * Use when you need the two Schema values rather than the report (`generate`): the same steps as
 * runCheck (config, knexfile, models, migrations, model DDL, catalog reads, diff), minus the round
 * trip and the integration stage. Throws PccError for usage (2) and environment (3) failures.
 */
export async function loadSchemas(options: CheckOptions = {}): Promise<LoadedSchemas> {
  // generate writes the first migration of a project that has none, directory included.
  const run = await runCheck({ ...options, full: false, integration: undefined, generated: false, conventions: false, resultCache: false, allowMissingMigrationsDir: true });
  // Without the result cache, a run always reads both databases.
  const schemas = run.schemas!;
  return { ...schemas, config: run.config, findings: run.report.findings };
}

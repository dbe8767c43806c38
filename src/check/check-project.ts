// The consistency check, end to end: config -> models + knexfile -> scratch databases (migrated,
// declared) -> catalog reads -> pure diff -> report. IO happens here and in the providers it calls;
// the decisions are made by the pure modules it wires together.
import type { Report, Finding } from '../diff/findings.ts';
import { PccError } from '../errors.ts';
import { cliMessages } from '../messages/cli.ts';
import { interruption } from '../util/interrupt.ts';
import { loadConfig } from '../config/load.ts';
import type { ResolvedConfig } from '../config/types.ts';
import { findModelFiles, loadModels } from '../model-api/load.ts';
import { lateFindings } from './late-failures.ts';
import type { LoadedModel } from '../model-api/types.ts';
import { validateModels, modelFinding } from '../model-api/validate.ts';
import { findStrayDeclarations, readUnloadedSources } from '../model-api/stray.ts';
import { withLines } from '../model-api/lines.ts';
import * as findingText from '../messages/findings.ts';
import { loadKnexfile } from '../migrations/knexfile.ts';
import { applyMigrations, assertMigrationDirectories, checkDowns, type MigrationProgress, type MigrationTiming } from '../migrations/apply.ts';
import { startServer } from '../postgres/index.ts';
import type { PgServer, ScratchDatabase } from '../postgres/types.ts';
import type { ApplyResult } from '../ddl/index.ts';
import { declareModels } from './declared-incremental.ts';
import { diff, applyRules, knexTableGlobs, tableMatcher } from '../diff/index.ts';
import { buildReport } from '../report/json.ts';
import { freshScratchDatabase, preloadKnex, readScratchSchema, scratchKnex } from './knex.ts';
import { DdlPipeline } from '../migrations/pipeline.ts';
import { modelMessages } from '../messages/models.ts';
import { migrationMessages } from '../messages/migrations.ts';
import { roundTrip, takeInventory, type Inventory } from '../migrations/round-trip.ts';
import { configMessages } from '../messages/config.ts';
import type { Knex } from 'knex';
import type { Schema } from '../schema/types.ts';
import { openCheckCache, type CheckCache, type DeclaredEntry, type MigratedEntry } from '../cache/index.ts';
import { cacheMessages } from '../messages/cache.ts';
import { declareOverMigrations, lacksObjects, missingObjectFindings, notAConsequence, notUniqueTargetFindings, withoutObjectFailures, type MissingUse } from './declared-side.ts';
import { withoutObject } from '../ddl/without-object.ts';
import { conventionFindings, conventionScope } from '../conventions/index.ts';
import { isAbsolute, relative, resolve } from 'node:path';

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
  const t0 = performance.now();
  const timings: CheckTimings = {};
  const notes: string[] = [];
  // An abort (the orchestrator) or a signal to the process (src/util/interrupt.ts).
  const interrupted = () => options.signal?.aborted === true || interruption() !== undefined;
  const lap = async <T>(phase: string, fn: () => Promise<T>): Promise<T> => {
    if (interrupted() && phase !== 'serverStop') throw new PccError('INTERRUPTED', cliMessages.interrupted);
    const s = performance.now();
    try {
      return await fn();
    } catch (error) {
      // Connections fail under a run being interrupted: say so, not what broke because of it.
      if (interrupted()) throw new PccError('INTERRUPTED', cliMessages.interrupted, { cause: error });
      throw error;
    } finally {
      timings[phase] = (timings[phase] ?? 0) + (performance.now() - s);
    }
  };

  const config = await lap('config', () =>
    loadConfig({ root: options.cwd ?? process.cwd(), configFile: options.config, models: options.models, knexfile: options.knexfile, databaseUrl: options.databaseUrl }),
  );
  const root = config.root;
  const settings = await lap('knexfile', () => loadKnexfile(root, config.knexfile, config.knexfileExplicit));
  // Nothing to look at is a configuration error, never a pass (not even a cached one).
  const modelFiles = await lap('models', () => findModelFiles(root, config.models));
  if (modelFiles.length === 0) {
    throw new PccError('CONFIG_INVALID', configMessages.noModelFiles(config.models, root, config.source), { hint: configMessages.noModelFilesHint });
  }
  if (!options.allowMissingMigrationsDir) assertMigrationDirectories(settings, root);
  const timeoutS = config.migrationTimeout;
  const conventionsSince = await lap('conventions', () => conventionScope(root, config.conventions, settings));

  // The caches (src/cache/): only with the embedded server this run starts itself.
  const writeCache = options.writeCache !== false;
  const cache: CheckCache | undefined =
    options.cache !== false && !options.server && config.database === 'embedded'
      ? await lap('cache', () => openCheckCache({ root, config, settings, full: !!options.full, modelFiles, conventionScope: conventionsSince }).catch(() => undefined))
      : undefined;
  // The commands of `generated` read a migrated database, and what they write is not in any cache key.
  const runsGenerated = options.generated !== false && config.generated.length > 0;
  const useResult = !!cache && !!options.resultCache && writeCache && !options.integration && !runsGenerated;
  // --full needs a real migration run (the round trip), the integration stage a migrated database.
  const useMigrated = !!cache && !options.full && !options.integration && !runsGenerated;
  const [resultHit, migratedHit, declaredHit] = await lap('cache', () =>
    Promise.all([
      useResult ? readCache(cache!.result, cache!.resultKey, notes) : undefined,
      useMigrated ? readCache(cache!.migrated, cache!.migratedKey, notes) : undefined,
      cache ? readCache(cache.declared, cache.declaredKey, notes).then((hit) => (hit?.overMigrations === undefined || hit.overMigrations === cache.migratedKey ? hit : undefined)) : undefined,
    ]),
  );
  const cacheNotes = new Set(notes); // notes about the cache itself are not part of a cached result
  const noteCacheHit = (text: string) => {
    const note = `note: ${text}`;
    notes.push(note);
    cacheNotes.add(note);
  };
  if (resultHit) {
    const report = { ...resultHit.report, summary: { ...resultHit.report.summary, durationMs: performance.now() - t0 } };
    notes.push(...resultHit.notes, `note: ${cacheMessages.resultHit}`);
    return { report, config, timings, migrations: [], notes, models: [], tables: resultHit.tables };
  }

  // Start the database while models load: it is a separate process. With both sides from the
  // cache (only the config changed, say), no database is needed at all.
  const needServer = !migratedHit || !declaredHit;
  if (needServer && !options.server) options.onPhase?.({ phase: 'server', external: typeof config.database === 'object' });
  const serverPromise = lap('serverStart', async () =>
    options.server ??
    (needServer ? undefined : NO_SERVER) ??
    startServer({
      databaseUrl: typeof config.database === 'object' ? config.database.url : undefined,
      projectRoot: root,
      useCache: options.cache !== false,
      writeCache: options.writeCache !== false,
      // A scratch database that could not be dropped is named, with how to drop it, never silently left.
      onWarning: (message) => process.stderr.write(`pre-commit-check: ${message}\n`),
    }),
  );
  serverPromise.catch(() => {}); // handled below; avoid an unhandled rejection while models load
  if (needServer) preloadKnex(root);

  let server: PgServer | undefined;
  // Knex's own log lines, printed at the end unless the run was interrupted or the server itself
  // failed (they are dropped then): noise about a cause that is reported once, clearly.
  const knexLines: string[] = [];
  // A migration stopped for running too long has its sessions ended: Knex's lines about that are noise too.
  let migrationStopped = false;
  const holdKnexLine = (line: string) => void (migrationStopped || knexLines.push(line));
  const knexes: Knex[] = [];
  const scratch: ScratchDatabase[] = [];
  // On abort, close our connections at once so in-flight queries end now, not at their natural end.
  const onAbort = () => void Promise.all(knexes.map((k) => k.destroy().catch(() => {})));
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    // Three things at once: the models load (in this process) while the server starts, and the
    // migrations start as soon as the server is up; the models' DDL follows once they are loaded.
    options.onPhase?.({ phase: 'models', count: modelFiles.length });
    const modelsLoading = lap('models', () => loadModels(root, config.models, { timeoutS, files: modelFiles }));
    modelsLoading.catch(() => {}); // awaited below; no unhandled rejection while the server starts

    server = await serverPromise;
    const migratedDb = migratedHit ? undefined : await server.createDatabase('migrated');
    if (migratedDb) scratch.push(migratedDb);
    const pipeline = new DdlPipeline();
    const migKnex = migratedDb ? scratchKnex(migratedDb.url, { root, settings, quiet: interrupted, log: holdKnexLine, pipeline }) : undefined;
    if (migKnex) knexes.push(migKnex);
    if (migratedHit) noteCacheHit(cacheMessages.migratedHit(migratedHit.migrations.length));
    // The migrated database, as the source of a copy (no session open on it), or one migrated again
    // when that side came from the cache; undefined when those migrations fail.
    const migratedTemplate = async (): Promise<string | undefined> => {
      if (migratedDb) {
        await migKnex!.destroy();
        migKnex!.initialize();
        return migratedDb.name;
      }
      const db = await server!.createDatabase('migrated');
      scratch.push(db);
      const k = scratchKnex(db.url, { root, settings, quiet: interrupted, log: holdKnexLine, pipeline: new DdlPipeline() });
      knexes.push(k);
      const run = await applyMigrations(k, root, settings, { timeoutS });
      await k.destroy();
      return run.ok ? db.name : undefined;
    };

    // --full: an inventory before and after each migration, for the round trip to compare against.
    const inventories: Inventory[] = [];
    const afterEach = options.full ? async () => void inventories.push(await takeInventory(migKnex!, settings)) : undefined;
    // Each side is read as soon as its own work is done: the models' catalog is read while the
    // (usually longer) migrations still run.
    let migratedDone = !!migratedHit;
    let declaredDone = !!declaredHit;
    const migratedSide = (async () => {
      if (migratedHit) {
        const migrations = migratedHit.migrations.map((m) => ({ name: m.name, path: resolve(root, m.path) }));
        return { migration: { ok: true, applied: [], findings: migratedHit.findings, migrations }, migrated: migratedHit.schema };
      }
      if (options.full) inventories.push(await takeInventory(migKnex!, settings));
      const migration = await lap('migrations', () => applyMigrations(migKnex!, root, settings, { afterEach, pipeline, timeoutS, onMigration: options.onMigration }));
      migratedDone = true;
      if (migration.stopped) {
        migrationStopped = true;
        knexLines.length = 0;
      }
      return { migration, migrated: await lap('catalog', () => readScratchSchema(migKnex!, declaredDone)) };
    })();
    migratedSide.catch(() => {}); // awaited below, after the models

    const loaded = await modelsLoading;
    for (const lm of loaded.models) if (lm.model.longNames) notes.push(`warning: ${modelMessages.longNames(lm.name, lm.file, lm.model.longNames)}`);
    const validated = validateModels(loaded.models);
    const findings: Finding[] = [...loaded.findings, ...validated.findings];

    const declaredDb = declaredHit ? undefined : await server.createDatabase('declared');
    if (declaredDb) scratch.push(declaredDb);
    const declKnex = declaredDb ? scratchKnex(declaredDb.url, { root, quiet: interrupted, log: holdKnexLine }) : undefined;
    if (declKnex) knexes.push(declKnex);
    if (declaredHit) noteCacheHit(cacheMessages.declaredHit);
    const declaredSide = (async () => {
      if (declaredHit) return { ddl: fromDeclaredCache(declaredHit, validated.valid), declared: declaredHit.schema };
      // Only the changed models' DDL runs when the per-model cache has the others (declared-incremental.ts).
      const fragments = cache ? (await readCache(cache.models, cache.modelsKey, notes))?.fragments : undefined;
      const fresh = async () => {
        const db = await server!.createDatabase('declared');
        const k = scratchKnex(db.url, { root, quiet: interrupted, log: holdKnexLine });
        return (knexes.push(k), scratch.push(db), k);
      };
      const read = (k: Knex) => ((declaredDone = true), readScratchSchema(k, migratedDone));
      const run = await declareModels({ knex: declKnex!, models: validated.valid, fragments, salt: cache?.modelsKey ?? '', lowPriority: server!.kind === 'embedded', read, fresh, lap });
      if (run.changed !== undefined) noteCacheHit(cacheMessages.modelsReused(run.changed, validated.valid.length));
      return run;
    })();
    const [{ migration, migrated }, declaredRun] = await Promise.all([migratedSide, declaredSide]);
    let { ddl, declared } = declaredRun;
    let missing: MissingUse[] = declaredHit ? replayMissing(declaredHit, validated.valid) : [];
    let overMigrations = false; // the declared side was built over a copy of the migrated database
    // A model that lacks an object (citext, a sequence...): run the models again over what the
    // migrations created. When they failed, nobody knows what they would have created: no finding.
    if (!declaredHit && lacksObjects(ddl)) {
      const template = migration.ok ? await lap('modelDdl', () => migratedTemplate()) : undefined;
      if (template) {
        overMigrations = true;
        const open = (url: string) => scratchKnex(url, { root, quiet: interrupted, log: holdKnexLine });
        const track = (k: Knex, db: ScratchDatabase) => void (knexes.push(k), scratch.push(db));
        ({ ddl, declared, missing } = await lap('modelDdl', () =>
          declareOverMigrations({ server: server!, template, models: validated.valid, open, track, lowPriority: server!.kind === 'embedded' }),
        ));
      } else ddl = withoutObjectFailures(ddl);
    }
    // A full disk or a crashed server is the machine's problem, not a failed migration or a broken
    // model: say so.
    const serverProblem = server.diagnose([...migration.findings.map((f) => f.message), ...ddl.failed.map((f) => f.error.message)]);
    if (serverProblem) throw serverProblem;
    findings.push(...migration.findings);
    const downFindings = await lap('staticChecks', () => checkDowns(root, migration.migrations, settings));
    findings.push(...downFindings);
    findings.push(...missingObjectFindings(missing), ...notUniqueTargetFindings(ddl.skippedForeignKeys, validated.valid));
    for (const failed of ddl.failed) {
      findings.push(
        modelFinding('invalid-model', {
          file: failed.model.file,
          model: failed.model.name,
          schema: failed.model.model.schema,
          table: failed.model.model.table,
          message: modelMessages.ddlFailed(failed.model.name, failed.error.message.split('\n')[0]!),
          hint: modelMessages.ddlFailedHint,
        }),
      );
    }

    const isKnexTable = tableMatcher(knexTableGlobs({ tableName: settings.tableName, schemaName: settings.schemaName }));
    if (cache && !declaredHit && writeCache) {
      const ref = (lm: LoadedModel) => ({ file: lm.file, exportName: lm.exportName });
      const entry: DeclaredEntry = {
        schema: declared,
        failed: ddl.failed.map((f) => ({ ...ref(f.model), message: f.error.message })),
        skipped: ddl.skippedForeignKeys.map((k) => ({ ...ref(k.model), columns: k.columns, reason: k.reason, target: k.target, refColumns: k.refColumns })),
        ...(overMigrations ? { overMigrations: cache.migratedKey, missing: missing.map((u) => ({ ...ref(u.model), object: u.object })) } : {}),
      };
      await lap('cache', () => writeCache_(cache.declared, cache.declaredKey, entry, cache.dir));
      // Unchanged when no model's DDL changed (then every fragment came from it).
      if (!overMigrations && 'fragments' in declaredRun && declaredRun.changed !== 0) await lap('cache', () => writeCache_(cache.models, cache.modelsKey, { fragments: declaredRun.fragments() }, cache.dir));
    }
    // Only a whole, successful migration run is worth keeping (a failure may be the environment's).
    if (cache && !migratedHit && migration.ok && writeCache) {
      const entry: MigratedEntry = {
        schema: migrated,
        findings: migration.findings,
        migrations: migration.migrations.map((m) => ({ name: m.name, path: isAbsolute(m.path) ? relative(root, m.path) : m.path })),
      };
      await lap('cache', () => writeCache_(cache.migrated, cache.migratedKey, entry, cache.dir));
    }
    const compared = ddl.applied;
    options.onPhase?.({ phase: 'compare', count: compared.length });
    const diffFindings = await lap('diff', async () =>
      diff(migrated, declared, {
        models: compared,
        // Tables of models left out of the comparison are claimed: their problem is already reported.
        claimed: [...validated.excluded, ...ddl.failed.map((f) => f.model), ...missing.map((u) => u.model)],
        ignoreTables: config.ignore.tables,
        migrationTables: knexTableGlobs({ tableName: settings.tableName, schemaName: settings.schemaName }),
      }),
    );
    const strayModels = await lap('diff', () => explainUnmodeledTables(diffFindings, root, loaded.files, config.models));
    // A foreign key to a model left out of the comparison was not created on the declared side:
    // whatever the diff says about it is a consequence of that model's own finding.
    const unknowable = new Set(ddl.skippedForeignKeys.map((k) => `${k.model.model.schema}.${k.model.model.table}(${k.columns.join(',')})`));
    const fkCodes = new Set(['missing-foreign-key', 'foreign-key-mismatch', 'unmodeled-foreign-key']);
    // One cause, one finding: after a failed migration the later ones never ran, so every difference
    // may be theirs (a missing-table per table they create, say): the migration-failed says it all.
    const consequence = notAConsequence(missing);
    const known = (f: Finding) => !(fkCodes.has(f.code) && unknowable.has(`${f.schema}.${f.table}(${f.columns.join(',')})`)) && consequence(f);
    if (migration.ok) {
      findings.push(...diffFindings.filter(known));
      const skipTables = [...knexTableGlobs({ tableName: settings.tableName, schemaName: settings.schemaName }), ...config.ignore.tables];
      findings.push(...conventionFindings(root, migrated, { conventions: config.conventions, skipTables, models: loaded.models, migrations: migration.migrations, scope: conventionsSince }));
    } else notes.push(`note: ${migrationMessages.diffSkippedFailed}`);

    if (options.integration && migration.ok) await lap('integration', () => options.integration!(migratedDb!.url));
    // Before the round trip, which rolls the migrated database back and forth.
    // Imported here: it runs commands through execa, which the package's entry must not load (a
    // config file that requires 'pre-commit-check' from CommonJS could not load execa's ESM-only deps).
    if (runsGenerated) {
      const { generatedFindings } = await import('../generated/index.ts');
      findings.push(...(await lap('generated', () => generatedFindings(migration.ok, { root, entries: config.generated, databaseUrl: migratedDb!.url, timeoutS, signal: options.signal }, notes))));
    }

    const timingsOfMigrations = [...migration.applied];
    if (options.full) {
      if (!migration.ok) notes.push(`note: ${migrationMessages.roundTripSkippedFailed}`);
      else if (downFindings.length) notes.push(`note: ${migrationMessages.roundTripSkippedNoDown(downFindings.map((f) => f.object!))}`);
      else {
        const freshDatabase = () => freshScratchDatabase(server!, { root, settings, quiet: interrupted, log: holdKnexLine }, (k, db) => void (knexes.push(k), scratch.push(db)));
        const rt = await lap('roundTrip', () => roundTrip(migKnex!, root, settings, migration.migrations, inventories, pipeline, { freshDatabase, timeoutS, onMigration: options.onMigration }));
        findings.push(...rt.findings);
        timingsOfMigrations.push(...rt.timings);
      }
    }

    // Code of a model file or migration that failed after its step had ended well: its own finding.
    findings.push(...lateFindings(root, findings));
    const final = withLines(applyRules(findings, config.rules), loaded.models, root);
    const isIgnored = tableMatcher(config.ignore.tables);
    const tables = migrated.tables.filter((t) => !isKnexTable(t.schema, t.name) && !isIgnored(t.schema, t.name)).map((t) => ({ schema: t.schema, name: t.name }));
    const report = await lap('report', async () =>
      buildReport(final, {
        models: loaded.models.length,
        tables: tables.length,
        durationMs: performance.now() - t0,
      }),
    );
    if (useResult && report.ok) {
      const entry = { report, notes: notes.filter((n) => !cacheNotes.has(n)), tables };
      await lap('cache', () => writeCache_(cache!.result, cache!.resultKey, entry, cache!.dir));
    }
    const schemas = { migrated, declared, models: compared, claimed: [...validated.excluded, ...ddl.failed.map((f) => f.model), ...missing.map((u) => u.model)], settings, strayModels };
    return { report, config, timings, migrations: timingsOfMigrations, notes, models: loaded.models, tables, schemas };
  } catch (error) {
    // A lost connection, "in recovery mode", a database that could not be created: when the server
    // itself crashed or filled its disk, that is the cause worth reporting (an interruption aside).
    const code = error instanceof PccError ? error.code : undefined;
    if (code === 'INTERRUPTED') throw error;
    const problem = code === 'DB_CRASHED' || code === 'DB_OUT_OF_SPACE' ? error : server?.diagnose([(error as Error)?.message ?? String(error)]);
    if (!problem) throw error;
    knexLines.length = 0;
    throw problem;
  } finally {
    if (!interrupted()) for (const line of knexLines) process.stderr.write(`${line}\n`);
    options.signal?.removeEventListener('abort', onAbort);
    await Promise.all(knexes.map((k) => k.destroy().catch(() => {})));
    const s = server ?? (await serverPromise.catch(() => undefined));
    if (s && s !== options.server) await lap('serverStop', () => s.stop());
    // one at a time: the drops share the server's one admin connection
    else for (const d of scratch) await d.drop();
  }
}

/**
 * An unmodeled table whose model exists in a file the `models` globs miss (seed 004: "has a model,
 * not loaded!"): rewrite its message and hint to say which file and what to do. Reads the project's
 * other source files as text, only when there is an unmodeled table to explain. Returns those
 * tables ('schema.table' -> files), for generate, which must not drop them.
 */
async function explainUnmodeledTables(findings: Finding[], root: string, loadedFiles: string[], globs: string[]): Promise<Map<string, string[]>> {
  const unmodeled = findings.filter((f) => f.code === 'unmodeled-table' && f.schema !== null && f.table !== null);
  if (unmodeled.length === 0) return new Map();
  const sources = await readUnloadedSources(root, loadedFiles);
  const stray = findStrayDeclarations(sources, unmodeled.map((f) => ({ schema: f.schema!, table: f.table! })));
  for (const [i, f] of findings.entries()) {
    const files = f.code === 'unmodeled-table' ? stray.get(`${f.schema}.${f.table}`) : undefined;
    if (files) findings[i] = { ...f, ...findingText.unmodeledTable({ schema: f.schema!, table: f.table!, strayFiles: files, globs }) };
  }
  return stray;
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

const id = (r: { file: string; exportName: string }) => `${r.file}#${r.exportName}`;

/** The missing objects the declared cache recorded, replayed on this run's models (withoutObject is pure). */
function replayMissing(hit: DeclaredEntry, valid: LoadedModel[]): MissingUse[] {
  const out: MissingUse[] = [];
  for (const entry of hit.missing ?? []) {
    const model = valid.find((lm) => id(lm) === id(entry));
    if (!model) continue;
    const current = [...out].reverse().find((u) => u.model === model)?.stripped ?? model;
    const stripped = withoutObject(current, entry.object);
    out.push({ model, object: entry.object, columns: stripped?.columns ?? [], consequences: stripped?.consequences ?? [], stripped: stripped?.model });
  }
  return out;
}

/** The outcome of the models' DDL as the declared cache recorded it, matched to this run's models. */
function fromDeclaredCache(hit: DeclaredEntry, valid: LoadedModel[]): Pick<ApplyResult, 'applied' | 'failed' | 'skippedForeignKeys'> {
  const byId = new Map(valid.map((lm) => [id(lm), lm]));
  const failedIds = new Set(hit.failed.map(id));
  // A model compared without the parts that use a missing object: its last stripped form (none: left out).
  const missing = replayMissing(hit, valid);
  const compared = (lm: LoadedModel): LoadedModel[] => {
    const uses = missing.filter((u) => u.model === lm);
    if (!uses.length) return [lm];
    return uses.some((u) => !u.stripped) ? [] : [uses[uses.length - 1]!.stripped!];
  };
  return {
    applied: valid.filter((lm) => !failedIds.has(id(lm))).flatMap(compared),
    failed: hit.failed.flatMap((f) => (byId.has(id(f)) ? [{ model: byId.get(id(f))!, error: new Error(f.message), phase: 'table' as const }] : [])),
    skippedForeignKeys: hit.skipped.flatMap((k) =>
      byId.has(id(k)) ? [{ model: byId.get(id(k))!, label: '', target: k.target ?? '', columns: k.columns, refColumns: k.refColumns, reason: k.reason ?? ('target-failed' as const), sql: '' }] : [],
    ),
  };
}

/** A cache entry, or undefined; a corrupt or foreign one is removed (it is rebuilt by this run) and noted. */
async function readCache<T>(store: import('../cache/store.ts').EntryStore<T>, key: string, notes: string[]): Promise<T | undefined> {
  const r = await store.read(key);
  if (r.status === 'hit') return r.value;
  if (r.status === 'corrupt') {
    notes.push(`note: ${cacheMessages.corrupt(r.file, r.reason)}`);
    await store.remove(key);
  }
  return undefined;
}

/** Store a cache entry; a failure is a warning on stderr, never a failed check. */
async function writeCache_<T>(store: import('../cache/store.ts').EntryStore<T>, key: string, value: T, dir: string): Promise<void> {
  await store.write(key, value).catch((e: Error) => process.stderr.write(`pre-commit-check: ${cacheMessages.writeFailed(dir, e.message)}\n`));
}

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
  const run = await runCheck({ ...options, full: false, integration: undefined, generated: false, resultCache: false, allowMissingMigrationsDir: true });
  // Without the result cache, a run always reads both databases.
  const schemas = run.schemas!;
  return { ...schemas, config: run.config, findings: run.report.findings };
}

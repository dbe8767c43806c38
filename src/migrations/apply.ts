// Apply a project's Knex migrations from zero, one at a time, so a failure names its migration.
// Returns a report; never throws for a migration's own error (contract: a failing migration is a finding).
import { existsSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { PccError } from '../errors.ts';
import { configMessages } from '../messages/config.ts';
import type { Knex } from 'knex';
import type { Finding } from '../diff/findings.ts';
import { makeMigrationFinding, sqlMissingDownText } from './findings.ts';
import type { MigrationSettings } from './knexfile.ts';
import { DEFAULT_LOAD_EXTENSIONS } from './extensions.ts';
import { migrationSourceFor, migratorConfig, type CheckedMigrationSource } from './source.ts';
import { quoteIdent } from '../ddl/names.ts';
import type { DdlPipeline } from './pipeline.ts';
import { isShuttingDown } from '../postgres/cleanup.ts';
import { runUserCode, UserTimeoutError } from '../util/user-code.ts';
import { DEFAULT_USER_CODE_TIMEOUT_S } from '../util/import-user-file.ts';
import { MigrationTimeoutError, releaseAbandonedConnections, stopRunningStatements } from './stop.ts';

export { MigrationTimeoutError };

export { DEFAULT_LOAD_EXTENSIONS };

export interface MigrationInfo {
  name: string;
  /** Absolute path. */
  path: string;
}

export interface MigrationTiming {
  name: string;
  direction: 'up' | 'down';
  ms: number;
}

export interface ApplyResult {
  ok: boolean;
  migrations: MigrationInfo[];
  applied: MigrationTiming[];
  findings: Finding[];
  /** A migration ran past migrationTimeout and its sessions were ended (Knex's complaints about them are noise). */
  stopped?: boolean;
}

/** Use to build the `migrations` block of a Knex config from the project's settings (see migratorConfig). */
export function knexMigrationConfig(s: MigrationSettings): Knex.MigratorConfig {
  return migratorConfig(s);
}

/**
 * Use to list the project's migrations in Knex's order, without a database. A migration of a
 * knexfile's migrationSource whose item names no file is given the knexfile as its path.
 */
export async function listMigrations(s: MigrationSettings): Promise<MigrationInfo[]> {
  const source = migrationSourceFor(s);
  const all = await source.getMigrations();
  const knexfile = resolve(s.knexfileDir ?? process.cwd(), basename(s.knexfile));
  return all.map((item) => ({ name: source.getMigrationName(item), path: source.pathOf(item) ?? knexfile }));
}

/**
 * Use before a check: every migrations directory must exist. Knex's own `migrate:latest` fails on a
 * missing one; counting it as "no migrations" would pass a check that looked at nothing. A knexfile's
 * own migrationSource decides where its migrations are: no directory is required then.
 * Throws PccError KNEXFILE_INVALID (exit 2) naming the directory and the knexfile it came from.
 */
export function assertMigrationDirectories(s: MigrationSettings, root: string): void {
  if (s.migrationSource) return;
  const missing = s.directories.filter((d) => !existsSync(d));
  if (missing.length === 0) return;
  const shown = missing.map((d) => relative(root, d) || '.');
  throw new PccError('KNEXFILE_INVALID', configMessages.migrationsDirMissing(shown, s.knexfile), { hint: configMessages.migrationsDirMissingHint(s.knexfile) });
}

/**
 * Use for the static check: every migration must export `down` (finding missing-down), read through
 * the project's source. `known`: the answer for the first `count` migrations is known already (a
 * migrated snapshot recorded which of them have no down()): those are not loaded.
 */
export async function checkDowns(root: string, migrations: MigrationInfo[], settings: MigrationSettings, known?: { count: number; missingDown: string[] }): Promise<Finding[]> {
  const findings: Finding[] = [];
  // A SQL folder whose format has no downs (Prisma, drizzle-kit, plain without .down.sql): nothing is missing.
  if (settings.sql && !settings.sql.hasDowns) return findings;
  const source = migrationSourceFor(settings);
  for (const [i, mig] of migrations.entries()) {
    if (known && i < known.count) {
      if (known.missingDown.includes(mig.name)) findings.push(makeMigrationFinding('missing-down', relative(root, mig.path), mig.name));
      continue;
    }
    // null: the file does not load; apply reports that as migration-failed.
    if ((await source.hasDown(mig.name)) === false) {
      const finding = makeMigrationFinding('missing-down', relative(root, mig.path), mig.name);
      findings.push(settings.sql?.format ? { ...finding, ...sqlMissingDownText(mig.name, mig.path, settings.sql.format) } : finding);
    }
  }
  return findings;
}

/** Which migration is about to run: the k-th of N (1-based), for a progress display. */
export interface MigrationProgress {
  index: number;
  total: number;
  name: string;
  direction: 'up' | 'down';
}

/** Options of applyMigrations. */
export interface ApplyOptions {
  /** Runs after each migration that succeeded (check --full takes an inventory). */
  afterEach?: (migration: MigrationInfo) => Promise<void>;
  /** The pipeline `knex` was opened with (scratchKnex's `pipeline`): each migration's DDL is sent ahead. */
  pipeline?: DdlPipeline;
  /** Seconds one migration may run before it is stopped and reported (migrationTimeout; default 120). */
  timeoutS?: number;
  /** Called as each migration starts. */
  onMigration?: (progress: MigrationProgress) => void;
  /**
   * How many of the first migrations the database has applied already (a migrated snapshot: Knex's
   * migrations table lists them): only the ones after are run. Default 0 (from zero).
   */
  from?: number;
}

/** Use to migrate a scratch database from zero (or from `options.from`): applies each migration in order, stops at the first that throws. */
export async function applyMigrations(knex: Knex, root: string, s: MigrationSettings, options: ApplyOptions = {}): Promise<ApplyResult> {
  const { afterEach, pipeline } = options;
  const config = knexMigrationConfig(s);
  const migrations = await listMigrations(s);
  const applied: MigrationTiming[] = [];
  // Knex expects migrations.schemaName to exist already (a DBA made it); on a scratch database we do.
  // On a pooled connection, not knex.raw: the knexfile's wrapIdentifier must not rename it (Knex's own
  // migrations-table queries run with it disabled).
  if (s.schemaName) await withConnection(knex, (c) => c.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(s.schemaName!)}`));
  const from = options.from ?? 0;
  for (const [i, mig] of migrations.entries()) {
    if (i < from) continue;
    options.onMigration?.({ index: i + 1, total: migrations.length, name: mig.name, direction: 'up' });
    const start = performance.now();
    try {
      await runMigrationStep(knex, 'up', { ...config, name: mig.name }, mig, pipeline, options.timeoutS);
      applied.push({ name: mig.name, direction: 'up', ms: performance.now() - start });
      await afterEach?.(mig);
    } catch (error) {
      const skipped = migrations.slice(i + 1).map((m) => m.name);
      return {
        ok: false,
        ...(error instanceof MigrationTimeoutError ? { stopped: true } : {}),
        migrations,
        applied,
        findings: [makeMigrationFinding('migration-failed', relative(root, mig.path), mig.name, { direction: 'up', error, skipped, sql: !!s.sql })],
      };
    }
  }
  return { ok: true, migrations, applied, findings: [] };
}

/** How long a stopped migration's code is given to notice and give its connections back. */
const ABANDON_GRACE_MS = 2000;

/**
 * Use to run one migration up or down as the user's code (src/util/user-code.ts): a process.exit()
 * or an error it leaves uncaught fails it, and after `timeoutS` seconds it is stopped (whatever it
 * runs on the database is ended) and fails with a MigrationTimeoutError.
 */
export async function runMigrationStep(
  knex: Knex,
  direction: 'up' | 'down',
  config: Knex.MigratorConfig,
  migration: MigrationInfo,
  pipeline: DdlPipeline | undefined,
  timeoutS: number = DEFAULT_USER_CODE_TIMEOUT_S,
): Promise<void> {
  const abandoned = new AbortController();
  let settled = false;
  let step: Promise<void> | undefined;
  const run = () => (step = migrateOne(knex, direction, config, migration, pipeline, abandoned.signal).finally(() => void (settled = true)));
  try {
    await runUserCode({ kind: 'migration', file: migration.path }, run, { timeoutMs: timeoutS * 1000 });
  } catch (error) {
    if (settled) throw error;
    // Out of time: end what it runs on the database, then take back what its code still holds.
    abandoned.abort();
    const running = await stopRunningStatements(knex).catch(() => []);
    // Its code may now fail and give its connections back; what it still holds after that (a
    // transaction it never ends) is taken back, so that the Knex instance can be destroyed.
    await settlesWithin(step, ABANDON_GRACE_MS);
    await releaseAbandonedConnections(knex);
    throw error instanceof UserTimeoutError ? new MigrationTimeoutError(error.seconds, running) : error;
  }
}

async function settlesWithin(promise: Promise<unknown> | undefined, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const done = (promise ?? Promise.resolve()).then(() => true, () => true);
  try {
    return await Promise.race([done, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Use to run one migration up or down through Knex. With a pipeline its DDL is sent ahead, but only
 * when Knex runs the whole step in one transaction (as it does unless the knexfile's
 * disableTransactions or the migration's `config.transaction` says otherwise). If a statement sent
 * ahead then fails, the step (rolled back whole) runs again one statement at a time, so that what
 * it does and the error it gives are exactly Knex's (see DdlPipeline). Any other failure is the
 * one Knex alone gives: every statement ran in the same order.
 */
export async function migrateOne(
  knex: Knex,
  direction: 'up' | 'down',
  config: Knex.MigratorConfig,
  migration: MigrationInfo,
  pipeline: DdlPipeline | undefined,
  abandoned?: AbortSignal,
): Promise<void> {
  const step = () => (direction === 'up' ? knex.migrate.up(config) : knex.migrate.down(config));
  if (!pipeline || !(await runsInTransaction(config, migration))) {
    await step();
    return;
  }
  const failedBefore = pipeline.failedAhead;
  try {
    await pipeline.run(step);
  } catch (error) {
    // A step stopped for running too long is not run again.
    if (pipeline.failedAhead === failedBefore || isShuttingDown() || abandoned?.aborted) throw error;
    await pipeline.strict(step);
  }
}

/** Whether Knex runs this migration inside a transaction of its own (its _useTransaction rule). */
async function runsInTransaction(config: Knex.MigratorConfig, migration: MigrationInfo): Promise<boolean> {
  let own: unknown;
  try {
    const source = config.migrationSource as CheckedMigrationSource;
    own = ((await source.load(migration.name)) as { config?: { transaction?: unknown } }).config?.transaction;
  } catch {
    return false; // it does not load: Knex reports that, one statement at a time is fine
  }
  return typeof own === 'boolean' ? own : !config.disableTransactions;
}

/**
 * Use for the tool's own queries on a Knex instance opened with the knexfile's config: on a pooled
 * connection, as plain pg, so that none of the knexfile's hooks (wrapIdentifier,
 * postProcessResponse) nor the DDL pipeline applies to them.
 */
export async function withConnection<T>(knex: Knex, work: (connection: { query(sql: string): Promise<T> }) => Promise<T>): Promise<T> {
  const connection = (await knex.client.acquireConnection()) as { query(sql: string): Promise<T> };
  try {
    return await work(connection);
  } finally {
    await knex.client.releaseConnection(connection);
  }
}

// Apply a project's Knex migrations from zero, one at a time, so a failure names its migration.
// Returns a report; never throws for a migration's own error (contract: a failing migration is a finding).
import { dirname, join, relative } from 'node:path';
import type { Knex } from 'knex';
import type { Finding } from '../diff/findings.ts';
import { makeMigrationFinding } from './findings.ts';
import type { MigrationSettings } from './knexfile.ts';
import { DEFAULT_LOAD_EXTENSIONS } from './extensions.ts';
import { ProjectMigrationSource, hasDown } from './source.ts';
import type { DdlPipeline } from './pipeline.ts';
import { isShuttingDown } from '../postgres/cleanup.ts';

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
}

/** Use to build the `migrations` block of a Knex config from the project's settings. */
export function knexMigrationConfig(s: MigrationSettings): Knex.MigratorConfig {
  return {
    migrationSource: new ProjectMigrationSource(s),
    tableName: s.tableName,
    schemaName: s.schemaName,
    disableTransactions: s.disableTransactions,
  };
}

/** Use to list the project's migrations in Knex's order, without a database. */
export async function listMigrations(s: MigrationSettings): Promise<MigrationInfo[]> {
  const all = await new ProjectMigrationSource(s).getMigrations();
  return all.map((p) => ({ name: p.file, path: join(p.directory, p.file) }));
}

/** Use for the static check: every migration must export `down` (finding missing-down). */
export async function checkDowns(root: string, migrations: MigrationInfo[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const mig of migrations) {
    // null: the file does not load; apply reports that as migration-failed.
    if ((await hasDown({ file: mig.name, directory: dirname(mig.path) })) === false) {
      findings.push(makeMigrationFinding('missing-down', relative(root, mig.path), mig.name));
    }
  }
  return findings;
}

/** Options of applyMigrations. */
export interface ApplyOptions {
  /** Runs after each migration that succeeded (check --full takes an inventory). */
  afterEach?: (migration: MigrationInfo) => Promise<void>;
  /** The pipeline `knex` was opened with (scratchKnex's `pipeline`): each migration's DDL is sent ahead. */
  pipeline?: DdlPipeline;
}

/** Use to migrate a scratch database from zero: applies each migration in order, stops at the first that throws. */
export async function applyMigrations(knex: Knex, root: string, s: MigrationSettings, options: ApplyOptions = {}): Promise<ApplyResult> {
  const { afterEach, pipeline } = options;
  const config = knexMigrationConfig(s);
  const migrations = await listMigrations(s);
  const applied: MigrationTiming[] = [];
  // Knex expects migrations.schemaName to exist already (a DBA made it); on a scratch database we do.
  if (s.schemaName) await knex.raw('CREATE SCHEMA IF NOT EXISTS ??', [s.schemaName]);
  for (const [i, mig] of migrations.entries()) {
    const start = performance.now();
    try {
      await migrateOne(knex, 'up', { ...config, name: mig.name }, mig, pipeline);
      applied.push({ name: mig.name, direction: 'up', ms: performance.now() - start });
      await afterEach?.(mig);
    } catch (error) {
      const skipped = migrations.slice(i + 1).map((m) => m.name);
      return {
        ok: false,
        migrations,
        applied,
        findings: [makeMigrationFinding('migration-failed', relative(root, mig.path), mig.name, { direction: 'up', error, skipped })],
      };
    }
  }
  return { ok: true, migrations, applied, findings: [] };
}

/**
 * Use to run one migration up or down through Knex. With a pipeline its DDL is sent ahead, but only
 * when Knex runs the whole step in one transaction (as it does unless the knexfile's
 * disableTransactions or the migration's `config.transaction` says otherwise). If a statement sent
 * ahead then fails, the step (rolled back whole) runs again one statement at a time, so that what
 * it does and the error it gives are exactly Knex's (see DdlPipeline). Any other failure is the
 * one Knex alone gives: every statement ran in the same order.
 */
export async function migrateOne(knex: Knex, direction: 'up' | 'down', config: Knex.MigratorConfig, migration: MigrationInfo, pipeline: DdlPipeline | undefined): Promise<void> {
  const step = () => (direction === 'up' ? knex.migrate.up(config) : knex.migrate.down(config));
  if (!pipeline || !(await runsInTransaction(config, migration))) {
    await step();
    return;
  }
  const failedBefore = pipeline.failedAhead;
  try {
    await pipeline.run(step);
  } catch (error) {
    if (pipeline.failedAhead === failedBefore || isShuttingDown()) throw error;
    await pipeline.strict(step);
  }
}

/** Whether Knex runs this migration inside a transaction of its own (its _useTransaction rule). */
async function runsInTransaction(config: Knex.MigratorConfig, migration: MigrationInfo): Promise<boolean> {
  let own: unknown;
  try {
    const source = config.migrationSource as ProjectMigrationSource;
    own = ((await source.getMigration({ file: migration.name, directory: dirname(migration.path) })) as { config?: { transaction?: unknown } }).config?.transaction;
  } catch {
    return false; // it does not load: Knex reports that, one statement at a time is fine
  }
  return typeof own === 'boolean' ? own : !config.disableTransactions;
}

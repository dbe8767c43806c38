// The migration round trip (check --full): roll every migration back one at a time, check that
// nothing is left, apply them all again and check the schema is the same. Inventories (one query
// each) taken after every step name the migration responsible and the objects concerned.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Knex } from 'knex';
import { DEFAULT_SEVERITY, type Finding } from '../diff/findings.ts';
import { knexMigrationConfig, migrateOne, withConnection, type MigrationInfo, type MigrationTiming } from './apply.ts';
import type { DdlPipeline } from './pipeline.ts';
import { makeMigrationFinding } from './findings.ts';
import type { MigrationSettings } from './knexfile.ts';
import { roundTripMessages as m } from '../messages/migrations.ts';

const INVENTORY_SQL = readFileSync(new URL('./inventory.sql', import.meta.url), 'utf8');

/** kind:name -> detail */
export type Inventory = Map<string, string>;

/**
 * Use to take an inventory of a database's user objects in one query (knex's own tables excluded).
 * It runs on a pooled connection as plain pg: the knexfile's hooks (postProcessResponse) do not apply.
 */
export async function takeInventory(knex: Knex, settings: MigrationSettings): Promise<Inventory> {
  const { rows } = (await withConnection(knex, (c) => c.query(INVENTORY_SQL))) as unknown as { rows: Array<{ kind: string; name: string; detail: string }> };
  const schema = settings.schemaName ?? 'public';
  const own = new Set([settings.tableName, `${settings.tableName}_lock`].map((t) => `${schema}.${t}`));
  const inv: Inventory = new Map();
  for (const r of rows) {
    const base = r.name.split('.').slice(0, 2).join('.');
    if (own.has(base) || [...own].some((o) => r.name.startsWith(`${o}_`) && r.kind !== 'table' && r.kind !== 'column' && r.name.startsWith(o))) continue;
    inv.set(`${r.kind} ${r.name}`, r.detail);
  }
  // The migrations schema itself (when knex created it) is knex's, not a migration's.
  if (settings.schemaName) inv.delete(`schema ${settings.schemaName}`);
  return inv;
}

export interface InventoryDiff {
  added: string[];
  removed: string[];
  changed: string[];
}

/** Use to compare two inventories: what `after` has that `before` lacks, and the reverse. Pure. */
export function compareInventories(before: Inventory, after: Inventory): InventoryDiff {
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  for (const [k, v] of after) {
    if (!before.has(k)) added.push(k);
    else if (before.get(k) !== v) changed.push(k);
  }
  for (const k of before.keys()) if (!after.has(k)) removed.push(k);
  return { added: added.sort(), removed: removed.sort(), changed: changed.sort() };
}

const empty = (d: InventoryDiff) => d.added.length + d.removed.length + d.changed.length === 0;

export interface RoundTripResult {
  findings: Finding[];
  timings: MigrationTiming[];
}

/**
 * Use after applyMigrations succeeded on `knex`: `inventories[i]` is the inventory after migration i
 * was applied (index 0 = before any). Rolls back one at a time, then re-applies everything.
 * `pipeline`: the one `knex` was opened with, so that each step's DDL is sent ahead.
 */
export async function roundTrip(
  knex: Knex,
  root: string,
  settings: MigrationSettings,
  migrations: MigrationInfo[],
  inventories: Inventory[],
  pipeline?: DdlPipeline,
): Promise<RoundTripResult> {
  const config = knexMigrationConfig(settings);
  const findings: Finding[] = [];
  const timings: MigrationTiming[] = [];
  const file = (mig: MigrationInfo) => relative(root, mig.path);

  // 1. Down, newest first; after each, the schema must be what it was before that migration's up.
  for (let i = migrations.length - 1; i >= 0; i--) {
    const mig = migrations[i]!;
    const start = performance.now();
    try {
      await migrateOne(knex, 'down', { ...config, name: mig.name }, mig, pipeline);
    } catch (error) {
      findings.push(makeMigrationFinding('migration-failed', file(mig), mig.name, { direction: 'down', error }));
      return { findings, timings };
    }
    timings.push({ name: mig.name, direction: 'down', ms: performance.now() - start });
    const d = compareInventories(inventories[i]!, await takeInventory(knex, settings));
    if (!empty(d)) {
      findings.push(irreversible(file(mig), mig.name, m.leftBehind(mig.name, d), d));
      return { findings, timings };
    }
  }

  // 2. Up again, oldest first; after each, the schema must be what it was the first time.
  for (const [i, mig] of migrations.entries()) {
    const start = performance.now();
    try {
      await migrateOne(knex, 'up', { ...config, name: mig.name }, mig, pipeline);
    } catch (error) {
      findings.push(makeMigrationFinding('migration-failed', file(mig), mig.name, { direction: 'up', error }));
      findings.push(irreversible(file(mig), mig.name, m.reapplyFailed(mig.name), { added: [], removed: [], changed: [] }));
      return { findings, timings };
    }
    timings.push({ name: mig.name, direction: 'up', ms: performance.now() - start });
    const d = compareInventories(inventories[i + 1]!, await takeInventory(knex, settings));
    if (!empty(d)) {
      findings.push(irreversible(file(mig), mig.name, m.differsAfterReapply(mig.name, d), d));
      return { findings, timings };
    }
  }
  return { findings, timings };
}

function irreversible(file: string, name: string, message: string, d: InventoryDiff): Finding {
  const objects = [...d.added.map((x) => `+ ${x}`), ...d.removed.map((x) => `- ${x}`), ...d.changed.map((x) => `~ ${x}`)];
  return {
    code: 'irreversible-migration',
    severity: DEFAULT_SEVERITY['irreversible-migration'],
    model: null,
    schema: null,
    table: null,
    columns: [],
    object: name,
    expected: d.added.length || d.changed.length ? 'nothing left after down()' : null,
    actual: objects.length ? objects.slice(0, 10).join('; ') + (objects.length > 10 ? `; … (${objects.length} in all)` : '') : null,
    message,
    hint: m.irreversibleHint,
    file,
  };
}

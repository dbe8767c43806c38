// The migration round trip (check --full): roll every migration back one at a time, check that
// nothing is left, apply them all again and check the schema is the same. Inventories (one query
// each) taken after every step name the migration responsible and the objects concerned.
//
// Every irreversible migration is reported in one run, one finding each, and a broken one does not
// make the next look broken: after a finding, the round trip goes on in a fresh scratch database
// brought to the state the next test needs by applying the migrations before it from zero (see
// RoundTripRun). A clean project pays nothing for this; each finding costs one forward run of the
// migrations below it.
//
// With a copy of the migrated database (check --full on the embedded server), the earlier and the
// later migrations are round-tripped at once, one half in each database (see roundTrip).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Knex } from 'knex';
import { DEFAULT_SEVERITY, type Finding } from '../diff/findings.ts';
import { PccError } from '../errors.ts';
import { knexMigrationConfig, runMigrationStep, withConnection, type MigrationInfo, type MigrationProgress, type MigrationTiming } from './apply.ts';
import type { DdlPipeline } from './pipeline.ts';
import { describeDbError, makeMigrationFinding } from './findings.ts';
import type { MigrationSettings } from './knexfile.ts';
import { roundTripMessages as m } from '../messages/migrations.ts';
import { quoteIdent } from '../ddl/names.ts';
import { isFrozenNow, normaliseDefault } from '../diff/normalise.ts';

const INVENTORY_SQL = readFileSync(new URL('./inventory.sql', import.meta.url), 'utf8');
const STAMPS_SQL = readFileSync(new URL('./inventory-stamps.sql', import.meta.url), 'utf8');

/** kind:name -> detail */
export type Inventory = Map<string, string>;

/** The last inventory of a database, for the next one to list again only the tables that changed. */
interface InventoryState {
  /** The next transaction id then: a catalog row written since is newer (inventory-stamps.sql). */
  horizon: string;
  /** Table oid -> its counts then; a table missing here is new. */
  tables: Map<string, string>;
  /** Table oid -> its inventory rows (columns, constraints, indexes, triggers). */
  owned: Map<string, Array<[string, string]>>;
  /** How many objects any row may name there were (the 'shared' count). */
  shared: string;
}
const lastInventory = new WeakMap<Knex, InventoryState>();

/** Options of takeInventory. */
export interface InventoryOptions {
  /** Told how many tables' own rows were listed ('all': the first inventory, or one after a schema, type or function changed). */
  listed?: (tables: number | 'all') => void;
}

type Connection = { query(sql: string, params?: unknown[]): Promise<{ rows: Array<Record<string, string>> }> };

/**
 * Use to take an inventory of a database's user objects (knex's own tables excluded). The first one
 * on a Knex instance lists everything in one query; the next ones list again only the tables whose
 * catalog rows changed since (see inventory-stamps.sql), the rows of the others being the same as
 * then. It runs on a pooled connection as plain pg: the knexfile's hooks do not apply.
 */
export async function takeInventory(knex: Knex, settings: MigrationSettings, options: InventoryOptions = {}): Promise<Inventory> {
  return withConnection(knex, async (connection) => {
    const c = connection as unknown as Connection;
    const last = lastInventory.get(knex);
    const { rows: stampRows } = await c.query(STAMPS_SQL, [last?.horizon ?? null]);
    const of = (kind: string) => stampRows.filter((r) => r.kind === kind);
    const tables = new Map(of('table').map((r) => [String(r.oid), r.sig!]));
    const dirty = new Set(of('dirty').map((r) => String(r.oid)));
    const [shared, sharedWritten] = of('shared')[0]!.sig!.split(',');
    const sharedMoved = sharedWritten === 'true' || !last || last.shared !== shared;
    const changed = sharedMoved ? undefined : [...tables.keys()].filter((oid) => dirty.has(oid) || last!.tables.get(oid) !== tables.get(oid));
    const { rows } = await c.query(INVENTORY_SQL, [changed ?? null]);
    options.listed?.(changed?.length ?? 'all');
    const inv: Inventory = new Map();
    const owned = new Map<string, Array<[string, string]>>();
    const now = Date.now();
    for (const r of rows as Array<{ kind: string; name: string; detail: string; owner: string }>) {
      if (isKnexOwn(r.kind, r.name, settings)) continue;
      const entry: [string, string] = [`${r.kind} ${r.name}`, r.kind === 'column' ? columnDetail(r.detail, now) : r.detail];
      inv.set(entry[0], entry[1]);
      const owner = String(r.owner);
      if (owner === '0') continue;
      if (!owned.has(owner)) owned.set(owner, []);
      owned.get(owner)!.push(entry);
    }
    const listed = new Set(changed);
    for (const oid of changed ? tables.keys() : []) {
      if (listed.has(oid) || !last!.owned.has(oid)) continue;
      owned.set(oid, last!.owned.get(oid)!);
      for (const [k, v] of last!.owned.get(oid)!) inv.set(k, v);
    }
    lastInventory.set(knex, { horizon: of('horizon')[0]!.sig!, tables, owned, shared: shared! });
    // The migrations schema itself (when knex created it) is knex's, not a migration's.
    if (settings.schemaName) inv.delete(`schema ${settings.schemaName}`);
    return inv;
  });
}

/**
 * A column's inventory detail ('type[ NOT NULL][ DEFAULT expr]') with its default in canonical form,
 * as the check compares defaults: down() writing now() where up() had CURRENT_TIMESTAMP is no change.
 * A constant instant frozen while this run built the database (defaultTo('now')) reads as such: up()
 * run again freezes another one.
 */
export function columnDetail(detail: string, now: number): string {
  const m = /^(.*?)( NOT NULL)?(?: DEFAULT (.*))?$/s.exec(detail);
  if (!m || m[3] === undefined) return detail;
  const [, type, notNull = ''] = m;
  const def = isFrozenNow(m[3], now) ? '(instant frozen when created)' : normaliseDefault(m[3], type!);
  return `${type}${notNull}${def === null ? '' : ` DEFAULT ${def}`}`;
}

/**
 * Whether an inventory row is Knex's migrations table, its lock table, or one of their columns,
 * keys, indexes or sequences: in migrations.schemaName, else in any schema (without it, Knex
 * creates them in the first schema of the search path that exists when it first needs them).
 */
function isKnexOwn(kind: string, name: string, settings: MigrationSettings): boolean {
  const [schema, relation] = name.split('.') as [string, string | undefined];
  if (relation === undefined || (settings.schemaName !== undefined && schema !== settings.schemaName)) return false;
  return [settings.tableName, `${settings.tableName}_lock`].some((t) => relation === t || (kind !== 'table' && kind !== 'column' && relation.startsWith(`${t}_`)));
}

export interface InventoryDiff {
  added: string[];
  removed: string[];
  changed: string[];
}

/**
 * Use to compare two inventories: what `after` has that `before` lacks, and the reverse. Pure. A
 * table added or removed stands for its columns, constraints, triggers and indexes, which are left
 * out; the rest is sorted by kind, the biggest objects first (tables before their sequences).
 */
export function compareInventories(before: Inventory, after: Inventory): InventoryDiff {
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  for (const [k, v] of after) {
    if (!before.has(k)) added.push(k);
    else if (before.get(k) !== v) changed.push(k);
  }
  for (const k of before.keys()) if (!after.has(k)) removed.push(k);
  return { added: outline(added, after), removed: outline(removed, before), changed: changed.sort(byKind) };
}

const KIND_ORDER = ['schema', 'extension', 'table', 'foreign table', 'view', 'materialized view', 'enum', 'domain', 'type', 'function', 'sequence', 'trigger', 'index', 'constraint', 'column'];
const kindOf = (key: string) => KIND_ORDER.findIndex((k) => key.startsWith(`${k} `) && !key.slice(k.length + 1).includes(' '));
const byKind = (a: string, b: string) => kindOf(a) - kindOf(b) || (a < b ? -1 : a > b ? 1 : 0);

/** The keys without the parts of a table that is among them (see compareInventories), sorted by kind. */
function outline(keys: string[], inv: Inventory): string[] {
  const tables = new Set(keys.filter((k) => k.startsWith('table ')).map((k) => k.slice('table '.length)));
  const partOfListedTable = (key: string): boolean => {
    const m = /^(column|constraint|trigger) (.+)\.[^.]+$/.exec(key);
    if (m) return tables.has(m[2]!);
    const on = key.startsWith('index ') ? / ON (?:ONLY )?(\S+) USING /.exec(inv.get(key) ?? '') : null;
    return !!on && tables.has(on[1]!.replace(/"/g, ''));
  };
  return keys.filter((k) => !partOfListedTable(k)).sort(byKind);
}

const empty = (d: InventoryDiff) => d.added.length + d.removed.length + d.changed.length === 0;
const NO_DIFF: InventoryDiff = { added: [], removed: [], changed: [] };

export interface RoundTripResult {
  findings: Finding[];
  timings: MigrationTiming[];
  /** Fresh scratch databases the round trip migrated from zero to go on after a finding. */
  rebuilds: number;
}

/** A scratch database for the round trip: its Knex (opened like the migrated one's) and its pipeline. */
export interface RoundTripDatabase {
  knex: Knex;
  pipeline?: DdlPipeline;
  /** Closes the Knex instance and drops the database. */
  dispose(): Promise<void>;
}

/** Options of roundTrip. */
export interface RoundTripOptions {
  /**
   * Opens a new, empty scratch database like the migrated one. With it, the round trip goes on
   * after a finding and reports every irreversible migration; without it, it stops at the first.
   */
  freshDatabase?: () => Promise<RoundTripDatabase>;
  /** Seconds each step may run (migrationTimeout), as for applyMigrations. */
  timeoutS?: number;
  /** Called as each step starts (the hook's task title, check's progress line). */
  onMigration?: (progress: MigrationProgress) => void;
  /**
   * Round-trip only migrations `from`.. (the earlier ones passed an earlier round trip unchanged):
   * they are rolled back down to `from` and applied again; inventories before `from` are not read.
   */
  from?: number;
  /**
   * Opens a copy of the database roundTrip is given, as it is then (every migration applied). With
   * it and freshDatabase, a round trip of SPLIT_MIN migrations or more runs in two halves at once, one
   * per database (the server's second core): the later migrations in the given database, the
   * earlier ones in the copy (see roundTrip). Its failure is no error: the round trip runs whole.
   */
  copyDatabase?: () => Promise<RoundTripDatabase>;
}

/** The fewest migrations to round-trip in two halves (copyDatabase): below, a copy costs more than it saves. */
const SPLIT_MIN = 4;
/**
 * The earlier half's share of the migrations: its database also rolls back the later half first
 * (unchecked, ~1/7 of a checked down and up), so it takes a little less than half.
 */
const LOWER_SHARE = 0.45;

/**
 * Use after applyMigrations succeeded on `knex`: `inventories[i]` is the inventory after migration i
 * was applied (index 0 = before any). Rolls back one at a time, then re-applies everything (from
 * `options.from` on, when set).
 * `pipeline`: the one `knex` was opened with, so that each step's DDL is sent ahead.
 *
 * With options.copyDatabase, the migrations from..split-1 and split.. are round-tripped at once: the
 * later ones in `knex`'s database, the earlier ones in a copy first rolled back to split (their
 * down() does not depend on what is below: see the incremental `from`). When that copy is not then
 * exactly inventory `split` (a down() failed or left something), the earlier half starts in a fresh
 * database migrated to split instead, so that the later half's faults are never charged to it.
 * Findings and timings come in the order one database would give them: the downs from the last
 * migration to the first, then the ups.
 */
export async function roundTrip(
  knex: Knex,
  root: string,
  settings: MigrationSettings,
  migrations: MigrationInfo[],
  inventories: Inventory[],
  pipeline?: DdlPipeline,
  options: RoundTripOptions = {},
): Promise<RoundTripResult> {
  const from = options.from ?? 0;
  const to = migrations.length;
  const split = options.copyDatabase && options.freshDatabase && to - from >= SPLIT_MIN ? from + Math.floor((to - from) * LOWER_SHARE) : undefined;
  const copy = split === undefined ? undefined : await options.copyDatabase!().catch(notInterrupted);
  const context = [root, settings, migrations, inventories] as const;
  const runs = [new RoundTripRun({ knex, pipeline }, ...context, { ...options, from: copy ? split! : from })];
  if (copy) {
    // The copy's catalog rows are those of `knex`'s database: its next inventory lists only what changes.
    const state = lastInventory.get(knex);
    if (state) lastInventory.set(copy.knex, state);
    runs.push(new RoundTripRun(copy, ...context, { ...options, from }, { to: split!, owned: true }));
  }
  // Both to the end (a failure of one must not drop the other's database under it), then the first error.
  const settled = await Promise.allSettled(runs.map((run) => run.run()));
  for (const run of runs) await run.close();
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  const [upper, lower] = runs.map((run) => run.parts());
  const inOrder = <T>(u: Parts<T>, l: Parts<T> = { down: [], up: [] }): T[] => [...u.down, ...l.down, ...l.up, ...u.up];
  return { findings: inOrder(upper!.findings, lower?.findings), timings: inOrder(upper!.timings, lower?.timings), rebuilds: runs.reduce((n, r) => n + r.rebuilds, 0) };
}

/** A copy that failed is no error (the round trip runs whole in one database), unless the run is being interrupted. */
function notInterrupted(error: unknown): undefined {
  if (error instanceof PccError && error.code === 'INTERRUPTED') throw error;
  return undefined;
}

/** What a RoundTripRun gave on the way down, then on the way up. */
type Parts<T> = { down: T[]; up: T[] };

/** Thrown inside RoundTripRun to end the round trip early (no fresh database to go on with). */
class Stop extends Error {}

/**
 * One round trip. The database `db` is always in a known state: after migrations 0..k-1 (inventory
 * k). `rolledBack` holds the migrations whose down() ran cleanly in THIS database: the ones whose
 * up-again can be tested in the chain. A finding on migration i flags it and, to go on, replaces the
 * database with a fresh one brought to the state the next test needs (rebuild); then `rolledBack` is
 * empty, and a migration that was rolled back in an earlier database gets its up-again tested in
 * place (up, down, up) on the way up.
 */
class RoundTripRun {
  readonly findings: Finding[] = [];
  readonly timings: MigrationTiming[] = [];
  rebuilds = 0;
  private readonly config: Knex.MigratorConfig;
  private readonly flagged = new Set<number>();
  private rolledBack = new Set<number>();
  /** The databases this run opened (the caller's is not among them, unless `owned`). */
  private readonly opened: RoundTripDatabase[] = [];
  /** Migrations from..to-1 are round-tripped here. */
  private readonly to: number;
  /** How many findings and timings the downs gave (the rest came on the way up). */
  private downsGave = { findings: Infinity, timings: Infinity };

  /**
   * `range.to` (default: every migration): the database is after every migration, and the ones from
   * `to` on are first rolled back unchecked (a copy for the earlier half: see roundTrip).
   * `range.owned`: the database is this run's own, dropped when done.
   */
  constructor(
    private db: { knex: Knex; pipeline?: DdlPipeline },
    private readonly root: string,
    private readonly settings: MigrationSettings,
    private readonly migrations: MigrationInfo[],
    private readonly inventories: Inventory[],
    private readonly options: RoundTripOptions,
    range: { to?: number; owned?: boolean } = {},
  ) {
    this.config = knexMigrationConfig(settings);
    this.to = range.to ?? migrations.length;
    if (range.owned) this.opened.push(db as RoundTripDatabase);
  }

  async run(): Promise<void> {
    try {
      const from = this.options.from ?? 0;
      if (this.to < this.migrations.length) await this.rollBackTo(this.to);
      for (let i = this.to - 1; i >= from; i--) await this.rollBack(i);
      this.downsGave = { findings: this.findings.length, timings: this.timings.length };
      for (let i = from; i < this.to; i++) await this.reapply(i);
    } catch (error) {
      if (!(error instanceof Stop)) throw error;
    }
  }

  /** The findings and timings, each cut in two: what the downs gave, then what the ups gave. */
  parts(): { findings: Parts<Finding>; timings: Parts<MigrationTiming> } {
    const cut = <T>(list: T[], at: number): Parts<T> => ({ down: list.slice(0, at), up: list.slice(at) });
    return { findings: cut(this.findings, this.downsGave.findings), timings: cut(this.timings, this.downsGave.timings) };
  }

  /**
   * Bring the database from after every migration to after 0..k-1, by the later migrations' down()
   * (not checked: the other half checks them). Unless that gives exactly inventory k, start instead
   * from a fresh database migrated to k, so that nothing they fail to undo is charged to this half.
   */
  private async rollBackTo(k: number): Promise<void> {
    for (let i = this.migrations.length - 1; i >= k; i--) {
      if ((await this.step(i, 'down', { quiet: true })) !== undefined) return this.rebuild(k);
    }
    const d = compareInventories(this.inventories[k]!, await takeInventory(this.db.knex, this.settings));
    if (!empty(d)) await this.rebuild(k);
  }

  async close(): Promise<void> {
    for (const db of this.opened) await db.dispose().catch(() => {});
  }

  /** Down of migration i (the database is after 0..i): the schema must be inventory i again. */
  private async rollBack(i: number): Promise<void> {
    if (await this.checkedDown(i)) this.rolledBack.add(i);
    else await this.rebuild(i);
  }

  /** Up of migration i again (the database is after 0..i-1): tested in the chain, in place, or just applied. */
  private async reapply(i: number): Promise<void> {
    if (this.flagged.has(i)) {
      if ((await this.step(i, 'up')) !== undefined) throw new Stop();
      return;
    }
    if (!this.rolledBack.has(i)) {
      // Rolled back cleanly in an earlier database only: apply it, roll it back here, then test.
      if ((await this.step(i, 'up')) !== undefined) throw new Stop();
      if (!(await this.checkedDown(i))) return this.rebuild(i + 1);
    }
    if (!(await this.checkedUp(i))) await this.rebuild(i + 1);
  }

  /** Runs down(i) and compares with inventory i; records the finding and returns false when it fails. */
  private async checkedDown(i: number): Promise<boolean> {
    const mig = this.migrations[i]!;
    const error = await this.step(i, 'down');
    if (error !== undefined) return this.flag(i, [makeMigrationFinding('migration-failed', this.file(mig), mig.name, { direction: 'down', error, sql: !!this.settings.sql })]);
    const d = compareInventories(this.inventories[i]!, await takeInventory(this.db.knex, this.settings));
    return empty(d) || this.flag(i, [irreversible(this.file(mig), mig.name, m.leftBehind(mig.name, d), d)]);
  }

  /** Runs up(i) again and compares with inventory i+1; records the finding and returns false when it fails. */
  private async checkedUp(i: number): Promise<boolean> {
    const mig = this.migrations[i]!;
    const error = await this.step(i, 'up');
    // One cause, one finding: the up() that worked the first time is not the one to fix.
    if (error !== undefined) return this.flag(i, [irreversible(this.file(mig), mig.name, m.reapplyFailed(mig.name, describeDbError(error)), NO_DIFF)]);
    const d = compareInventories(this.inventories[i + 1]!, await takeInventory(this.db.knex, this.settings));
    return empty(d) || this.flag(i, [irreversible(this.file(mig), mig.name, m.differsAfterReapply(mig.name, d), d)]);
  }

  private flag(i: number, findings: Finding[]): false {
    this.flagged.add(i);
    this.findings.push(...findings);
    return false;
  }

  /** One migrator step; the error it threw, or undefined. `quiet`: neither shown nor timed (rollBackTo's). */
  private async step(i: number, direction: 'up' | 'down', { quiet = false } = {}): Promise<unknown> {
    const mig = this.migrations[i]!;
    const start = performance.now();
    try {
      if (!quiet) this.options.onMigration?.({ index: i + 1, total: this.migrations.length, name: mig.name, direction });
      await runMigrationStep(this.db.knex, direction, { ...this.config, name: mig.name }, mig, this.db.pipeline, this.options.timeoutS);
    } catch (error) {
      return error ?? new Error(`${direction}() of ${mig.name} failed`);
    }
    if (!quiet) this.timings.push({ name: mig.name, direction, ms: performance.now() - start });
    return undefined;
  }

  /**
   * Go on in a fresh database with migrations 0..k-1 applied (inventory k): in one batch, as
   * `knex migrate:latest` applies them (one lock, one transaction, the DDL sent ahead), else, when
   * that fails (an enum value used in the transaction that adds it, say), one at a time in another
   * fresh database, as the check first applied them. Stops the run when neither works.
   */
  private async rebuild(k: number): Promise<void> {
    if (!this.options.freshDatabase) throw new Stop();
    this.rolledBack = new Set();
    if (k > 1 && (await this.replace((knex, pipeline) => this.applyBatch(knex, pipeline, k)))) return;
    await this.replace();
    for (let j = 0; j < k; j++) if ((await this.step(j, 'up')) !== undefined) throw new Stop();
  }

  /** Switch to a fresh database (the previous one this run opened is dropped) and run `prepare` on it; false when it throws. */
  private async replace(prepare?: (knex: Knex, pipeline: DdlPipeline | undefined) => Promise<void>): Promise<boolean> {
    const fresh = await this.options.freshDatabase!();
    const previous = this.opened.at(-1);
    this.opened.push(fresh);
    this.rebuilds++;
    this.db = fresh;
    await previous?.dispose().catch(() => {});
    if (this.settings.schemaName) await withConnection(fresh.knex, (c) => c.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.settings.schemaName!)}`));
    try {
      await prepare?.(fresh.knex, fresh.pipeline);
      return true;
    } catch {
      return false;
    }
  }

  /** Migrations 0..k-1 in one migrate.latest() batch, through a source that lists only them. */
  private async applyBatch(knex: Knex, pipeline: DdlPipeline | undefined, k: number): Promise<void> {
    const source = this.config.migrationSource as Knex.MigrationSource<unknown>;
    const names = new Set(this.migrations.slice(0, k).map((mig) => mig.name));
    const firstK: Knex.MigrationSource<unknown> = {
      getMigrations: async (exts) => (await source.getMigrations(exts)).filter((item) => names.has(source.getMigrationName(item))),
      getMigrationName: (item) => source.getMigrationName(item),
      getMigration: (item) => source.getMigration(item),
    };
    const start = performance.now();
    const latest = () => knex.migrate.latest({ ...this.config, migrationSource: firstK });
    await (pipeline ? pipeline.run(latest) : latest());
    this.timings.push({ name: `${this.migrations[0]!.name} … ${this.migrations[k - 1]!.name}`, direction: 'up', ms: performance.now() - start });
  }

  private file(mig: MigrationInfo): string {
    return relative(this.root, mig.path);
  }
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

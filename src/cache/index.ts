// The check's caches under <project>/node_modules/.cache/pre-commit-check/ (the PostgreSQL template
// lives there too, see src/postgres/template.ts):
//
//   migrated/<key>.json  the migrated side: Schema read from the migrated database, the migration
//                        findings and list. Key: migration files (and the local files they import),
//                        knexfile (idem) and its resolved migrations settings, lockfile, NODE_ENV,
//                        tool fingerprint, PostgreSQL binaries version. A hit skips running the migrations.
//   declared/<key>.json  the declared side: Schema read from the models' DDL, and which models failed
//                        to apply. Key: the model files matched (and their local imports), the globs,
//                        tool fingerprint, PostgreSQL binaries version. A hit skips the models' DDL.
//                        An entry built over a copy of the migrated database (a model uses an object
//                        the migrations create) records the migrated key and serves only that key.
//   snapshots/<key>/     data directories of a migrated cluster after the first k migrations (see
//                        prefix.ts and src/postgres/snapshot.ts): a run whose history extends a kept
//                        prefix starts from it and applies only the migrations after it.
//   fragments/<key>.json the declared side model by model, one file per model: its table as read (its
//                        fragment, src/ddl/fragments.ts). Key: the DDL the model and what it depends on
//                        compile to, with the tool fingerprint, PostgreSQL binaries version and lockfile
//                        (modelsKey). When the declared entry misses, only the models without a
//                        fragment are applied again, and only their fragments are written.
//   loaded/<key>.json    one model file as loaded: its models (data and definition site) and load
//                        findings (src/model-api/stored.ts). Key: the file's path, contents and local
//                        imports (transitively), tool fingerprint, lockfile. A hit: the file is not
//                        imported again (no model file is when none changed). Files that failed to
//                        load are not kept. Pruned to the files in use plus a few branches' worth.
//   result/<key>.json    the last clean report (no error finding). Key: the migrated key plus the
//                        config file (and its imports), the resolved config, the model files matched by
//                        the globs (and every local file they import), and --full. A hit starts no server.
//
// Used only with the embedded server started by the check itself (not --database-url, whose server
// the key cannot describe, nor an injected server). See store.ts for the file format and concurrency.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.ts';
import type { Finding, Report } from '../diff/findings.ts';
import { settingsFingerprint, type MigrationSettings } from '../migrations/knexfile.ts';
import { migrationDirectories } from '../migrations/source.ts';
import { findModelFiles } from '../model-api/load.ts';
import type { Schema } from '../schema/types.ts';
import type { MissingObject } from '../ddl/missing-object.ts';
import type { SkippedForeignKey } from '../ddl/apply.ts';
import type { ModelFragment } from '../ddl/fragments.ts';
import { closureHashes, embeddedPgVersion, graphHashes, hashWithLocalImports, localImportGraph, migrationDirFiles, projectLockHash, sha256, toolFingerprint } from './fingerprint.ts';
import type { StoredFile } from '../model-api/stored.ts';
import { EntryStore, type ReadOutcome } from './store.ts';
import { listMigrations } from '../migrations/apply.ts';
import { prefixKeys } from './prefix.ts';
import { SNAPSHOTS_DIR } from '../postgres/snapshot.ts';

export interface MigratedEntry {
  schema: Schema;
  findings: Finding[];
  /** Migration names and paths relative to the project root. */
  migrations: Array<{ name: string; path: string }>;
}

/** A model, as the declared cache names it (the models themselves are loaded again each run). */
export interface ModelRef {
  file: string;
  exportName: string;
}

export interface DeclaredEntry {
  schema: Schema;
  /** Models whose DDL failed, with the database's error. */
  failed: Array<ModelRef & { message: string }>;
  /** Foreign keys not created because their target was left out. */
  skipped: Array<ModelRef & { columns: string[]; reason?: SkippedForeignKey['reason']; target?: string; refColumns?: string[] }>;
  /**
   * The migrated key, when the models' DDL ran over a copy of the migrated database (a model uses an
   * object the migrations create): the entry then serves only those migrations.
   */
  overMigrations?: string;
  /** Objects a model uses that the migrations do not create (missing-object), in the order found. */
  missing?: Array<ModelRef & { object: MissingObject }>;
}

export interface ResultEntry {
  report: Report;
  notes: string[];
  tables: Array<{ schema: string; name: string }>;
}

export interface CheckCache {
  dir: string;
  migratedKey: string;
  declaredKey: string;
  /** What every model key of the per-model cache depends on besides the model's DDL (tool, PostgreSQL, lockfile). */
  modelsKey: string;
  resultKey: string;
  migrated: EntryStore<MigratedEntry>;
  declared: EntryStore<DeclaredEntry>;
  /** The per-model cache: one fragment per model key (fragments/). */
  fragments: EntryStore<ModelFragment>;
  result: EntryStore<ResultEntry>;
  /** One entry per model file as loaded (loaded/), and the key of each model file (absolute path -> key). */
  loaded: EntryStore<StoredFile>;
  loadKeys: Map<string, string>;
  /**
   * Keys of the migration history's prefixes (keys[k]: after the first k migrations, see prefix.ts),
   * or undefined when a migration cannot be hashed (a migrationSource item that names no file).
   */
  prefixes?: { keys: string[]; names: string[] };
  /** Where migrated snapshots live: <dir>/snapshots. */
  snapshotsDir: string;
}

/** The cache directory of a project. */
export const cacheDir = (root: string): string => path.join(path.resolve(root), 'node_modules', '.cache', 'pre-commit-check');

/** Compute both keys for this project state (reads and hashes the inputs: a few ms for the reference schema). */
export async function openCheckCache(input: {
  root: string;
  config: ResolvedConfig;
  settings: MigrationSettings;
  full: boolean;
  /** The model files, when the caller has listed them already (absolute paths). */
  modelFiles?: string[];
  /** conventions.since resolved (merge base, files not on the base): part of the result's key. */
  conventionScope?: unknown;
}): Promise<CheckCache> {
  const { root, config, settings } = input;
  const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
  const tool = toolFingerprint();
  const knexfileAbs = path.resolve(root, settings.knexfile);
  // A knexfile migrationSource whose items name no file: its migrations cannot be hashed, so the
  // migrated side (and the result) are keyed to this run alone: never served from the cache.
  const migrationDirs = await migrationDirectories(settings).catch(() => undefined);
  const [lock, migrationFiles, modelFiles] = await Promise.all([projectLockHash(root), migrationDirFiles(migrationDirs ?? []), input.modelFiles ?? findModelFiles(root, config.models)]);
  const configFile = config.source && !config.source.startsWith('package.json') ? [path.resolve(root, config.source)] : [];
  const [knexHashes, migrationHashes, configHashes, modelGraph] = await Promise.all([
    hashWithLocalImports(root, [knexfileAbs]),
    hashWithLocalImports(root, migrationFiles),
    hashWithLocalImports(root, configFile),
    localImportGraph(root, modelFiles),
  ]);
  const modelHashes = graphHashes(root, modelGraph);
  const loadKeys = new Map(modelFiles.map((f) => [path.resolve(root, f), sha256(JSON.stringify({ tool, lock, file: rel(path.resolve(root, f)), hashes: closureHashes(root, modelGraph, f) })).slice(0, 32)]));
  const migratedKey = sha256(
    JSON.stringify({
      tool,
      pg: embeddedPgVersion(),
      lock,
      nodeEnv: process.env.NODE_ENV ?? '',
      settings: settingsFingerprint(settings, rel),
      knexfile: knexHashes,
      migrations: migrationDirs ? migrationHashes : `unknowable:${randomUUID()}`,
    }),
  ).slice(0, 32);
  const prefixes = migrationDirs
    ? await historyPrefixes(root, settings, migrationHashes, { tool, pg: embeddedPgVersion(), lock, nodeEnv: process.env.NODE_ENV ?? '', settings: settingsFingerprint(settings, rel), knexfile: knexHashes })
    : undefined;
  // `from`: the same files read as another source's are other models.
  const declaredKey = sha256(JSON.stringify({ tool, pg: embeddedPgVersion(), lock, globs: config.models, from: config.from, models: modelHashes })).slice(0, 32);
  const modelsKey = sha256(JSON.stringify({ tool, pg: embeddedPgVersion(), lock })).slice(0, 32);
  const resultKey = sha256(
    JSON.stringify({
      migratedKey,
      full: input.full,
      config: { models: config.models, from: config.from, knexfile: config.knexfile, migrations: config.migrations ?? null, database: config.database, ignore: config.ignore, rules: config.rules, conventions: config.conventions, migrationTimeout: config.migrationTimeout, source: config.source },
      conventionScope: input.conventionScope ?? null,
      configFiles: configHashes,
      models: modelHashes,
    }),
  ).slice(0, 32);
  const dir = cacheDir(root);
  return {
    dir,
    migratedKey,
    declaredKey,
    modelsKey,
    resultKey,
    migrated: new EntryStore<MigratedEntry>(path.join(dir, 'migrated'), 'migrated', tool),
    declared: new EntryStore<DeclaredEntry>(path.join(dir, 'declared'), 'declared', tool),
    fragments: new EntryStore<ModelFragment>(path.join(dir, 'fragments'), 'fragment', tool, 4 * modelFiles.length + 1024),
    result: new EntryStore<ResultEntry>(path.join(dir, 'result'), 'result', tool),
    loaded: new EntryStore<StoredFile>(path.join(dir, 'loaded'), 'loaded', tool, 4 * loadKeys.size + 32),
    loadKeys,
    prefixes,
    snapshotsDir: path.join(dir, SNAPSHOTS_DIR),
  };
}

/**
 * The prefix keys of the migration history in Knex's order. The base holds everything that changes
 * what any migration does: `base` (tool, PostgreSQL, lockfile, knexfile, settings) and every file in
 * the migration directories, or imported by a migration, that is not itself a migration (a helper
 * edited changes every prefix). Undefined when a migration has no file of its own to hash.
 */
async function historyPrefixes(root: string, settings: MigrationSettings, hashes: Array<[string, string]>, base: object): Promise<CheckCache['prefixes']> {
  const list = await listMigrations(settings).catch(() => undefined);
  if (!list) return undefined;
  const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
  const byPath = new Map(hashes);
  const own = new Set(list.map((m) => rel(m.path)));
  const steps = list.map((m) => ({ name: m.name, hash: byPath.get(rel(m.path)) }));
  if (steps.some((s) => s.hash === undefined || s.hash === 'missing')) return undefined;
  const helpers = hashes.filter(([f]) => !own.has(f));
  const keys = prefixKeys(sha256(JSON.stringify({ ...base, helpers })), steps as Array<{ name: string; hash: string }>);
  return { keys, names: list.map((m) => m.name) };
}

export type { ReadOutcome };

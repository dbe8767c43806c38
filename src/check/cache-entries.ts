// The check's cache entries of each side and how they map to a run: the declared side's recorded
// outcome (failed models, skipped foreign keys, missing objects) matched to this run's models, and
// the entries a run stores. Pure: no IO.
import { isAbsolute, relative } from 'node:path';
import type { DeclaredEntry, MigratedEntry } from '../cache/index.ts';
import type { ApplyResult } from '../ddl/index.ts';
import { withoutObject } from '../ddl/without-object.ts';
import type { Finding } from '../diff/findings.ts';
import type { LoadedModel } from '../model-api/types.ts';
import type { Schema } from '../schema/types.ts';
import type { MissingUse } from './declared-side.ts';

const id = (r: { file: string; exportName: string }) => `${r.file}#${r.exportName}`;

/** Use when the declared side came from the cache: the missing objects it recorded, replayed on this run's models (withoutObject is pure). */
export function replayMissing(hit: DeclaredEntry, valid: LoadedModel[]): MissingUse[] {
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

/** Use when the declared side came from the cache: the outcome of the models' DDL it recorded, matched to this run's models. */
export function fromDeclaredCache(hit: DeclaredEntry, valid: LoadedModel[]): Pick<ApplyResult, 'applied' | 'failed' | 'skippedForeignKeys'> {
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

/** Use to store the declared side: the entry of this run's models' DDL (`over`: it ran over a copy of the migrated database). */
export function declaredEntry(declared: Schema, ddl: Pick<ApplyResult, 'failed' | 'skippedForeignKeys'>, over: { migratedKey: string; missing: MissingUse[] } | undefined): DeclaredEntry {
  const ref = (lm: LoadedModel) => ({ file: lm.file, exportName: lm.exportName });
  return {
    schema: declared,
    failed: ddl.failed.map((f) => ({ ...ref(f.model), message: f.error.message })),
    skipped: ddl.skippedForeignKeys.map((k) => ({ ...ref(k.model), columns: k.columns, reason: k.reason, target: k.target, refColumns: k.refColumns })),
    ...(over ? { overMigrations: over.migratedKey, missing: over.missing.map((u) => ({ ...ref(u.model), object: u.object })) } : {}),
  };
}

/** Use to store the migrated side: the entry of a whole migration run (paths relative to the project root). */
export function migratedEntry(migrated: Schema, migration: { findings: Finding[]; migrations: Array<{ name: string; path: string }> }, root: string): MigratedEntry {
  const migrations = migration.migrations.map((m) => ({ name: m.name, path: isAbsolute(m.path) ? relative(root, m.path) : m.path }));
  return { schema: migrated, findings: migration.findings, migrations };
}

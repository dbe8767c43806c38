// The declared side over what the migrations created (issue 11 defect 2). The models' DDL first runs
// on an empty database, beside the migrations; only when a model fails for lack of an object (an
// extension's type, a domain, a function, a sequence...) is it run again on a copy of the migrated
// database (CREATE DATABASE ... TEMPLATE) emptied of its tables, views and the models' own enum types:
// what the migrations create, a model may use. What they do not create either is a missing-object
// finding, and the model is compared without the parts that use it.
import type { Knex } from 'knex';
import { applyModels, type ApplyResult, type SkippedForeignKey } from '../ddl/index.ts';
import { modelFinding } from '../model-api/validate.ts';
import { modelMessages } from '../messages/models.ts';
import { extensionFor, missingObjectOf, type MissingObject } from '../ddl/missing-object.ts';
import { withoutObject, type Consequence } from '../ddl/without-object.ts';
import type { Finding } from '../diff/findings.ts';
import { makeFinding } from '../diff/findings.ts';
import { missingObjectHint, missingObjectMessage } from '../messages/missing-object.ts';
import type { LoadedModel } from '../model-api/types.ts';
import type { PgServer, ScratchDatabase } from '../postgres/types.ts';
import type { Schema } from '../schema/types.ts';
import { quoteQualified } from '../ddl/names.ts';
import { readScratchSchema } from './knex.ts';

/** A model that uses an object the migrated database lacks; `stripped` is what is compared of it (none: the whole model is left out). */
export interface MissingUse {
  /** The model as loaded (validated), before anything was left out. */
  model: LoadedModel;
  object: MissingObject;
  columns: string[];
  consequences: Consequence[];
  stripped?: LoadedModel;
}

/** Use after the models' DDL ran on an empty database: true when some model lacks an object the migrations may create. */
export function lacksObjects(ddl: Pick<ApplyResult, 'failed'>): boolean {
  return ddl.failed.some((f) => missingObjectOf(f.error, f.sql ?? '') !== null);
}

/** Use to drop from a result the failures that are only a lack of object (when the migrations failed, nobody knows whether they would create it). */
export function withoutObjectFailures<T extends Pick<ApplyResult, 'failed'>>(ddl: T): T {
  return { ...ddl, failed: ddl.failed.filter((f) => missingObjectOf(f.error, f.sql ?? '') === null) };
}

export interface OverMigrationsInput {
  server: Pick<PgServer, 'createDatabase'>;
  /** The migrated database's name (no session may be open on it). */
  template: string;
  models: LoadedModel[];
  /** Opens a Knex on a scratch database URL; `track` lets the caller close it on abort. */
  open: (url: string) => Knex;
  track: (knex: Knex, db: ScratchDatabase) => void;
  lowPriority: boolean;
}

export interface OverMigrations {
  ddl: ApplyResult;
  declared: Schema;
  missing: MissingUse[];
}

/** Rounds at most: each finds the objects still missing once the earlier ones' uses are left out. */
const ROUNDS = 4;

/**
 * Use when lacksObjects(): apply the models to copies of the migrated database emptied of its tables,
 * leaving out, round after round, the parts of a model that use an object the migrations do not
 * create either; read the declared schema from the last copy.
 */
export async function declareOverMigrations(input: OverMigrationsInput): Promise<OverMigrations> {
  let models = input.models;
  const missing: MissingUse[] = [];
  for (let round = 1; ; round++) {
    const db = await input.server.createDatabase('declared', { template: input.template });
    const knex = input.open(db.url);
    input.track(knex, db);
    await emptyOfTables(knex, models);
    const ddl = await applyModels(knex, models, { lowPriority: input.lowPriority });
    const found = ddl.failed.flatMap((f) => {
      const object = missingObjectOf(f.error, f.sql ?? '');
      return object ? [{ model: f.model, object }] : [];
    });
    if (found.length === 0 || round === ROUNDS) return { ddl, declared: await readScratchSchema(knex, true), missing };
    const replaced = new Map<LoadedModel, LoadedModel | undefined>();
    for (const { model, object } of found) {
      const stripped = withoutObject(model, object);
      const original = missing.find((m) => m.stripped === model)?.model ?? model;
      missing.push({ model: original, object, columns: stripped?.columns ?? [], consequences: stripped?.consequences ?? [], stripped: stripped?.model });
      replaced.set(model, stripped?.model);
    }
    models = models.flatMap((m) => (replaced.has(m) ? (replaced.get(m) ? [replaced.get(m)!] : []) : [m]));
    await knex.destroy().catch(() => {});
    await db.drop();
  }
}

/**
 * Drop what the models create themselves from a copy of the migrated database: every table, view,
 * materialized view and foreign table of the user's schemas (an extension's own excepted), and the
 * enum types the models declare. Functions, sequences, domains, other types and extensions stay.
 */
async function emptyOfTables(knex: Knex, models: LoadedModel[]): Promise<void> {
  const { rows } = (await knex.raw(RELATIONS_SQL)) as { rows: Array<{ kind: string; name: string }> };
  // A serial's sequence goes with its table: kept (unowned), as a model may name it in nextval().
  const statements = rows.filter((r) => r.kind === 'S').map((r) => `alter sequence ${r.name} owned by none`);
  const byKind = new Map<string, string[]>();
  for (const r of rows) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.name]);
  statements.push(...DROP_ORDER.flatMap(([kind, what]) => (byKind.get(kind)?.length ? [`drop ${what} if exists ${byKind.get(kind)!.join(', ')} cascade`] : [])));
  const enums = new Set<string>();
  for (const lm of models) {
    for (const c of Object.values(lm.model.columns)) {
      if (c.kind !== 'enum' || !c.enumName) continue;
      const [schema, name] = c.enumName.includes('.') ? (c.enumName.split('.', 2) as [string, string]) : [lm.model.schema, c.enumName];
      enums.add(quoteQualified(schema, name));
    }
  }
  if (enums.size) statements.push(`drop type if exists ${[...enums].join(', ')} cascade`);
  // knex.raw reads '?' as a binding: a quoted name may hold one
  if (statements.length) await knex.raw(statements.join(';\n').replace(/\?/g, '\\?'));
}

const DROP_ORDER: Array<[string, string]> = [
  ['m', 'materialized view'],
  ['v', 'view'],
  ['f', 'foreign table'],
  ['r', 'table'],
  ['p', 'table'],
];

/** The user's relations and owned sequences (not an extension's, not a partition: its parent takes it along), quoted. */
const RELATIONS_SQL = `
SELECT c.relkind::text AS kind, pg_catalog.format('%I.%I', n.nspname, c.relname) AS name
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE (c.relkind IN ('r', 'p', 'v', 'm', 'f') OR (c.relkind = 'S' AND EXISTS (
    -- a sequence owned by a column (serial, increments()); an identity's (deptype 'i') is the column's own
    SELECT 1 FROM pg_catalog.pg_depend o
    WHERE o.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND o.objid = c.oid
      AND o.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND o.deptype = 'a')))
  AND NOT c.relispartition
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname NOT LIKE 'pg_temp_%' AND n.nspname NOT LIKE 'pg_toast_temp_%'
  AND NOT EXISTS (
    SELECT 1 FROM pg_catalog.pg_depend d
    WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid AND d.deptype = 'e'
  )`;

/** Use for the report: one invalid-model per target model and columns that foreign keys reference but it does not make unique. */
export function notUniqueTargetFindings(skipped: SkippedForeignKey[], models: LoadedModel[]): Finding[] {
  const groups = new Map<string, { target: LoadedModel; columns: string[]; referencing: string[] }>();
  for (const k of skipped) {
    if (k.reason !== 'target-not-unique' || !k.refColumns) continue;
    const target = models.find((lm) => `${lm.model.schema}.${lm.model.table}` === k.target);
    if (!target) continue;
    const key = `${k.target}(${k.refColumns.join(',')})`;
    const g = groups.get(key) ?? { target, columns: k.refColumns, referencing: [] };
    g.referencing.push(`${k.model.model.schema}.${k.model.model.table}(${k.columns.join(', ')})`);
    groups.set(key, g);
  }
  return [...groups.values()].map(({ target, columns, referencing }) =>
    modelFinding('invalid-model', {
      file: target.file,
      model: target.name,
      schema: target.model.schema,
      table: target.model.table,
      columns,
      message: modelMessages.notUniqueTarget(target.name, `${target.model.schema}.${target.model.table}`, columns, referencing),
      hint: modelMessages.notUniqueTargetHint(columns),
    }),
  );
}

/** Use for the report: one missing-object per model and object. */
export function missingObjectFindings(missing: MissingUse[]): Finding[] {
  return missing.map(({ model, object, columns, stripped }) => {
    const args = { model: model.name, schema: model.model.schema, table: model.model.table, kind: object.kind, name: object.name, columns, extension: extensionFor(object), wholeModel: !stripped };
    return makeFinding('missing-object', {
      model: model.name,
      schema: args.schema,
      table: args.table,
      columns,
      object: object.name,
      message: missingObjectMessage(args),
      hint: missingObjectHint(args),
      file: model.file,
    });
  });
}

/** Use on the diff's findings: false for one that only follows from a missing object (its own finding says it). */
export function notAConsequence(missing: MissingUse[]): (f: Finding) => boolean {
  return (f) =>
    !missing.some(
      (m) =>
        m.model.model.schema === f.schema &&
        m.model.model.table === f.table &&
        m.consequences.some((c) => (!c.codes || c.codes.includes(f.code)) && f.columns.some((col) => c.columns.includes(col))),
    );
}

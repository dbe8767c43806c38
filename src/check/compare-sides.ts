// The findings of a check run once both sides are built: what the models' DDL said (failed models,
// missing objects, foreign keys to a non-unique target), then the diff of the two schemas, less what
// is only a consequence of a finding already given, plus the conventions; unmodeled tables whose
// model sits in a file the globs miss are explained.
import { compareShapes } from '../sources/shape/compare.ts';
import type { ShapeTable } from '../sources/types.ts';
import { conventionFindings } from '../conventions/index.ts';
import { diff, knexTableGlobs, tableMatcher } from '../diff/index.ts';
import type { Finding } from '../diff/findings.ts';
import * as findingText from '../messages/findings.ts';
import { migrationMessages } from '../messages/migrations.ts';
import { modelMessages } from '../messages/models.ts';
import type { ApplyResult as MigrationRun } from '../migrations/apply.ts';
import { findStrayDeclarations, readUnloadedSources } from '../model-api/stray.ts';
import type { LoadedModel } from '../model-api/types.ts';
import { modelFinding, type ValidateResult } from '../model-api/validate.ts';
import type { Schema } from '../schema/types.ts';
import type { ProjectInputs } from './check-cache.ts';
import type { DeclaredDdl, DeclaredOutcome } from './declared-run.ts';
import { missingObjectFindings, notAConsequence, notUniqueTargetFindings } from './declared-side.ts';
import type { RunContext } from './run-context.ts';

/** Use once the declared side is known: the findings its DDL gave (missing objects, non-unique targets, failed models). */
export function declaredFindings(side: DeclaredOutcome, valid: LoadedModel[]): Finding[] {
  return [...missingObjectFindings(side.missing), ...notUniqueTargetFindings(side.ddl.skippedForeignKeys, valid), ...ddlFailureFindings(side.ddl)];
}

/** An invalid-model finding per model whose DDL the database refused. */
function ddlFailureFindings(ddl: DeclaredDdl): Finding[] {
  return ddl.failed.map((failed) =>
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

/** Use for the models left out of the comparison (invalid, DDL failed, or lacking an object): their tables are claimed. */
export function claimedModels(validated: ValidateResult, side: DeclaredOutcome): LoadedModel[] {
  return [...validated.excluded, ...side.ddl.failed.map((f) => f.model), ...side.missing.map((u) => u.model)];
}

/** What the comparison gave: its findings (none when the migrations failed: a note says so) and the tables whose model is in a file the globs miss. */
export interface Comparison {
  findings: Finding[];
  strayModels: Map<string, string[]>;
}

/** Use once both schemas are read: the diff, less consequences of findings already given, plus the conventions. */
export async function compareSides(
  ctx: RunContext,
  project: ProjectInputs,
  input: { migrated: Schema; declared: Schema; side: DeclaredOutcome; validated: ValidateResult; migration: MigrationRun; models: LoadedModel[]; shapes: ShapeTable[]; files: string[] },
): Promise<Comparison> {
  const { config, root, settings } = project;
  const { side, migration } = input;
  const migrationTables = knexTableGlobs({ tableName: settings.tableName, schemaName: settings.schemaName });
  ctx.options.onPhase?.({ phase: 'compare', count: side.ddl.applied.length });
  const diffFindings = await ctx.lap('diff', async () =>
    diff(input.migrated, input.declared, {
      models: side.ddl.applied,
      // Tables of models left out of the comparison are claimed: their problem is already reported.
      // Tables a shape-only source states are compared by src/sources/shape/, not as unmodeled.
      claimed: [...claimedModels(input.validated, side), ...input.shapes.map((t) => ({ model: t }))],
      ignoreTables: config.ignore.tables,
      migrationTables,
    }),
  );
  diffFindings.push(...compareShapes(input.migrated, input.shapes, config.ignore.tables)); // shape-only sources (src/sources/shape/)
  const strayModels = await ctx.lap('diff', () => explainUnmodeledTables(diffFindings, root, input.files, config.models));
  if (!migration.ok) {
    ctx.notes.push(`note: ${migrationMessages.diffSkippedFailed}`);
    return { findings: [], strayModels };
  }
  const findings = diffFindings.filter(notConsequences(side));
  const skipTables = [...migrationTables, ...config.ignore.tables];
  if (ctx.options.conventions !== false) findings.push(...conventionFindings(root, input.migrated, { conventions: config.conventions, skipTables, models: input.models, migrations: migration.migrations, scope: project.conventionsSince }));
  return { findings, strayModels };
}

/** The diff's findings worth giving: not about a foreign key never created, not a consequence of a failed migration. */
function notConsequences(side: DeclaredOutcome): (f: Finding) => boolean {
  // A foreign key to a model left out of the comparison was not created on the declared side:
  // whatever the diff says about it is a consequence of that model's own finding.
  const unknowable = new Set(side.ddl.skippedForeignKeys.map((k) => `${k.model.model.schema}.${k.model.model.table}(${k.columns.join(',')})`));
  const fkCodes = new Set(['missing-foreign-key', 'foreign-key-mismatch', 'unmodeled-foreign-key']);
  // One cause, one finding: after a failed migration the later ones never ran, so every difference
  // may be theirs (a missing-table per table they create, say): the migration-failed says it all.
  const consequence = notAConsequence(side.missing);
  return (f) => !(fkCodes.has(f.code) && unknowable.has(`${f.schema}.${f.table}(${f.columns.join(',')})`)) && consequence(f);
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

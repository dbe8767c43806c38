// The conventions stage (contract section 2, `conventions`; finding `convention-violation`): the team's
// naming and structure rules, judged on the migrated schema, the one the migrations really build.
// checkConventions is pure (Schema + config + migration texts -> findings); conventionFindings reads
// the migration files and is the one call the check makes.
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { Conventions } from '../config/types.ts';
import { makeFinding, tableMatcher, type Finding } from '../diff/index.ts';
import type { Schema, Table } from '../schema/types.ts';
import { checkNames } from './names.ts';
import { firstMention, indexMigrations, type MigrationText } from './placement.ts';
import { checkRequiredColumns } from './required-columns.ts';
import { sinceScope, type SinceScope } from './since.ts';
import type { MigrationSettings } from '../migrations/knexfile.ts';
import { migrationDirectories } from '../migrations/source.ts';
import { checkIndexedForeignKeys, checkOnDelete, checkPrimaryKey } from './structure.ts';
import type { Violation } from './types.ts';

export { sinceScope, type SinceScope };
export type { MigrationText } from './placement.ts';

/** A model as the conventions need it: which table it declares, under which name, in which file. */
export interface ModelRef {
  name: string;
  file: string;
  model: { schema: string; table: string };
}

export interface ConventionInput {
  conventions: Conventions;
  /** Tables the whole check leaves alone (Knex's tables, ignore.tables): never judged. */
  skipTables: readonly string[];
  models: readonly ModelRef[];
  /** Every migration, in the order they run. */
  migrations: readonly MigrationText[];
  /** With conventions.since: the migration files not on the base; only objects they mention are judged. */
  changed?: readonly string[];
}

/** Whether the config turns any rule on (an empty `conventions: {}` does nothing at all). */
export function hasConventions(c: Conventions): boolean {
  const on = (v: unknown) => v !== undefined && v !== false;
  return !!(c.names && (c.names.case || Object.keys(c.names.forbid ?? {}).length)) || (c.requiredColumns?.length ?? 0) > 0 || on(c.primaryKey) || on(c.indexedForeignKeys) || on(c.explicitOnDelete);
}

/** Every rule on one table. */
const judge = (t: Table, c: Conventions): Violation[] => [...checkNames(t, c), ...checkRequiredColumns(t, c), ...checkPrimaryKey(t, c), ...checkIndexedForeignKeys(t, c), ...checkOnDelete(t, c)];

/** Use to judge a migrated schema: one convention-violation finding per object and rule. Pure. */
export function checkConventions(schema: Schema, input: ConventionInput): Finding[] {
  const c = input.conventions;
  if (!hasConventions(c)) return [];
  const skipped = tableMatcher([...input.skipTables, ...(c.ignore ?? [])]);
  const migrations = indexMigrations(input.migrations);
  const changedSet = input.changed ? new Set(input.changed) : null;
  const changed = changedSet ? migrations.filter((m) => changedSet.has(m.file)) : null;
  const findings: Finding[] = [];
  for (const t of schema.tables) {
    if (skipped(t.schema, t.name)) continue;
    const lm = input.models.find((x) => x.model.schema === t.schema && x.model.table === t.name);
    for (const v of judge(t, c)) {
      if (changed && firstMention(v.mentions, changed) === null) continue;
      const migration = firstMention(v.mentions, migrations);
      const { message, hint } = v.word({ model: lm?.name ?? null, modelFile: lm?.file ?? null, migration });
      const finding = makeFinding('convention-violation', {
        severity: v.severity,
        model: lm?.name ?? null,
        schema: v.schema,
        table: v.table,
        columns: v.columns,
        object: v.object,
        expected: v.expected,
        actual: v.actual,
        message,
        hint,
        file: lm?.file ?? migration,
      });
      findings.push(migration ? { ...finding, migration } : finding);
    }
  }
  return findings;
}

/** Use before the check opens its cache (the result depends on it): the files conventions.since lets be judged, or undefined. */
export async function conventionScope(root: string, conventions: Conventions, settings: MigrationSettings): Promise<SinceScope | undefined> {
  if (!conventions.since || !hasConventions(conventions)) return undefined;
  return sinceScope(root, conventions.since, await migrationDirectories(settings).catch(() => undefined));
}

/**
 * Use once per check, after the migrated side is read: reads the migration files (for placing each
 * violation and for `since`) and judges the schema. Returns [] at once when no rule is on.
 */
export function conventionFindings(
  root: string,
  schema: Schema,
  input: Omit<ConventionInput, 'migrations' | 'changed'> & { migrations: ReadonlyArray<{ path: string }>; scope?: SinceScope },
): Finding[] {
  if (!hasConventions(input.conventions)) return [];
  const texts: MigrationText[] = input.migrations.map((m) => {
    const file = relative(root, m.path).split(sep).join('/');
    try {
      return { file, text: readFileSync(m.path, 'utf8') };
    } catch {
      return { file, text: '' }; // unreadable: it places nothing
    }
  });
  return checkConventions(schema, { ...input, migrations: texts, changed: input.scope?.files });
}

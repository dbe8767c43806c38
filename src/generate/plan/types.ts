// The vocabulary of a migration plan: phases, operations and the lines of code they hold. Shared by
// every planner module (one per object kind) and by migration-writer-file.ts, which renders a plan.
import type { LoadedModel, Model } from '../../model-api/types.ts';
import type { Code } from '../../migration-code/code.ts';

/** Steps of a migration, in `up` order; `down` runs them backwards. */
export const PHASES = [
  'schema', // create schemas
  'enum', // create enum types
  'enumChange', // change enum labels
  'dropForeignKey', // foreign keys replaced, removed, or in the way of a key change
  'dropConstraint', // primary keys, uniques, indexes, checks replaced or removed
  'createTable', // new tables, in foreign-key order
  'columns', // add and alter columns
  'addConstraint', // primary keys, uniques, indexes, checks
  'addForeignKey', // foreign keys (and those dropped only to change a key)
  'comment', // table and column comments
  'dropColumn', // destructive
  'dropTable', // destructive
] as const;
export type Phase = (typeof PHASES)[number];

export type OperationKind =
  | 'create-schema'
  | 'create-enum'
  | 'alter-enum'
  | 'create-table'
  | 'drop-table'
  | 'add-column'
  | 'alter-column'
  | 'drop-column'
  | 'add-primary-key'
  | 'drop-primary-key'
  | 'add-foreign-key'
  | 'drop-foreign-key'
  | 'add-unique'
  | 'drop-unique'
  | 'add-index'
  | 'drop-index'
  | 'add-check'
  | 'drop-check'
  | 'set-comment';

export type { Code } from '../../migration-code/code.ts';

export interface Operation {
  kind: OperationKind;
  phase: Phase;
  /** What it touches: 'core.customers', 'core.customers.email', 'type public.user_status'. */
  target: string;
  /** One line for the summary: 'add column core.customers.email (text NOT NULL)'. */
  description: string;
  /** Drops something the database has and the models do not (or narrows a type): left out unless allowed. */
  destructive: boolean;
  /** Why it is destructive, for the warning. */
  risk?: string;
  up: Code[];
  down: Code[];
}

export interface MigrationPlan {
  /** The operations written, in up order. */
  operations: Operation[];
  /** Destructive operations left out (without allowDestructive), in up order. */
  skipped: Operation[];
  /** false when the migration must run outside a transaction (a new enum label used in the same migration). */
  transaction: boolean;
  /** Things the user should know (e.g. a NOT NULL column added without a default). */
  notes: string[];
}

/** A model whose table is compared; a LoadedModel fits. */
export type PlanModel = Pick<LoadedModel, 'name' | 'file' | 'model'>;

export interface PlanContext {
  /** The models compared (their DDL applied to the declared database). */
  models: readonly PlanModel[];
  /** Models loaded but not compared: their tables are neither created nor dropped. */
  claimed?: readonly { model: Pick<Model, 'schema' | 'table'> }[];
  /** config ignore.tables globs. */
  ignoreTables?: readonly string[];
  /** Knex's migration tables as configured (knexTableGlobs). */
  migrationTables?: readonly string[];
  /** Include drops and narrowing type changes. */
  allowDestructive?: boolean;
}

// What the convention rules produce and take: a Violation is a rule's verdict on one object of the
// migrated schema, before it is placed (migration, model) and worded as a convention-violation finding.
import type { Severity } from '../diff/findings.ts';

/** The rules of `conventions`, as findings name them (`object` of the message, the README's table). */
export type ConventionRule = 'names.case' | 'names.forbid' | 'requiredColumns' | 'primaryKey' | 'indexedForeignKeys' | 'explicitOnDelete';

/** Where a violation was found, once placed: the model that declares the table and the migration that first mentions the object. */
export interface Placement {
  /** The model's name, or null when no model declares the table. */
  model: string | null;
  /** The model's file, relative to the project root. */
  modelFile: string | null;
  /** The migration file (relative to the project root) that first mentions the object, or null. */
  migration: string | null;
}

/** The wording of a violation, once placed. */
export interface Wording {
  message: string;
  hint: string;
}

/** One object of the migrated schema that breaks one rule. */
export interface Violation {
  rule: ConventionRule;
  severity: Severity;
  schema: string;
  table: string;
  columns: string[];
  /** The index or constraint concerned, else null. */
  object: string | null;
  expected: string | null;
  actual: string | null;
  /**
   * What a migration's text must mention to have created or changed the object: alternatives, each a
   * list of identifiers that must all appear as words ([[table]], [[table, column]], [[table, name], [table, ...columns]]).
   */
  mentions: string[][];
  /** The message and hint, given where the object comes from. */
  word: (at: Placement) => Wording;
}

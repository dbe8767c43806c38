// What every per-kind comparison of one table receives (columns.ts, primary-key.ts, foreign-keys.ts,
// indexes.ts, checks.ts): the model, both sides' table, the columns missing on either side, and a
// push() that files a finding against the model. One cause, one finding: an object over a column
// that is missing (or unmodeled) is left to missing-column (or unmodeled-column), see `touches`.
import type { Schema, Table } from '../schema/types.ts';
import type { Finding, FindingCode, FindingInit } from './findings.ts';
import { identifiers } from './match.ts';
import type { Model } from '../model-api/types.ts';

/** A loaded model whose table is compared (a LoadedModel fits). */
export interface DiffModel {
  /** Model name for messages. */
  name: string;
  /** Model file, relative to the project root: the finding's `file`. */
  file: string;
  model: Model;
}

/** Where a finding is: the model and its table. */
export type On = { model: string; schema: string; table: string };

/** One modelled table present on both sides, being compared. */
export interface TableDiff {
  ref: DiffModel;
  on: On;
  /** The table as the migrations built it. */
  m: Table;
  /** The table as the model's DDL built it. */
  d: Table;
  /** Columns of the model that the database lacks (missing-column). */
  missing: ReadonlySet<string>;
  /** Columns of the database that the model lacks (unmodeled-column). */
  unmodeled: ReadonlySet<string>;
  /** The whole migrated schema (enum labels for model snippets). */
  migrated: Schema;
  /** Whether an enum type ('schema.name') exists in the migrated database. */
  enumExists(qualifiedName: string): boolean;
  /** File a finding against this table's model (model and file filled in). */
  push(code: FindingCode, init: Omit<FindingInit, 'model' | 'file'>): void;
}

/** Use to build the push() of a TableDiff (or any finding filed against a model). */
export function pusher(findings: Finding[], ref: DiffModel, make: (code: FindingCode, init: FindingInit) => Finding) {
  return (code: FindingCode, init: Omit<FindingInit, 'model' | 'file'>): void => void findings.push(make(code, { ...init, model: ref.name, file: ref.file }));
}

/** Use to leave an object to its column's own finding: true when it names a column of `set` (plainly or in an expression). */
export const touches = (cols: readonly string[], set: ReadonlySet<string>): boolean =>
  cols.some((c) => set.has(c) || [...identifiers(c)].some((id) => set.has(id)));

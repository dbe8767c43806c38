// The message and hint of every convention-violation finding (src/conventions/), one function per rule.
// A message names the object, the rule it breaks, the migration that first mentions the object and the
// model that declares its table; a hint says what to write in a migration AND in the model, so that
// following it leaves neither this finding nor a drift finding behind. Snippets come in ready-made
// (src/conventions/snippets.ts); this module only writes prose.
import type { Placement, Wording } from '../conventions/types.ts';

/** 'public.users', 'public.users.phone'. */
const q = (...parts: string[]): string => parts.join('.');

/** Where the object comes from, as the end of a message. */
function origin(at: Placement): string {
  const migration = at.migration ? `first mentioned in migration ${at.migration}` : 'no migration names it';
  const model = at.model ? `declared by model ${at.model}${at.modelFile ? ` (${at.modelFile})` : ''}` : 'no model declares its table';
  return ` (${migration}; ${model})`;
}

/** The model half of a hint: '' when no model declares the table (the migration is then the whole fix). */
function inModel(at: Placement, what: string): string {
  return at.model ? `, and ${what} in model ${at.model}${at.modelFile ? ` (${at.modelFile})` : ''}` : '';
}

/** The kinds of named objects conventions.names judges. */
export type NamedKind = 'table' | 'column' | 'index' | 'constraint';

export const conventionMessages = {
  /** A name not in the configured case. */
  nameCase: (a: { kind: NamedKind; name: string; qualified: string; style: string; to: string; rename: string; modelChange: string }) =>
    (at: Placement): Wording => ({
      message: `${cap(a.kind)} ${a.qualified} breaks conventions.names.case: '${a.name}' is not ${a.style}${origin(at)}`,
      hint: `Rename it to ${a.to} in a new migration: ${a.rename}${inModel(at, a.modelChange)}.`,
    }),
  /** A table or column name that conventions.names.forbid rules out. */
  nameForbidden: (a: { kind: 'table' | 'column'; name: string; qualified: string; pattern: string; instead: string; rename: string | null; modelChange: string }) =>
    (at: Placement): Wording => ({
      message: `${cap(a.kind)} ${a.qualified} breaks conventions.names.forbid: '${a.name}'${a.pattern !== a.name ? ` (matching '${a.pattern}')` : ''} is not to be used; use ${a.instead}${origin(at)}`,
      hint: a.rename
        ? `Rename it to ${a.instead} in a new migration: ${a.rename}${inModel(at, a.modelChange)}.`
        : `Replace it with ${a.instead} in a new migration (add the new ${a.kind === 'table' ? 'table' : 'columns'}, move the data, drop ${a.name})${inModel(at, 'the same')}; or list the table in conventions.ignore.`,
    }),
  /** A required column that the table does not have. */
  requiredMissing: (a: { schema: string; table: string; column: string; wanted: string; add: string; modelEntry: string }) =>
    (at: Placement): Wording => ({
      message: `Table ${q(a.schema, a.table)} has no column ${a.column}, which conventions.requiredColumns asks of it (${a.wanted})${origin(at)}`,
      hint: `Add it in a new migration: ${a.add}${inModel(at, `add ${a.modelEntry}`)}.`,
    }),
  /** A required column that exists with the wrong type, nullability or default. */
  requiredWrong: (a: { schema: string; table: string; column: string; wanted: string; actual: string; alter: string; modelEntry: string }) =>
    (at: Placement): Wording => ({
      message: `Column ${q(a.schema, a.table, a.column)} is ${a.actual}; conventions.requiredColumns asks for ${a.wanted}${origin(at)}`,
      hint: `Change it in a new migration: ${a.alter}${inModel(at, `declare it as ${a.modelEntry}`)}.`,
    }),
  /** A table without a primary key. */
  noPrimaryKey: (a: { schema: string; table: string; add: string; modelChange: string }) =>
    (at: Placement): Wording => ({
      message: `Table ${q(a.schema, a.table)} has no primary key (conventions.primaryKey)${origin(at)}`,
      hint: `Add one in a new migration: ${a.add}${inModel(at, a.modelChange)}.`,
    }),
  /** A foreign key whose columns lead no index. */
  unindexedForeignKey: (a: { schema: string; table: string; name: string; columns: string[]; add: string; modelEntry: string }) =>
    (at: Placement): Wording => ({
      message: `Foreign key ${a.name} on ${q(a.schema, a.table)}(${a.columns.join(', ')}) has no index that starts with its columns (conventions.indexedForeignKeys): deleting a referenced row scans the whole table${origin(at)}`,
      hint: `Add an index in a new migration: ${a.add}${inModel(at, `add ${a.modelEntry} to its indexes`)}.`,
    }),
  /** A foreign key that states no ON DELETE, or not one the rule allows for its nullability. */
  onDelete: (a: { schema: string; table: string; name: string; columns: string[]; actual: string; allowed: string[] | null; nullable: boolean; restate: string; modelChange: string }) =>
    (at: Placement): Wording => ({
      message:
        a.actual === 'NO ACTION' && a.allowed === null
          ? `Foreign key ${a.name} on ${q(a.schema, a.table)}(${a.columns.join(', ')}) states no ON DELETE (it is NO ACTION); conventions.explicitOnDelete asks every foreign key to say what a delete does${origin(at)}`
          : `Foreign key ${a.name} on ${q(a.schema, a.table)}(${a.columns.join(', ')}) is ON DELETE ${a.actual}; conventions.explicitOnDelete asks ${a.allowed!.join(' or ')} of a foreign key with ${a.nullable ? 'a nullable column' : 'NOT NULL columns'}${origin(at)}`,
      hint: `Restate it in a new migration: ${a.restate}${inModel(at, a.modelChange)}.`,
    }),
  /** conventions.since could not be resolved: the hook must not judge everything, nor nothing, silently. */
  sinceFailed: (since: string, reason: string) => `conventions.since: '${since}' cannot be compared with: ${reason}`,
  sinceFailedHint: (since: string) =>
    `Make '${since}' exist here (git fetch, or a full clone in CI: actions/checkout with fetch-depth: 0), or change or remove conventions.since in the config.`,
};

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

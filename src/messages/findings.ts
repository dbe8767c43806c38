// The message and hint of every finding the diff produces: one function per code, all of the diff's
// user-facing text in one place (model loading and migrations keep theirs in models.ts / migrations.ts). A message says what is wrong, naming the schema-qualified object and the model; a hint says
// what to do next: what to write in a Knex migration, or in the model, or in the config.
// Code snippets come in ready-made (src/diff/snippets.ts builds them); this module only writes prose.
// Every name inside a snippet goes through src/util/escape.ts (knexString for a Knex call, jsString for
// the model API) and SQL through quoteIdent / quoteLiteral: a hint is code users paste.
import type { FindingCode } from '../diff/findings.ts';
import { knexRaw, sqlList } from '../diff/snippets.ts';
import { quoteIdent, quoteQualified } from '../ddl/names.ts';
import { jsPropertyKey, jsString, knexString as kjs } from '../util/escape.ts';

export interface FindingText {
  message: string;
  hint: string;
}

interface On {
  /** Model name. */
  model: string;
  schema: string;
  table: string;
}

const q = (a: { schema: string; table: string }, column?: string): string =>
  `${a.schema}.${a.table}${column !== undefined ? `.${column}` : ''}`;
const cols = (c: readonly string[]): string => `(${c.join(', ')})`;
const labelList = (labels: readonly string[]): string => labels.map((l) => `'${l}'`).join(', ');

export interface MissingTableArgs extends On {
  /** knex.schema.createTable(...) for the model. */
  createTable: string;
}
/** missing-table */
export function missingTable(a: MissingTableArgs): FindingText {
  return {
    message: `Table ${q(a)} of model ${a.model} is missing from the database`,
    hint: `create it in a migration (or run pre-commit-check generate): ${a.createTable}`,
  };
}

export interface MissingColumnArgs extends On {
  column: string;
  /** table.string('x', 255)... */
  addColumn: string;
  /** NOT NULL with no default: adding it fails on a table that has rows. */
  required?: boolean;
}
/** missing-column */
export function missingColumn(a: MissingColumnArgs): FindingText {
  const rows = a.required ? ' (NOT NULL with no default: on a table with rows, add it nullable, backfill, then make it NOT NULL)' : '';
  return {
    message: `Column ${q(a, a.column)} of model ${a.model} is missing from the database`,
    hint: `add it in a migration: ${a.addColumn}${rows}`,
  };
}

export interface TypeMismatchArgs extends On {
  column: string;
  expected: string;
  actual: string;
  /** The migration code: table.x(...).alter(), or raw SQL (a collation, an auto-increment column). */
  alterColumn: string;
  /** The model-API declaration matching the database. */
  modelColumn: string;
}
/** Before the code of a hint that uses .alter(): what it does besides. */
const restates = (code: string): string => (code.includes('.alter()') ? ' (alter() restates the whole column: nullability and default too)' : '');
/** type-mismatch */
export function typeMismatch(a: TypeMismatchArgs): FindingText {
  return {
    message: `Column ${q(a, a.column)} of model ${a.model} is ${a.actual} in the database but ${a.expected} in the model`,
    hint: `change it in a migration${restates(a.alterColumn)}: ${a.alterColumn}; or, if the database is right, declare it in the model as ${jsPropertyKey(a.column)}: ${a.modelColumn}`,
  };
}

export interface NullabilityMismatchArgs extends On {
  column: string;
  /** true when the model says NOT NULL. */
  modelNotNull: boolean;
}
/** nullability-mismatch */
export function nullabilityMismatch(a: NullabilityMismatchArgs): FindingText {
  const c = kjs(a.column);
  return a.modelNotNull
    ? {
        message: `Column ${q(a, a.column)} of model ${a.model} is NOT NULL in the model but nullable in the database`,
        hint: `make it NOT NULL in a migration: table.dropNullable(${c}) (fill existing NULLs first); or, if NULL is allowed, remove .notNullable() from the model`,
      }
    : {
        message: `Column ${q(a, a.column)} of model ${a.model} is nullable in the model but NOT NULL in the database`,
        hint: `allow NULL in a migration: table.setNullable(${c}); or, if it must be set, add .notNullable() to the model`,
      };
}

export interface DefaultMismatchArgs extends On {
  column: string;
  /** The model's default as the database spells it, or null for none. */
  expected: string | null;
  actual: string | null;
  /** The migration code: table.x(...).alter() restating the model's column, or raw SQL (identity). */
  alterColumn: string;
  /** What to write in the model to match the database: `.defaultTo(...)`, or null for "remove defaultTo()". */
  modelDefault: string | null;
  /** Instead, the whole declaration to write in the model (an identity column on either side). */
  modelColumn?: string;
}
/** default-mismatch */
export function defaultMismatch(a: DefaultMismatchArgs): FindingText {
  const message =
    a.actual === null
      ? `Column ${q(a, a.column)} of model ${a.model} has default ${a.expected} in the model but no default in the database`
      : a.expected === null
        ? `Column ${q(a, a.column)} of model ${a.model} has default ${a.actual} in the database but no default in the model`
        : `Column ${q(a, a.column)} of model ${a.model} has default ${a.expected} in the model but ${a.actual} in the database`;
  const modelSide =
    a.modelColumn !== undefined
      ? `declare it in the model as ${jsPropertyKey(a.column)}: ${a.modelColumn}`
      : a.modelDefault === null
        ? 'remove defaultTo() from the model'
        : `write ${a.modelDefault} in the model`;
  return {
    message,
    hint: `set it in a migration${restates(a.alterColumn)}: ${a.alterColumn}; or, if the database is right, ${modelSide}`,
  };
}

export interface PrimaryKeyMismatchArgs extends On {
  expected: readonly string[] | null;
  actual: readonly string[] | null;
  /** The database's primary key constraint name, if any. */
  constraint: string | null;
}
/** primary-key-mismatch */
export function primaryKeyMismatch(a: PrimaryKeyMismatchArgs): FindingText {
  const add = a.expected ? `table.primary([${a.expected.map(kjs).join(', ')}])` : '';
  const drop = a.constraint ? `table.dropPrimary(${kjs(a.constraint)})` : '';
  if (a.actual === null) {
    return {
      message: `Table ${q(a)} of model ${a.model} has no primary key in the database; the model declares ${cols(a.expected ?? [])}`,
      hint: `add it in a migration: ${add}`,
    };
  }
  if (a.expected === null) {
    return {
      message: `Table ${q(a)} has primary key ${cols(a.actual)} in the database but model ${a.model} declares none`,
      hint: `mark ${a.actual.length === 1 ? `column ${a.actual[0]}` : 'those columns'} with .primary() in the model; or drop it in a migration: ${drop}`,
    };
  }
  return {
    message: `Table ${q(a)} of model ${a.model} has primary key ${cols(a.actual)} in the database but ${cols(a.expected)} in the model`,
    hint: `replace it in a migration: ${drop}; ${add}; or, if the database is right, put .primary() on ${a.actual.join(', ')} in the model`,
  };
}

export interface MissingForeignKeyArgs extends On {
  columns: readonly string[];
  /** identity.stations(id) ON DELETE CASCADE */
  target: string;
  addForeign: string;
}
/** missing-foreign-key */
export function missingForeignKey(a: MissingForeignKeyArgs): FindingText {
  const what = a.columns.length === 1 ? `Column ${q(a, a.columns[0])}` : `Columns ${cols(a.columns)} of ${q(a)}`;
  return {
    message: `${what} of model ${a.model} ${a.columns.length === 1 ? 'references' : 'reference'} ${a.target} but no foreign key enforces it in the database`,
    hint: `add it in a migration: ${a.addForeign}`,
  };
}

export interface ForeignKeyMismatchArgs extends On {
  columns: readonly string[];
  constraint: string;
  /** Human phrases: "ON DELETE is NO ACTION in the database but CASCADE in the model". */
  differences: readonly string[];
  /** The migration code that drops the database's key and adds the model's. */
  migration: string;
  /** What to write in the model instead, when the database is right. */
  modelFix: string;
}
/** foreign-key-mismatch */
export function foreignKeyMismatch(a: ForeignKeyMismatchArgs): FindingText {
  return {
    message: `Foreign key ${a.constraint} on ${q(a)}${cols(a.columns)} of model ${a.model} differs: ${a.differences.join('; ')}`,
    hint: `replace it in a migration: ${a.migration}; or, if the database is right, ${a.modelFix}`,
  };
}

export interface MissingIndexArgs extends On {
  columns: readonly string[];
  name: string | null;
  /** "unique btree index on (a, b) WHERE ..." */
  description: string;
  /** When the database has an index on the same columns that differs: what it is and how it differs. */
  near: { name: string; description: string; differences: readonly string[]; modelEntry: string } | null;
  /** The migration code: drop the database's index (when `near`), create the model's. */
  createIndex: string;
}
/** missing-index */
export function missingIndex(a: MissingIndexArgs): FindingText {
  const named = a.name ? ` ${a.name}` : '';
  const near = a.near ? `; the database has ${a.near.name}, a ${a.near.description} (${a.near.differences.join('; ')})` : '';
  return {
    message: `Index${named} of model ${a.model}, a ${a.description} on ${q(a)}, is missing from the database${near}`,
    hint: a.near
      ? `replace it in a migration: ${a.createIndex}; or, if the database is right, write ${a.near.modelEntry} in the model's indexes in place of its entry for (${a.columns.join(', ')})`
      : `add it in a migration: ${a.createIndex}`,
  };
}

export interface MissingUniqueArgs extends On {
  columns: readonly string[];
  name: string | null;
  /** The migration code: drop the database's unique (when `near`), add the model's. */
  addUnique: string;
  /** A database unique on the same columns that enforces something else (NULLS NOT DISTINCT differs). */
  near?: { name: string; difference: string; modelFix: string };
}
/** missing-unique */
export function missingUnique(a: MissingUniqueArgs): FindingText {
  if (a.near) {
    return {
      message: `Unique constraint${a.name ? ` ${a.name}` : ''} on ${q(a)}${cols(a.columns)} of model ${a.model} differs from the database's ${a.near.name}: ${a.near.difference}`,
      hint: `replace it in a migration: ${a.addUnique}; or, if the database is right, ${a.near.modelFix}`,
    };
  }
  return {
    message: `Unique constraint${a.name ? ` ${a.name}` : ''} on ${q(a)}${cols(a.columns)} of model ${a.model} is not enforced in the database (neither a unique constraint nor a unique index covers those columns)`,
    hint: `add it in a migration (remove duplicate rows first): ${a.addUnique}`,
  };
}

export interface MissingCheckArgs extends On {
  name: string | null;
  expression: string;
  /** A database check with the same name but another expression. */
  sameName: string | null;
  addCheck: string;
}
/** missing-check */
export function missingCheck(a: MissingCheckArgs): FindingText {
  const same = a.sameName !== null ? `; a check with that name exists but tests ${a.sameName}` : '';
  return {
    message: `Check constraint${a.name ? ` ${a.name}` : ''} (${a.expression}) of model ${a.model} is missing from ${q(a)}${same}`,
    hint:
      a.sameName !== null && a.name
        ? `replace it in a migration: table.dropChecks(${kjs(/^[a-z_][a-z0-9_$]*$/.test(a.name) ? a.name : quoteIdent(a.name))}); ${a.addCheck}`
        : `add it in a migration: ${a.addCheck}`,
  };
}

export interface EnumMismatchArgs extends On {
  column: string;
  /** schema.name */
  enumType: string;
  /** The type's schema and name, for the SQL of the hint. */
  enumSchema: string;
  enumName: string;
  /** Other schema.table.column that use the type. */
  otherUses: readonly string[];
  expected: readonly string[];
  /** null: the type does not exist in the database. */
  actual: readonly string[] | null;
  /** Types with the same name in other schemas (when missing). */
  lookalikes: readonly string[];
  /** When missing: the column's type in the database. */
  columnActualType: string | null;
}
/** enum-mismatch */
export function enumMismatch(a: EnumMismatchArgs): FindingText {
  const used = `used by ${q(a, a.column)} of model ${a.model}${a.otherUses.length ? ` and by ${a.otherUses.join(', ')}` : ''}`;
  const type = quoteQualified(a.enumSchema, a.enumName);
  if (a.actual === null) {
    const look = a.lookalikes.length ? `; the database has ${a.lookalikes.join(', ')}: check the schema the migration creates it in` : '';
    const colType = a.columnActualType ? `; the column is ${a.columnActualType} there` : '';
    const col = quoteIdent(a.column);
    const alter = a.columnActualType
      ? `, then convert the column: ${knexRaw(`ALTER TABLE ${quoteQualified(a.schema, a.table)} ALTER COLUMN ${col} TYPE ${type} USING ${col}::${type}`)}`
      : '';
    return {
      message: `Enum type ${a.enumType} (${used}) is missing from the database${colType}${look}`,
      hint: `create it in a migration: ${knexRaw(`CREATE TYPE ${type} AS ENUM (${sqlList(a.expected)})`)}${alter}`,
    };
  }
  const actual = a.actual;
  const lower = (l: string): string => l.toLowerCase();
  const parts: string[] = [];
  const fixes: string[] = [];
  const caseOnly: Array<[string, string]> = [];
  const missing: string[] = [];
  for (const e of a.expected) {
    if (actual.includes(e)) continue;
    const other = actual.find((x) => lower(x) === lower(e) && !a.expected.includes(x));
    if (other !== undefined) caseOnly.push([other, e]);
    else missing.push(e);
  }
  const extra = actual.filter((x) => !a.expected.includes(x) && !caseOnly.some(([db]) => db === x));
  if (caseOnly.length) {
    const all = caseOnly.length === a.expected.length && missing.length === 0 && extra.length === 0;
    parts.push(
      `${all ? 'the labels differ only in case' : 'some labels differ in case'}: the database has ${labelList(caseOnly.map(([d]) => d))}, the model ${labelList(caseOnly.map(([, m]) => m))}`,
    );
    fixes.push(...caseOnly.map(([d, m]) => knexRaw(`ALTER TYPE ${type} RENAME VALUE ${sqlList([d])} TO ${sqlList([m])}`)));
  }
  if (missing.length) {
    parts.push(`the database lacks ${labelList(missing)}`);
    fixes.push(...missing.map((l) => knexRaw(`ALTER TYPE ${type} ADD VALUE ${sqlList([l])}`)));
  }
  if (extra.length) {
    parts.push(`the database has ${labelList(extra)}, which the model lacks`);
    fixes.push(`add ${labelList(extra)} to the model's t.enum() values, or recreate the type without them (labels cannot be dropped: create a new type, ALTER COLUMN ... TYPE ... USING, drop the old one)`);
  }
  if (!parts.length) {
    parts.push(`the labels are the same but in another order: the database has (${labelList(actual)}), the model (${labelList(a.expected)})`);
    fixes.push(`list the values in the model in the database's order, or recreate the type (labels cannot be reordered in place)`);
  }
  return {
    message: `Enum type ${a.enumType} (${used}) differs from the model: ${parts.join('; ')}`,
    hint: `fix it in a migration: ${fixes.join('; ')}`,
  };
}

/** What to write in a model: a modifier on a column's declaration, or an entry of a model list. */
export type ModelSnippet = { column: string; modifier: string } | { key: 'indexes' | 'uniques' | 'foreignKeys'; entry: string };
const inModel = (model: string, s: ModelSnippet): string =>
  'column' in s ? `add ${s.modifier} to column ${s.column} in model ${model}` : `add ${s.entry} to the ${s.key} of model ${model}`;

export interface UnmodeledTableArgs {
  schema: string;
  table: string;
  /** Files that declare a model of this table but are not matched by the `models` globs (see model-api/stray.ts). */
  strayFiles?: string[];
  /** The config's `models` globs, for the hint about stray files. */
  globs?: string[];
}
/** unmodeled-table */
export function unmodeledTable(a: UnmodeledTableArgs): FindingText {
  if (a.strayFiles?.length) {
    const files = a.strayFiles.join(', ');
    return {
      message: `Table ${q(a)} exists in the database but no loaded model declares it: ${files} declares it, but the models globs (${(a.globs ?? []).join(', ')}) do not match ${a.strayFiles.length > 1 ? 'those files' : 'that file'}, so it is never loaded`,
      hint: `add ${a.strayFiles.length > 1 ? 'those files' : jsString(a.strayFiles[0]!)} (or a glob that matches ${a.strayFiles.length > 1 ? 'them' : 'it'}) to models in the pre-commit-check config, or move the model under ${(a.globs ?? [])[0] ?? 'the models globs'}`,
    };
  }
  return {
    message: `Table ${q(a)} exists in the database but no model declares it`,
    hint: `declare it with defineModel({ schema: ${jsString(a.schema)}, table: ${jsString(a.table)}, columns: { ... } }) (pre-commit-check pull writes one), drop it in a migration, or add ${jsString(q(a))} to ignore.tables in the config`,
  };
}

export interface UnmodeledColumnArgs extends On {
  column: string;
  /** NOT NULL with no default: inserts through the model will fail. */
  required: boolean;
  /** The model-API declaration: t.string(100).notNullable() */
  modelColumn: string;
}
/** unmodeled-column */
export function unmodeledColumn(a: UnmodeledColumnArgs): FindingText {
  const why = a.required ? '; it is NOT NULL with no default, so every insert that follows the model fails' : '';
  return {
    message: `Column ${q(a, a.column)} exists in the database but model ${a.model} does not declare it${why}`,
    hint: `declare it in model ${a.model}: ${jsPropertyKey(a.column)}: ${a.modelColumn}; or drop it in a migration: table.dropColumn(${kjs(a.column)})`,
  };
}

export interface UnmodeledForeignKeyArgs extends On {
  columns: readonly string[];
  constraint: string;
  target: string;
  /** What to write in the model: `.references('identity.stations.id')` on the column, or a foreignKeys entry. */
  modelSnippet: ModelSnippet;
}
/** unmodeled-foreign-key */
export function unmodeledForeignKey(a: UnmodeledForeignKeyArgs): FindingText {
  return {
    message: `Foreign key ${a.constraint} on ${q(a)}${cols(a.columns)} → ${a.target} exists in the database but model ${a.model} does not declare it`,
    hint: `${inModel(a.model, a.modelSnippet)}; or drop it in a migration: table.dropForeign([${a.columns.map(kjs).join(', ')}], ${kjs(a.constraint)})`,
  };
}

export interface UnmodeledIndexArgs extends On {
  columns: readonly string[];
  name: string;
  description: string;
  modelSnippet: ModelSnippet;
}
/** unmodeled-index */
export function unmodeledIndex(a: UnmodeledIndexArgs): FindingText {
  return {
    message: `Index ${a.name}, a ${a.description} on ${q(a)}, exists in the database but model ${a.model} does not declare it`,
    hint: `${inModel(a.model, a.modelSnippet)}; or drop it in a migration: table.dropIndex([], ${kjs(a.name)})`,
  };
}

export interface UnmodeledUniqueArgs extends On {
  columns: readonly string[];
  name: string;
  /** A unique constraint, or a unique index. */
  kind: 'constraint' | 'index';
  predicate: string | null;
  /** The database's foreign keys that reference these columns: the unique cannot be dropped while they exist. */
  referencedBy: readonly string[];
  modelSnippet: ModelSnippet;
}
/** unmodeled-unique */
export function unmodeledUnique(a: UnmodeledUniqueArgs): FindingText {
  const where = a.predicate ? ` WHERE ${a.predicate}` : '';
  const drop = a.kind === 'constraint' ? `table.dropUnique([], ${kjs(a.name)})` : `table.dropIndex([], ${kjs(a.name)})`;
  return {
    message: `Unique ${a.kind} ${a.name} on ${q(a)}${cols(a.columns)}${where} exists in the database but model ${a.model} does not declare it`,
    hint: a.referencedBy.length
      ? `${inModel(a.model, a.modelSnippet)}; or drop the foreign keys that need it first, then the unique: ${a.referencedBy.join(', ')}`
      : `${inModel(a.model, a.modelSnippet)}; or drop it in a migration: ${drop}`,
  };
}

export interface GeneratedMismatchArgs extends On {
  column: string;
  /** The model's generation expression, or null when the model's column is not generated. */
  expected: string | null;
  actual: string | null;
  /** The migration statement(s) that make the database match the model. */
  migration: string;
  /** What to write in the model to match the database. */
  modelFix: string;
}
/** generated-mismatch */
export function generatedMismatch(a: GeneratedMismatchArgs): FindingText {
  const message =
    a.actual === null
      ? `Column ${q(a, a.column)} of model ${a.model} is generated in the model (${a.expected}) but is a plain column in the database`
      : a.expected === null
        ? `Column ${q(a, a.column)} is generated in the database (${a.actual}) but model ${a.model} declares a plain column`
        : `Column ${q(a, a.column)} of model ${a.model} is generated as ${a.expected} in the model but as ${a.actual} in the database`;
  return { message, hint: `change it in a migration: ${a.migration}; or, if the database is right, ${a.modelFix}` };
}

export interface CommentMismatchArgs extends On {
  /** The column, or undefined for the table's own comment. */
  column?: string;
  expected: string;
  actual: string | null;
  /** The migration statement that sets the model's comment. */
  migration: string;
  /** What to write in the model to match the database. */
  modelFix: string;
}
/** comment-mismatch */
export function commentMismatch(a: CommentMismatchArgs): FindingText {
  const what = a.column === undefined ? `Table ${q(a)}` : `Column ${q(a, a.column)}`;
  const actual = a.actual === null ? 'has no comment in the database' : `has comment ${JSON.stringify(a.actual)} in the database`;
  return {
    message: `${what} of model ${a.model} has comment ${JSON.stringify(a.expected)} in the model but ${actual}`,
    hint: `set it in a migration: ${a.migration}; or, if the database is right, ${a.modelFix}`,
  };
}

/** The codes the diff produces; the other stages' texts live in messages/models.ts and messages/migrations.ts. */
export type DiffFindingCode = Exclude<
  FindingCode,
  'duplicate-model' | 'unresolved-reference' | 'invalid-model' | 'migration-failed' | 'missing-down' | 'irreversible-migration' | 'missing-object' | 'convention-violation' | 'stale-generated' | 'generated-failed'
>;

/** The text functions by code, for callers that dispatch on the code. */
export const FINDING_TEXT = {
  'missing-table': missingTable,
  'missing-column': missingColumn,
  'type-mismatch': typeMismatch,
  'nullability-mismatch': nullabilityMismatch,
  'default-mismatch': defaultMismatch,
  'primary-key-mismatch': primaryKeyMismatch,
  'missing-foreign-key': missingForeignKey,
  'foreign-key-mismatch': foreignKeyMismatch,
  'missing-index': missingIndex,
  'missing-unique': missingUnique,
  'missing-check': missingCheck,
  'enum-mismatch': enumMismatch,
  'unmodeled-table': unmodeledTable,
  'unmodeled-column': unmodeledColumn,
  'unmodeled-foreign-key': unmodeledForeignKey,
  'unmodeled-index': unmodeledIndex,
  'unmodeled-unique': unmodeledUnique,
  'generated-mismatch': generatedMismatch,
  'comment-mismatch': commentMismatch,
} satisfies Record<DiffFindingCode, (args: never) => FindingText>;

/** The argument type of a code's text function. */
export type FindingTextArgs<C extends DiffFindingCode> = Parameters<(typeof FINDING_TEXT)[C]>[0];

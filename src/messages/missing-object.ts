// User-facing text of the missing-object finding: a model uses an extension's type or function, a
// type, domain, function, sequence, collation, operator class, index method or schema that the
// migrations do not create. The hint is the migration that creates it, when that can be written.
import { knexRaw } from '../diff/snippets.ts';
import { quoteIdent, quoteQualified } from '../ddl/names.ts';
import { knexString } from '../util/escape.ts';

export interface MissingObjectArgs {
  model: string;
  schema: string;
  table: string;
  /** 'type', 'function', ... as PostgreSQL names the kind. */
  kind: string;
  /** As PostgreSQL printed it: citext, uuid_generate_v4(), app.invoice_number_seq. */
  name: string;
  /** The model's columns (or index keys) that use it; empty when the model as a whole does. */
  columns: string[];
  /** The extension that provides it, when it is a well-known one. */
  extension?: string;
  /** True when no part of the model could be told apart as the user: the whole model is left out. */
  wholeModel: boolean;
}

const uses = (a: MissingObjectArgs): string =>
  a.columns.length ? `${a.columns.length > 1 ? 'columns' : 'column'} ${a.columns.map((c) => `${a.schema}.${a.table}.${c}`).join(', ')}` : `table ${a.schema}.${a.table}`;

/** missing-object: the message. */
export function missingObjectMessage(a: MissingObjectArgs): string {
  const provider = a.extension ? ` (extension ${a.extension})` : '';
  const rest = a.wholeModel ? '; the model is not compared until it exists' : '; the rest of the model is still compared';
  return `Model ${a.model} uses ${a.kind} ${a.name}${provider} in ${uses(a)}, but no migration creates it${rest}`;
}

/** missing-object: the hint, a migration that creates the object when that can be written, else what to do. */
export function missingObjectHint(a: MissingObjectArgs): string {
  const bare = a.name.replace(/\[\]$/, '');
  if (a.extension) return `create the extension in a migration: ${knexRaw(`CREATE EXTENSION IF NOT EXISTS ${quoteIdent(a.extension)}`)}`;
  if (a.kind === 'schema') return `create the schema in a migration: knex.schema.createSchemaIfNotExists(${knexString(bare)})`;
  if (a.kind === 'sequence') {
    const [schema, name] = bare.includes('.') ? (bare.split('.', 2) as [string, string]) : [undefined, bare];
    return `create the sequence in a migration: ${knexRaw(`CREATE SEQUENCE IF NOT EXISTS ${schema ? quoteQualified(schema, name) : quoteIdent(name)}`)}`;
  }
  const create = a.kind === 'function' ? 'CREATE FUNCTION' : a.kind === 'type' ? 'CREATE TYPE (or CREATE DOMAIN, CREATE EXTENSION)' : `CREATE ${a.kind.toUpperCase()}`;
  return `create ${a.kind} ${bare} in a migration (knex.raw with ${create} ...), or change the model to use what the migrations create`;
}

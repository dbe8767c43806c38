// When a model's DDL fails because it names something the database lacks (a type, a function, a
// sequence, a collation, an operator class, an index method, a schema), which object it was: the
// missing-object finding names it. Pure: maps PostgreSQL's error (SQLSTATE first, then the message,
// whose quoted name is the object) to a kind and a name, and knows which extension provides the
// common ones, for the hint.

/** An object a model uses and the database does not have. */
export interface MissingObject {
  kind: 'type' | 'function' | 'sequence' | 'schema' | 'collation' | 'operator class' | 'access method';
  name: string;
}

/** The parts of a pg error this needs. */
export interface PgErrorLike {
  code?: string;
  message: string;
}

const BY_MESSAGE: Array<[RegExp, MissingObject['kind']]> = [
  [/^type "(.+)" does not exist/, 'type'],
  [/^collation "(.+?)"(?: for encoding "[^"]*")? does not exist/, 'collation'],
  [/^operator class "(.+?)" does not exist/, 'operator class'],
  [/^access method "(.+)" does not exist/, 'access method'],
  [/^function (.+\)) does not exist/, 'function'],
  [/^relation "(.+)" does not exist/, 'sequence'],
  [/^schema "(.+)" does not exist/, 'schema'],
];

/** The SQLSTATEs PostgreSQL raises for each kind (42704 undefined_object, 42883 undefined_function, 42P01 undefined_table, 3F000 invalid_schema_name). */
const CODES = new Set(['42704', '42883', '42P01', '3F000']);

/**
 * Use on the error of a failed model DDL statement: the object it names that the database lacks, or
 * null when the failure is of another kind (then the model itself is wrong: invalid-model). A missing
 * relation counts only when the statement names it in nextval(): a foreign key's missing target is
 * the model's own problem.
 */
export function missingObjectOf(error: PgErrorLike, statement: string): MissingObject | null {
  if (error.code !== undefined && !CODES.has(error.code)) return null;
  for (const [re, kind] of BY_MESSAGE) {
    const m = re.exec(error.message);
    if (!m) continue;
    const name = m[1]!;
    if (kind === 'sequence' && !new RegExp(`nextval\\s*\\(\\s*'[^']*\\b${escapeRe(name.split('.').pop()!)}"?'`, 'i').test(statement)) return null;
    if (kind === 'function' && /^operator /.test(error.message)) return null;
    return { kind, name };
  }
  return null;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Objects that come from a well-known extension: the name PostgreSQL prints -> the extension. */
const EXTENSIONS: Array<[RegExp, string]> = [
  [/^(?:\w+\.)?citext(?:\[\])?$/, 'citext'],
  [/^(?:\w+\.)?uuid_generate_v[1-5]\w*\(/, 'uuid-ossp'],
  [/^(?:\w+\.)?(?:gin_trgm_ops|gist_trgm_ops|similarity\(|word_similarity\(|show_trgm\()/, 'pg_trgm'],
  [/^(?:\w+\.)?hstore(?:\[\])?$/, 'hstore'],
  [/^(?:\w+\.)?ltree(?:\[\])?$/, 'ltree'],
  [/^(?:\w+\.)?(?:geometry|geography)(?:\(|\[\]|$)/, 'postgis'],
  [/^(?:\w+\.)?vector(?:\(|\[\]|$)/, 'vector'],
  [/^(?:\w+\.)?(?:unaccent\()/, 'unaccent'],
  [/^(?:\w+\.)?(?:digest|hmac|crypt|gen_salt|pgp_sym_encrypt|pgp_sym_decrypt)\(/, 'pgcrypto'],
  [/^(?:\w+\.)?(?:earth|ll_to_earth\(|earth_distance\()/, 'earthdistance'],
  [/^(?:\w+\.)?cube(?:\[\])?$/, 'cube'],
  [/^(?:\w+\.)?bloom$/, 'bloom'],
];

/** Use for the hint: the extension that provides `object`, when it is a well-known one. */
export function extensionFor(object: MissingObject): string | undefined {
  return EXTENSIONS.find(([re]) => re.test(object.name))?.[1];
}

// Identifier helpers for the model DDL: quoting, Knex-style default names, and per-schema name
// allocation so that generated index and constraint names never collide (names are never compared
// by the diff, but a collision would make Postgres reject a perfectly good model).
import { modelMessages } from '../messages/models.ts';

import { MAX_IDENTIFIER_BYTES, truncateIdentifier } from '../schema/identifiers.ts';

export { MAX_IDENTIFIER_BYTES, truncateIdentifier };

/**
 * Thrown for a name or value PostgreSQL cannot store (a NUL character): quoting it would give SQL the
 * server rejects or, worse, cuts short. Callers turn it into a finding or a message naming the model.
 */
export class UnquotableError extends Error {
  constructor(what: 'identifier' | 'literal', value: string) {
    super(modelMessages.unquotable(what, value));
    this.name = 'UnquotableError';
  }
}

/** Double-quote an identifier for raw SQL: use for every name written into hand-made statements. */
export function quoteIdent(name: string): string {
  if (name.includes('\0')) throw new UnquotableError('identifier', name);
  return `"${name.replace(/"/g, '""')}"`;
}

/** "schema"."name" */
export function quoteQualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/**
 * A SQL string literal: 'it''s'; with a backslash, the escape-string form E'a\\b', which means the
 * same whatever the server's standard_conforming_strings says (as PostgreSQL's own quote_literal does).
 */
export function quoteLiteral(value: string): string {
  if (value.includes('\0')) throw new UnquotableError('literal', value);
  const body = value.replace(/'/g, "''");
  return value.includes('\\') ? `E'${body.replace(/\\/g, '\\\\')}'` : `'${body}'`;
}

/** The name Knex gives an unnamed index or constraint: table_col1_col2_suffix, lower-cased. */
export function knexDefaultName(table: string, columns: readonly string[], suffix: string): string {
  return `${table}_${columns.join('_')}_${suffix}`.toLowerCase();
}

/**
 * Hands out names unique within a scope (a schema for relations: tables, indexes and the indexes
 * behind primary keys and unique constraints; a table for check and foreign key constraints).
 * Use reserve() for names the user chose, then allocate() for generated ones.
 */
export class NameAllocator {
  private readonly used = new Map<string, Set<string>>();

  private scope(key: string): Set<string> {
    let s = this.used.get(key);
    if (!s) {
      s = new Set();
      this.used.set(key, s);
    }
    return s;
  }

  /** Mark a name as taken (as Postgres will store it: truncated). */
  reserve(scope: string, name: string): void {
    this.scope(scope).add(truncateIdentifier(name));
  }

  /** A free name based on `wanted`: truncated to 63 bytes, then suffixed 1, 2, ... if taken. */
  allocate(scope: string, wanted: string): string {
    const taken = this.scope(scope);
    let name = truncateIdentifier(wanted);
    for (let i = 1; taken.has(name); i++) {
      const suffix = String(i);
      name = truncateIdentifier(wanted, MAX_IDENTIFIER_BYTES - suffix.length) + suffix;
    }
    taken.add(name);
    return name;
  }
}

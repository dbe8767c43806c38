// Indexes and unique constraints as migration code: Knex's table.index() / table.unique() where the
// builder can say it, else CREATE INDEX / ADD CONSTRAINT ... UNIQUE written by the shared builders of
// src/ddl/raw-sql.ts (expression keys, order, NULLS, operator class, collation, INCLUDE, method,
// NULLS NOT DISTINCT); with their inverses.
import type { IndexSpec } from '../model-api/types.ts';
import type { Index, UniqueConstraint } from '../schema/types.ts';
import { kjs, knexCanIndex, knexIndexLine } from '../diff/snippets.ts';
import { quoteIdent, quoteQualified } from '../ddl/names.ts';
import { addUniqueSql, createIndexSql, indexSpecFromCatalog } from '../ddl/raw-sql.ts';
import { builderSafe, jsList, line, lineOrRaw, raw, type Change, type Where } from './code.ts';

/** True when Knex's table.index() can write this index on this table. */
const builderCan = (where: Where, spec: IndexSpec, name: string | null): boolean => knexCanIndex(spec) && [where.schema, where.table, name ?? ''].every(builderSafe);

/**
 * Use to create an index (a model's IndexSpec, or indexSpecFromCatalog of a catalog index): the
 * builder, or CREATE INDEX named `name` (else `rawName`, else unnamed: then down cannot drop it).
 */
export function createIndex(where: Where, spec: IndexSpec, name: string | null, rawName: string | null = name): Change {
  if (builderCan(where, spec, name)) {
    return { up: [line(where.schema, where.table, knexIndexLine(spec, name))], down: [line(where.schema, where.table, `table.dropIndex(${jsList(spec.columns)}${name ? `, ${kjs(name)}` : ''})`)] };
  }
  const n = name ?? rawName;
  return { up: [raw(createIndexSql(where.schema, where.table, n, spec))], down: n === null ? [] : [raw(`DROP INDEX ${quoteQualified(where.schema, n)}`)] };
}

/** Use to drop an index of the database; down creates it again exactly. */
export function dropIndex(where: Where, i: Index): Change {
  const c = createIndex(where, indexSpecFromCatalog(i), i.name);
  return { up: c.down, down: c.up };
}

/** Use to add a unique constraint: table.unique(), or raw SQL for NULLS NOT DISTINCT (named `name`, else `rawName`). */
export function addUnique(where: Where, u: Pick<UniqueConstraint, 'columns' | 'nullsNotDistinct'>, name: string | null, rawName: string | null = name): Change {
  const drop = (n: string) => lineOrRaw(where, [n], `table.dropUnique(${jsList(u.columns)}, ${kjs(n)})`, () => `ALTER TABLE ${quoteQualified(where.schema, where.table)} DROP CONSTRAINT ${quoteIdent(n)}`);
  if (u.nullsNotDistinct || ![where.schema, where.table, ...u.columns, name ?? ''].every(builderSafe)) {
    const n = name ?? rawName;
    return { up: [raw(addUniqueSql(where.schema, where.table, n, u.columns, u.nullsNotDistinct))], down: n === null ? [] : [drop(n)] };
  }
  const call = name ? `table.unique(${jsList(u.columns)}, { indexName: ${kjs(name)} })` : `table.unique(${jsList(u.columns)})`;
  return { up: [line(where.schema, where.table, call)], down: [line(where.schema, where.table, `table.dropUnique(${jsList(u.columns)}${name ? `, ${kjs(name)}` : ''})`)] };
}

/** Use to drop a unique constraint of the database; down adds it again exactly. */
export function dropUnique(where: Where, u: UniqueConstraint): Change {
  const c = addUnique(where, u, u.name);
  return { up: c.down, down: c.up };
}

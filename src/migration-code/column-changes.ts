// Changing a column present on both sides, one facet or several, both ways (up brings the database's
// column to the model's, down puts it back). Knex's .alter() where it can say it (a plain column);
// raw SQL where it cannot: a collation (Knex's .collate() is MySQL-only), identity (.alter() would
// DROP DEFAULT, which PostgreSQL refuses on an identity column), generation. A generated column whose
// expression changes is dropped and added again (it is computed, so no data is lost; SET EXPRESSION
// exists only from PostgreSQL 17); DROP EXPRESSION (PostgreSQL 13+) makes it a plain column in place.
import type { ColumnSpec } from '../model-api/types.ts';
import type { Column } from '../schema/types.ts';
import { columnChanges, type ColumnChanges } from '../diff/match.ts';
import { normaliseType } from '../diff/normalise.ts';
import { knexColumnCall } from '../diff/snippets.ts';
import { quoteIdent, quoteLiteral, quoteQualified } from '../ddl/names.ts';
import { quoteCollation } from '../ddl/raw-sql.ts';
import { builderSafe, line, lineOrRaw, raw, type Change, type Code, type Where } from './code.ts';
import { addCatalogColumn, addModelColumn, catalogColumnCall } from './column-definitions.ts';
import { kjs } from '../diff/snippets.ts';

/** Which facets of a column to change (match.ts columnChanges says which differ). */
export type Facets = Partial<ColumnChanges>;

export interface AlterColumnOptions {
  /** The model's schema: what unqualified enum names mean. */
  modelSchema: string;
  /** .alter() must not switch the nullability of a primary key column: in the key before (up) / after (down). */
  keyColumn?: { before: boolean; after: boolean };
  /** Down leaves the default alone: the enum step puts it back once the type has its labels again. */
  defaultRestoredElsewhere?: boolean;
  /** .alter() with no options, restating type, nullability and default (a hint: one call fixes the column). */
  restateAll?: boolean;
}

/**
 * Use to change a column present on both sides: `dc` as the model's DDL built it, `mc` as the
 * migrations did, `spec` the model's column (compiledSpec). Only the facets asked are changed, plus
 * what PostgreSQL needs for them (NOT NULL before an identity, the default after DROP EXPRESSION).
 */
export function alterColumn(where: Where, dc: Column, mc: Column, spec: ColumnSpec, facets: Facets, opts: AlterColumnOptions): Change {
  if (facets.generated) return dc.generated !== null ? recreateColumn(where, dc, mc, spec, opts.modelSchema) : dropExpression(where, dc, mc, spec, opts);
  const increments = spec.kind === 'increments' || spec.kind === 'bigIncrements';
  const sqlOnly = increments || !!(dc.collation || mc.collation || dc.identity || mc.identity) || ![where.schema, where.table, dc.name].every(builderSafe);
  if (!sqlOnly) return alterThroughBuilder(where, dc, mc, spec, facets, opts);
  // increments() is auto-increment however written: a column that has none gets an identity
  const to: Column = increments && facets.default && mc.identity === '' ? { ...dc, identity: 'd', default: null } : dc;
  return { up: alterInSql(where, to, mc, facets), down: alterInSql(where, mc, to, facets) };
}

/** A generated column with another expression, or a plain column becoming generated: drop it and add the model's. */
export function recreateColumn(where: Where, dc: Column, mc: Column, spec: ColumnSpec, modelSchema: string): Change {
  const drop = raw(`ALTER TABLE ${quoteQualified(where.schema, where.table)} DROP COLUMN ${quoteIdent(dc.name)}`);
  return {
    up: [drop, ...addModelColumn(where, dc.name, { ...spec, nullable: !dc.notNull }, modelSchema)],
    down: [drop, ...addCatalogColumn(where, mc)],
  };
}

/** A generated column the model declares plain: DROP EXPRESSION keeps its values; then what else differs from the model's column. */
function dropExpression(where: Where, dc: Column, mc: Column, spec: ColumnSpec, opts: AlterColumnOptions): Change {
  const plain: Column = { ...mc, generated: null, generatedKind: '' };
  const rest = columnChanges(dc, plain);
  const after = rest.type || rest.nullability || rest.default ? alterColumn(where, dc, plain, spec, { ...rest, generated: false }, opts).up : [];
  const tbl = quoteQualified(where.schema, where.table);
  return {
    up: [raw(`ALTER TABLE ${tbl} ALTER COLUMN ${quoteIdent(dc.name)} DROP EXPRESSION`), ...after],
    down: [raw(`ALTER TABLE ${tbl} DROP COLUMN ${quoteIdent(dc.name)}`), ...addCatalogColumn(where, mc)],
  };
}

/** .alter() restates type, nullability and default; only what differs is switched on (all of it for a hint). */
function alterThroughBuilder(where: Where, dc: Column, mc: Column, spec: ColumnSpec, facets: Facets, opts: AlterColumnOptions): Change {
  const call = knexColumnCall(dc.name, { ...spec, nullable: !dc.notNull }, { schema: opts.modelSchema, constraints: false, enumExists: true });
  const back = catalogColumnCall(mc, { forAlter: true, withDefault: !opts.defaultRestoredElsewhere });
  if (opts.restateAll) return { up: [line(where.schema, where.table, `${call}.alter()`)], down: [line(where.schema, where.table, `${back}.alter()`)] };
  const key = opts.keyColumn ?? { before: false, after: false };
  const options = (nullable: boolean) => `{ alterType: ${!!facets.type}, alterNullable: ${!!facets.nullability && !nullable} }`;
  return {
    up: [line(where.schema, where.table, `${call}.alter(${options(key.before)})`)],
    down: [line(where.schema, where.table, `${back}.alter(${options(key.after)})`)],
  };
}

/** The statements that turn column `from` into column `to`, facet by facet, in an order PostgreSQL accepts. */
function alterInSql(where: Where, to: Column, from: Column, facets: Facets): Code[] {
  const col = quoteIdent(to.name);
  const alter = `ALTER TABLE ${quoteQualified(where.schema, where.table)} ALTER COLUMN ${col}`;
  const identity = facets.default === true && (to.identity !== '' || from.identity !== '');
  const out: Code[] = [];
  if (identity && from.identity !== '' && to.identity === '') out.push(raw(`${alter} DROP IDENTITY`));
  if (facets.type) {
    const collate = to.collation || from.collation ? ` COLLATE ${to.collation ? quoteCollation(to.collation) : '"default"'}` : '';
    const using = normaliseType(to.type) !== normaliseType(from.type) ? ` USING ${col}::${to.type}` : '';
    out.push(raw(`${alter} TYPE ${to.type}${collate}${using}`));
  }
  // an identity column is NOT NULL: adding one needs it first, dropping one may give it back
  if ((facets.nullability || identity) && to.notNull !== from.notNull) {
    const method = to.notNull ? 'dropNullable' : 'setNullable';
    out.push(lineOrRaw(where, [to.name], `table.${method}(${kjs(to.name)})`, () => `${alter} ${to.notNull ? 'SET' : 'DROP'} NOT NULL`));
  }
  if (facets.default) out.push(...defaultOrIdentity(where, alter, to, from));
  return out;
}

/** The default, or the identity, of `to` where `from` has another. */
function defaultOrIdentity(where: Where, alter: string, to: Column, from: Column): Code[] {
  if (to.identity === '') {
    if (to.default !== null) return [raw(`${alter} SET DEFAULT ${to.default}`)];
    return from.identity === '' && from.default !== null ? [raw(`${alter} DROP DEFAULT`)] : [];
  }
  const kind = to.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT';
  if (from.identity !== '') return [raw(`${alter} SET GENERATED ${kind}`)];
  const tbl = quoteQualified(where.schema, where.table);
  // the identity's sequence starts after the rows already there
  const restart = `SELECT setval(pg_get_serial_sequence(${quoteLiteral(tbl)}, ${quoteLiteral(to.name)}), (SELECT coalesce(max(${quoteIdent(to.name)}), 0) + 1 FROM ${tbl}), false)`;
  return [...(from.default !== null ? [raw(`${alter} DROP DEFAULT`)] : []), raw(`${alter} ADD GENERATED ${kind} AS IDENTITY`), raw(restart)];
}

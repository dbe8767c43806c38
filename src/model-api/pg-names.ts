// Identifiers longer than 63 bytes mean what PostgreSQL makes of them (contract section 3): it keeps
// the first 63 bytes and says so only in a NOTICE. defineModel() truncates every name of a model the
// same way, so the model matches its table, and keeps the names it cut for a warning.
import { truncateIdentifier } from '../schema/identifiers.ts';
import type { ColumnSpec, Model } from './types.ts';

/** Use on a freshly built model: the same model with every identifier as PostgreSQL stores it, and `longNames` when one was cut. */
export function withPgNames(model: Model): Model {
  const long: string[] = [];
  const pg = (name: string): string => {
    const cut = truncateIdentifier(name);
    if (cut !== name && !long.includes(name)) long.push(name);
    return cut;
  };
  const opt = (name: string | undefined) => (name === undefined ? undefined : pg(name));
  const qualifiedPg = (name: string) => name.split('.').map(pg).join('.');
  const columns: Record<string, ColumnSpec> = {};
  for (const [name, spec] of Object.entries(model.columns)) {
    const key = pg(name);
    if (key in columns) throw new TypeError(`columns '${name}' and another one are the same column once PostgreSQL cuts them to 63 bytes ('${key}')`);
    columns[key] = { ...spec, ...(spec.enumName ? { enumName: qualifiedPg(spec.enumName) } : {}), ...(spec.references ? { references: { schema: opt(spec.references.schema), table: pg(spec.references.table), column: pg(spec.references.column) } } : {}) };
  }
  const out: Model = {
    ...model,
    schema: pg(model.schema),
    table: pg(model.table),
    columns,
    indexes: model.indexes.map((ix) => ({
      ...ix,
      name: opt(ix.name),
      columns: ix.columns.map((c, k) => (ix.keys?.[k]?.expression !== undefined ? c : pg(c))),
      keys: ix.keys?.map((key) => (key.column === undefined ? key : { ...key, column: pg(key.column) })),
      include: ix.include?.map(pg),
    })),
    uniques: model.uniques.map((u) => ({ ...u, name: opt(u.name), columns: u.columns.map(pg) })),
    checks: model.checks.map((c) => ({ ...c, name: opt(c.name) })),
    foreignKeys: model.foreignKeys.map((fk) => ({
      ...fk,
      name: opt(fk.name),
      columns: fk.columns.map(pg),
      references: { schema: opt(fk.references.schema), table: pg(fk.references.table), columns: fk.references.columns.map(pg) },
    })),
  };
  if (long.length) out.longNames = long;
  return out;
}

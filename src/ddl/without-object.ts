// A model minus the parts that use an object the database lacks (a missing-object): the rest of the
// model can still be created and compared. Pure. The migrated database cannot hold anything that uses
// the missing object either, so what is left out here is only the model's side of that one cause.
import type { ColumnSpec, LoadedModel, Model } from '../model-api/types.ts';
import { moveSite } from '../model-api/site.ts';
import type { MissingObject } from './missing-object.ts';

/** Findings about these columns (of these codes, when given) are consequences of the missing object. */
export interface Consequence {
  columns: string[];
  /** undefined = any finding that names one of the columns. */
  codes?: string[];
}

/** What withoutObject left out of a model. */
export interface Stripped {
  model: LoadedModel;
  /** The columns whose declaration uses the object (the finding names them). */
  columns: string[];
  consequences: Consequence[];
}

/** Use to tell whether an SQL text or a name mentions `object` (by its unqualified name, quoted or not). */
export function mentions(text: string | undefined, object: MissingObject): boolean {
  if (!text) return false;
  const base = object.name.replace(/\[\]$/, '').replace(/\(.*$/s, '').split('.').pop()!.replace(/^"|"$/g, '');
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w$])"?${escaped}"?($|[^\\w$])`, 'i').test(text);
}

/** The parts of a column's declaration that name a type (type, schema, collation kinds). */
const typeText = (c: ColumnSpec): string => [c.sqlType, c.enumName, c.collation].filter(Boolean).join(' ');
const exprText = (c: ColumnSpec): string => [c.default?.kind === 'raw' ? c.default.sql : undefined, c.generated?.sql].filter(Boolean).join(' ');
const TYPE_KINDS = new Set<MissingObject['kind']>(['type', 'schema', 'collation']);

/**
 * Use on a model whose DDL failed for lack of `object`: the model without the columns typed with it,
 * the defaults and generated expressions that call it, the indexes and checks that use it; undefined
 * when no part of the model names it (the whole model is then left out).
 */
export function withoutObject(lm: LoadedModel, object: MissingObject): Stripped | undefined {
  const { model } = lm;
  const dropped = new Set<string>();
  const columns: Record<string, ColumnSpec> = {};
  const consequences: Consequence[] = [];
  const named: string[] = [];
  for (const [name, c] of Object.entries(model.columns)) {
    if (TYPE_KINDS.has(object.kind) && mentions(typeText(c), object)) {
      dropped.add(name);
      named.push(name);
      continue;
    }
    if (mentions(exprText(c), object)) {
      const { default: _d, generated: _g, ...rest } = c;
      columns[name] = rest;
      named.push(name);
      consequences.push({ columns: [name], codes: ['default-mismatch', 'generated-mismatch'] });
      continue;
    }
    columns[name] = c;
  }
  if (dropped.size) consequences.push({ columns: [...dropped] });
  const usesDropped = (cols: string[]) => cols.some((c) => dropped.has(c));
  const indexes = model.indexes.filter((ix) => {
    const text = [ix.where, ix.using, ...(ix.keys ?? []).flatMap((k) => [k.expression, k.opclass, k.collate])].filter(Boolean).join(' ');
    const keyColumns = (ix.keys ?? ix.columns.map((column) => ({ column }))).flatMap((k) => (k.column !== undefined ? [k.column] : []));
    if (usesDropped([...keyColumns, ...(ix.include ?? [])])) return false;
    if (!mentions(text, object)) return true;
    named.push(...keyColumns.filter((c) => !named.includes(c)));
    consequences.push({ columns: ix.columns, codes: ['missing-index', 'unmodeled-index', 'unmodeled-unique', 'missing-unique'] });
    return false;
  });
  const checks = model.checks.filter((ck) => !mentions(ck.expression, object));
  if (named.length === 0 && checks.length === model.checks.length) return undefined;
  const uniques = model.uniques.filter((u) => !usesDropped(u.columns));
  const foreignKeys = model.foreignKeys.filter((fk) => !usesDropped(fk.columns));
  const kept: Model = { ...model, columns, indexes, uniques, checks, foreignKeys };
  moveSite(model, kept);
  return { model: { ...lm, model: Object.freeze(kept) }, columns: named, consequences };
}

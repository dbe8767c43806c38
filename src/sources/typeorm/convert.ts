// TypeORM's entity metadata (one EntityMetadata per table: entities, ManyToMany junction tables,
// closure tables) as models of our IR, each with its site (the entity file, the line of @Entity) and
// what the hints need in TypeORM's terms: the class, and the property behind each database column.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { defineModel } from '../../model-api/define.ts';
import { setSite } from '../../model-api/site.ts';
import type { ColumnSpec, ForeignKeySpec, IndexSpec, LoadedModel, Model } from '../../model-api/types.ts';
import { readClass, type ClassText } from './class-text.ts';
import { columnSpec, referentialAction } from './columns.ts';
import type { TypeormDriver, TypeormEntityMetadata, TypeormForeignKey } from './typeorm-types.ts';
import type { ClassFiles } from './load.ts';

/** A model column's origin in the entity: its property (a relation's, for a join column) and line. */
export interface PropertyOrigin {
  property: string;
  line?: number;
  /** True for a relation's join column (@ManyToOne / @JoinColumn). */
  relation: boolean;
}

/** What a model read from TypeORM keeps for its hints and lines. */
export interface EntityOrigin {
  className: string;
  /** True for a ManyToMany junction table (declared by @JoinTable on `owner`). */
  junction?: { owner: string; property: string };
  columns: Map<string, PropertyOrigin>;
}

const origins = new WeakMap<Model, EntityOrigin>();

/** Use in hint(): where a model read from TypeORM comes from; undefined for any other model. */
export const entityOrigin = (model: Model): EntityOrigin | undefined => origins.get(model);

/** The tables TypeORM creates (views and single-table-inheritance children have none of their own). */
const hasTable = (m: TypeormEntityMetadata) => m.tableType !== 'view' && m.tableType !== 'entity-child';

const DEFERRAL: Record<string, 'deferred' | 'immediate'> = { 'INITIALLY DEFERRED': 'deferred', 'INITIALLY IMMEDIATE': 'immediate' };

const targetName = (target: unknown): string => (typeof target === 'function' ? target.name : String(target));

/** Use to convert every table of a data source. `file` is the data source module (absolute), the fallback site. */
export function toModels(metadatas: readonly TypeormEntityMetadata[], driver: TypeormDriver, root: string, file: string, classFiles: ClassFiles): LoadedModel[] {
  const texts = new Map<string, string>();
  const classText = (target: unknown): { file: string; text: ClassText | undefined } => {
    const at = (typeof target === 'function' ? classFiles.get(target) : undefined) ?? file;
    if (!texts.has(at)) texts.set(at, safeRead(at));
    return { file: at, text: readClass(texts.get(at)!, targetName(target)) };
  };
  const defaultSchema = driver.options.schema ?? 'public';
  const out: LoadedModel[] = [];
  for (const m of metadatas.filter(hasTable)) {
    const owner = m.tableType === 'junction' ? junctionOwner(metadatas, m) : undefined;
    const site = owner ? classText(owner.entity.target) : classText(m.target);
    const ownerProp = owner && site.text?.properties.get(owner.property);
    const origin: EntityOrigin = { className: owner ? targetName(owner.entity.target) : targetName(m.target), columns: new Map() };
    if (owner) origin.junction = { owner: origin.className, property: owner.property };
    const model = modelOf(m, driver, defaultSchema, origin, site.text);
    const line = ownerProp?.line ?? site.text?.line ?? 1;
    const placed = Object.freeze(withSite(model, site.file, line));
    origins.set(placed, origin);
    out.push({ name: owner ? m.tableName : m.name, file: relative(root, site.file).split('\\').join('/'), exportName: targetName(m.target), model: placed, source: 'typeorm' });
  }
  return out;
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** A copy of a (frozen) model that carries the given site. */
function withSite(model: Model, file: string, line: number): Model {
  const copy = { ...model } as Model;
  setSite(copy, file, line);
  return copy;
}

/** The entity and property whose @ManyToMany + @JoinTable declares junction table `j`. */
function junctionOwner(all: readonly TypeormEntityMetadata[], j: TypeormEntityMetadata): { entity: TypeormEntityMetadata; property: string } | undefined {
  for (const entity of all) {
    const rel = entity.relations.find((r) => r.isManyToMany && r.junctionEntityMetadata === j);
    if (rel) return { entity, property: rel.propertyName };
  }
  return undefined;
}

/** One table's model (defineModel's checks and names applied), and its columns' origins recorded. */
function modelOf(m: TypeormEntityMetadata, driver: TypeormDriver, defaultSchema: string, origin: EntityOrigin, text: ClassText | undefined): Model {
  const schema = m.schema ?? defaultSchema;
  const columns: Record<string, { spec: ColumnSpec }> = {};
  for (const col of m.columns) {
    if (col.isVirtualProperty) continue;
    columns[col.databaseName] = { spec: columnSpec(col, driver, m.tableName) };
    const property = col.relationMetadata?.propertyName ?? col.propertyName;
    origin.columns.set(col.databaseName, { property, line: text?.properties.get(property)?.line, relation: !!col.relationMetadata });
  }
  const foreignKeys: ForeignKeySpec[] = [];
  for (const fk of m.foreignKeys) {
    const single = fk.columns.length === 1 ? columns[fk.columns[0]!.databaseName] : undefined;
    if (single) Object.assign(single.spec, referenceOf(fk, defaultSchema));
    else foreignKeys.push(compositeKey(fk, defaultSchema));
  }
  const indexes: IndexSpec[] = m.indices.map((i) => ({
    columns: i.columns.map((c) => c.databaseName),
    ...(i.isUnique ? { unique: true } : {}),
    ...(i.where ? { where: i.where } : {}),
    ...(i.isSpatial ? { using: 'gist' } : {}),
    ...(i.isNullsNotDistinct ? { nullsNotDistinct: true } : {}),
    ...(i.givenName ? { name: i.givenName } : {}),
  }));
  return defineModel({
    name: m.name,
    schema,
    table: m.tableName,
    columns: columns as never,
    indexes: indexes as never,
    uniques: m.uniques.map((u) => ({ columns: u.columns.map((c) => c.databaseName), ...(u.givenName ? { name: u.givenName } : {}) })),
    checks: m.checks.map((c) => ({ expression: c.expression, ...(c.givenName ? { name: c.givenName } : {}) })),
    foreignKeys,
    comment: m.comment || undefined,
  });
}

function referenceOf(fk: TypeormForeignKey, defaultSchema: string): Partial<ColumnSpec> {
  const ref = fk.referencedEntityMetadata;
  const out: Partial<ColumnSpec> = { references: { schema: ref.schema ?? defaultSchema, table: ref.tableName, column: fk.referencedColumns[0]!.databaseName } };
  const onDelete = referentialAction(fk.onDelete);
  const onUpdate = referentialAction(fk.onUpdate);
  if (onDelete) out.onDelete = onDelete;
  if (onUpdate) out.onUpdate = onUpdate;
  if (fk.deferrable && DEFERRAL[fk.deferrable]) out.deferrable = DEFERRAL[fk.deferrable];
  return out;
}

function compositeKey(fk: TypeormForeignKey, defaultSchema: string): ForeignKeySpec {
  const ref = fk.referencedEntityMetadata;
  const out: ForeignKeySpec = {
    columns: fk.columns.map((c) => c.databaseName),
    references: { schema: ref.schema ?? defaultSchema, table: ref.tableName, columns: fk.referencedColumns.map((c) => c.databaseName) },
  };
  const onDelete = referentialAction(fk.onDelete);
  const onUpdate = referentialAction(fk.onUpdate);
  if (onDelete) out.onDelete = onDelete;
  if (onUpdate) out.onUpdate = onUpdate;
  if (fk.deferrable && DEFERRAL[fk.deferrable]) out.deferrable = DEFERRAL[fk.deferrable];
  return out;
}

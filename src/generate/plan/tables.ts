// Whole tables: create the models' new tables (in foreign-key order; a reference into a cycle is added
// once every table exists), and drop tables no model declares (destructive; down re-creates them as
// the migrated database has them).
import type { ColumnSpec, Model } from '../../model-api/types.ts';
import { qualified, type ForeignKey, type Table } from '../../schema/types.ts';
import { setKey } from '../../diff/match.ts';
import { kjs, knexCheckCall, knexColumnCall, knexForeignCall } from '../../diff/snippets.ts';
import { compileModelTable } from '../../ddl/compile.ts';
import { knexDefaultName, quoteIdent, quoteQualified } from '../../ddl/names.ts';
import { addUniqueSql, createIndexSql, indexSpecFromCatalog } from '../../ddl/raw-sql.ts';
import type { Change, Code } from '../../migration-code/code.ts';
import { catalogColumnCall, columnDefinition, compiledSpec, offlineKnex } from '../../migration-code/column-definitions.ts';
import { catalogComments, tableCommentCall } from '../../migration-code/comments.ts';
import { addForeignKeySql } from '../../migration-code/foreign-keys.ts';
import { addUnique, createIndex, dropIndex } from '../../migration-code/indexes.ts';
import { SAFE_IDENT, builder, builderSafe, jsList, modelNames, raw, tableNames, whereOf } from './code.ts';
import { addCatalogCheckSql } from './checks.ts';
import { addForeignKey, dropForeignKey } from './foreign-keys.ts';
import { newKeyName } from './indexes.ts';
import type { Planner } from './planner.ts';
import type { PlanModel } from './types.ts';

/** A model whose table the migrated database lacks. */
export interface NewTable {
  ref: PlanModel;
  table: Table;
}

/** True when a foreign key's target ('schema.table') exists by the time the table is created. */
type ReferenceNow = (qualifiedTarget: string) => boolean;

/** Use once per plan: new tables in foreign-key order; a reference into a cycle is added after every table exists. */
export function planNewTables(p: Planner, created: readonly NewTable[]): void {
  const keys = new Set(created.map((c) => qualified(c.table.schema, c.table.name)));
  const createdSoFar = new Set<string>();
  for (const c of creationOrder(created, keys)) {
    createdSoFar.add(qualified(c.table.schema, c.table.name));
    createTable(p, c.ref, c.table, (target) => !keys.has(target) || createdSoFar.has(target));
  }
}

function creationOrder(created: readonly NewTable[], keys: ReadonlySet<string>): NewTable[] {
  const deps = new Map<NewTable, Set<string>>();
  for (const c of created) {
    const own = qualified(c.table.schema, c.table.name);
    deps.set(c, new Set(c.table.foreignKeys.map((fk) => qualified(fk.refSchema, fk.refTable)).filter((t) => keys.has(t) && t !== own)));
  }
  const done = new Set<string>();
  const order: NewTable[] = [];
  let pending = [...created];
  while (pending.length) {
    const ready = pending.filter((c) => [...deps.get(c)!].every((d) => done.has(d)));
    // a cycle: take the first table; its references into tables not yet created are added later
    const next = ready.length ? ready : [pending[0]!];
    for (const c of next) {
      order.push(c);
      done.add(qualified(c.table.schema, c.table.name));
    }
    pending = pending.filter((c) => !next.includes(c));
  }
  return order;
}

/** The lines of a createTable callback, the statements to run after it, and the foreign keys to add later. */
interface TableBody {
  lines: string[];
  after: Code[];
  later: ForeignKey[];
}

function createTable(p: Planner, ref: PlanModel, d: Table, referenceNow: ReferenceNow): void {
  const model = ref.model;
  if (!modelNames(model).every(builderSafe)) return createTableRaw(p, ref, d, referenceNow);
  const body: TableBody = { lines: [], after: [], later: [] };
  columnLines(model, d, referenceNow, body);
  foreignKeyLines(model, d, referenceNow, body);
  constraintLines(p, model, body);
  const key = qualified(model.schema, model.table);
  const n = Object.keys(model.columns).length;
  p.op({
    kind: 'create-table',
    phase: 'createTable',
    target: key,
    description: `create table ${key} (${n} column${n === 1 ? '' : 's'})`,
    up: [{ statement: `${builder(model.schema)}.createTable(${kjs(model.table)}, (table) => {\n${body.lines.map((l) => `    ${l};`).join('\n')}\n  })` }, ...body.after],
    down: [{ statement: `${builder(model.schema)}.dropTable(${kjs(model.table)})` }],
  });
  for (const fk of body.later) addForeignKey(p, ref, d, fk);
}

/** Each column (its reference left for later when the target does not exist yet), then a composite primary key. */
function columnLines(model: Model, d: Table, referenceNow: ReferenceNow, body: TableBody): void {
  const pk = Object.entries(model.columns).filter(([, c]) => c.primary);
  const composite = pk.length > 1;
  for (const [name, spec0] of Object.entries(model.columns)) {
    let spec: ColumnSpec = compiledSpec(spec0);
    if (spec.references && !referenceNow(qualified(spec.references.schema ?? model.schema, spec.references.table))) {
      const fk = d.foreignKeys.find((f) => f.columns.length === 1 && f.columns[0] === name);
      if (fk) body.later.push(fk);
      spec = { ...spec, references: undefined, onDelete: undefined, onUpdate: undefined };
    }
    body.lines.push(knexColumnCall(name, spec, { schema: model.schema, enumExists: true, primary: composite ? false : undefined }));
  }
  if (composite) body.lines.push(`table.primary(${jsList(pk.map(([n]) => n))})`);
}

function foreignKeyLines(model: Model, d: Table, referenceNow: ReferenceNow, body: TableBody): void {
  const schema = model.schema;
  for (const fk of model.foreignKeys) {
    const refSchema = fk.references.schema ?? schema;
    if (referenceNow(qualified(refSchema, fk.references.table))) {
      const shape = { columns: fk.columns, refSchema, refTable: fk.references.table, refColumns: fk.references.columns, onDelete: fk.onDelete ?? 'NO ACTION', onUpdate: fk.onUpdate ?? 'NO ACTION', deferrable: fk.deferrable ?? null } as const;
      body.lines.push(knexForeignCall(shape, fk.name));
    } else {
      const dbFk = d.foreignKeys.find((f) => setKey(f.columns) === setKey(fk.columns));
      if (dbFk) body.later.push({ ...dbFk, name: fk.name ?? '' });
    }
  }
}

/** A Change's up code in a createTable: its lines inside the callback, its statements after it. */
function addUp(body: TableBody, change: Change): void {
  for (const c of change.up) {
    if ('line' in c) body.lines.push(c.line);
    else body.after.push(c);
  }
}

/** Uniques, indexes (raw SQL after the table where the builder cannot say them), checks and the table comment. */
function constraintLines(p: Planner, model: Model, body: TableBody): void {
  const where = { schema: model.schema, table: model.table };
  const tbl = quoteQualified(model.schema, model.table);
  for (const u of model.uniques) {
    const { name, rawName } = u.name ? { name: u.name, rawName: u.name } : newKeyName(p, model.schema, model.table, u.columns, 'unique', null);
    addUp(body, addUnique(where, { columns: u.columns, nullsNotDistinct: u.nullsNotDistinct ?? false }, name, rawName));
  }
  for (const i of model.indexes) {
    const { name, rawName } = i.name ? { name: i.name, rawName: i.name } : newKeyName(p, model.schema, model.table, i.columns, i.unique ? 'unique' : 'index', null);
    addUp(body, createIndex(where, i, name, rawName));
  }
  for (const c of model.checks) {
    if (c.name !== undefined && !SAFE_IDENT.test(c.name)) body.after.push(raw(`ALTER TABLE ${tbl} ADD CONSTRAINT ${quoteIdent(c.name)} CHECK (${c.expression})`));
    else if (c.expression.includes('?')) body.after.push(raw(`ALTER TABLE ${tbl} ADD ${c.name ? `CONSTRAINT ${quoteIdent(c.name)} ` : ''}CHECK (${c.expression})`));
    else body.lines.push(knexCheckCall(c.expression, c.name));
  }
  if (model.comment !== undefined) body.lines.push(tableCommentCall(model.comment));
}

/** createTable for a model whose names the builder cannot write: the DDL compiler's statements, run raw. */
function createTableRaw(p: Planner, ref: PlanModel, d: Table, referenceNow: ReferenceNow): void {
  const model = ref.model;
  const up = compileModelTable(offlineKnex(), model, p.names).map(raw);
  const later: ForeignKey[] = [];
  for (const fk of d.foreignKeys) {
    if (!referenceNow(qualified(fk.refSchema, fk.refTable))) later.push(fk);
    else up.push(raw(addForeignKeySql(whereOf(d), fk, p.names.allocate(`con:${d.schema}.${d.name}`, fk.name || knexDefaultName(d.name, fk.columns, 'foreign')))));
  }
  const key = qualified(model.schema, model.table);
  const n = Object.keys(model.columns).length;
  p.op({
    kind: 'create-table',
    phase: 'createTable',
    target: key,
    description: `create table ${key} (${n} column${n === 1 ? '' : 's'})`,
    up,
    down: [raw(`DROP TABLE ${quoteQualified(model.schema, model.table)}`)],
  });
  for (const fk of later) addForeignKey(p, ref, d, fk);
}

/** A table re-created as the migrated database has it, in raw SQL (for a table whose names the builder cannot write). */
function rawCatalogCreateTable(t: Table): Code[] {
  const tbl = quoteQualified(t.schema, t.name);
  const defs = t.columns.map((c) => columnDefinition(c));
  if (t.primaryKey) defs.push(`CONSTRAINT ${quoteIdent(t.primaryKey.name)} PRIMARY KEY (${t.primaryKey.columns.map(quoteIdent).join(', ')})`);
  const out: Code[] = [raw(`CREATE TABLE ${tbl} (${defs.join(', ')})`)];
  for (const u of t.uniques) out.push(raw(addUniqueSql(t.schema, t.name, u.name, u.columns, u.nullsNotDistinct)));
  for (const i of t.indexes) out.push(raw(createIndexSql(t.schema, t.name, i.name, indexSpecFromCatalog({ ...i, name: '' }))));
  for (const c of t.checks) out.push(raw(addCatalogCheckSql(t, c)));
  out.push(...catalogComments(t));
  return out;
}

/** A table re-created as the migrated database has it (the down of dropping it). */
function catalogCreateTable(t: Table): Code[] {
  const body: TableBody = { lines: t.columns.map((c) => catalogColumnCall(c)), after: [], later: [] };
  if (t.primaryKey) body.lines.push(`table.primary(${jsList(t.primaryKey.columns)}, { constraintName: ${kjs(t.primaryKey.name)} })`);
  for (const u of t.uniques) addUp(body, addUnique(whereOf(t), u, u.name));
  for (const i of t.indexes) addUp(body, { up: dropIndex(whereOf(t), i).down, down: [] });
  for (const c of t.checks) body.after.push(raw(addCatalogCheckSql(t, c)));
  if (t.comment !== null) body.lines.push(tableCommentCall(t.comment));
  const lines = body.lines.map((l) => `    ${l};`).join('\n');
  return [{ statement: `${builder(t.schema)}.createTable(${kjs(t.name)}, (table) => {\n${lines}\n  })` }, ...body.after];
}

/** Use for a table no model declares: drop it (destructive), its foreign keys first. */
export function planDropTable(p: Planner, t: Table): void {
  const key = qualified(t.schema, t.name);
  for (const fk of t.foreignKeys) dropForeignKey(p, t, fk, `table ${key} is not modeled`, true);
  // foreign keys of other tables pointing at it go with it (their tables are dropped too, or they are dropped above)
  p.op({
    kind: 'drop-table',
    phase: 'dropTable',
    target: key,
    description: `drop table ${key} (no model declares it)`,
    destructive: true,
    risk: 'drops the table and its rows',
    ...(tableNames(t).every(builderSafe)
      ? { up: [{ statement: `${builder(t.schema)}.dropTable(${kjs(t.name)})` }], down: catalogCreateTable(t) }
      : { up: [raw(`DROP TABLE ${quoteQualified(t.schema, t.name)}`)], down: rawCatalogCreateTable(t) }),
  });
}

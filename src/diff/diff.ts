// The consistency check's core (contract section 4): compare the schema the migrations built ("migrated")
// with the schema the models compile to ("declared"), both read by the same catalog reader, and return
// findings. Pure: no database, no file system.
//
// Matching is structural, never by generated names: tables and columns by name, primary keys by column
// list, foreign keys by their column set, uniques by column set, indexes by (columns, order, DESC,
// uniqueness, method, predicate), checks by normalised expression. One cause, one finding:
//  - a missing table is one missing-table and nothing else about that table;
//  - a model object over a missing column (FK, index, unique, check, primary key) is left to missing-column
//    (its hint carries .references()/.unique()/.index()/.primary()); a database object over an unmodeled
//    column is left to unmodeled-column;
//  - a missing enum type is one enum-mismatch; the type-mismatch of the columns using it is not repeated;
//  - a foreign key on the same columns with another target or action is one foreign-key-mismatch, and an
//    index on the same column set that differs (order, DESC, unique, method, predicate) is one
//    missing-index naming the database's index, not a missing-index plus an unmodeled-index;
//  - several columns using one mismatched enum type give one enum-mismatch, on the first using column
//    (by schema, table, column), listing the others in its message.
import { checkExpression, indexSchemas, colList, fkShape, fkTarget, identifiers, indexKey, isPlainUniqueIndex, sameList, setKey } from './match.ts';
import type { ColumnSpec, Model } from '../model-api/types.ts';
import {
  qualified,
  type CheckConstraint,
  type Column,
  type EnumType,
  type ForeignKey,
  type Index,
  type Schema,
  type Table,
  type UniqueConstraint,
} from '../schema/types.ts';
import * as text from '../messages/findings.ts';
import { applyRules, makeFinding, sortFindings, type Finding, type FindingCode, type Rules } from './findings.ts';
import { knexTableGlobs, tableMatcher } from './ignore.ts';
import { displayDefault, displayType, effectiveDefault, normaliseExpression, normaliseType } from './normalise.ts';
import {
  knexAlterColumn,
  knexCheckCall,
  knexColumnCall,
  knexCreateTable,
  knexForeignCall,
  knexIndexCall,
  knexUniqueCall,
  modelColumnCall,
  modelForeignKeyEntry,
  modelIndexEntry,
  splitQualified,
} from './snippets.ts';

/** A loaded model whose table is compared (a LoadedModel fits). */
export interface DiffModel {
  /** Model name for messages. */
  name: string;
  /** Model file, relative to the project root: the finding's `file`. */
  file: string;
  model: Model;
}

/** Everything the diff needs besides the two schemas. */
export interface DiffContext {
  /** The models that compiled to DDL; only their tables are compared (others are reported elsewhere). */
  models: readonly DiffModel[];
  /** config ignore.tables: 'legacy_*' (table name, any schema) or 'audit.*' (schema.table). */
  ignoreTables?: readonly string[];
  /** config rules: code -> 'error' | 'warn' | 'off'. */
  rules?: Rules;
  /**
   * Models that were loaded but not compared (invalid, or their DDL failed; reported elsewhere): their
   * tables are not unmodeled.
   */
  claimed?: readonly { model: Pick<Model, 'schema' | 'table'> }[];
  /**
   * Knex's migration tables as configured (knexfile migrations.tableName and its _lock, qualified with
   * migrations.schemaName when set; same glob rules as ignoreTables). knex_migrations and
   * knex_migrations_lock are ignored in every schema in any case. knexTableGlobs() builds this list.
   */
  migrationTables?: readonly string[];
}

/** Compare the migrated schema with the declared one: sorted findings, config rules applied. */
export function diff(migrated: Schema, declared: Schema, ctx: DiffContext): Finding[] {
  return sortFindings(applyRules(new Differ(migrated, declared, ctx).run(), ctx.rules));
}

// ---------------------------------------------------------------------------------------------------

interface EnumUse {
  ref: DiffModel;
  schema: string;
  table: string;
  column: string;
  /** The column exists in the migrated database (its table too). */
  present: boolean;
  /** Its type there, if present. */
  actualType: string | null;
}

type On = { model: string; schema: string; table: string };



const touches = (cols: readonly string[], set: ReadonlySet<string>): boolean =>
  cols.some((c) => set.has(c) || [...identifiers(c)].some((id) => set.has(id)));





function describeIndex(i: Pick<Index, 'columns' | 'descending' | 'unique' | 'method' | 'predicate'>): string {
  const keys = i.columns.map((c, k) => `${c}${i.descending[k] ? ' DESC' : ''}`).join(', ');
  return `${i.unique ? 'unique ' : ''}${i.method || 'btree'} index (${keys})${i.predicate ? ` WHERE ${i.predicate}` : ''}`;
}

function indexDifferences(model: Index, db: Index): string[] {
  const out: string[] = [];
  const mCols = model.columns.map((c) => normaliseExpression(c));
  const dCols = db.columns.map((c) => normaliseExpression(c));
  if (!sameList(mCols, dCols)) out.push(`column order ${colList(db.columns)} instead of ${colList(model.columns)}`);
  const desc = (i: Index): string => i.columns.map((_, k) => (i.descending[k] ? 'DESC' : 'ASC')).join(',');
  if (sameList(mCols, dCols) && desc(model) !== desc(db)) out.push('ASC/DESC differs');
  if (model.unique !== db.unique) out.push(db.unique ? 'it is unique, the model\'s is not' : 'it is not unique, the model\'s is');
  if ((model.method || 'btree') !== (db.method || 'btree')) out.push(`it uses ${db.method}, the model ${model.method}`);
  const mp = model.predicate === null ? null : normaliseExpression(model.predicate);
  const dp = db.predicate === null ? null : normaliseExpression(db.predicate);
  if (mp !== dp) {
    out.push(dp === null ? 'it has no WHERE, the model\'s has' : mp === null ? 'it is partial, the model\'s is not' : `its WHERE is ${db.predicate}`);
  }
  return out;
}

/** A stand-in ColumnSpec when the model has none for a declared column (should not happen). */
function specFromColumn(col: Column): ColumnSpec {
  return {
    kind: 'specificType',
    sqlType: displayType(col.type),
    nullable: !col.notNull,
    primary: false,
    unique: false,
    index: false,
  };
}

class Differ {
  private readonly findings: Finding[] = [];
  private readonly mTables: Map<string, Table>;
  private readonly dTables: Map<string, Table>;
  private readonly mEnums: Map<string, EnumType>;
  private readonly dEnums: Map<string, EnumType>;
  private readonly enumUses = new Map<string, EnumUse[]>();
  private readonly ignored: (schema: string, table: string) => boolean;

  constructor(
    private readonly migrated: Schema,
    private readonly declared: Schema,
    private readonly ctx: DiffContext,
  ) {
    ({ mTables: this.mTables, dTables: this.dTables, mEnums: this.mEnums, dEnums: this.dEnums, ignored: this.ignored } = indexSchemas(migrated, declared, ctx));
  }

  run(): Finding[] {
    const modelled = new Set<string>();
    const refs = [...this.ctx.models].sort(
      (a, b) => qualified(a.model.schema, a.model.table).localeCompare(qualified(b.model.schema, b.model.table)) || a.name.localeCompare(b.name),
    );
    for (const ref of refs) {
      const { schema, table } = ref.model;
      const key = qualified(schema, table);
      // a second model of one table is duplicate-model's business (reported by the loader)
      if (modelled.has(key)) continue;
      modelled.add(key);
      if (this.ignored(schema, table)) continue;
      const m = this.mTables.get(key);
      const d = this.dTables.get(key);
      if (!m) {
        this.missingTable(ref);
        if (d) this.collectEnumUses(ref, d, null);
        continue;
      }
      // the model failed to compile: reported by the compile stage, nothing to compare
      if (!d) continue;
      this.compareTable(ref, m, d);
    }
    for (const c of this.ctx.claimed ?? []) modelled.add(qualified(c.model.schema, c.model.table));
    for (const t of this.migrated.tables) {
      if (modelled.has(qualified(t.schema, t.name)) || this.ignored(t.schema, t.name)) continue;
      const a = { schema: t.schema, table: t.name };
      this.findings.push(makeFinding('unmodeled-table', { ...a, ...text.unmodeledTable(a) }));
    }
    this.compareEnums();
    return this.findings;
  }

  private push(code: FindingCode, ref: DiffModel, init: Omit<Parameters<typeof makeFinding>[1], 'model' | 'file'>): void {
    this.findings.push(makeFinding(code, { ...init, model: ref.name, file: ref.file }));
  }

  private enumExists = (qualifiedName: string): boolean => this.mEnums.has(qualifiedName);

  // ------------------------------------------------------------------------------------------------ tables

  private missingTable(ref: DiffModel): void {
    const { schema, table } = ref.model;
    const on = { model: ref.name, schema, table };
    this.push('missing-table', ref, {
      schema,
      table,
      expected: `${schema}.${table}`,
      ...text.missingTable({ ...on, createTable: knexCreateTable(ref.model, this.enumExists) }),
    });
  }

  private collectEnumUses(ref: DiffModel, d: Table, m: Table | null): void {
    for (const dc of d.columns) {
      if (!dc.enumType) continue;
      const key = qualified(dc.enumType.schema, dc.enumType.name);
      const mc = m?.columns.find((c) => c.name === dc.name) ?? null;
      const uses = this.enumUses.get(key) ?? [];
      uses.push({ ref, schema: d.schema, table: d.name, column: dc.name, present: mc !== null, actualType: mc?.type ?? null });
      this.enumUses.set(key, uses);
    }
  }

  private compareTable(ref: DiffModel, m: Table, d: Table): void {
    const model = ref.model;
    const on = { model: ref.name, schema: d.schema, table: d.name };
    const where = { schema: d.schema, table: d.name };
    const mCols = new Map(m.columns.map((c) => [c.name, c]));
    const dCols = new Map(d.columns.map((c) => [c.name, c]));
    const missing = new Set(d.columns.filter((c) => !mCols.has(c.name)).map((c) => c.name));
    const unmodeled = new Set(m.columns.filter((c) => !dCols.has(c.name)).map((c) => c.name));
    const compositePk = (d.primaryKey?.columns.length ?? 0) > 1;
    this.collectEnumUses(ref, d, m);

    // ---- columns
    for (const dc of d.columns) {
      const spec = model.columns[dc.name] ?? specFromColumn(dc);
      const mc = mCols.get(dc.name);
      if (!mc) {
        const enumExists = spec.kind === 'enum' ? this.enumExists(this.enumKeyOf(spec, model.schema, dc)) : false;
        const addColumn = knexColumnCall(dc.name, spec, { schema: model.schema, enumExists, primary: compositePk ? false : undefined });
        this.push('missing-column', ref, {
          ...where,
          columns: [dc.name],
          expected: displayType(dc.type),
          ...text.missingColumn({ ...on, column: dc.name, addColumn, required: dc.notNull && effectiveDefault(dc) === null }),
        });
        continue;
      }
      this.compareColumn(ref, on, dc, mc, spec, m);
    }
    for (const mc of m.columns) {
      if (dCols.has(mc.name)) continue;
      const required = mc.notNull && mc.default === null && mc.identity === '' && mc.generated === null;
      const single = (cols: readonly string[]): boolean => cols.length === 1 && cols[0] === mc.name;
      const fk = m.foreignKeys.find((f) => single(f.columns));
      const modelColumn = modelColumnCall(mc, {
        schema: m.schema,
        enums: this.migrated.enums,
        primary: m.primaryKey !== null && single(m.primaryKey.columns),
        unique: m.uniques.some((u) => single(u.columns)) || m.indexes.some((i) => isPlainUniqueIndex(i) && single(i.columns)),
        index: m.indexes.some((i) => !i.unique && i.predicate === null && (i.method || 'btree') === 'btree' && single(i.columns)),
        references: fk,
      });
      this.push('unmodeled-column', ref, {
        ...where,
        severity: required ? 'error' : 'warning',
        columns: [mc.name],
        actual: displayType(mc.type) + (mc.notNull ? ' NOT NULL' : ''),
        ...text.unmodeledColumn({ ...on, column: mc.name, required, modelColumn }),
      });
    }

    this.comparePrimaryKey(ref, on, m, d, missing, unmodeled);
    this.compareForeignKeys(ref, on, m, d, missing, unmodeled);
    this.compareUniquesAndIndexes(ref, on, m, d, missing, unmodeled);
    this.compareChecks(ref, on, m, d, missing);
  }

  private enumKeyOf(spec: ColumnSpec, modelSchema: string, dc: Column): string {
    if (dc.enumType) return qualified(dc.enumType.schema, dc.enumType.name);
    const e = splitQualified(spec.enumName ?? '', modelSchema);
    return qualified(e.schema, e.name);
  }

  private compareColumn(ref: DiffModel, on: On, dc: Column, mc: Column, spec: ColumnSpec, m: Table): void {
    const where = { schema: on.schema, table: on.table, columns: [dc.name] };
    const enumMissing = dc.enumType !== null && !this.mEnums.has(qualified(dc.enumType.schema, dc.enumType.name));
    if (normaliseType(dc.type) !== normaliseType(mc.type) && !enumMissing) {
      const expected = displayType(dc.type);
      const actual = displayType(mc.type);
      this.push('type-mismatch', ref, {
        ...where,
        object: dc.enumType ? qualified(dc.enumType.schema, dc.enumType.name) : null,
        expected,
        actual,
        ...text.typeMismatch({
          ...on,
          column: dc.name,
          expected,
          actual,
          alterColumn: knexAlterColumn(dc.name, spec, on, 'type'),
          modelColumn: modelColumnCall(mc, { schema: m.schema, enums: this.migrated.enums, primary: m.primaryKey?.columns.length === 1 && m.primaryKey.columns[0] === mc.name }),
        }),
      });
    }
    if (dc.notNull !== mc.notNull) {
      this.push('nullability-mismatch', ref, {
        ...where,
        expected: dc.notNull ? 'NOT NULL' : 'NULL',
        actual: mc.notNull ? 'NOT NULL' : 'NULL',
        ...text.nullabilityMismatch({ ...on, column: dc.name, modelNotNull: dc.notNull }),
      });
    }
    if (effectiveDefault(dc) !== effectiveDefault(mc)) {
      const expected = effectiveDefault(dc) === null ? null : displayDefault(dc);
      const actual = effectiveDefault(mc) === null ? null : displayDefault(mc);
      const modelCall = modelColumnCall(mc, { schema: m.schema, enums: this.migrated.enums });
      const dflt = /\.defaultTo\((?:[^()]|\([^()]*\))*\)/.exec(modelCall);
      this.push('default-mismatch', ref, {
        ...where,
        expected,
        actual,
        ...text.defaultMismatch({
          ...on,
          column: dc.name,
          expected,
          actual,
          alterColumn: knexAlterColumn(dc.name, spec, on, 'default'),
          modelDefault: actual === null ? null : (dflt?.[0] ?? `.defaultTo(sql\`${actual}\`)`),
        }),
      });
    }
  }

  // ------------------------------------------------------------------------------------------ primary key

  private comparePrimaryKey(ref: DiffModel, on: On, m: Table, d: Table, missing: Set<string>, unmodeled: Set<string>): void {
    const expected = d.primaryKey?.columns ?? null;
    const actual = m.primaryKey?.columns ?? null;
    if (expected === null && actual === null) return;
    if (expected !== null && actual !== null && sameList(expected, actual)) return;
    // adding the missing column with .primary() fixes it; declaring the unmodeled column with .primary() too
    if (actual === null && expected !== null && expected.some((c) => missing.has(c))) return;
    if (expected === null && actual !== null && actual.some((c) => unmodeled.has(c))) return;
    this.push('primary-key-mismatch', ref, {
      schema: on.schema,
      table: on.table,
      columns: [...(expected ?? actual ?? [])],
      object: m.primaryKey?.name ?? null,
      expected: expected ? colList(expected) : null,
      actual: actual ? colList(actual) : null,
      ...text.primaryKeyMismatch({ ...on, expected, actual, constraint: m.primaryKey?.name ?? null }),
    });
  }

  // ----------------------------------------------------------------------------------------- foreign keys

  private compareForeignKeys(ref: DiffModel, on: On, m: Table, d: Table, missing: Set<string>, unmodeled: Set<string>): void {
    const modelNames = new Set(ref.model.foreignKeys.map((f) => f.name).filter((n): n is string => !!n));
    const dFks = d.foreignKeys.filter((f) => !touches(f.columns, missing));
    const mFks = m.foreignKeys.filter((f) => !touches(f.columns, unmodeled));
    const used = new Set<ForeignKey>();
    const exact = (a: ForeignKey, b: ForeignKey): boolean => fkShape(a) === fkShape(b) && a.onDelete === b.onDelete && a.onUpdate === b.onUpdate;
    const pending: ForeignKey[] = [];
    for (const df of dFks) {
      const hit = mFks.find((mf) => !used.has(mf) && exact(df, mf));
      if (hit) used.add(hit);
      else pending.push(df);
    }
    for (const df of pending) {
      const where = { schema: on.schema, table: on.table, columns: [...df.columns] };
      const object = modelNames.has(df.name) ? df.name : null;
      const near = mFks.find((mf) => !used.has(mf) && setKey(mf.columns) === setKey(df.columns));
      const addForeign = knexForeignCall(df, object);
      if (!near) {
        this.push('missing-foreign-key', ref, {
          ...where,
          object,
          expected: fkTarget(df),
          ...text.missingForeignKey({ ...on, columns: df.columns, target: fkTarget(df), addForeign }),
        });
        continue;
      }
      used.add(near);
      const differences: string[] = [];
      if (fkShape(df) !== fkShape(near)) {
        differences.push(
          `it references ${near.refSchema}.${near.refTable}${colList(near.refColumns)} in the database but ${df.refSchema}.${df.refTable}${colList(df.refColumns)} in the model`,
        );
      }
      if (df.onDelete !== near.onDelete) differences.push(`ON DELETE is ${near.onDelete} in the database but ${df.onDelete} in the model`);
      if (df.onUpdate !== near.onUpdate) differences.push(`ON UPDATE is ${near.onUpdate} in the database but ${df.onUpdate} in the model`);
      this.push('foreign-key-mismatch', ref, {
        ...where,
        object: near.name,
        expected: fkTarget(df),
        actual: fkTarget(near),
        ...text.foreignKeyMismatch({
          ...on,
          columns: df.columns,
          constraint: near.name,
          differences,
          dropForeign: `table.dropForeign(${JSON.stringify(near.columns).replace(/"/g, "'")}, '${near.name}')`,
          addForeign,
        }),
      });
    }
    for (const mf of mFks) {
      if (used.has(mf)) continue;
      const modelSnippet: text.ModelSnippet =
        mf.columns.length === 1
          ? {
              column: mf.columns[0]!,
              modifier: `.references('${mf.refSchema}.${mf.refTable}.${mf.refColumns[0]}')${mf.onDelete !== 'NO ACTION' ? `.onDelete('${mf.onDelete}')` : ''}${mf.onUpdate !== 'NO ACTION' ? `.onUpdate('${mf.onUpdate}')` : ''}`,
            }
          : { key: 'foreignKeys', entry: modelForeignKeyEntry(mf) };
      this.push('unmodeled-foreign-key', ref, {
        schema: on.schema,
        table: on.table,
        columns: [...mf.columns],
        object: mf.name,
        actual: fkTarget(mf),
        ...text.unmodeledForeignKey({ ...on, columns: mf.columns, constraint: mf.name, target: fkTarget(mf), modelSnippet }),
      });
    }
  }

  // ------------------------------------------------------------------------------------ uniques, indexes

  private compareUniquesAndIndexes(ref: DiffModel, on: On, m: Table, d: Table, missing: Set<string>, unmodeled: Set<string>): void {
    const model = ref.model;
    const where = { schema: on.schema, table: on.table };
    const uniqueNames = new Set(model.uniques.map((u) => u.name).filter((n): n is string => !!n));
    const indexNames = new Set(model.indexes.map((i) => i.name).filter((n): n is string => !!n));
    const dU = d.uniques.filter((u) => !touches(u.columns, missing));
    const dI = d.indexes.filter((i) => !touches(i.columns, missing) && !(i.predicate && touches([i.predicate], missing)));
    const mU = m.uniques.filter((u) => !touches(u.columns, unmodeled));
    const mI = m.indexes.filter((i) => !touches(i.columns, unmodeled) && !(i.predicate && touches([i.predicate], unmodeled)));
    const usedU = new Set<UniqueConstraint>();
    const usedI = new Set<Index>();

    // model unique constraints: any database unique constraint or plain unique index on the same column set
    for (const u of dU) {
      const k = setKey(u.columns);
      const byConstraint = mU.filter((x) => setKey(x.columns) === k);
      const byIndex = mI.filter((x) => isPlainUniqueIndex(x) && setKey(x.columns) === k);
      byConstraint.forEach((x) => usedU.add(x));
      byIndex.forEach((x) => usedI.add(x));
      if (byConstraint.length || byIndex.length) continue;
      const object = uniqueNames.has(u.name) ? u.name : null;
      this.push('missing-unique', ref, {
        ...where,
        columns: [...u.columns],
        object,
        expected: `UNIQUE ${colList(u.columns)}`,
        ...text.missingUnique({ ...on, columns: u.columns, name: object, addUnique: knexUniqueCall(u.columns, object) }),
      });
    }

    // model indexes: the same structure; a plain unique index is also satisfied by a unique constraint
    const pending: Index[] = [];
    for (const i of dI) {
      const k = indexKey(i);
      const hit = mI.find((x) => !usedI.has(x) && indexKey(x) === k) ?? mI.find((x) => indexKey(x) === k);
      if (hit) {
        usedI.add(hit);
        continue;
      }
      if (isPlainUniqueIndex(i) && !i.descending.some(Boolean)) {
        const c = mU.find((x) => sameList(x.columns, i.columns));
        if (c) {
          usedU.add(c);
          continue;
        }
      }
      pending.push(i);
    }
    for (const i of pending) {
      const near = mI.find((x) => !usedI.has(x) && setKey(x.columns.map((c) => normaliseExpression(c))) === setKey(i.columns.map((c) => normaliseExpression(c))));
      if (near) usedI.add(near);
      const name = indexNames.has(i.name) ? i.name : null;
      const spec = model.indexes.find((s) => sameList(s.columns, i.columns) && (s.unique ?? false) === i.unique && (name === null || s.name === name));
      const predicate = spec?.where ?? i.predicate;
      this.push('missing-index', ref, {
        ...where,
        columns: [...i.columns],
        object: name,
        expected: describeIndex(i),
        actual: near ? describeIndex(near) : null,
        ...text.missingIndex({
          ...on,
          columns: i.columns,
          name,
          description: describeIndex(i),
          near: near ? { name: near.name, description: describeIndex(near), differences: indexDifferences(i, near) } : null,
          createIndex: knexIndexCall({ ...i, predicate }, { ...where, name }),
        }),
      });
    }

    // database uniques the model does not declare (neither as a unique nor as a unique index)
    const modelUniqueSets = new Set([...d.uniques.map((u) => setKey(u.columns)), ...d.indexes.filter(isPlainUniqueIndex).map((i) => setKey(i.columns))]);
    for (const u of mU) {
      if (usedU.has(u) || modelUniqueSets.has(setKey(u.columns))) continue;
      this.push('unmodeled-unique', ref, {
        ...where,
        columns: [...u.columns],
        object: u.name,
        actual: `UNIQUE ${colList(u.columns)}`,
        ...text.unmodeledUnique({
          ...on,
          columns: u.columns,
          name: u.name,
          kind: 'constraint',
          predicate: null,
          modelSnippet:
            u.columns.length === 1
              ? { column: u.columns[0]!, modifier: '.unique()' }
              : { key: 'uniques', entry: `{ columns: ${JSON.stringify(u.columns).replace(/"/g, "'")} }` },
        }),
      });
    }
    for (const i of mI) {
      if (usedI.has(i)) continue;
      if (i.unique) {
        if (isPlainUniqueIndex(i) && modelUniqueSets.has(setKey(i.columns))) continue;
        this.push('unmodeled-unique', ref, {
          ...where,
          columns: [...i.columns],
          object: i.name,
          actual: describeIndex(i),
          ...text.unmodeledUnique({
            ...on,
            columns: i.columns,
            name: i.name,
            kind: 'index',
            predicate: i.predicate,
            modelSnippet: { key: 'indexes', entry: modelIndexEntry(i) },
          }),
        });
        continue;
      }
      this.push('unmodeled-index', ref, {
        ...where,
        columns: [...i.columns],
        object: i.name,
        actual: describeIndex(i),
        ...text.unmodeledIndex({
          ...on,
          columns: i.columns,
          name: i.name,
          description: describeIndex(i),
          modelSnippet:
            i.columns.length === 1 && i.predicate === null && (i.method || 'btree') === 'btree' && !i.descending[0]
              ? { column: i.columns[0]!, modifier: '.index()' }
              : { key: 'indexes', entry: modelIndexEntry(i) },
        }),
      });
    }
  }

  // ----------------------------------------------------------------------------------------------- checks

  private compareChecks(ref: DiffModel, on: On, m: Table, d: Table, missing: Set<string>): void {
    const have = new Set(m.checks.map((c) => normaliseExpression(c.expression)));
    const modelNames = new Set(ref.model.checks.map((c) => c.name).filter((n): n is string => !!n));
    for (const c of d.checks) {
      if (touches([...identifiers(c.expression)], missing)) continue;
      const canon = normaliseExpression(c.expression);
      if (have.has(canon)) continue;
      const spec =
        ref.model.checks.find((s) => s.name !== undefined && s.name === c.name) ??
        ref.model.checks.find((s) => normaliseExpression(s.expression) === canon);
      const expression = spec?.expression ?? checkExpression(c);
      const name = modelNames.has(c.name) ? c.name : null;
      const same = name !== null ? m.checks.find((x) => x.name === name) : undefined;
      this.push('missing-check', ref, {
        schema: on.schema,
        table: on.table,
        columns: [],
        object: name,
        expected: expression,
        actual: same ? checkExpression(same) : null,
        ...text.missingCheck({ ...on, name, expression, sameName: same ? checkExpression(same) : null, addCheck: knexCheckCall(expression, name) }),
      });
    }
  }

  // ------------------------------------------------------------------------------------------------ enums

  private compareEnums(): void {
    for (const key of [...this.enumUses.keys()].sort()) {
      const uses = this.enumUses.get(key)!.sort((a, b) => a.schema.localeCompare(b.schema) || a.table.localeCompare(b.table) || a.column.localeCompare(b.column));
      const de = this.dEnums.get(key);
      const me = this.mEnums.get(key);
      const expected = de?.labels ?? [];
      if (me && sameList(me.labels, expected)) continue;
      // a missing type whose every user is itself missing: missing-table / missing-column's hint creates it
      if (!me && !uses.some((u) => u.present)) continue;
      const first = uses.find((u) => u.present) ?? uses[0]!;
      const others = uses.filter((u) => u !== first).map((u) => `${u.schema}.${u.table}.${u.column}`);
      const [eSchema, eName] = [key.slice(0, key.indexOf('.')), key.slice(key.indexOf('.') + 1)];
      const lookalikes = me ? [] : this.migrated.enums.filter((e) => e.name === eName && e.schema !== eSchema).map((e) => qualified(e.schema, e.name));
      this.push('enum-mismatch', first.ref, {
        schema: first.schema,
        table: first.table,
        columns: [first.column],
        object: key,
        expected: `(${expected.map((l) => `'${l}'`).join(', ')})`,
        actual: me ? `(${me.labels.map((l) => `'${l}'`).join(', ')})` : null,
        ...text.enumMismatch({
          model: first.ref.name,
          schema: first.schema,
          table: first.table,
          column: first.column,
          enumType: key,
          otherUses: others,
          expected,
          actual: me?.labels ?? null,
          lookalikes,
          columnActualType: !me && first.actualType ? displayType(first.actualType) : null,
        }),
      });
    }
  }
}


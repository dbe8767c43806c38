// The comparison of shape-only sources (issue 14: Knex table types, Objection classes) with the
// migrated schema: each table is compared on what its source states and nothing else, so a source
// that says nothing of indexes, keys, defaults or checks never produces a finding about them. Pure.
//   missing-table         a stated table the migrations do not create
//   missing-column        a stated column its table lacks
//   unmodeled-column      a column of the table the source does not state (only when it states them all)
//   nullability-mismatch  only when the source states nullability
//   type-mismatch         only across coarse families (string, number, Date, JSON...: families.ts)
import { qualified, type Column, type Schema, type Table } from '../../schema/types.ts';
import { makeFinding, sortFindings, type Finding } from '../../diff/findings.ts';
import { displayType } from '../../diff/normalise.ts';
import { tableMatcher } from '../../diff/ignore.ts';
import { knexString as kjs } from '../../util/escape.ts';
import { shapeMessages as m } from '../../messages/shape.ts';
import type { ShapeColumn, ShapeTable } from '../types.ts';
import { TS_SPELLING, coarseTypeOf, knexAlterToShape, knexShapeColumn, typeFits } from './families.ts';

/** Use beside the diff: the findings of every shape-only table against the migrated schema (config ignore.tables honoured), sorted. */
export function compareShapes(migrated: Schema, shapes: readonly ShapeTable[], ignoreTables: readonly string[] = []): Finding[] {
  const ignored = tableMatcher(ignoreTables);
  const tables = new Map(migrated.tables.map((t) => [qualified(t.schema, t.name), t]));
  const findings: Finding[] = [];
  for (const shape of shapes) {
    if (ignored(shape.schema, shape.table)) continue;
    const table = tables.get(qualified(shape.schema, shape.table));
    if (!table) findings.push(missingTable(shape));
    else findings.push(...compareTable(shape, table));
  }
  return sortFindings(findings);
}

/** Where a finding about `shape` (or one of its columns) points. */
function site(shape: ShapeTable, column?: ShapeColumn): { model: string; schema: string; table: string; file: string; line?: number } {
  const file = column?.file ?? shape.file;
  const line = column ? column.line : shape.line;
  return { model: shape.name, schema: shape.schema, table: shape.table, file, ...(line !== undefined ? { line } : {}) };
}

/** makeFinding, keeping `line` (contract section 5) when it is known. */
function finding(code: Finding['code'], init: Parameters<typeof makeFinding>[1] & { line?: number }): Finding {
  const { line, ...rest } = init;
  const f = makeFinding(code, rest);
  return line === undefined ? f : { ...f, line };
}

function missingTable(shape: ShapeTable): Finding {
  const builder = shape.schema === 'public' ? 'knex.schema' : `knex.schema.withSchema(${kjs(shape.schema)})`;
  const create = `${builder}.createTable(${kjs(shape.table)}, (table) => { ${shape.columns.map(knexShapeColumn).join('; ')}; })`;
  return finding('missing-table', { ...site(shape), expected: qualified(shape.schema, shape.table), ...m.missingTable(shape, create) });
}

function compareTable(shape: ShapeTable, table: Table): Finding[] {
  const out: Finding[] = [];
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  for (const sc of shape.columns) {
    const col = byName.get(sc.name);
    const at = { ...site(shape, sc), columns: [sc.name] };
    if (!col) {
      out.push(finding('missing-column', { ...at, ...m.missingColumn(shape, sc, knexShapeColumn(sc)) }));
      continue;
    }
    const actual = displayType(col.type) + (col.notNull ? ' NOT NULL' : '');
    if (!typeFits(col, sc.type)) {
      const alter = knexAlterToShape(sc, col.notNull);
      out.push(finding('type-mismatch', { ...at, expected: TS_SPELLING[sc.type!], actual, ...m.typeMismatch(shape, sc, displayType(col.type), alter, property(sc.name, col, sc)) }));
    } else if (sc.nullable !== undefined && sc.nullable === col.notNull) {
      const migration = sc.nullable ? `table.setNullable(${kjs(sc.name)})` : `table.dropNullable(${kjs(sc.name)})`;
      const expected = sc.nullable ? 'nullable' : 'NOT NULL';
      out.push(finding('nullability-mismatch', { ...at, expected, actual, ...m.nullabilityMismatch(shape, sc, migration, property(sc.name, col, { ...sc, nullable: !col.notNull })) }));
    }
  }
  if (shape.complete) {
    const stated = new Set(shape.columns.map((c) => c.name));
    for (const col of table.columns) if (!stated.has(col.name)) out.push(unmodeledColumn(shape, col));
  }
  return out;
}

function unmodeledColumn(shape: ShapeTable, col: Column): Finding {
  const required = col.notNull && col.default === null && col.identity === '' && col.generated === null;
  const at = shape.rowType ? { file: shape.rowType.file, line: shape.rowType.line } : {};
  return finding('unmodeled-column', {
    ...site(shape),
    ...at,
    severity: required ? 'error' : 'warning',
    columns: [col.name],
    actual: displayType(col.type) + (col.notNull ? ' NOT NULL' : ''),
    ...m.unmodeledColumn(shape, col.name, required, property(col.name, col), `table.dropColumn(${kjs(col.name)})`),
  });
}

/**
 * How a row type declares `name` to match the column: `email: string | null`. A type the family table
 * does not know keeps what the source stated (or `unknown`); a stated type the column accepts is kept.
 */
function property(name: string, col: Column, sc?: ShapeColumn): string {
  const type = sc?.type !== undefined && typeFits(col, sc.type) ? sc.type : coarseTypeOf(col);
  const key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`;
  return `${key}: ${TS_SPELLING[type]}${col.notNull ? '' : ' | null'}`;
}

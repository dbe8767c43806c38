// Enum types: enum-mismatch, once per type (not per column using it), on the first column that uses
// it, listing the others. A missing type whose every user is itself missing is left to missing-table
// / missing-column, whose hints create it.
import { qualified, type EnumType, type Schema, type Table } from '../schema/types.ts';
import * as text from '../messages/findings.ts';
import type { Finding } from './findings.ts';
import { makeFinding } from './findings.ts';
import { sameList } from './match.ts';
import { displayType } from './normalise.ts';
import type { DiffModel } from './table-diff.ts';

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

/** Use to gather, table by table, the columns that use each enum type, then compare each type once. */
export class EnumUses {
  private readonly uses = new Map<string, EnumUse[]>();

  /** Record the enum columns of a model's declared table `d` (and whether `m`, the migrated one, has them). */
  collect(ref: DiffModel, d: Table, m: Table | null): void {
    for (const dc of d.columns) {
      if (!dc.enumType) continue;
      const key = qualified(dc.enumType.schema, dc.enumType.name);
      const mc = m?.columns.find((c) => c.name === dc.name) ?? null;
      const list = this.uses.get(key) ?? [];
      list.push({ ref, schema: d.schema, table: d.name, column: dc.name, present: mc !== null, actualType: mc?.type ?? null });
      this.uses.set(key, list);
    }
  }

  /** The enum-mismatch findings, one per type whose labels differ or that the migrations lack. */
  compare(migrated: Schema, mEnums: ReadonlyMap<string, EnumType>, dEnums: ReadonlyMap<string, EnumType>): Finding[] {
    const out: Finding[] = [];
    for (const key of [...this.uses.keys()].sort()) {
      const uses = this.uses.get(key)!.sort((a, b) => a.schema.localeCompare(b.schema) || a.table.localeCompare(b.table) || a.column.localeCompare(b.column));
      const me = mEnums.get(key);
      const expected = dEnums.get(key)?.labels ?? [];
      if (me && sameList(me.labels, expected)) continue;
      if (!me && !uses.some((u) => u.present)) continue;
      out.push(enumMismatch(key, uses, expected, me, migrated));
    }
    return out;
  }
}

function enumMismatch(key: string, uses: EnumUse[], expected: string[], me: EnumType | undefined, migrated: Schema): Finding {
  const first = uses.find((u) => u.present) ?? uses[0]!;
  const [eSchema, eName] = [key.slice(0, key.indexOf('.')), key.slice(key.indexOf('.') + 1)];
  const lookalikes = me ? [] : migrated.enums.filter((e) => e.name === eName && e.schema !== eSchema).map((e) => qualified(e.schema, e.name));
  const labels = (ls: readonly string[]) => `(${ls.map((l) => `'${l}'`).join(', ')})`;
  return makeFinding('enum-mismatch', {
    model: first.ref.name,
    file: first.ref.file,
    schema: first.schema,
    table: first.table,
    columns: [first.column],
    object: key,
    expected: labels(expected),
    actual: me ? labels(me.labels) : null,
    ...text.enumMismatch({
      model: first.ref.name,
      schema: first.schema,
      table: first.table,
      column: first.column,
      enumType: key,
      enumSchema: eSchema,
      enumName: eName,
      otherUses: uses.filter((u) => u !== first).map((u) => `${u.schema}.${u.table}.${u.column}`),
      expected,
      actual: me?.labels ?? null,
      lookalikes,
      columnActualType: !me && first.actualType ? displayType(first.actualType) : null,
    }),
  });
}

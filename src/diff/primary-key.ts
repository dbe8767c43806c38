// The primary key of one table: primary-key-mismatch.
import * as text from '../messages/findings.ts';
import { colList, sameList } from './match.ts';
import type { TableDiff } from './table-diff.ts';

/** Use for the primary-key finding of one table present on both sides. */
export function comparePrimaryKey(t: TableDiff): void {
  const { m, d, on } = t;
  const expected = d.primaryKey?.columns ?? null;
  const actual = m.primaryKey?.columns ?? null;
  if (expected === null && actual === null) return;
  if (expected !== null && actual !== null && sameList(expected, actual)) return;
  // adding the missing column with .primary() fixes it; declaring the unmodeled column with .primary() too
  if (actual === null && expected !== null && expected.some((c) => t.missing.has(c))) return;
  if (expected === null && actual !== null && actual.some((c) => t.unmodeled.has(c))) return;
  t.push('primary-key-mismatch', {
    schema: on.schema,
    table: on.table,
    columns: [...(expected ?? actual ?? [])],
    object: m.primaryKey?.name ?? null,
    expected: expected ? colList(expected) : null,
    actual: actual ? colList(actual) : null,
    ...text.primaryKeyMismatch({ ...on, expected, actual, constraint: m.primaryKey?.name ?? null }),
  });
}

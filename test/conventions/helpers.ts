// Small Schema values for the conventions' unit tests.
import type { Column, ForeignKey, Index, Schema, Table } from '../../src/schema/types.ts';

export function col(name: string, type = 'integer', over: Partial<Column> = {}): Column {
  return { name, type, notNull: false, default: null, identity: '', generated: null, generatedKind: '', collation: null, enumType: null, comment: null, ...over };
}

export function fk(name: string, columns: string[], over: Partial<ForeignKey> = {}): ForeignKey {
  return { name, columns, refSchema: 'public', refTable: 'customers', refColumns: ['id'], onDelete: 'NO ACTION', onUpdate: 'NO ACTION', deferrable: null, ...over };
}

export function idx(name: string, columns: string[], over: Partial<Index> = {}): Index {
  const n = columns.length;
  return {
    name,
    columns,
    expressions: Array(n).fill(false),
    descending: Array(n).fill(false),
    nullsFirst: Array(n).fill(false),
    opclasses: Array(n).fill(null),
    collations: Array(n).fill(null),
    include: [],
    unique: false,
    nullsNotDistinct: false,
    method: 'btree',
    predicate: null,
    ...over,
  };
}

export function table(name: string, over: Partial<Table> = {}): Table {
  return { schema: 'public', name, columns: [col('id')], primaryKey: { name: `${name}_pkey`, columns: ['id'] }, foreignKeys: [], uniques: [], checks: [], indexes: [], comment: null, ...over };
}

export const schemaOf = (...tables: Table[]): Schema => ({ tables, enums: [], schemas: ['public'] });

// The catalog reader: bulk pg_catalog queries (*.sql) and their pure parsers -> Schema IR.
export { readSchema, type QueryFn, type ReadSchemaOptions } from './read-schema.ts';
export {
  parseSchema,
  parseTables,
  parseColumns,
  parseConstraints,
  parseIndexes,
  parseEnums,
  checkExpression,
  fkAction,
  type CatalogRows,
  type TableConstraints,
} from './parse.ts';
export { queries, type QueryName } from './queries.ts';
export type { TableRow, ColumnRow, ConstraintRow, IndexRow, EnumRow } from './rows.ts';

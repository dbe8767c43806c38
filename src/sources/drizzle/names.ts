// The JavaScript names of a project's drizzle tables, kept from the last load for hints: a table's
// export (users) and its columns' keys (emailAddress for email_address), so a hint names t.emailAddress
// and users.id as the user's code does.
import type { Naming } from './code.ts';
import { member } from './code.ts';

interface TableNames {
  exportName: string;
  /** database column name -> JS key */
  keys: Map<string, string>;
}

const tables = new Map<string, TableNames>();

/** Use at the start of a load: forget the tables of an earlier one. */
export function resetNames(): void {
  tables.clear();
}

/** Use for each table read: its export and column keys (the declaring file's export wins over a barrel's). */
export function rememberTable(schema: string, table: string, exportName: string, keys: Map<string, string>): void {
  tables.set(`${schema}.${table}`, { exportName, keys });
}

/** Use in hints about table `schema.table`: how its code names things. */
export function namingFor(schema: string, table: string): Naming {
  const own = tables.get(`${schema}.${table}`);
  return {
    key: (column) => own?.keys.get(column) ?? column,
    ref: (s, t, column) => {
      const other = tables.get(`${s}.${t}`);
      return member(other?.exportName ?? t, other?.keys.get(column) ?? column);
    },
  };
}

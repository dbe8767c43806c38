// readSchema: the catalog reader's only IO. A fixed number of bulk queries, whatever the database size.
import type { Schema } from '../schema/types.ts';
import { parseSchema, type CatalogRows } from './parse.ts';
import { queries } from './queries.ts';

/** A query function bound to ONE session (a pg Client, not a Pool): readSchema sets search_path on it. */
export type QueryFn = (sql: string, params?: unknown[]) => Promise<{ rows: any[] }>;

/** Options of readSchema: which schemas to read. */
export interface ReadSchemaOptions {
  /** Read only these schemas (namespaces); default: every user schema. */
  schemas?: string[];
}

/**
 * Use to read a whole database's user schemas into the Schema IR; the caller owns the connection.
 *
 * The reads run with search_path = pg_catalog, so format_type(), pg_get_expr(),
 * pg_get_constraintdef() and pg_get_indexdef() schema-qualify every user type and object
 * ('core.booking_status', "nextval('public.users_id_seq'::regclass)") whatever search_path the
 * caller's session or migrations used: two databases then read alike. The session's previous
 * search_path is restored afterwards with set_config (not RESET, which would drop a value the
 * caller had SET). This needs all calls to reach the same session: pass a Client, not a Pool.
 * Issues 2 + 5 + 1 = 8 queries, however many tables there are.
 */
export async function readSchema(query: QueryFn, options: ReadSchemaOptions = {}): Promise<Schema> {
  const params = [options.schemas ? [...options.schemas] : null];
  const { rows } = await query(`SELECT pg_catalog.current_setting('search_path') AS search_path`);
  const previous: string = rows[0].search_path;
  await query(`SELECT pg_catalog.set_config('search_path', 'pg_catalog', false)`);
  let collected: CatalogRows;
  try {
    // Sequential on purpose: the session is shared, and a pg Client queues them anyway.
    collected = {
      tables: (await query(queries.tables, params)).rows,
      columns: (await query(queries.columns, params)).rows,
      constraints: (await query(queries.constraints, params)).rows,
      indexes: (await query(queries.indexes, params)).rows,
      enums: (await query(queries.enums, params)).rows,
    };
  } catch (error) {
    // Restore if the session still accepts commands; the read's error is the one worth reporting.
    await query(`SELECT pg_catalog.set_config('search_path', $1, false)`, [previous]).catch(() => undefined);
    throw error;
  }
  await query(`SELECT pg_catalog.set_config('search_path', $1, false)`, [previous]);
  return parseSchema(collected);
}

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

/** The bulk reads, longest first (columns are about half the time on 1,000 tables). */
const READS = ['columns', 'constraints', 'indexes', 'tables', 'enums'] as const;

/**
 * Use to read a whole database's user schemas into the Schema IR; the caller owns the connection(s).
 *
 * The reads run with search_path = pg_catalog, so format_type(), pg_get_expr(),
 * pg_get_constraintdef() and pg_get_indexdef() schema-qualify every user type and object
 * ('core.booking_status', "nextval('public.users_id_seq'::regclass)") whatever search_path the
 * caller's session or migrations used: two databases then read alike. The session's previous
 * search_path is restored afterwards with set_config (not RESET, which would drop a value the
 * caller had SET). This needs all of one function's calls to reach the same session: pass a
 * Client, not a Pool.
 *
 * Given several sessions (of the same database), the five reads are spread over them and run at
 * once: on 1,000 tables that halves the wall time. Issues 3 per session + 5 queries, however many
 * tables there are (8 with one session).
 */
export async function readSchema(sessions: QueryFn | readonly QueryFn[], options: ReadSchemaOptions = {}): Promise<Schema> {
  const list = typeof sessions === 'function' ? [sessions] : sessions.slice(0, READS.length);
  if (list.length === 0) throw new Error('readSchema needs at least one session');
  const params = [options.schemas ? [...options.schemas] : null];
  const collected: Partial<CatalogRows> = {};
  await Promise.all(
    list.map((query, i) =>
      inCatalogPath(query, async () => {
        // Sequential within a session: a pg Client queues them anyway.
        for (let k = i; k < READS.length; k += list.length) {
          const name = READS[k]!;
          collected[name] = (await query(queries[name], params)).rows;
        }
      }),
    ),
  );
  return parseSchema(collected as CatalogRows);
}

/** Run `work` with the session's search_path set to pg_catalog, and restore it afterwards. */
async function inCatalogPath(query: QueryFn, work: () => Promise<void>): Promise<void> {
  const { rows } = await query(`SELECT pg_catalog.current_setting('search_path') AS search_path`);
  const previous: string = rows[0].search_path;
  await query(`SELECT pg_catalog.set_config('search_path', 'pg_catalog', false)`);
  try {
    await work();
  } catch (error) {
    // Restore if the session still accepts commands; the read's error is the one worth reporting.
    await query(`SELECT pg_catalog.set_config('search_path', $1, false)`, [previous]).catch(() => undefined);
    throw error;
  }
  await query(`SELECT pg_catalog.set_config('search_path', $1, false)`, [previous]);
}

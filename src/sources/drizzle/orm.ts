// The project's own drizzle-orm (an optional peer): resolved from the project root like its knex
// (src/check/knex-module.ts), loaded only when `from.drizzle` is configured. The user's schema
// files may load another build of it (ESM beside this CJS one): drizzle tells its objects apart by
// entity-kind strings and Symbol.for keys, so `is()` and getTableConfig work across the two.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PccError } from '../../errors.ts';
import { drizzleMessages as m } from '../../messages/drizzle.ts';

/** What this source uses of drizzle-orm (typed loosely: the project's version is not ours). */
export interface DrizzleOrm {
  is(value: unknown, type: unknown): boolean;
  SQL: unknown;
  PgTable: unknown;
  getTableConfig(table: unknown): DrizzleTableConfig;
  CasingCache: new (casing?: string) => unknown;
  toSnakeCase(s: string): string;
  toCamelCase(s: string): string;
}

/** A column as drizzle builds it (PgColumn), the fields this source reads. */
export interface DrizzleColumn {
  name: string;
  keyAsName?: boolean;
  columnType: string;
  notNull: boolean;
  hasDefault: boolean;
  default?: unknown;
  primary: boolean;
  isUnique: boolean;
  uniqueName?: string;
  uniqueType?: string;
  generated?: { as: unknown; type?: string; mode?: string };
  generatedIdentity?: { type: 'always' | 'byDefault' };
  enum?: { enumName: string; enumValues: string[]; schema?: string };
  enumValues?: string[];
  length?: number;
  precision?: number;
  scale?: number;
  withTimezone?: boolean;
  baseColumn?: DrizzleColumn;
  getSQLType(): string;
}

/** A column of an index as drizzle keeps it. */
export interface DrizzleIndexedColumn {
  name: string;
  keyAsName?: boolean;
  indexConfig?: { order?: 'asc' | 'desc'; nulls?: 'first' | 'last'; opClass?: string };
}

/** What getTableConfig returns, the fields this source reads. */
export interface DrizzleTableConfig {
  name: string;
  schema?: string;
  columns: DrizzleColumn[];
  indexes: Array<{ config: { name?: string; columns: unknown[]; unique: boolean; method?: string; where?: unknown } }>;
  foreignKeys: Array<{ reference(): { columns: DrizzleColumn[]; foreignColumns: DrizzleColumn[]; foreignTable: unknown }; onDelete?: string; onUpdate?: string; getName(): string }>;
  checks: Array<{ name: string; value: unknown }>;
  primaryKeys: Array<{ columns: DrizzleColumn[] }>;
  uniqueConstraints: Array<{ columns: DrizzleColumn[]; name?: string; nullsNotDistinct: boolean }>;
}

const loaded = new Map<string, DrizzleOrm>();

/** Use before reading drizzle tables: the project's drizzle-orm; PccError (exit 2) when the project has none. */
export function loadDrizzle(root: string): DrizzleOrm {
  const from = createRequire(join(root, 'package.json'));
  let paths: { core: string; pg: string; casing: string };
  try {
    paths = { core: from.resolve('drizzle-orm'), pg: from.resolve('drizzle-orm/pg-core'), casing: from.resolve('drizzle-orm/casing') };
  } catch {
    throw new PccError('CONFIG_INVALID', m.notInstalled(root), { hint: m.notInstalledHint });
  }
  const cached = loaded.get(paths.pg);
  if (cached) return cached;
  const core = from(paths.core) as Record<string, unknown>;
  const pg = from(paths.pg) as Record<string, unknown>;
  const casing = from(paths.casing) as Record<string, unknown>;
  const orm = { is: core.is, SQL: core.SQL, PgTable: pg.PgTable, getTableConfig: pg.getTableConfig, CasingCache: casing.CasingCache, toSnakeCase: casing.toSnakeCase, toCamelCase: casing.toCamelCase } as DrizzleOrm;
  loaded.set(paths.pg, orm);
  return orm;
}

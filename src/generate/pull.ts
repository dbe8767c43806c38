// `pull`'s IO: read the Schema to write models from, either the database at a URL as it is (read
// only, in a READ ONLY transaction: never a change to a database the tool did not create) or the
// project's migrations applied to a scratch database.
import type pg from 'pg';
import { readSchema } from '../catalog/index.ts';
import { loadConfig } from '../config/load.ts';
import type { ResolvedConfig } from '../config/types.ts';
import { knexTableGlobs, tableMatcher } from '../diff/index.ts';
import type { Finding } from '../diff/findings.ts';
import { loadMigrationSettings } from '../migrations/sql/settings.ts';
import { applyMigrations } from '../migrations/apply.ts';
import { startServer, type PgServer } from '../postgres/index.ts';
import { connectUserServer } from '../postgres/url-server.ts';
import type { Schema } from '../schema/types.ts';
import { readScratchSchema, scratchKnex } from '../check/knex.ts';
import { loadPg } from '../check/knex-module.ts';
import { DdlPipeline } from '../migrations/pipeline.ts';
import { registerSecret } from '../util/secrets.ts';

export interface PullSource {
  schema: Schema;
  config: ResolvedConfig;
  /** migration-failed, when the migrations stop half way. */
  findings: Finding[];
  fromUrl: boolean;
}

export interface PullOptions {
  cwd: string;
  config?: string;
  knexfile?: string;
  databaseUrl?: string;
  cache?: boolean;
  /** A running server to create the scratch database on (tests); not stopped. */
  server?: PgServer;
}

/** Use to get the schema `pull` writes models from; knex's tables and ignored tables left out. */
export async function pullSchema(options: PullOptions): Promise<PullSource> {
  // --database-url here names the database to read, not a server for scratch databases.
  const config = await loadConfig({ root: options.cwd, configFile: options.config, knexfile: options.knexfile });
  let schema: Schema;
  let findings: Finding[] = [];
  let migrationTables = knexTableGlobs({});
  if (options.databaseUrl) {
    schema = await readUrl(options.databaseUrl, config.root);
  } else {
    const settings = await loadMigrationSettings(config.root, config);
    migrationTables = knexTableGlobs({ tableName: settings.tableName, schemaName: settings.schemaName });
    const server = options.server ?? (await startServer({ projectRoot: config.root, useCache: options.cache !== false, databaseUrl: typeof config.database === 'object' ? config.database.url : undefined }));
    const db = await server.createDatabase('pull').catch(async (e) => {
      if (server !== options.server) await server.stop();
      throw e;
    });
    try {
      const pipeline = new DdlPipeline();
      const knex = scratchKnex(db.url, { root: config.root, settings, pipeline });
      try {
        const applied = await applyMigrations(knex, config.root, settings, { pipeline, timeoutS: config.migrationTimeout });
        findings = applied.findings;
        schema = await readScratchSchema(knex, true);
      } finally {
        await knex.destroy();
      }
    } finally {
      await db.drop();
      if (server !== options.server) await server.stop();
    }
  }
  const skip = tableMatcher([...migrationTables, ...config.ignore.tables]);
  return { schema: { ...schema, tables: schema.tables.filter((t) => !skip(t.schema, t.name)) }, config, findings, fromUrl: !!options.databaseUrl };
}

async function readUrl(url: string, root: string): Promise<Schema> {
  registerSecret(url);
  // pg is a peer dependency: the project's own, else the tool's (exit 2 when neither has it).
  const { Client } = loadPg<typeof pg>(root);
  const client = await connectUserServer(Client, url);
  try {
    await client.query('BEGIN READ ONLY');
    const schema = await readSchema((sql: string, params?: unknown[]) => client.query(sql, params as unknown[]));
    await client.query('ROLLBACK');
    return schema;
  } finally {
    await client.end().catch(() => {});
  }
}

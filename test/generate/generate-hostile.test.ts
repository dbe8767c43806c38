// generate with hostile names and values (issue 10 item 1), on a real PostgreSQL: a model whose schema,
// table, column, enum, constraint names, defaults and comments hold quotes, backslashes, backticks,
// `${`, `*/`, line terminators, '?', dots and 63-byte names goes through generate; the migration runs
// (and rolls back and runs again: check --full is clean), and the catalog then holds exactly those
// names and values.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import createKnex from 'knex';
import { sharedServer } from '../helpers/pg.ts';
import { CONFIG, KNEXFILE, makeProject, runCli, type TempProject } from '../helpers/project.ts';
import { KNEX_STRINGS } from '../helpers/hostile.ts';
import { truncateIdentifier } from '../../src/ddl/names.ts';
import { readSchema } from '../../src/catalog/index.ts';
import { runCheck } from '../../src/check/check-project.ts';
import { generateMigration } from '../../src/generate/migration-writer-file.ts';
import { builderSafe } from '../../src/generate/migration-writer.ts';
import type { Schema, Table } from '../../src/schema/types.ts';

const SCHEMA = 'ls\u2028ps\u2029 */ ../.. it\'s "q" ?';
const TABLE = '../../x `${y}` \\ it\'s';
/** Column names: each distinct once Postgres truncates it to 63 bytes. */
const NAMES = [...new Set(KNEX_STRINGS)].filter((s, i, all) => all.findIndex((x) => truncateIdentifier(x) === truncateIdentifier(s)) === i);
/** Names Knex's schema builder can write (no '.', no ' as '): the builder path. */
const BUILDER_NAMES = NAMES.filter(builderSafe);
const LABELS = NAMES.filter((s) => Buffer.byteLength(s) <= 63);

const BASE_MIGRATION = `import type { Knex } from 'knex';
export async function up(knex: Knex) { await knex.schema.createTable('base', (t) => { t.increments('id'); }); }
export async function down(knex: Knex) { await knex.schema.dropTable('base'); }
`;

/** The models, names and values given as JSON (no escaping of ours involved in writing the test's own input). */
const MODELS = `import { defineModel, t } from 'pre-commit-check';
const NAMES = ${JSON.stringify(NAMES)};
const BUILDER_NAMES = ${JSON.stringify(BUILDER_NAMES)};
const LABELS = ${JSON.stringify(LABELS)};
const textColumns = (names) => Object.fromEntries(names.map((n) => [n, t.text().notNullable().defaultTo(n).comment(n)]));
export const Hostile = defineModel({
  schema: ${JSON.stringify(SCHEMA)},
  table: ${JSON.stringify(TABLE)},
  comment: NAMES.join(' | '),
  columns: { id: t.increments(), kind: t.enum('public.e"num.x', LABELS).defaultTo(LABELS[0]), ...textColumns(NAMES) },
  checks: [{ name: NAMES[0], expression: ${JSON.stringify(`"${NAMES[0]!.replace(/"/g, '""')}" <> 'it''s ? $x \\ z'`)} }],
});
export const Builder = defineModel({
  table: 'builder_table',
  comment: "it's '' ''' ? \\\\ \`\${x}\` */",
  columns: { id: t.increments(), ...textColumns(BUILDER_NAMES) },
});
export const Base = defineModel({
  table: 'base',
  columns: { id: t.increments(), 'added.col': t.text().defaultTo("it's ?").comment("a''b"), "added it's ?": t.text().defaultTo('\`\${x}\`\\\\').comment("''") },
});
`;

/** The catalog of a fresh database after the project's migrations. */
async function migratedCatalog(dir: string): Promise<Schema> {
  const server = await sharedServer();
  const db = await server.createDatabase('hostile_generate');
  const knex = createKnex({ client: 'pg', connection: db.url, migrations: { directory: join(dir, 'migrations'), loadExtensions: ['.ts'] } });
  const client = new pg.Client({ connectionString: db.url });
  try {
    await knex.migrate.latest();
    await client.connect();
    return await readSchema((q, params) => client.query(q, params as unknown[]));
  } finally {
    await knex.destroy();
    await client.end().catch(() => {});
    await db.drop();
  }
}

const tableOf = (s: Schema, schema: string, name: string): Table => s.tables.find((t) => t.schema === schema && t.name === truncateIdentifier(name))!;

/** Each text column: its exact name (as Postgres truncates it), default and comment. */
function expectTextColumns(t: Table, names: readonly string[]): void {
  for (const n of names) {
    const c = t.columns.find((x) => x.name === truncateIdentifier(n));
    expect(c, JSON.stringify(n)).to.not.equal(undefined);
    expect(c!.comment).to.equal(n);
    expect(c!.default).to.equal(`'${n.replace(/'/g, "''")}'::text`);
  }
}

describe('generate: hostile names and values (real PostgreSQL)', function () {
  this.timeout(300_000);
  let p: TempProject;
  before(() => {
    p = makeProject({
      'knexfile.ts': KNEXFILE,
      'pre-commit-check.config.ts': CONFIG,
      'migrations/20260101000000_base.ts': BASE_MIGRATION,
      'models/hostile.ts': MODELS,
    });
  });
  after(() => p.remove());

  it('writes a migration that runs, rolls back and runs again, after which the catalog holds exactly the models', async () => {
    const server = await sharedServer();
    const result = await generateMigration({ cwd: p.dir, server, name: '../../../x it\'s `${y}`\n*/' });
    expect(result.status, JSON.stringify(result)).to.equal('written');
    if (result.status !== 'written') return;
    expect(result.relativeFile).to.match(/^migrations\/\d{14}_x_it_s_y\.ts$/);
    const text = readFileSync(result.file, 'utf8');
    // the header comment lists every operation on lines of its own
    for (const line of text.split('\n').filter((l) => l.startsWith('//'))) expect(line).to.not.match(/[\r\u2028\u2029]/);
    const { report } = await runCheck({ cwd: p.dir, server, full: true });
    expect(report.findings.map((f) => `${f.code}: ${f.message}`)).to.deep.equal([]);

    const catalog = await migratedCatalog(p.dir);
    expect(catalog.schemas).to.include(SCHEMA);
    const hostile = tableOf(catalog, SCHEMA, TABLE);
    expect(hostile.comment).to.equal(NAMES.join(' | '));
    expectTextColumns(hostile, NAMES);
    expect(hostile.checks.map((c) => c.name)).to.deep.equal([truncateIdentifier(NAMES[0]!)]);
    expect(catalog.enums.find((e) => e.schema === 'public' && e.name === 'e"num.x')!.labels).to.deep.equal(LABELS);
    const builder = tableOf(catalog, 'public', 'builder_table');
    expect(builder.comment).to.equal("it's '' ''' ? \\ `${x}` */");
    expectTextColumns(builder, BUILDER_NAMES);
    const base = tableOf(catalog, 'public', 'base');
    expect(base.columns.map((c) => [c.name, c.default, c.comment])).to.deep.include.members([
      ['added.col', "'it''s ?'::text", "a''b"],
      ["added it's ?", "'`${x}`\\'::text", "''"],
    ]);
  });

  it('check through the real binary is then clean (exit 0)', async () => {
    const r = await runCli(['check'], { cwd: p.dir });
    expect(r.exitCode, r.stdout + r.stderr).to.equal(0);
  });
});

describe('generate: text Knex cannot send', function () {
  this.timeout(120_000);
  it("refuses, naming it, when a value holds a backslash right before a '?' (Knex would drop the backslash)", async () => {
    const p = makeProject({
      'knexfile.ts': KNEXFILE,
      'pre-commit-check.config.ts': CONFIG,
      'migrations/20260101000000_base.ts': BASE_MIGRATION,
      'models/base.ts': `import { defineModel, t } from 'pre-commit-check';\nexport const Base = defineModel({ table: 'base', columns: { id: t.increments(), re: t.text().defaultTo('a\\\\?b') } });\n`,
    });
    try {
      const r = await runCli(['generate'], { cwd: p.dir });
      expect(r.exitCode).to.equal(2);
      expect(r.stderr, r.stderr).to.contain(`"a\\\\?b" holds`).and.to.contain("holds a backslash right before a '?'");
      expect(readdirSync(join(p.dir, 'migrations'))).to.deep.equal(['20260101000000_base.ts']);
    } finally {
      p.remove();
    }
  });
});

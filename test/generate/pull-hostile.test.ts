// pull from a hostile database (issue 10 items 1 and 2, issue 12 item 5), on a real PostgreSQL: names,
// defaults, comments, check expressions and enum labels that end literals, templates, comments and
// paths. The pulled files must compile, load, mean exactly what the catalog holds and check clean;
// no file may land outside --out; the exploit of issue 10 must not run; existing models are kept.
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { transformSync } from 'esbuild';
import { sharedServer } from '../helpers/pg.ts';
import { CLEAN_FILES, CONFIG, KNEXFILE, makeProject, runCli, type TempProject } from '../helpers/project.ts';
import { PG_STRINGS } from '../helpers/hostile.ts';
import { quoteIdent, quoteLiteral, quoteQualified, truncateIdentifier } from '../../src/ddl/names.ts';
import { readSchema } from '../../src/catalog/index.ts';
import { pullSchema } from '../../src/generate/pull.ts';
import { writeModelFiles } from '../../src/generate/model-writer.ts';
import { runCheck } from '../../src/check/check-project.ts';
import { importUserFile } from '../../src/util/import-user-file.ts';
import { isModel } from '../../src/model-api/define.ts';
import type { Model } from '../../src/model-api/types.ts';
import type { Schema } from '../../src/schema/types.ts';

const HOSTILE_SCHEMA = 'ls\u2028ps\u2029 */ ../..';
/** Names PostgreSQL keeps (no NUL), each distinct once truncated to 63 bytes. */
const NAMES = [...new Set(PG_STRINGS.map((s) => truncateIdentifier(s)))];

/** One table per hostile name: the name everywhere (table, column, default, comments, check), and an enum of them all. */
function hostileSql(): string {
  // t.enum('schema.name') splits at the first dot: the type's schema is public, its name holds a dot
  const enumType = quoteQualified('public', 'e"num.x');
  const out = [`CREATE SCHEMA ${quoteIdent(HOSTILE_SCHEMA)}`, `CREATE TYPE ${enumType} AS ENUM (${NAMES.map(quoteLiteral).join(', ')})`];
  NAMES.forEach((name, i) => {
    const schema = i % 3 === 0 ? HOSTILE_SCHEMA : 'public';
    const t = quoteQualified(schema, name);
    const lit = quoteLiteral(name);
    out.push(
      `CREATE TABLE ${t} (id serial PRIMARY KEY, ${quoteIdent(name)} text NOT NULL DEFAULT ${lit}, expr text DEFAULT (${lit} || ''), kind ${enumType} DEFAULT ${lit}, ` +
        `CONSTRAINT ${quoteIdent(name)} CHECK (${quoteIdent(name)} <> ${lit} || 'x'))`,
      `COMMENT ON TABLE ${t} IS ${lit}`,
      `COMMENT ON COLUMN ${t}.${quoteIdent(name)} IS ${lit}`,
    );
  });
  // a foreign key between two dotted names, and two tables whose names differ only in case
  out.push(
    `CREATE TABLE public."a.b" (id int PRIMARY KEY)`,
    `CREATE TABLE public."c.d" (ref int REFERENCES public."a.b" (id))`,
    `CREATE TABLE public."Users" (id int)`,
    `CREATE TABLE public."users" (id int)`,
  );
  return out.join(';\n') + ';\n';
}

/** A migration that runs an SQL file on the raw connection (Knex would rewrite its '?' and '\?'). */
const SQL_MIGRATION = `import { readFileSync } from 'node:fs';
export const config = { transaction: false };
export async function up(knex) {
  const conn = await knex.client.acquireConnection();
  try { await conn.query(readFileSync(new URL('../sql/hostile.sql', import.meta.url), 'utf8')); } finally { await knex.client.releaseConnection(conn); }
}
export async function down(knex) {
  const conn = await knex.client.acquireConnection();
  try { await conn.query(readFileSync(new URL('../sql/drop.sql', import.meta.url), 'utf8')); } finally { await knex.client.releaseConnection(conn); }
}
`;
const DROP_SQL = `DROP SCHEMA ${quoteIdent(HOSTILE_SCHEMA)} CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;`;

/** Every file under a directory, relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());
}

/** Load every pulled model file; the models by "schema"."table". */
async function loadPulled(dir: string): Promise<Map<string, Model>> {
  const out = new Map<string, Model>();
  for (const f of filesUnder(dir)) {
    const ns = await importUserFile(join(dir, f));
    for (const v of Object.values(ns)) if (isModel(v)) out.set(JSON.stringify([v.schema, v.table]), v);
  }
  return out;
}

/** The model says exactly what the catalog holds: names, comments, defaults, checks, enum labels. */
function expectSameMeaning(schema: Schema, models: Map<string, Model>): void {
  for (const t of schema.tables) {
    const m = models.get(JSON.stringify([t.schema, t.name]));
    expect(m, `model of ${JSON.stringify([t.schema, t.name])}`).to.not.equal(undefined);
    expect(m!.comment ?? null).to.equal(t.comment);
    expect(Object.keys(m!.columns)).to.deep.equal(t.columns.map((c) => c.name));
    for (const c of t.columns) {
      const spec = m!.columns[c.name]!;
      expect(spec.comment ?? null).to.equal(c.comment);
      if (c.default === null || /^nextval/.test(c.default)) continue;
      const d = spec.default!;
      // a plain value is the catalog's literal (standard_conforming_strings on: only quotes doubled) before its cast
      const said = d.kind === 'raw' ? d.sql : `'${String(d.value).replace(/'/g, "''")}'::`;
      expect(d.kind === 'raw' ? c.default === said : c.default.startsWith(said), `${c.name}: ${c.default} vs ${said}`).to.equal(true);
      if (spec.kind === 'enum') expect(spec.enumValues).to.deep.equal(schema.enums.find((e) => e.name === 'e"num.x')!.labels);
    }
    expect(m!.checks.map((k) => [k.name, k.expression])).to.deep.equal(t.checks.map((k) => [k.name, k.expression]));
  }
}

describe('generate: pull from a hostile database (real PostgreSQL)', function () {
  this.timeout(240_000);
  const projects: TempProject[] = [];
  const project = (files: Record<string, string>): TempProject => {
    const p = makeProject(files);
    projects.push(p);
    return p;
  };
  after(() => projects.forEach((p) => p.remove()));

  it('writes files that compile, load, mean exactly the catalog, stay under --out and check clean', async () => {
    const server = await sharedServer();
    const p = project({
      'knexfile.ts': KNEXFILE,
      'pre-commit-check.config.ts': CONFIG,
      'sql/hostile.sql': hostileSql(),
      'sql/drop.sql': DROP_SQL,
      'migrations/20260101000000_hostile.js': SQL_MIGRATION,
      'package.json': '{ "type": "module" }\n',
    });
    const source = await pullSchema({ cwd: p.dir, server });
    expect(source.findings).to.deep.equal([]);
    const files = writeModelFiles(source.schema);
    expect(files.length).to.equal(NAMES.length + 4);
    const paths = files.map((f) => f.path.toLowerCase());
    expect(new Set(paths).size, 'distinct even on a case-insensitive file system').to.equal(paths.length);
    for (const f of files) {
      expect(f.path).to.match(/^[^/\\]+\/[^/\\]+\.ts$/);
      expect(f.path.split('/').every((seg) => seg !== '..' && !seg.startsWith('.'))).to.equal(true);
      transformSync(f.content, { loader: 'ts' }); // throws on a syntax error
    }
    // the CLI writes them (models/ is the default --out), nothing elsewhere
    const before = filesUnder(p.dir).filter((f) => !f.startsWith('node_modules'));
    const r = await runCli(['pull'], { cwd: p.dir });
    expect(r.exitCode, r.stderr).to.equal(0);
    const after = filesUnder(p.dir).filter((f) => !f.startsWith('node_modules') && !before.includes(f));
    expect(after.every((f) => f.startsWith(`models${'/'}`)), after.join('\n')).to.equal(true);
    expect(after.length).to.equal(files.length);
    for (const f of files) expect(readFileSync(join(p.dir, 'models', f.path), 'utf8')).to.equal(f.content);

    const db = await server.createDatabase('hostile_catalog');
    const client = new pg.Client({ connectionString: db.url });
    try {
      await client.connect();
      await client.query(hostileSql());
      const catalog = await readSchema((q, params) => client.query(q, params as unknown[]));
      expectSameMeaning(catalog, await loadPulled(join(p.dir, 'models')));
    } finally {
      await client.end();
      await db.drop();
    }
    const { report } = await runCheck({ cwd: p.dir, server });
    expect(report.findings.map((f) => `${f.code}: ${f.message}`)).to.deep.equal([]);
    expect(existsSync(join(p.dir, 'pwned.txt'))).to.equal(false);
  });

  it('the exploit of issue 10: pull --database-url, then check, runs no code (real binary)', async () => {
    const server = await sharedServer();
    const db = await server.createDatabase('exploit');
    const client = new pg.Client({ connectionString: db.url });
    const p = project(CLEAN_FILES);
    try {
      await client.connect();
      await client.query(`CREATE TABLE expr_default2 (note text DEFAULT (E'\\\\\`),x:process.getBuiltinModule("fs").writeFileSync("pwned.txt","q"),//' || ''))`);
      const catalog = await readSchema((q, params) => client.query(q, params as unknown[]));
      const pulled = await runCli(['pull', '--database-url', db.url, '--out', 'models/db'], { cwd: p.dir });
      expect(pulled.exitCode, pulled.stderr).to.equal(0);
      const text = readFileSync(join(p.dir, 'models/db/public/expr_default2.ts'), 'utf8');
      const checked = await runCli(['check'], { cwd: p.dir });
      expect(checked.exitCode, checked.stderr).to.equal(1); // drift: no migration creates the table
      expect(existsSync(join(p.dir, 'pwned.txt')), text).to.equal(false);
      const ns = await importUserFile(join(p.dir, 'models/db/public/expr_default2.ts'));
      const model = Object.values(ns).find(isModel)!;
      expect((model.columns.note!.default as { sql: string }).sql).to.equal(catalog.tables[0]!.columns[0]!.default);
      expect(existsSync(join(p.dir, 'pwned.txt'))).to.equal(false);
    } finally {
      await client.end();
      await db.drop();
    }
  });

  it('tables named ../../../../evil/escaped and ../../knexfile: nothing outside --out, with or without --force (real binary)', async () => {
    const server = await sharedServer();
    const db = await server.createDatabase('traversal');
    const client = new pg.Client({ connectionString: db.url });
    const p = project(CLEAN_FILES);
    const outside = [join(p.dir, '..', 'evil'), join(p.dir, '../..', 'evil'), join(p.dir, 'evil'), join(p.dir, 'models', 'evil'), join(p.dir, 'models', 'knexfile.ts')];
    try {
      await client.connect();
      await client.query(`CREATE TABLE "../../../../evil/escaped" (id int); CREATE TABLE "../../knexfile" (id int); CREATE SCHEMA ".."; CREATE TABLE "..".".." (id int)`);
      const knexfile = readFileSync(join(p.dir, 'knexfile.ts'), 'utf8');
      const first = await runCli(['pull', '--database-url', db.url], { cwd: p.dir });
      expect(first.exitCode, first.stderr).to.equal(0);
      const written = filesUnder(join(p.dir, 'models')).filter((f) => f !== 'user.ts').sort();
      expect(written).to.have.length(3);
      // pulled again: the tables have models now, so nothing is written (issue 12 item 5)
      const skipped = await runCli(['pull', '--database-url', db.url], { cwd: p.dir });
      expect(skipped.exitCode, skipped.stderr).to.equal(0);
      expect(skipped.stdout.match(/^skipped /gm)).to.have.length(3);
      // files that declare nothing: refused without --force, overwritten with it, still under --out
      for (const f of written) p.write(join('models', f), '// mine\n');
      const again = await runCli(['pull', '--database-url', db.url], { cwd: p.dir });
      expect(again.exitCode).to.equal(2);
      expect(again.stderr).to.match(/would overwrite 3 existing files/);
      const forced = await runCli(['pull', '--database-url', db.url, '--force'], { cwd: p.dir });
      expect(forced.exitCode, forced.stderr).to.equal(0);
      expect(filesUnder(join(p.dir, 'models')).filter((f) => f !== 'user.ts').sort()).to.deep.equal(written);
      expect(readFileSync(join(p.dir, 'knexfile.ts'), 'utf8')).to.equal(knexfile);
      for (const path of outside) expect(existsSync(path), path).to.equal(false);
      expect(filesUnder(p.dir).filter((f) => !f.startsWith('node_modules') && !f.startsWith('models/')).sort()).to.deep.equal(
        Object.keys(CLEAN_FILES).filter((f) => !f.startsWith('models/')).sort(),
      );
    } finally {
      await client.end();
      await db.drop();
    }
  });
});

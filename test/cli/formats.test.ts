// Models, knexfiles, migrations and config load as TS or JS, ESM or CommonJS, with no build step;
// --database-url runs the same pipeline on a server of the user's and leaves nothing there.
import { expect } from 'chai';
import pg from 'pg';
import { execa } from 'execa';
import { CLEAN_FILES, makeProject, runCli, type TempProject } from '../helpers/project.ts';
import { sharedServer } from '../helpers/pg.ts';

const CJS_MIGRATION = `exports.up = async (knex) => {
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('email', 255).notNullable().unique();
  });
};
exports.down = async (knex) => knex.schema.dropTable('users');
`;
const ESM_MIGRATION = `export async function up(knex) {
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('email', 255).notNullable().unique();
  });
}
export async function down(knex) {
  await knex.schema.dropTable('users');
}
`;
const MODEL_BODY = `defineModel({ table: 'users', columns: { id: t.increments(), email: t.string().notNullable().unique() } })`;

describe('cli: file formats and --database-url', function () {
  this.timeout(120_000);
  let p: TempProject | undefined;
  afterEach(() => p?.remove());

  it('a CommonJS project: knexfile.js, .js migrations, .cjs config and model', async () => {
    p = makeProject({
      'package.json': JSON.stringify({ name: 'cjs-app', type: 'commonjs' }),
      'knexfile.js': "module.exports = { client: 'pg', migrations: { directory: './db/migrations', tableName: 'schema_migrations' } };\n",
      'db/migrations/20260101000000_users.js': CJS_MIGRATION,
      'pre-commit-check.config.cjs': "module.exports = { models: ['lib/models/*.cjs'], knexfile: 'knexfile.js' };\n",
      'lib/models/user.cjs': `const { defineModel, t } = require('pre-commit-check');\nmodule.exports = { User: ${MODEL_BODY} };\n`,
    });
    const r = await runCli(['check', '--json'], { cwd: p.dir });
    expect(r.exitCode, r.stderr).to.equal(0);
    const report = JSON.parse(r.stdout);
    expect(report.summary).to.include({ models: 1, tables: 1, errors: 0, warnings: 0 });
  });

  it('an ESM project: knexfile.mjs, .mjs migrations, .mts model, .json config; migrations schemaName honoured', async () => {
    p = makeProject({
      'package.json': JSON.stringify({ name: 'esm-app', type: 'module' }),
      'knexfile.mjs': "export default { development: { client: 'pg', migrations: { directory: 'migrations', loadExtensions: ['.mjs'], schemaName: 'meta' } } };\n",
      'migrations/20260101000000_users.mjs': ESM_MIGRATION,
      'pre-commit-check.config.json': JSON.stringify({ models: ['models/*.mts'], knexfile: 'knexfile.mjs' }),
      'models/user.mts': `import { defineModel, t } from 'pre-commit-check';\nexport const User = ${MODEL_BODY};\n`,
    });
    const r = await runCli(['check', '--json'], { cwd: p.dir });
    expect(r.exitCode, r.stderr).to.equal(0);
    const report = JSON.parse(r.stdout);
    // meta.knex_migrations and its lock are knex's, never reported
    expect(report.findings).to.deep.equal([]);
    expect(report.summary).to.include({ models: 1, tables: 1 });
  });

  it('--database-url: the check runs on that server, creates scratch databases and leaves none behind', async () => {
    const server = await sharedServer();
    const admin = (server as unknown as { adminUrl: string }).adminUrl;
    const list = async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        return (await c.query<{ datname: string }>('select datname from pg_database order by 1')).rows.map((r) => r.datname);
      } finally {
        await c.end();
      }
    };
    const before = await list();
    p = makeProject(CLEAN_FILES);
    const r = await runCli(['check', '--database-url', admin], { cwd: p.dir });
    expect(r.exitCode, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/0 errors, 0 warnings \(1 model, 1 table/);
    const password = new URL(admin).password;
    if (password) expect(r.stdout + r.stderr).to.not.contain(password);
    expect(await list()).to.deep.equal(before);
  });

  it('the programmatic API works from plain Node, with no TypeScript loader of the user\'s', async () => {
    p = makeProject({
      ...CLEAN_FILES,
      'api.mjs': `import { checkProject, defineModel } from 'pre-commit-check';
const report = await checkProject({ cwd: process.cwd() });
process.stdout.write(JSON.stringify({ ok: report.ok, models: report.summary.models, define: typeof defineModel }));
`,
    });
    const r = await execa(process.execPath, ['api.mjs'], { cwd: p.dir, reject: false });
    expect(r.exitCode, String(r.stderr)).to.equal(0);
    expect(JSON.parse(String(r.stdout))).to.deep.equal({ ok: true, models: 1, define: 'function' });
  });
});


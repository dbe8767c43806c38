// knex and pg are the project's (peer dependencies): a knex 2 project's migrations run on its knex 2,
// and the models' DDL is compiled by it too. End to end, the real binary in a temporary project that
// has knex@2 installed. The install is cached under node_modules/.cache/pre-commit-check-test/knex2
// of this repository: the first run needs the npm registry (a few seconds), later ones work offline
// (in CI, keep node_modules/.cache between runs, as the README's workflow does for the template).
import { expect } from 'chai';
import { cpSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { makeProject, REPO, runCli, type TempProject } from '../helpers/project.ts';

const CACHE = join(REPO, 'node_modules/.cache/pre-commit-check-test/knex2');

/** The node_modules folder of a knex@2 + pg@8 install, installed once. */
async function knex2Modules(): Promise<string> {
  const modules = join(CACHE, 'node_modules');
  if (existsSync(join(modules, 'knex/package.json')) && existsSync(join(modules, 'pg/package.json'))) return modules;
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(join(CACHE, 'package.json'), JSON.stringify({ name: 'pcc-test-knex2', private: true }));
  const r = await execa('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts', 'knex@2', 'pg@8'], {
    cwd: CACHE,
    reject: false,
    timeout: 240_000,
  });
  if (r.exitCode !== 0) throw new Error(`npm install knex@2 pg@8 failed (the npm registry is needed once): ${r.stderr}`);
  return modules;
}

// Which Knex runs it shows from inside: the instance is of the project's own knex module, and the
// table builder is knex 2's (dropUniqueIfExists came with knex 3.2).
const MIGRATION = `exports.up = async (knex) => {
  const projectKnex = require('knex');
  if (!(knex.client instanceof projectKnex.Client)) throw new Error('this migration does not run on the project\\'s knex');
  await knex.schema.createTable('runtime', (t) => {
    t.increments('id');
    t.string(typeof t.dropUniqueIfExists === 'function' ? 'made_by_knex_3' : 'made_by_knex_2', 40);
  });
  if (knex.client.config.client.includes('sqlite')) throw new Error('not sqlite');
};
exports.down = async (knex) => {
  await knex.schema.dropTable('runtime');
};
`;

const MODELS_MIGRATION = `exports.up = async (knex) => {
  await knex.raw("CREATE TYPE plan AS ENUM ('free', 'pro')");
  await knex.schema.createTable('accounts', (t) => {
    t.increments('id');
    t.string('email', 255).notNullable();
    t.specificType('plan', 'plan').notNullable().defaultTo('free');
    t.decimal('balance', 12, 2).notNullable().defaultTo(0);
    t.jsonb('settings').notNullable().defaultTo('{}');
    t.specificType('tags', 'text[]');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('deleted_at', { useTz: true });
    t.integer('runtime_id').references('runtime.id').onDelete('CASCADE');
    t.unique(['email']);
  });
  await knex.raw('CREATE INDEX accounts_live_created_at_index ON accounts (created_at) WHERE deleted_at IS NULL');
};
exports.down = async (knex) => {
  await knex.schema.dropTable('accounts');
  await knex.raw('DROP TYPE plan');
};
`;

const MODELS = `import { defineModel, sql, t } from 'pre-commit-check';

export const Runtime = defineModel({
  table: 'runtime',
  columns: { id: t.increments(), made_by_knex_2: t.string(40) },
});

export const Account = defineModel({
  table: 'accounts',
  columns: {
    id: t.increments(),
    email: t.string(255).notNullable().unique(),
    plan: t.enum('plan', ['free', 'pro']).notNullable().defaultTo('free'),
    balance: t.decimal(12, 2).notNullable().defaultTo(0),
    settings: t.jsonb().notNullable().defaultTo(sql\`'{}'::jsonb\`),
    tags: t.specificType('text[]'),
    created_at: t.timestamp().notNullable().defaultTo(sql\`now()\`),
    deleted_at: t.timestamp(),
    runtime_id: t.integer().references('runtime.id').onDelete('CASCADE'),
  },
  indexes: [{ name: 'accounts_live_created_at_index', columns: ['created_at'], where: 'deleted_at IS NULL' }],
});
`;

const FILES = {
  'package.json': JSON.stringify({ name: 'knex2-app', private: true, type: 'commonjs' }),
  'knexfile.js': "module.exports = { client: 'pg', connection: process.env.DATABASE_URL, migrations: { directory: './migrations' } };\n",
  'pre-commit-check.config.cjs': "module.exports = { models: ['models/*.ts'], knexfile: 'knexfile.js', stages: { static: [], unit: false } };\n",
  'migrations/20240101000000_runtime.js': MIGRATION,
  'migrations/20240102000000_accounts.js': MODELS_MIGRATION,
  'models/models.ts': MODELS,
};

describe('cli: the project\'s own knex (knex 2 and 3)', function () {
  this.timeout(300_000);
  let modules: string;
  let p: TempProject | undefined;
  before(async function () {
    this.timeout(300_000);
    modules = await knex2Modules();
  });
  afterEach(() => p?.remove());

  it('a knex 2 project: migrations run on its knex 2 (forward and round trip), its models compile with it, check --full is clean', async () => {
    p = makeProject(FILES);
    symlinkSync(join(modules, 'knex'), join(p.dir, 'node_modules/knex'));
    symlinkSync(join(modules, 'pg'), join(p.dir, 'node_modules/pg'));
    const r = await runCli(['check', '--full', '--json', '--no-cache'], { cwd: p.dir });
    expect(r.exitCode, r.stderr + r.stdout).to.equal(0);
    const report = JSON.parse(r.stdout) as { ok: boolean; findings: unknown[]; summary: { tables: number } };
    expect(report.findings).to.deep.equal([]);
    expect(report.summary.tables).to.equal(2);
  });

  it("a project whose knex cannot load pg: exit 2, saying to install pg", async () => {
    p = makeProject(FILES);
    // A real copy of the knex 2 install without pg (a symlink would find pg beside the original).
    for (const entry of readdirSync(modules)) if (entry !== 'pg' && !entry.startsWith('.')) cpSync(join(modules, entry), join(p.dir, 'node_modules', entry), { recursive: true });
    const r = await runCli(['check', '--no-cache'], { cwd: p.dir });
    expect(r.exitCode, r.stderr + r.stdout).to.equal(2);
    expect(r.stderr).to.match(/cannot load the PostgreSQL driver pg: Cannot find module 'pg'/);
    expect(r.stderr).to.include('npm install --save-dev pg');
  });
});

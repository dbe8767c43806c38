// Model files as loaded, cached file by file (issue 13): a model file whose contents and local
// imports did not change is not imported again, and its models come from the cache with the same
// findings (lines, barrels, invalid models, long-name notes) as a --no-cache run. End to end with the
// real binary; each model file writes its name to a log when it is imported, so imports are observed.
import { expect } from 'chai';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CONFIG, KNEXFILE, ownCacheProject, runCli, type TempProject } from '../helpers/project.ts';

const MIGRATION = `import type { Knex } from 'knex';
export async function up(knex: Knex) {
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('email', 255).notNullable();
  });
  await knex.schema.createTable('posts', (t) => {
    t.increments('id');
    t.integer('user_id').notNullable().references('id').inTable('users');
    t.string('title', 200).notNullable();
  });
  await knex.schema.createTable('tags', (t) => {
    t.increments('id');
    t.string('label', 50).notNullable();
  });
}
export async function down(knex: Knex) {
  await knex.schema.dropTable('tags');
  await knex.schema.dropTable('posts');
  await knex.schema.dropTable('users');
}
`;
/** A model file that logs its import (to the file PCC_TEST_IMPORTS names) before defining `body`. */
const logged = (name: string, body: string, imports = '') => `import { appendFileSync } from 'node:fs';
import { defineModel, t } from 'pre-commit-check';
${imports}
if (process.env.PCC_TEST_IMPORTS) appendFileSync(process.env.PCC_TEST_IMPORTS, '${name}\\n');
${body}
`;
const USER = logged('user', `export const User = defineModel({ table: 'users', columns: { id: t.increments(), email: t.string(255).notNullable() } });`);
const POST = (length = 'TITLE') =>
  logged(
    'post',
    `export const Post = defineModel({ table: 'posts', columns: { id: t.increments(), user_id: t.integer().notNullable().references('users.id'), title: t.string(${length}).notNullable() } });`,
    `import { TITLE } from '../lib/lengths.ts';`,
  );
const TAG = (extra = '') => logged('tag', `export const Tag = defineModel({ table: 'tags', columns: { id: t.increments(), label: t.string(50).notNullable()${extra} } });`);
const FILES = {
  'knexfile.ts': KNEXFILE,
  'pre-commit-check.config.ts': CONFIG,
  'migrations/20260101000000_init.ts': MIGRATION,
  'models/user.ts': USER,
  'models/post.ts': POST(),
  'lib/lengths.ts': `export const TITLE = 200;\n`,
  'models/tag.ts': TAG(),
};

interface Outcome {
  exitCode: number | undefined;
  findings: Array<{ code: string; table: string | null; columns: string[] }>;
  output: string;
  /** The model files imported by this run, by name, sorted. */
  imported: string[];
}

/** `check --json` (plus `extra`), with the model files it imported. */
async function check(p: TempProject, ...extra: string[]): Promise<Outcome> {
  const r = await checkText(p, '--json', ...extra);
  return { ...r, findings: (JSON.parse(r.output) as Outcome).findings };
}

/** `check` (plus `extra`): its output (notes included) and the model files it imported. */
async function checkText(p: TempProject, ...extra: string[]): Promise<Omit<Outcome, 'findings'>> {
  const log = path.join(p.dir, 'imports.log');
  rmSync(log, { force: true });
  const r = await runCli(['check', ...extra], { cwd: p.dir, env: { PCC_TEST_IMPORTS: log } });
  const imported = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).sort() : [];
  return { exitCode: r.exitCode, output: extra.includes('--json') ? r.stdout : r.stdout + r.stderr, imported };
}

describe('model files: an unchanged one is not imported again', function () {
  this.timeout(240_000);
  let p: TempProject;
  beforeEach(async () => {
    p = ownCacheProject(FILES);
    const first = await check(p);
    expect(first.exitCode, first.output).to.equal(0);
    expect(first.imported).to.deep.equal(['post', 'tag', 'user']);
  });
  afterEach(() => p?.remove());

  it('a changed model file is imported again, alone, and its finding appears (as with --no-cache)', async () => {
    p.write('models/tag.ts', TAG(', color: t.string(20)'));
    const first = await checkText(p);
    expect(first.imported, first.output).to.deep.equal(['tag']);
    expect(first.output).to.include('1 of 3 model files changed');
    const cached = await check(p);
    expect(cached.imported, cached.output).to.deep.equal([]);
    expect(cached.exitCode).to.equal(1);
    expect(cached.findings.map((f) => [f.code, f.table, f.columns])).to.deep.include(['missing-column', 'tags', ['color']]);
    const fromZero = await check(p, '--no-cache');
    expect(fromZero.imported).to.deep.equal(['post', 'tag', 'user']);
    expect(cached.findings).to.deep.equal(fromZero.findings);
  });

  it('a model file whose local import changed is imported again', async () => {
    p.write('lib/lengths.ts', `export const TITLE = 120;\n`);
    const cached = await check(p);
    expect(cached.imported, cached.output).to.deep.equal(['post']);
    expect(cached.findings.map((f) => [f.code, f.table, f.columns])).to.deep.include(['type-mismatch', 'posts', ['title']]);
    const fromZero = await check(p, '--no-cache');
    expect(cached.findings).to.deep.equal(fromZero.findings);
  });

  it('no model file changed (a new migration): none is imported', async () => {
    p.write('migrations/20260101000001_more.ts', `import type { Knex } from 'knex';
export async function up(knex: Knex) { await knex.schema.alterTable('tags', (t) => t.text('note')); }
export async function down(knex: Knex) { await knex.schema.alterTable('tags', (t) => t.dropColumn('note')); }
`);
    const first = await checkText(p);
    expect(first.imported, first.output).to.deep.equal([]);
    expect(first.output).to.include('model files unchanged');
    const cached = await check(p);
    expect(cached.imported, cached.output).to.deep.equal([]);
    const fromZero = await check(p, '--no-cache');
    expect(fromZero.imported).to.deep.equal(['post', 'tag', 'user']);
    expect(cached.exitCode).to.equal(fromZero.exitCode);
    expect(cached.findings).to.deep.equal(fromZero.findings);
  });
});

const BARREL_MIGRATION = `import type { Knex } from 'knex';
export async function up(knex: Knex) {
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('email').notNullable();
  });
  await knex.schema.createTable('teams', (t) => {
    t.increments('id');
    t.string('name').notNullable();
  });
}
export async function down(knex: Knex) {
  await knex.schema.dropTable('teams');
  await knex.schema.dropTable('users');
}
`;
const LONG_NAME = `idx_${'very_long_'.repeat(7)}label`;
const EDGE_FILES = {
  'knexfile.ts': KNEXFILE,
  'pre-commit-check.config.ts': CONFIG,
  'migrations/20260101000000_init.ts': BARREL_MIGRATION,
  // the barrel fixture's models (test/fixtures/barrel-models): one model, however many files export it
  'models/user.ts': `import { defineModel, t } from 'pre-commit-check';

export const User = defineModel({
  table: 'users',
  columns: {
    id: t.increments(),
    email: t.string().notNullable(),
    stripe_customer_id: t.string(),
  },
});
`,
  'models/team.ts': `import { defineModel, t } from 'pre-commit-check';\nexport const Team = defineModel({ table: 'teams', columns: { id: t.increments(), name: t.string().notNullable() } });\n`,
  'models/index.ts': `export * from './user.ts';\nexport { Team } from './team.ts';\nexport { Team as DefaultTeam } from './team.ts';\n`,
  // invalid models: an index on an undeclared column, a file with no model, a file that throws
  'models/bad.ts': `import { defineModel, t } from 'pre-commit-check';\n\nexport const Bad = defineModel({\n  table: 'bads',\n  columns: { id: t.increments() },\n  indexes: [{ columns: ['nope'] }],\n});\n`,
  'models/empty.ts': `export const notAModel = 1;\n`,
  'models/broken.ts': logged('broken', `throw new Error('broken on purpose');`),
  // a name PostgreSQL cuts: a note on every run
  'models/long.ts': `import { defineModel, t } from 'pre-commit-check';\nexport const Long = defineModel({ table: 'longs', columns: { id: t.increments(), label: t.text() }, indexes: [{ columns: ['label'], name: '${LONG_NAME}' }] });\n`,
};

describe('model files restored from the cache: the same findings as --no-cache', function () {
  this.timeout(240_000);
  let p: TempProject;
  afterEach(() => p?.remove());

  it('a barrel re-export, invalid models, a file that throws (imported every run) and a long-name note', async () => {
    p = ownCacheProject(EDGE_FILES);
    const first = await check(p);
    expect(first.exitCode, first.output).to.equal(1);
    p.write('models/tag.ts', TAG());
    const text = await checkText(p);
    expect(text.output).to.include('2 of 8 model files changed');
    expect(text.output).to.include(`has a name over 63 bytes`);
    expect(text.imported).to.deep.equal(['broken', 'tag']);
    const cached = await check(p);
    expect(cached.imported).to.deep.equal(['broken']);
    const fromZero = await check(p, '--no-cache');
    expect(fromZero.imported).to.deep.equal(['broken', 'tag']);
    expect(cached.exitCode).to.equal(fromZero.exitCode);
    expect(cached.findings).to.deep.equal(fromZero.findings);
    const codes = cached.findings.map((f) => `${f.code} ${f.table ?? (f as { file?: string }).file}`);
    expect(codes).to.include.members(['missing-column users', 'invalid-model bads', 'invalid-model models/empty.ts', 'invalid-model models/broken.ts']);
    expect(codes.filter((c) => c.startsWith('duplicate-model'))).to.deep.equal([]);
    const line = (cached.findings.find((f) => f.code === 'missing-column' && f.table === 'users') as { line?: number; file?: string } | undefined);
    expect(line).to.include({ file: 'models/user.ts', line: 8 });
  });
});

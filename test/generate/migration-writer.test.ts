// `generate`: for every drift fixture, the generated migration makes `check --full` clean (no finding at
// all, warnings included), which applies it, rolls it back and applies it again on a scratch database.
// Fixtures generate cannot help with are refused with the findings that say why. Plus the language and
// file name of the migration, and the refusal to drop without --allow-destructive.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'chai';
import { REPO, makeProject, runCli, type TempProject } from '../helpers/project.ts';
import { sharedServer } from '../helpers/pg.ts';
import { runCheck } from '../../src/check/check-project.ts';
import { generateMigration, migrationFileName, sanitiseName, type GenerateResult } from '../../src/generate/migration-writer-file.ts';
import { isNarrowing } from '../../src/generate/migration-writer.ts';
import type { Finding } from '../../src/diff/findings.ts';

const FIXTURES = join(REPO, 'test/fixtures');
const fixtures = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(FIXTURES, d.name, 'expected.json')))
  .map((d) => d.name)
  .sort();

/** generate cannot help by design: the project must be fixed first. */
const BLOCKED: Record<string, string> = {
  'invalid-model': 'invalid-model',
  'invalid-model-referenced': 'invalid-model',
  'invalid-model-partial': 'invalid-model',
  'invalid-model-unique-target': 'invalid-model',
  'duplicate-model': 'duplicate-model',
  'unresolved-reference': 'unresolved-reference',
  'migration-failed': 'migration-failed',
  'missing-down': 'missing-down',
  'knexfile-migration-source-missing-down': 'missing-down',
  'knexfile-search-path-missing-schema': 'migration-failed',
  // what a model uses and no migration creates: the user says how it is made (an extension, a function)
  'migration-objects': 'missing-object',
};
/** Fixtures of shape-only sources (from.knexTypes, from.objection): they state no DDL, generate leaves their tables alone. */
const SHAPE_ONLY = (name: string): boolean => /^(knex-types|objection)-/.test(name);
/** The stray-model fixture has its own test: generate must leave its table alone. */
const STRAY = 'unmodeled-table-stray-model';
/** Their drift can only be fixed by dropping something the database has. */
const NEEDS_DROPS = new Set(['hint-desc-index', 'missing-column', 'unmodeled-column', 'unmodeled-foreign-key', 'unmodeled-index', 'unmodeled-table', 'unmodeled-unique', 'generated-recreated', 'real-trigram-index-hints']);
/**
 * Nothing to do at all (the round-trip fixtures' models match their migrations; their problem is in
 * down()). The real-* fixtures (reduced from public migration histories) are all what pull writes.
 */
const isClean = (name: string): boolean =>
  (name.startsWith('real-') && !REAL_DRIFT.has(name)) || name.endsWith('-clean') || CLEAN.has(name) || OTHER_FINDINGS(name).length > 0;
/** real-* fixtures that are drift on purpose (a hint to follow), not what pull writes. */
const REAL_DRIFT = new Set(['real-trigram-index-hints']);
/** Findings about something other than model drift (conventions, generated files): generate has nothing to do for them. */
const OTHER_FINDINGS = (name: string): string[] =>
  name.startsWith('convention-') ? ['convention-violation'] : name === 'stale-generated' ? ['stale-generated'] : [];
const CLEAN = new Set([
  'equal-written-differently',
  'round-trip-clean',
  'down-fails',
  'irreversible-migration',
  'round-trip-every-irreversible',
  'round-trip-long-names',
  'round-trip-rebuild-fallback',
  'knexfile-client-checks',
  'knexfile-hooks',
  'knexfile-migration-hooks',
  'knexfile-migration-source',
  'knexfile-search-path',
  'pull-fidelity',
  'schema-facets',
  'long-identifiers',
  // model sources and SQL folders (issue 14) that agree with their migrations
  'drizzle-kit-sql',
]);
/** Findings that stay after generate because they are not drift: the round trip of migrations written by hand. */
const NOT_DRIFT: Record<string, string[]> = {
  'down-fails': ['migration-failed'],
  'irreversible-migration': ['irreversible-migration'],
  'round-trip-every-irreversible': ['irreversible-migration', 'migration-failed'],
  'round-trip-long-names': ['irreversible-migration'],
  'round-trip-rebuild-fallback': ['irreversible-migration'],
  'knexfile-migration-source': ['irreversible-migration'],
  // Its afterEach hook creates a table on the way down too: rolling everything back leaves it.
  'knexfile-migration-hooks': ['irreversible-migration'],
  // searchPath ['app', 'public'] with app created by 001: Knex records 002 in app.knex_migrations,
  // and finds no 001 there to roll back (as knex migrate:rollback finds nothing).
  'knexfile-search-path': ['migration-failed'],
  'real-irreversible-view': ['irreversible-migration'],
  'real-roundtrip-all-findings': ['irreversible-migration'],
  // its reduced down() leaves the pg_trgm extension behind: a real irreversibility of the fixture
  'real-index-opclass': ['irreversible-migration'],
};

/** A fixture's own files (not a node_modules left by a run in place), as makeProject wants them. */
function filesOf(dir: string, base = dir): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) Object.assign(out, filesOf(full, base));
    else out[relative(base, full)] = readFileSync(full, 'utf8');
  }
  return out;
}

const show = (fs: Finding[]): string => fs.map((f) => `${f.code} [${f.severity}] ${f.schema}.${f.table} ${f.columns.join(',')}: ${f.message}`).join('\n');

// A fixture whose knexfile has a migrationSource of its own may have no migrations folder.
const migrationsOf = (p: TempProject, dir = 'migrations'): string[] => (existsSync(join(p.dir, dir)) ? readdirSync(join(p.dir, dir)).sort() : []);

async function fullCheck(p: TempProject): Promise<Finding[]> {
  const { report } = await runCheck({ cwd: p.dir, server: await sharedServer(), full: true });
  return report.findings;
}

describe('generate: a migration from the drift', function () {
  this.timeout(120_000);
  const projects: TempProject[] = [];
  const project = (files: Record<string, string> = {}, from?: string): TempProject => {
    // A fixture's copy gets the packages it imports (an ORM of a model source), as makeProject gives them.
    const p = from ? makeProject(files, { from }) : makeProject(files);
    projects.push(p);
    return p;
  };
  after(() => projects.forEach((p) => p.remove()));

  it('never drops a table whose model is in a file the globs miss (seed 004), and says why', async () => {
    const p = project({}, join(FIXTURES, STRAY));
    const result = await generateMigration({ cwd: p.dir, server: await sharedServer(), allowDestructive: true });
    expect(result.status).to.equal('written');
    if (result.status !== 'written') return;
    const text = readFileSync(result.file, 'utf8');
    expect(text).to.include("dropTable('audit_log')");
    expect(text).to.not.include('enterprise_invitations');
    expect(result.plan.notes.join('\n')).to.include('table public.enterprise_invitations is not dropped: model/enterprise.ts declares its model');
    // What is left is the user's to fix (the globs), and the check still says so.
    const left = await fullCheck(p);
    expect(left.map((f) => `${f.code} ${f.table}`)).to.deep.equal(['unmodeled-table enterprise_invitations']);
  });

  describe('every drift fixture: generate, then check --full is clean', () => {
    for (const name of fixtures) {
      // A SQL folder's migrations are its tool's to write: generate refuses there (test/hook/sql-migrations.test.ts).
      if (BLOCKED[name] || name === STRAY || name.startsWith('sqlmig-')) continue;
      it(name, async () => {
        const p = project({}, join(FIXTURES, name));
        const before = migrationsOf(p);
        const server = await sharedServer();
        if (SHAPE_ONLY(name)) {
          // No DDL to plan from: no stated table is dropped (even with --allow-destructive: only the
          // tables nothing states may go), and the findings left to the user are said.
          const result = await generateMigration({ cwd: p.dir, server, allowDestructive: true });
          expect(result.status).to.not.equal('blocked');
          if (result.status === 'blocked') return;
          const written = result.status === 'written' ? readFileSync(result.file, 'utf8') : '';
          for (const table of ['users', 'accounts', 'people', 'pets', 'orders', 'meals']) expect(written, written).to.not.match(new RegExp(`dropTable\\(['"]${table}['"]\\)`));
          expect(result.plan.notes.some((n) => n.includes('left to you'))).to.equal(name.endsWith('-drift'));
          return;
        }
        if (NEEDS_DROPS.has(name)) {
          // without the flag, the drops are listed and left out
          const careful = await generateMigration({ cwd: p.dir, server });
          expect(careful.status).to.not.equal('blocked');
          if (careful.status !== 'blocked') expect(careful.plan.skipped.length, 'destructive operations listed').to.be.greaterThan(0);
          if (careful.status === 'written') {
            // keep only the full run's file
            const { rmSync } = await import('node:fs');
            rmSync(careful.file);
          }
        }
        const result = await generateMigration({ cwd: p.dir, server, allowDestructive: NEEDS_DROPS.has(name) });
        if (isClean(name)) {
          expect(result.status, result.status === 'written' ? readFileSync(result.file, 'utf8') : '').to.equal('nothing');
          expect(migrationsOf(p)).to.deep.equal(before);
        } else {
          expect(result.status, JSON.stringify(result.status === 'blocked' ? result.findings : null)).to.equal('written');
          expect(migrationsOf(p).length).to.equal(before.length + 1);
        }
        const findings = (await fullCheck(p)).filter((f) => ![...(NOT_DRIFT[name] ?? []), ...OTHER_FINDINGS(name)].includes(f.code));
        const written = result.status === 'written' ? readFileSync(result.file, 'utf8') : '(none)';
        expect(findings, `findings after generate:\n${show(findings)}\nmigration:\n${written}`).to.deep.equal([]);
      });
    }
  });

  describe('fixtures generate cannot help with are refused, saying why', () => {
    for (const [name, code] of Object.entries(BLOCKED)) {
      if (!fixtures.includes(name)) continue;
      it(name, async () => {
        const p = project({}, join(FIXTURES, name));
        const before = migrationsOf(p);
        const result: GenerateResult = await generateMigration({ cwd: p.dir, server: await sharedServer(), allowDestructive: true });
        expect(result.status).to.equal('blocked');
        if (result.status === 'blocked') {
          expect(result.findings.map((f) => f.code)).to.include(code);
          for (const f of result.findings) expect(f.message).to.be.a('string').and.not.empty;
        }
        expect(migrationsOf(p)).to.deep.equal(before);
      });
    }
  });

  describe('a richer drift in one migration', () => {
    it('schemas, enum types (new, labels added and used), a reference cycle, changed index, check, unique and key: clean after check --full', async () => {
      const p = project({
        'knexfile.ts': `export default { client: 'pg', migrations: { directory: './migrations' } };\n`,
        'pre-commit-check.config.ts': `export default { models: ['models/**/*.ts'] };\n`,
        'migrations/001_base.ts': `import type { Knex } from 'knex';
export async function up(knex: Knex): Promise<void> {
  await knex.raw("CREATE TYPE ticket_state AS ENUM ('open', 'closed')");
  await knex.schema.createTable('tickets', (t) => {
    t.increments('id');
    t.specificType('state', 'ticket_state').notNullable().defaultTo('open');
    t.string('title', 80).notNullable();
    t.integer('priority').notNullable();
    t.index(['title']);
    t.check('priority > 0', [], 'tickets_priority_check');
  });
}
export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('tickets');
  await knex.raw('DROP TYPE ticket_state');
}
`,
        'models/tickets.ts': `import { defineModel, t, sql } from 'pre-commit-check';
export const Ticket = defineModel({
  table: 'tickets',
  columns: {
    id: t.increments(),
    state: t.enum('ticket_state', ['new', 'open', 'closed']).notNullable().defaultTo('new'),
    title: t.string(120).notNullable(),
    priority: t.integer().notNullable().defaultTo(3),
    owner_id: t.uuid().references('billing.accounts.id').onDelete('SET NULL'),
  },
  indexes: [{ columns: ['title'], where: "state <> 'closed'" }],
  uniques: [{ columns: ['title', 'owner_id'], name: 'tickets_title_owner_uq' }],
  checks: [{ name: 'tickets_priority_check', expression: 'priority between 1 and 5' }],
});
export const Account = defineModel({
  schema: 'billing',
  table: 'accounts',
  columns: {
    id: t.uuid().primary().defaultTo(sql\`gen_random_uuid()\`),
    plan: t.enum('plan', ['free', 'pro']).notNullable().defaultTo('free'),
    main_invoice_id: t.integer().references('billing.invoices.id'),
  },
});
export const Invoice = defineModel({
  schema: 'billing',
  table: 'invoices',
  columns: {
    id: t.increments(),
    account_id: t.uuid().notNullable().references('billing.accounts.id').onDelete('CASCADE'),
    total: t.decimal(10, 2).notNullable().defaultTo(0),
  },
  checks: [{ expression: 'total >= 0' }],
});
`,
      });
      const result = await generateMigration({ cwd: p.dir, server: await sharedServer() });
      expect(result.status).to.equal('written');
      if (result.status !== 'written') return;
      const text = readFileSync(result.file, 'utf8');
      // a new label used as the default in the same migration: outside a transaction
      expect(text).to.include('export const config = { transaction: false };');
      expect(text).to.include(`createSchema('billing')`);
      expect(text.indexOf('CREATE TYPE "billing"."plan"')).to.be.lessThan(text.indexOf(`createTable('accounts'`));
      const findings = await fullCheck(p);
      expect(findings, `${show(findings)}\n${text}`).to.deep.equal([]);
    });

    it('leaves a narrowing type change out without --allow-destructive, and includes it with', async () => {
      const p = project({
        'knexfile.ts': `export default { client: 'pg', migrations: { directory: './migrations' } };\n`,
        'pre-commit-check.config.ts': `export default { models: ['models/**/*.ts'] };\n`,
        'migrations/001_notes.ts': `import type { Knex } from 'knex';
export async function up(knex: Knex) { await knex.schema.createTable('notes', (t) => { t.increments('id'); t.text('body').notNullable(); t.string('tag', 50); }); }
export async function down(knex: Knex) { await knex.schema.dropTable('notes'); }
`,
        'models/note.ts': `import { defineModel, t } from 'pre-commit-check';
export const Note = defineModel({ table: 'notes', columns: { id: t.increments(), body: t.string(200).notNullable(), tag: t.string(50).notNullable() } });
`,
      });
      const server = await sharedServer();
      const careful = await generateMigration({ cwd: p.dir, server, name: 'tighten notes' });
      expect(careful.status).to.equal('written');
      if (careful.status !== 'written') return;
      expect(careful.plan.skipped.map((o) => o.target)).to.deep.equal(['public.notes.body']);
      expect(careful.plan.operations.map((o) => o.target)).to.deep.equal(['public.notes.tag']);
      expect(careful.relativeFile).to.match(/^migrations\/\d{14}_tighten_notes\.ts$/);
      const bold = await generateMigration({ cwd: p.dir, server, allowDestructive: true });
      expect(bold.status).to.equal('written');
      const findings = await fullCheck(p);
      expect(findings, show(findings)).to.deep.equal([]);
    });
  });

  describe('the language of the project', () => {
    const model = `import { defineModel, t } from 'pre-commit-check';
export const User = defineModel({ table: 'users', columns: { id: t.increments(), email: t.string().notNullable().unique() } });
`;
    it('JavaScript, ES module: .js with export async function up(knex)', async () => {
      const p = project({
        'package.json': `{ "name": "esm-app", "type": "module" }\n`,
        'knexfile.js': `export default { client: 'pg', migrations: { directory: './db/migrations' } };\n`,
        'pre-commit-check.config.js': `export default { models: ['models/**/*.ts'], knexfile: 'knexfile.js' };\n`,
        'db/migrations/20250101000000_init.js': `export async function up(knex) { await knex.schema.createTable('users', (t) => { t.increments('id'); }); }\nexport async function down(knex) { await knex.schema.dropTable('users'); }\n`,
        'models/user.ts': model,
      });
      const result = await generateMigration({ cwd: p.dir, server: await sharedServer() });
      expect(result.status).to.equal('written');
      if (result.status !== 'written') return;
      expect(result.relativeFile).to.match(/^db\/migrations\/\d{14}_sync_models\.js$/);
      const text = readFileSync(result.file, 'utf8');
      expect(text).to.include('export async function up(knex) {');
      expect(text).to.not.include('import type');
      const findings = await fullCheck(p);
      expect(findings, show(findings)).to.deep.equal([]);
    });

    it('JavaScript, CommonJS: exports.up = async function', async () => {
      const p = project({
        'package.json': `{ "name": "cjs-app" }\n`,
        'knexfile.cjs': `module.exports = { client: 'pg', migrations: { directory: './migrations' } };\n`,
        'pre-commit-check.config.cjs': `module.exports = { models: ['models/**/*.ts'], knexfile: 'knexfile.cjs' };\n`,
        'migrations/20250101000000_init.js': `exports.up = async (knex) => { await knex.schema.createTable('users', (t) => { t.increments('id'); }); };\nexports.down = async (knex) => { await knex.schema.dropTable('users'); };\n`,
        'models/user.ts': model,
      });
      const result = await generateMigration({ cwd: p.dir, server: await sharedServer() });
      expect(result.status).to.equal('written');
      if (result.status !== 'written') return;
      expect(result.relativeFile).to.match(/^migrations\/\d{14}_sync_models\.js$/);
      const text = readFileSync(result.file, 'utf8');
      expect(text).to.include('exports.up = async function up(knex) {');
      expect(text).to.include('exports.down = async function down(knex) {');
      const findings = await fullCheck(p);
      expect(findings, show(findings)).to.deep.equal([]);
    });
  });

  describe('file names and type changes (pure)', () => {
    it('names files like Knex, after every existing migration', () => {
      const now = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
      expect(migrationFileName(['001_init.ts'], 'sync_models', 'ts', now)).to.equal('20260102030405_sync_models.ts');
      expect(migrationFileName(['20270101000000_future.ts'], 'x', 'ts', now)).to.equal('20270101000001_x.ts');
      expect(sanitiseName('add invoices!')).to.equal('add_invoices');
      expect(sanitiseName('  ')).to.equal('sync_models');
    });
    it('tells narrowing type changes from widening ones', () => {
      expect(isNarrowing('character varying(200)', 'character varying(255)')).to.equal(false);
      expect(isNarrowing('character varying(255)', 'character varying(100)')).to.equal(true);
      expect(isNarrowing('text', 'character varying(100)')).to.equal(true);
      expect(isNarrowing('integer', 'bigint')).to.equal(false);
      expect(isNarrowing('bigint', 'integer')).to.equal(true);
      expect(isNarrowing('timestamp without time zone', 'timestamp with time zone')).to.equal(false);
      expect(isNarrowing('timestamp with time zone', 'timestamp without time zone')).to.equal(true);
      expect(isNarrowing('numeric(10,2)', 'numeric(12,2)')).to.equal(false);
      expect(isNarrowing('numeric(10,2)', 'numeric(10,1)')).to.equal(true);
      expect(isNarrowing('text[]', 'text')).to.equal(false);
    });
  });

  describe('the command line (real binary)', () => {
    it('writes the migration, prints its path and the operations; check --full is then clean', async () => {
      const p = project({}, join(FIXTURES, 'missing-table'));
      const r = await runCli(['generate', '--name', 'add invoices'], { cwd: p.dir });
      expect(r.exitCode, r.stderr).to.equal(0);
      const written = migrationsOf(p).filter((f) => /^\d{14}_/.test(f));
      expect(written).to.have.length(1);
      expect(written[0]).to.match(/^\d{14}_add_invoices\.ts$/);
      expect(r.stdout).to.include(`migrations/${written[0]}`);
      expect(r.stdout).to.include('create table public.invoices');
      const c = await runCli(['check', '--full', '--json'], { cwd: p.dir });
      expect(c.exitCode, c.stdout + c.stderr).to.equal(0);
      expect(JSON.parse(c.stdout).findings).to.deep.equal([]);
    });

    it('no drift: writes nothing and says so (exit 0)', async () => {
      const p = project({}, join(FIXTURES, 'equal-written-differently'));
      const before = migrationsOf(p);
      const r = await runCli(['generate'], { cwd: p.dir });
      expect(r.exitCode, r.stderr).to.equal(0);
      expect(r.stdout).to.match(/Nothing to do/);
      expect(migrationsOf(p)).to.deep.equal(before);
    });

    it('refuses to drop without --allow-destructive, listing what it left out; drops with it', async () => {
      const p = project({}, join(FIXTURES, 'unmodeled-index'));
      const before = migrationsOf(p);
      const r = await runCli(['generate'], { cwd: p.dir });
      expect(r.exitCode, r.stderr).to.equal(0);
      expect(r.stdout).to.match(/No migration written/);
      expect(r.stdout).to.include('drop index (occurred_at) events_occurred_at_index of public.events');
      expect(r.stdout).to.include('--allow-destructive');
      expect(migrationsOf(p)).to.deep.equal(before);
      const r2 = await runCli(['generate', '--allow-destructive'], { cwd: p.dir });
      expect(r2.exitCode, r2.stderr).to.equal(0);
      expect(migrationsOf(p).length).to.equal(before.length + 1);
      const c = await runCli(['check', '--full', '--json'], { cwd: p.dir });
      expect(JSON.parse(c.stdout).findings).to.deep.equal([]);
    });

    it('a project generate cannot help: exit 1, what is wrong and what to do, nothing written', async () => {
      const p = project({}, join(FIXTURES, 'missing-down'));
      const before = migrationsOf(p);
      const r = await runCli(['generate'], { cwd: p.dir });
      expect(r.exitCode).to.equal(1);
      expect(r.stderr).to.include('No migration written');
      expect(r.stderr).to.include('missing-down');
      expect(r.stderr).to.include('002_add_display_name.ts');
      expect(migrationsOf(p)).to.deep.equal(before);
    });

    it('a missing knexfile is a usage error (exit 2)', async () => {
      const p = project({}, join(FIXTURES, 'missing-table'));
      const r = await runCli(['generate', '--knexfile', 'nope.ts'], { cwd: p.dir });
      expect(r.exitCode).to.equal(2);
    });
  });
});

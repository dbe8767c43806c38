// Apply only what is new (issue 13), end to end with the real binary and the embedded PostgreSQL: a
// run whose migration history extends one an earlier run kept starts from that migrated state and
// runs only the migrations after it, and its findings are exactly those of a run from zero
// (--no-cache), for appended, edited, removed and reordered migrations. Every migration also checks,
// as it runs, that Knex's migrations table lists exactly the migrations before it, in order, one
// batch each, as a run from zero leaves it.
import { expect } from 'chai';

import { existsSync, readFileSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG, KNEXFILE, runCli, type TempProject, ownCacheProject } from '../helpers/project.ts';
import { migrationMessages } from '../../src/messages/migrations.ts';
import { FIRST_KEEP_ENV } from '../../src/check/migrated-snapshot.ts';

/** Each migration's first step: Knex's table must list the files before this one, batches 1, 2, ... */
const guard = (self: string) => `import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
async function guard(knex: Knex) {
  const rows = await knex('knex_migrations').orderBy('id').select('name', 'batch');
  const files = readdirSync(path.join(process.cwd(), 'migrations')).filter((f) => f.endsWith('.ts')).sort();
  const seen = rows.map((r) => r.name + '@' + r.batch).join(',');
  const want = files.slice(0, files.indexOf('${self}')).map((f, i) => f + '@' + (i + 1)).join(',');
  if (seen !== want) throw new Error('knex_migrations lists ' + seen + ', expected ' + want);
}
`;
const migration = (self: string, up: string, down?: string) =>
  `${guard(self)}export async function up(knex: Knex) {\n  await guard(knex);\n  ${up}\n}\n${down ? `export async function down(knex: Knex) {\n  ${down}\n}\n` : ''}`;

const USERS = '001_users.ts';
const POSTS = '002_posts.ts';
const NAME = '003_users_name.ts';
const BODY = '004_posts_body.ts';
const FILES: Record<string, string> = {
  'knexfile.ts': KNEXFILE,
  'pre-commit-check.config.ts': CONFIG,
  [`migrations/${USERS}`]: migration(USERS, `await knex.schema.createTable('users', (t) => { t.increments('id'); t.string('email').notNullable(); });`, `await knex.schema.dropTable('users');`),
  // No down(): a missing-down finding, which a resumed run knows without loading the file.
  [`migrations/${POSTS}`]: migration(POSTS, `await knex.schema.createTable('posts', (t) => { t.increments('id'); t.integer('user_id').references('users.id'); t.string('title'); });`),
  // The models drift from the migrations in several ways, so that there are findings to compare.
  'models/models.ts': `import { defineModel, t } from 'pre-commit-check';
export const User = defineModel({ table: 'users', columns: { id: t.increments(), email: t.string().notNullable(), name: t.text().notNullable() } });
export const Post = defineModel({ table: 'posts', columns: { id: t.increments(), user_id: t.integer().references('users.id').onDelete('CASCADE'), title: t.string().notNullable(), body: t.text() } });
`,
};
const NAME_FILE = migration(NAME, `await knex.schema.alterTable('users', (t) => { t.text('name'); });`, `await knex.schema.alterTable('users', (t) => { t.dropColumn('name'); });`);
const NAME_EDITED = migration(NAME, `await knex.schema.alterTable('users', (t) => { t.text('name').notNullable(); });`, `await knex.schema.alterTable('users', (t) => { t.dropColumn('name'); });`);
const BODY_FILE = migration(BODY, `await knex.schema.alterTable('posts', (t) => { t.text('body'); });`, `await knex.schema.alterTable('posts', (t) => { t.dropColumn('body'); });`);

/** A temp project with a cache of its own (test/helpers/project.ts): no other test's snapshots. */
const snapshotProject = (): TempProject => ownCacheProject(FILES);

interface Outcome {
  exitCode: number | undefined;
  findings: unknown[];
  /** The migrations this run applied, in order (from --verbose's progress lines). */
  ran: string[];
  /** The migrations the round trip rolled back, in order. */
  downs: string[];
}
const snapshotsOf = (p: TempProject) => path.join(p.dir, 'node_modules/.cache/pre-commit-check/snapshots');
/** The kept snapshots' meta files, each with `keepMs` (what keeping it cost) set: 0 makes every later keep pay. */
function setKeepCost(p: TempProject, keepMs: number): string[] {
  const metas = readdirSync(snapshotsOf(p)).filter((n) => n.endsWith('.json'));
  for (const n of metas) {
    const file = path.join(snapshotsOf(p), n);
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), keepMs }));
  }
  return metas;
}
/** Keeping a snapshot from zero is taken to cost nothing: these histories migrate in ms. */
const FREE_KEEPS = { [FIRST_KEEP_ENV]: '0' };
/** A check run; afterwards every kept snapshot says it cost nothing, so the next run keeps its state whatever the timings (unless `keepCost` says otherwise). */
async function check(p: TempProject, ...flags: string[]): Promise<Outcome> {
  const r = await runCli(['check', '--json', '--verbose', ...flags], { cwd: p.dir, timeout: 120_000, env: FREE_KEEPS });
  setKeepCost(p, 0);
  expect(r.stderr, r.stderr).not.to.include('knex_migrations lists');
  const report = JSON.parse(r.stdout) as { findings: unknown[] };
  const ran = [...r.stderr.matchAll(/running migration \d+\/\d+: (\S+)/g)].map((m) => m[1]!);
  const downs = [...r.stderr.matchAll(/running migration \d+\/\d+ \(down\): (\S+)/g)].map((m) => m[1]!);
  return { exitCode: r.exitCode, findings: report.findings, ran, downs };
}

/** check --full: the run with the cache round-trips `downs` only (rolled back in this order), and finds exactly what a --full run from zero finds. */
async function expectFullSameAsFromZero(p: TempProject, downs: string[]): Promise<void> {
  const cached = await check(p, '--full');
  expect(cached.downs, 'migrations rolled back by the cached run').to.deep.equal(downs);
  const zero = await check(p, '--full', '--no-cache');
  expect(zero.downs.length, 'a --no-cache run rolls back every migration').to.equal(readdirSync(path.join(p.dir, 'migrations')).length);
  expect(cached.findings).to.deep.equal(zero.findings);
  expect(cached.exitCode).to.equal(zero.exitCode);
}

/** The run with the cache applies `ran` only, and finds exactly what a run from zero finds. */
async function expectSameAsFromZero(p: TempProject, ran: string[]): Promise<void> {
  const cached = await check(p);
  expect(cached.ran, 'migrations applied by the cached run').to.deep.equal(ran);
  const zero = await check(p, '--no-cache');
  expect(zero.ran.length, 'a --no-cache run applies every migration').to.equal(readdirSync(path.join(p.dir, 'migrations')).length);
  expect(cached.findings).to.deep.equal(zero.findings);
  expect(cached.exitCode).to.equal(zero.exitCode);
  expect(zero.findings, 'the models drift: there is something to compare').not.to.be.empty;
}

describe('check: a new migration costs one migration (migrated snapshots)', function () {
  this.timeout(600_000);
  let p: TempProject;
  afterEach(() => p?.remove());

  it('appended, edited, removed and reordered migrations: from the longest kept prefix, findings as from zero', async () => {
    p = snapshotProject();
    await expectSameAsFromZero(p, [USERS, POSTS]); // nothing kept yet: from zero, [users, posts] kept
    p.write(`migrations/${NAME}`, NAME_FILE);
    await expectSameAsFromZero(p, [NAME]); // appended
    p.write(`migrations/${BODY}`, BODY_FILE);
    await expectSameAsFromZero(p, [BODY]); // appended again
    p.write(`migrations/${NAME}`, NAME_EDITED);
    await expectSameAsFromZero(p, [NAME, BODY]); // an edited one: back to [users, posts]
    unlinkSync(path.join(p.dir, 'migrations', NAME));
    await expectSameAsFromZero(p, [BODY]); // a removed one: back to [users, posts]
    p.write(`migrations/${NAME}`, NAME_FILE);
    renameSync(path.join(p.dir, 'migrations', BODY), path.join(p.dir, 'migrations', '002a_posts_body.ts'));
    p.write('migrations/002a_posts_body.ts', BODY_FILE.replaceAll(BODY, '002a_posts_body.ts'));
    await expectSameAsFromZero(p, ['002a_posts_body.ts', NAME]); // reordered: back to [users, posts]
  });

  it('a run keeps its state only once the migrations it applied took as long as keeping a snapshot: until then each run applies them again', async () => {
    p = snapshotProject();
    await runCli(['check'], { cwd: p.dir, timeout: 120_000 }); // from zero, in ms: cheaper to run again than to keep
    expect(existsSync(snapshotsOf(p)) ? readdirSync(snapshotsOf(p)) : [], 'a history this fast is not kept').to.deep.equal([]);
    for (const entry of ['migrated', 'result']) rmSync(path.join(snapshotsOf(p), '..', entry), { recursive: true, force: true }); // run the migrations again
    await runCli(['check'], { cwd: p.dir, timeout: 120_000, env: { [FIRST_KEEP_ENV]: '0' } }); // from zero: [users, posts] kept
    const kept = readdirSync(snapshotsOf(p)).filter((n) => n.endsWith('.json'));
    expect(kept).to.have.length(1);
    expect(JSON.parse(readFileSync(path.join(snapshotsOf(p), kept[0]!), 'utf8')).keepMs, 'a kept snapshot records what keeping it cost').to.be.above(0);
    const first = setKeepCost(p, 3_600_000); // keeping that one took an hour: applying two small migrations again is cheaper
    p.write(`migrations/${NAME}`, NAME_FILE);
    const name = await runCli(['check', '--json', '--verbose'], { cwd: p.dir, timeout: 120_000 });
    expect([...name.stderr.matchAll(/running migration \d+\/\d+: (\S+)/g)].map((m) => m[1])).to.deep.equal([NAME]);
    expect(readdirSync(snapshotsOf(p)).filter((n) => n.endsWith('.json')), 'no new snapshot kept').to.deep.equal(first);
    p.write(`migrations/${BODY}`, BODY_FILE);
    setKeepCost(p, 3_600_000);
    const body = await runCli(['check', '--json', '--verbose'], { cwd: p.dir, timeout: 120_000 });
    expect([...body.stderr.matchAll(/running migration \d+\/\d+: (\S+)/g)].map((m) => m[1]), 'from [users, posts] again').to.deep.equal([NAME, BODY]);
    expect(readdirSync(snapshotsOf(p)).filter((n) => n.endsWith('.json'))).to.deep.equal(first);
    expect(JSON.parse(body.stdout).findings).to.deep.equal((await check(p, '--no-cache')).findings);
    setKeepCost(p, 0); // a keep that costs nothing always pays: the next run keeps its state
    const BIO = '005_users_bio.ts';
    p.write(`migrations/${BIO}`, migration(BIO, `await knex.schema.alterTable('users', (t) => { t.text('bio'); });`, `await knex.schema.alterTable('users', (t) => { t.dropColumn('bio'); });`));
    await expectSameAsFromZero(p, [NAME, BODY, BIO]);
    expect(readdirSync(snapshotsOf(p)).filter((n) => n.endsWith('.json'))).to.have.length(2);
  });

  it('--ci runs every migration from zero, and a broken snapshot is a run from zero, not a failure', async () => {
    p = snapshotProject();
    p.write(`migrations/${NAME}`, NAME_FILE);
    await check(p); // keeps [users, posts, name]
    p.write(`migrations/${BODY}`, BODY_FILE);
    expect((await check(p, '--ci')).ran).to.deep.equal([USERS, POSTS, NAME, BODY]);
    // The kept data directory loses a file: the entry is not used (and is removed).
    const snapshots = snapshotsOf(p);
    const [entry] = readdirSync(snapshots).filter((n) => !n.includes('.'));
    rmSync(path.join(snapshots, entry!, 'PG_VERSION'));
    const outcome = await check(p);
    expect(outcome.ran).to.deep.equal([USERS, POSTS, NAME, BODY]);
    expect(outcome.findings).to.deep.equal((await check(p, '--no-cache')).findings);
  });

  it('a model that uses what the migrations create (declared over a copy of the migrated database): kept, then resumed, findings as from zero', async () => {
    p = snapshotProject();
    const LOGINS = '003_logins.ts';
    p.write(`migrations/${LOGINS}`, migration(LOGINS, `await knex.raw('CREATE EXTENSION IF NOT EXISTS citext'); await knex.schema.createTable('logins', (t) => { t.increments('id'); t.specificType('name', 'citext'); });`, `await knex.schema.dropTable('logins');`));
    p.write('models/logins.ts', `import { defineModel, t } from 'pre-commit-check';
export const Login = defineModel({ table: 'logins', columns: { id: t.increments(), name: t.specificType('citext').notNullable() } });
`);
    await expectSameAsFromZero(p, [USERS, POSTS, LOGINS]); // from zero: the models ran again over a copy, then [users, posts, logins] kept
    const snapshots = snapshotsOf(p);
    expect(readdirSync(snapshots).filter((n) => n.endsWith('.json'))).to.have.length(1);
    p.write(`migrations/004_users_name.ts`, NAME_FILE.replaceAll(NAME, '004_users_name.ts'));
    await expectSameAsFromZero(p, ['004_users_name.ts']);
  });

  it('check --full round-trips only the migrations after those an earlier round trip passed, findings as from zero; --ci all of them', async () => {
    p = snapshotProject();
    p.write(`migrations/${POSTS}`, migration(POSTS, `await knex.schema.createTable('posts', (t) => { t.increments('id'); t.integer('user_id').references('users.id'); t.string('title'); });`, `await knex.schema.dropTable('posts');`));
    await expectFullSameAsFromZero(p, [POSTS, USERS]); // nothing passed yet: every migration
    p.write(`migrations/${NAME}`, NAME_FILE);
    await expectFullSameAsFromZero(p, [NAME]); // appended
    // An irreversible one (its down() leaves the column): found as from zero, and not recorded as passed.
    p.write(`migrations/${BODY}`, migration(BODY, `await knex.schema.alterTable('posts', (t) => { t.text('body'); });`, `await knex.raw('SELECT 1');`));
    await expectFullSameAsFromZero(p, [BODY]);
    const again = await runCli(['check', '--full'], { cwd: p.dir, timeout: 120_000 });
    expect(again.stdout).to.include('irreversible-migration');
    expect(again.stdout).to.include(migrationMessages.roundTripIncremental(3, 4));
    p.write(`migrations/${BODY}`, BODY_FILE);
    p.write(`migrations/${NAME}`, NAME_EDITED);
    await expectFullSameAsFromZero(p, [BODY, NAME]); // an edited one: from it on
    expect((await check(p, '--full', '--ci')).downs).to.deep.equal([BODY, NAME, POSTS, USERS]);
  });
});

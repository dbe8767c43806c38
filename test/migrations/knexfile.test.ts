// The knexfile is read as the knex CLI reads it (bin/cli.js openKnexfile + resolveEnvironmentConfig):
// every module format, functions, environments; the chosen config is kept whole for the
// migrations' Knex, and the migrations are listed as Knex's own sources list them.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PccError } from '../../src/errors.ts';
import { listMigrations } from '../../src/migrations/apply.ts';
import { loadKnexfile, settingsFingerprint, type MigrationSettings } from '../../src/migrations/knexfile.ts';

/** A temp folder (no package.json above it: .js is CommonJS) with these files. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pcc-knexfile-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const CONFIG = `{ client: 'postgresql', searchPath: ['app', 'public'], migrations: { directory: './db', tableName: 'history' } }`;

describe('migrations/knexfile: read as the knex CLI reads it', () => {
  const dirs: string[] = [];
  const load = async (name: string, files: Record<string, string>) => {
    const dir = folder(files);
    dirs.push(dir);
    return { dir, settings: await loadKnexfile(dir, name, true) };
  };
  let nodeEnv: string | undefined;
  beforeEach(() => {
    nodeEnv = process.env.NODE_ENV;
    delete process.env.NODE_ENV;
  });
  afterEach(() => {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  });
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  const formats: Array<[string, string]> = [
    ['knexfile.js', `module.exports = ${CONFIG};\n`],
    ['knexfile.cjs', `module.exports = ${CONFIG};\n`],
    ['knexfile.mjs', `export default ${CONFIG};\n`],
    ['knexfile.ts', `import type { Knex } from 'knex';\nconst config: Knex.Config = ${CONFIG};\nexport default config;\n`],
    ['knexfile.ts', `export default function knexConfig() {\n  return ${CONFIG};\n}\n`],
    ['knexfile.js', `module.exports = async () => (${CONFIG});\n`],
    ['knexfile.mjs', `export default async () => ({ development: ${CONFIG}, production: { client: 'pg' } });\n`],
    ['knexfile.ts', `export const development = ${CONFIG};\nexport const production = { client: 'pg' };\n`],
    ['knexfile.js', `module.exports = { default: ${CONFIG} };\n`],
  ];
  for (const [name, text] of formats) {
    it(`${name}: ${text.split('\n').find((l) => /export|module/.test(l))!.slice(0, 60)}… keeps the whole chosen config`, async () => {
      const { dir, settings } = await load(name, { [name]: text });
      expect(settings.knexConfig).to.include({ client: 'postgresql' });
      expect(settings.knexConfig!.searchPath).to.deep.equal(['app', 'public']);
      expect(settings.directories).to.deep.equal([join(dir, 'db')]);
      expect(settings.tableName).to.equal('history');
    });
  }

  it('an environment key wins over top-level settings, as in the knex CLI (config[NODE_ENV] || config)', async () => {
    const text = `module.exports = {\n  client: 'pg',\n  migrations: { directory: './top' },\n  development: { client: 'postgres', migrations: { directory: './dev' } },\n  test: { client: 'pg', migrations: { directory: './test' } },\n};\n`;
    const dev = await load('knexfile.js', { 'knexfile.js': text });
    expect(dev.settings.directories).to.deep.equal([join(dev.dir, 'dev')]);
    expect(dev.settings.knexConfig!.client).to.equal('postgres');
    process.env.NODE_ENV = 'test';
    const test = await load('knexfile.js', { 'knexfile.js': text });
    expect(test.settings.directories).to.deep.equal([join(test.dir, 'test')]);
    process.env.NODE_ENV = 'staging';
    const staging = await load('knexfile.js', { 'knexfile.js': text });
    expect(staging.settings.directories).to.deep.equal([join(staging.dir, 'top')]);
  });

  it('a config without client is a usage error that says what to write', async () => {
    const error = await load('knexfile.js', { 'knexfile.js': `module.exports = { migrations: { directory: './db' } };\n` }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(PccError);
    expect((error as PccError).code).to.equal('KNEXFILE_INVALID');
    expect((error as PccError).message).to.match(/knexfile\.js has no `client` \(environment 'development'\)/);
    expect((error as PccError).hint).to.include("client: 'pg'");
  });

  it("a migrationSource beside an FS option is dropped, as Knex drops it (and warns)", async () => {
    const source = `{ getMigrations: async () => ['a'], getMigrationName: (m) => m, getMigration: async () => ({}) }`;
    const kept = await load('knexfile.js', { 'knexfile.js': `module.exports = { client: 'pg', migrations: { migrationSource: ${source} } };\n` });
    expect(kept.settings.migrationSource).to.be.an('object');
    const dropped = await load('knexfile.js', { 'knexfile.js': `module.exports = { client: 'pg', migrations: { directory: './db', migrationSource: ${source} } };\n` });
    expect(dropped.settings.migrationSource).to.equal(undefined);
    expect(dropped.settings.migrationSourceIgnored).to.equal(true);
  });
});

describe('migrations/apply listMigrations: the migrations Knex would run, in its order', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const MIGRATION = `exports.up = async () => {};\nexports.down = async () => {};\n`;

  it("without loadExtensions, Knex's default list: an .mjs or .mts migration (or a .d.ts) is not run", async () => {
    const dir = folder({
      'knexfile.js': `module.exports = { client: 'pg' };\n`,
      'migrations/001_a.js': MIGRATION,
      'migrations/002_b.mjs': 'export async function up() {}\nexport async function down() {}\n',
      'migrations/003_c.ts': MIGRATION,
      'migrations/003_c.d.ts': 'export {};\n',
      'migrations/004_d.mts': 'export async function up() {}\nexport async function down() {}\n',
      'migrations/005_e.cjs': MIGRATION,
    });
    dirs.push(dir);
    const listed = await listMigrations(await loadKnexfile(dir, 'knexfile.js', true));
    expect(listed.map((m) => m.name)).to.deep.equal(['001_a.js', '003_c.ts', '005_e.cjs']);
    expect(listed[0]!.path).to.equal(join(dir, 'migrations/001_a.js'));
  });

  it("a knexfile's migrationSource gives the order and names; items without a file point at the knexfile", async () => {
    const dir = folder({
      'knexfile.js': `const order = ['create_users', 'add_email'];
module.exports = { client: 'pg', migrations: { migrationSource: {
  getMigrations: async (exts) => { if (!exts.includes('.ts')) throw new Error('no loadExtensions given'); return order; },
  getMigrationName: (m) => m,
  getMigration: async () => ({ up: async () => {}, down: async () => {} }),
} } };\n`,
    });
    dirs.push(dir);
    const listed = await listMigrations(await loadKnexfile(dir, 'knexfile.js', true));
    expect(listed).to.deep.equal([
      { name: 'create_users', path: join(dir, 'knexfile.js') },
      { name: 'add_email', path: join(dir, 'knexfile.js') },
    ]);
  });
});

describe('migrations/knexfile settingsFingerprint: what the migrated cache is keyed on', () => {
  const base = (knexConfig: Record<string, unknown>): MigrationSettings => ({
    knexfile: 'knexfile.js',
    directories: ['/p/migrations'],
    extension: undefined,
    loadExtensions: undefined,
    tableName: 'knex_migrations',
    schemaName: undefined,
    disableTransactions: false,
    sortDirsSeparately: false,
    knexConfig,
  });
  const key = (knexConfig: Record<string, unknown>) => settingsFingerprint(base(knexConfig), (p) => p.replace('/p/', ''));

  it('what changes the migrated schema changes the key (searchPath, client, hooks); the ignored connection does not', () => {
    const config = { client: 'pg', searchPath: ['app'], wrapIdentifier: (v: string) => v, connection: 'postgres://u:pw1@db/app' };
    expect(key(config)).to.equal(key({ ...config, connection: 'postgres://u:pw2@elsewhere/app' }));
    expect(key(config)).to.not.include('pw1');
    expect(key(config)).to.not.equal(key({ ...config, searchPath: ['public'] }));
    expect(key(config)).to.not.equal(key({ ...config, client: 'postgresql' }));
    expect(key(config)).to.not.equal(key({ ...config, wrapIdentifier: (v: string) => v.toLowerCase() }));
  });
});

// Config `migrations` (a folder of SQL migrations in place of a knexfile): its shape, the conflict
// with `knexfile`, --knexfile winning over it, and a folder that is missing or has no format (exit 2).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { validate } from '../../src/config/validate.ts';
import { loadConfig } from '../../src/config/load.ts';
import { isPccError } from '../../src/errors.ts';
import { assertSqlFolder, loadMigrationSettings } from '../../src/migrations/sql/settings.ts';
import { makeProject } from '../helpers/project.ts';

function problems(raw: unknown): string[] {
  try {
    validate(raw, 'pre-commit-check.config.ts');
    return [];
  } catch (error) {
    if (!isPccError(error) || error.code !== 'CONFIG_INVALID') throw error;
    return error.message.split('\n').slice(1).map((l) => l.replace(/^ {2}- /, ''));
  }
}

describe('config: migrations (SQL folders)', () => {
  it('accepts a folder with or without a format', () => {
    expect(problems({ migrations: { sql: 'drizzle' } })).to.deep.equal([]);
    expect(problems({ migrations: { sql: 'db/migrations', format: 'dbmate' } })).to.deep.equal([]);
  });

  it('rejects a missing folder, an unknown format or key, and knexfile beside it, each named', () => {
    const found = problems({ knexfile: 'knexfile.ts', migrations: { sqll: 'x', format: 'flyway' } });
    expect(found.some((p) => p.includes('migrations.sqll') && p.includes('migrations.sql'))).to.equal(true, found.join('\n'));
    expect(found.some((p) => p.startsWith("'migrations.sql' must be"))).to.equal(true, found.join('\n'));
    expect(found.some((p) => p.startsWith("'migrations.format' must be one of 'drizzle-kit'"))).to.equal(true, found.join('\n'));
    expect(found.some((p) => p.includes("'knexfile' and 'migrations' are both set"))).to.equal(true, found.join('\n'));
  });

  it('uses the SQL folder in place of a knexfile, unless --knexfile names one', async () => {
    const p = makeProject({
      'pre-commit-check.config.json': JSON.stringify({ migrations: { sql: 'prisma/migrations' } }),
      'prisma/migrations/20240101_init/migration.sql': 'CREATE TABLE a (id int);',
      'knexfile.mjs': "export default { client: 'pg', migrations: { directory: './migrations' } };",
    });
    try {
      const sql = await loadMigrationSettings(p.dir, await loadConfig({ root: p.dir }));
      expect(sql.sql).to.deep.equal({ format: 'prisma', hasDowns: false });
      expect(sql.knexfile).to.equal(join('prisma', 'migrations'));
      const flagged = await loadMigrationSettings(p.dir, await loadConfig({ root: p.dir, knexfile: 'knexfile.mjs' }));
      expect(flagged.sql).to.equal(undefined);
      expect(flagged.knexfile).to.equal('knexfile.mjs');
    } finally {
      p.remove();
    }
  });

  it('a missing folder, or one whose format cannot be told, is a configuration error naming it', async () => {
    const p = makeProject({ 'pre-commit-check.config.json': JSON.stringify({ migrations: { sql: 'drizzle' } }) });
    try {
      const config = await loadConfig({ root: p.dir });
      const settings = await loadMigrationSettings(p.dir, config);
      expect(() => assertSqlFolder(settings, p.dir, config.source)).to.throw("The SQL migrations folder 'drizzle' (migrations.sql in pre-commit-check.config.json) does not exist");
      mkdirSync(join(p.dir, 'drizzle'));
      writeFileSync(join(p.dir, 'drizzle', 'README.md'), 'nothing here');
      let error: unknown;
      await loadMigrationSettings(p.dir, config).catch((e: unknown) => (error = e));
      expect(isPccError(error) && error.code === 'CONFIG_INVALID' && error.message.includes("Cannot tell the format of the SQL migrations in 'drizzle'")).to.equal(true, String(error));
    } finally {
      p.remove();
    }
  });
});

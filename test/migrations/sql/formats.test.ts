// Reading SQL migration folders (src/migrations/sql/): each format's order, sections, transactions
// and downs, and the format told from the folder's contents.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import { detectSqlFormat } from '../../../src/migrations/sql/formats.ts';
import { formatHasDowns, listSqlMigrations } from '../../../src/migrations/sql/list.ts';
import { parseSqlMigration, SqlParseError } from '../../../src/migrations/sql/parse.ts';

describe('SQL migration folders: formats', () => {
  let dir: string;
  const write = (files: Record<string, string>) => {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
  };
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'pcc-sqlmig-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('drizzle-kit: the journal gives the order (not the file names), a file not in it is not a migration', () => {
    write({
      'meta/_journal.json': JSON.stringify({ entries: [{ idx: 1, tag: '0000_b' }, { idx: 0, tag: '0001_a' }] }),
      '0000_b.sql': 'SELECT 1;',
      '0001_a.sql': 'SELECT 2;',
      '0002_stray.sql': 'SELECT 3;',
    });
    expect(detectSqlFormat(dir)).to.equal('drizzle-kit');
    expect(listSqlMigrations(dir, 'drizzle-kit').map((m) => m.name)).to.deep.equal(['0001_a', '0000_b']);
    expect(formatHasDowns(dir, 'drizzle-kit')).to.equal(false);
  });

  it('drizzle-kit: one script per breakpoint, each with its first line, in a transaction', () => {
    const parsed = parseSqlMigration('drizzle-kit', 'CREATE TABLE a (x int);--> statement-breakpoint\nCREATE TABLE b (\n y int\n);--> statement-breakpoint\nSELECT 1;');
    expect(parsed.up.scripts.map((s) => s.line)).to.deep.equal([1, 1, 4]);
    expect(parsed.up.scripts[1]!.text.trim()).to.equal('CREATE TABLE b (\n y int\n);');
    expect(parsed.up.transaction).to.equal(true);
    expect(parsed.down).to.equal(null);
  });

  it('Prisma: folders by name, migration.sql whole, outside a transaction, no downs', () => {
    write({ 'migration_lock.toml': 'provider = "postgresql"', '20240201_b/migration.sql': 'SELECT 2;', '20240101_a/migration.sql': 'SELECT 1;' });
    expect(detectSqlFormat(dir)).to.equal('prisma');
    expect(listSqlMigrations(dir, 'prisma').map((m) => [m.name, m.file])).to.deep.equal([
      ['20240101_a', '20240101_a/migration.sql'],
      ['20240201_b', '20240201_b/migration.sql'],
    ]);
    const parsed = parseSqlMigration('prisma', 'SELECT 1;\nSELECT 2;');
    expect(parsed.up).to.deep.equal({ scripts: [{ text: 'SELECT 1;\nSELECT 2;', line: 1 }], transaction: false });
    expect(parsed.down).to.equal(null);
  });

  it('drizzle-kit 1.0 folders (breakpoints in migration.sql) are not taken for Prisma', () => {
    write({ '20250101_init/migration.sql': 'SELECT 1;--> statement-breakpoint\nSELECT 2;' });
    expect(detectSqlFormat(dir)).to.equal('drizzle-kit');
    expect(listSqlMigrations(dir, 'drizzle-kit').map((m) => m.file)).to.deep.equal(['20250101_init/migration.sql']);
  });

  it('dbmate: sections with their lines, transaction:false, an empty down is no down', () => {
    write({ '20240101_a.sql': '-- migrate:up\nSELECT 1;\n-- migrate:down\n' });
    expect(detectSqlFormat(dir)).to.equal('dbmate');
    expect(formatHasDowns(dir, 'dbmate')).to.equal(true);
    const parsed = parseSqlMigration('dbmate', '-- a comment\n-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (x);\n\n-- migrate:down\n-- nothing to undo\n');
    expect(parsed.up.transaction).to.equal(false);
    expect(parsed.up.scripts[0]!.line).to.equal(2);
    expect(parsed.up.scripts[0]!.text.trim()).to.equal('CREATE INDEX CONCURRENTLY i ON t (x);');
    expect(parsed.down).to.equal(null);
    const withDown = parseSqlMigration('dbmate', '-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n');
    expect(withDown.down?.scripts[0]!.line).to.equal(3);
    expect(withDown.down?.transaction).to.equal(true);
  });

  it('dbmate: a file without -- migrate:up cannot be read (the migration fails, naming why)', () => {
    expect(() => parseSqlMigration('dbmate', 'SELECT 1;')).to.throw(SqlParseError, 'migrate:up');
  });

  it('plain: numeric order of the leading number, .down.sql and .up.sql pairs, downs only when the folder has some', () => {
    write({ '10_c.sql': '', '2_b.sql': '', '2_b.down.sql': '', '1_a.up.sql': '', '1_a.down.sql': '', 'seed.sql': '' });
    expect(detectSqlFormat(dir)).to.equal('plain');
    expect(listSqlMigrations(dir, 'plain').map((m) => [m.name, m.downFile ?? null])).to.deep.equal([
      ['1_a.up.sql', '1_a.down.sql'],
      ['2_b.sql', '2_b.down.sql'],
      ['10_c.sql', null],
      ['seed.sql', null],
    ]);
    expect(formatHasDowns(dir, 'plain')).to.equal(true);
    // As psql -f runs a file: one statement at a time, each with its line.
    const parsed = parseSqlMigration('plain', '-- teams\nBEGIN;\nCREATE TABLE t (\n  x int\n);\nCOMMIT;\n', 'DROP TABLE t;');
    expect(parsed.up.scripts).to.deep.equal([
      { text: 'BEGIN;', line: 2 },
      { text: 'CREATE TABLE t (\n  x int\n);', line: 3 },
      { text: 'COMMIT;', line: 6 },
    ]);
    expect(parsed.up.transaction).to.equal(false);
    expect(parsed.down?.scripts).to.deep.equal([{ text: 'DROP TABLE t;', line: 1 }]);
    rmSync(join(dir, '1_a.down.sql'));
    rmSync(join(dir, '2_b.down.sql'));
    expect(formatHasDowns(dir, 'plain')).to.equal(false);
  });

  it('an empty or missing folder has no format and no migrations', () => {
    expect(detectSqlFormat(dir)).to.equal(undefined);
    expect(listSqlMigrations(join(dir, 'nope'), 'prisma')).to.deep.equal([]);
  });
});

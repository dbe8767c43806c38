// Hints about a drizzle table say their model half in Drizzle's terms (issue 14): pg-core builders,
// the user's column keys and table exports; the migration half stays the diff's.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Finding } from '../../../src/diff/findings.ts';
import { MODEL_BRAND, type LoadedModel, type Model } from '../../../src/model-api/types.ts';
import { setSite } from '../../../src/model-api/site.ts';
import { drizzleHint } from '../../../src/sources/drizzle/hint.ts';
import { rememberTable, resetNames } from '../../../src/sources/drizzle/names.ts';

const FILE = `import { pgTable, serial, text, timestamp, integer } from 'drizzle-orm/pg-core';
export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  emailAddress: text('email_address'),
  createdAt: timestamp('created_at')
    .notNull()
    .defaultNow(),
});
export const orders = pgTable('orders', {
  id: serial('id').primaryKey(),
  userId: integer('user_id'),
});
`;

describe('Drizzle source: hints in Drizzle terms', () => {
  let dir: string;
  let users: LoadedModel;
  let orders: LoadedModel;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pcc-drizzle-hint-'));
    writeFileSync(join(dir, 'schema.ts'), FILE);
    const model = (table: string, line: number): Model => {
      const m: Model = { [MODEL_BRAND]: true, schema: 'public', table, columns: {}, indexes: [], uniques: [], checks: [], foreignKeys: [] };
      setSite(m, join(dir, 'schema.ts'), line);
      return m;
    };
    users = { name: 'users', file: 'schema.ts', exportName: 'users', model: model('users', 2), source: 'drizzle' };
    orders = { name: 'orders', file: 'schema.ts', exportName: 'orders', model: model('orders', 9), source: 'drizzle' };
    resetNames();
    rememberTable('public', 'users', 'users', new Map([['id', 'id'], ['email_address', 'emailAddress'], ['created_at', 'createdAt']]));
    rememberTable('public', 'orders', 'orders', new Map([['id', 'id'], ['user_id', 'userId']]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const finding = (code: Finding['code'], model: string, columns: string[], hint: string, extra: Partial<Finding> = {}): Finding =>
    ({ code, severity: 'error', model, schema: 'public', table: model, columns, object: null, expected: null, actual: null, message: 'm', hint, file: 'schema.ts', ...extra }) as Finding;

  it('nullability: .notNull() on the column key, the migration half unchanged', () => {
    const f = finding('nullability-mismatch', 'users', ['email_address'], "make it NOT NULL in a migration: table.dropNullable('email_address') (fill existing NULLs first); or, if NULL is allowed, remove .notNullable() from the model");
    expect(drizzleHint(f, users).hint).to.equal("make it NOT NULL in a migration: table.dropNullable('email_address') (fill existing NULLs first); or, if NULL is allowed, remove .notNull() from column emailAddress");
    const g = finding('nullability-mismatch', 'users', ['email_address'], "allow NULL in a migration: table.setNullable('email_address'); or, if it must be set, add .notNullable() to the model");
    expect(drizzleHint(g, users).hint).to.match(/; or, if it must be set, add \.notNull\(\) to column emailAddress in model users$/);
  });

  it('type: the whole column as a pg-core builder', () => {
    const f = finding('type-mismatch', 'users', ['email_address'], "change it in a migration: table.text('email_address').alter(); or, if the database is right, declare it in the model as email_address: t.string(100).notNullable()");
    expect(drizzleHint(f, users).hint).to.match(/; or, if the database is right, declare it in the model as emailAddress: varchar\('email_address', \{ length: 100 \}\)\.notNull\(\)$/);
  });

  it('default: .default(...), removing the .defaultNow() the declaration uses', () => {
    const f = finding('default-mismatch', 'users', ['created_at'], 'set it in a migration: x; or, if the database is right, write .defaultTo(sql`CURRENT_DATE`) in the model');
    expect(drizzleHint(f, users).hint).to.match(/write \.default\(sql`CURRENT_DATE`\) on column createdAt, and remove \.defaultNow\(\) from it$/);
    const g = finding('default-mismatch', 'users', ['created_at'], 'set it in a migration: x; or, if the database is right, remove defaultTo() from the model');
    expect(drizzleHint(g, users).hint).to.match(/remove \.defaultNow\(\) from column createdAt$/);
  });

  it('unmodeled things: a column, a reference, an index and a unique in the extra config', () => {
    const col = finding('unmodeled-column', 'users', ['nick'], "declare it in model users: nick: t.string(40).notNullable(); or drop it in a migration: table.dropColumn('nick')");
    expect(drizzleHint(col, users).hint).to.equal("declare it in model users: nick: varchar('nick', { length: 40 }).notNull(); or drop it in a migration: table.dropColumn('nick')");
    const fk = finding('unmodeled-foreign-key', 'orders', ['user_id'], "add .references('public.users.id').onDelete('CASCADE') to column user_id in model orders; or drop it in a migration: y");
    expect(drizzleHint(fk, orders).hint).to.equal("add .references(() => users.id, { onDelete: 'cascade' }) to column userId in model orders; or drop it in a migration: y");
    const ix = finding('unmodeled-index', 'users', ['created_at', 'email_address'], "add { columns: [{ column: 'created_at', order: 'desc' }, sql`lower(email_address)`], where: 'id > 0' } to the indexes of model users; or drop it in a migration: z");
    expect(drizzleHint(ix, users).hint).to.equal('add index().on(t.createdAt.desc(), sql`lower(email_address)`).where(sql`id > 0`) to the extra config of model users; or drop it in a migration: z');
    const u = finding('unmodeled-unique', 'orders', ['user_id', 'id'], "add { columns: ['user_id', 'id'], nullsNotDistinct: true } to the uniques of model orders; or drop it in a migration: w");
    expect(drizzleHint(u, orders).hint).to.equal('add unique().on(t.userId, t.id).nullsNotDistinct() to the extra config of model orders; or drop it in a migration: w');
  });

  it('a composite primary key as primaryKey({ columns }), a single one as .primaryKey()', () => {
    const f = finding('primary-key-mismatch', 'orders', ['id'], 'replace it in a migration: a; b; or, if the database is right, put .primary() on user_id, id in the model', { actual: '(user_id, id)' });
    expect(drizzleHint(f, orders).hint).to.match(/add primaryKey\(\{ columns: \[t\.userId, t\.id\] \}\) to the extra config of model orders/);
    const g = finding('primary-key-mismatch', 'orders', ['id'], 'mark column id with .primary() in the model; or drop it in a migration: c', { actual: '(id)' });
    expect(drizzleHint(g, orders).hint).to.equal('add .primaryKey() to column id in model orders; or drop it in a migration: c');
  });

  it('an enum’s labels: the pgEnum’s values, not t.enum()', () => {
    const f = finding('enum-mismatch', 'orders', ['status'], "fix it in a migration: add 'x' to the model's t.enum() values, or recreate the type");
    expect(drizzleHint(f, orders).hint).to.equal("fix it in a migration: add 'x' to the values of its pgEnum, or recreate the type");
  });

  it('leaves a hint with no model half as it is', () => {
    const f = finding('missing-column', 'users', ['nick'], "add it in a migration: table.text('nick')");
    expect(drizzleHint(f, users)).to.equal(f);
  });
});

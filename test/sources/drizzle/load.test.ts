// The Drizzle source reads pgTable modules through the project's drizzle-orm into models of the IR
// (issue 14): what each drizzle declaration becomes, and how a bad file is reported.
import { expect } from 'chai';
import { loadDrizzleTables } from '../../../src/sources/drizzle/load.ts';
import { definitionSite } from '../../../src/model-api/site.ts';
import type { LoadedModel } from '../../../src/model-api/types.ts';
import { PccError } from '../../../src/errors.ts';
import { makeProject, type TempProject } from '../../helpers/project.ts';
import { drizzleProject } from './project.ts';

const SCHEMA = `import { sql } from 'drizzle-orm';
import { bigserial, check, foreignKey, index, integer, pgEnum, pgSchema, pgTable, primaryKey, serial, text, timestamp, unique, uniqueIndex, uuid, varchar, numeric, time } from 'drizzle-orm/pg-core';

export const mood = pgEnum('mood', ['happy', 'sad']);
export const core = pgSchema('core');

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    emailAddress: varchar('email_address', { length: 120 }).notNull().unique(),
    nick: varchar('nick'),
    mood: mood('mood').default('happy'),
    tags: text('tags').array().notNull().default(sql\`'{}'\`),
    token: text('token').$defaultFn(() => 'x'),
    total: numeric('total', { precision: 12 }),
    at: time('at', { withTimezone: true }),
    seenAt: timestamp('seen_at', { precision: 3 }),
    score: integer('score').generatedAlwaysAs(sql\`1 + 2\`),
    rank: integer('rank').generatedAlwaysAsIdentity(),
  },
  (t) => [
    uniqueIndex('users_lower_email').on(sql\`lower(\${t.emailAddress})\`),
    index().on(t.seenAt.desc(), t.nick.asc().nullsFirst().op('text_pattern_ops')).where(sql\`\${t.nick} <> \${'x'}\`),
    index('users_tags_gin').using('gin', t.tags),
    check('users_score_positive', sql\`\${t.score} > \${0}\`),
  ],
);

export const members = core.table(
  'members',
  {
    groupId: integer('group_id').notNull(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'set null', onUpdate: 'cascade' }),
    mood: mood('mood'),
    big: bigserial('big', { mode: 'number' }),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.groupId] }),
    unique().on(t.groupId, t.mood).nullsNotDistinct(),
    foreignKey({ columns: [t.groupId, t.userId], foreignColumns: [t.big, t.userId] }),
  ],
);
`;

describe('Drizzle source: reading pgTable modules', function () {
  this.timeout(60_000);
  let p: TempProject;
  let models: LoadedModel[];
  let findings: unknown[];

  before(async () => {
    p = drizzleProject({
      'db/schema.ts': SCHEMA,
      'db/index.ts': "export * from './schema.ts';\n",
      'db/relations.ts': "import { relations } from 'drizzle-orm';\nimport { users } from './schema.ts';\nexport const r = relations(users, () => ({}));\n",
    });
    ({ models, findings } = await loadDrizzleTables({ root: p.dir, timeoutS: 30 }, ['db/**/*.ts']));
  });
  after(() => p?.remove());

  const model = (table: string) => models.find((m) => m.model.table === table)!.model;
  /** The model's data as plain JSON (the IR holds absent names as undefined). */
  const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

  it('finds each exported table once, in the file that declares it (a barrel re-export is no duplicate, relations are no problem)', () => {
    expect(findings).to.deep.equal([]);
    expect(models.map((m) => [m.name, m.file, m.source])).to.have.deep.members([
      ['users', 'db/schema.ts', 'drizzle'],
      ['members', 'db/schema.ts', 'drizzle'],
    ]);
    expect(definitionSite(model('users'))?.line).to.equal(7);
    expect(definitionSite(model('members'))?.line).to.equal(30);
  });

  it('maps column types to the kinds Knex has, and other types to drizzle’s SQL type', () => {
    const c = model('users').columns;
    expect(c.id).to.include({ kind: 'increments', primary: true, nullable: false });
    expect(c.email_address).to.include({ kind: 'string', length: 120, nullable: false, unique: true });
    expect(c.nick).to.include({ kind: 'specificType', sqlType: 'varchar' });
    expect(c.mood).to.deep.include({ kind: 'enum', enumName: 'public.mood', enumValues: ['happy', 'sad'], default: { kind: 'value', value: 'happy' } });
    expect(c.tags).to.deep.include({ kind: 'specificType', sqlType: 'text[]', default: { kind: 'raw', sql: "'{}'" } });
    expect(c.total).to.include({ kind: 'decimal', precision: 12, scale: 0 });
    expect(c.at).to.include({ kind: 'specificType', sqlType: 'time with time zone' });
    expect(c.seen_at).to.include({ kind: 'timestamp', useTz: false, precision: 3 });
    expect(model('members').columns.big).to.include({ kind: 'bigIncrements' });
  });

  it('takes a JS-side default ($defaultFn) for no column default; generated and identity columns as such', () => {
    const c = model('users').columns;
    expect(c.token).to.not.have.property('default');
    expect(c.score).to.deep.include({ generated: { sql: '1 + 2' } });
    expect(c.rank).to.include({ identity: 'always', nullable: false });
  });

  // drizzle's .desc() keeps NULLS LAST (its key default) and drizzle-kit writes DESC NULLS LAST: so do we.
  it('reads indexes with expressions, order, NULLS, operator classes, methods and predicates (values inlined)', () => {
    const ix = plain(model('users').indexes);
    expect(ix).to.deep.include({ name: 'users_lower_email', unique: true, columns: ['lower("email_address")'], keys: [{ expression: 'lower("email_address")' }] });
    expect(ix).to.deep.include({
      columns: ['seen_at', 'nick'],
      keys: [{ column: 'seen_at', order: 'desc', nulls: 'last' }, { column: 'nick', nulls: 'first', opclass: 'text_pattern_ops' }],
      where: `"nick" <> 'x'`,
    });
    expect(ix).to.deep.include({ name: 'users_tags_gin', using: 'gin', columns: ['tags'], keys: [{ column: 'tags' }] });
    expect(plain(model('users').checks)).to.deep.equal([{ name: 'users_score_positive', expression: '"score" > 0' }]);
  });

  it('keeps a composite primary key in its order, a schema, uniques and both kinds of foreign key', () => {
    const m = model('members');
    expect(m.schema).to.equal('core');
    expect(Object.entries(m.columns).filter(([, c]) => c.primary).map(([n]) => n)).to.deep.equal(['user_id', 'group_id']);
    expect(m.columns.mood).to.include({ enumName: 'public.mood' });
    expect(plain(m.uniques)).to.deep.equal([{ columns: ['group_id', 'mood'], nullsNotDistinct: true }]);
    expect(m.columns.user_id).to.deep.include({ references: { schema: 'public', table: 'users', column: 'id' }, onDelete: 'SET NULL', onUpdate: 'CASCADE' });
    expect(plain(m.foreignKeys)).to.deep.equal([{ columns: ['group_id', 'user_id'], references: { schema: 'core', table: 'members', columns: ['big', 'user_id'] } }]);
  });

  it("applies drizzle.config's casing to columns named by their key", async () => {
    const q = drizzleProject({
      'drizzle.config.ts': "export default { dialect: 'postgresql', schema: './s.ts', casing: 'snake_case' };\n",
      's.ts': "import { pgTable, text, integer } from 'drizzle-orm/pg-core';\nexport const t = pgTable('t', { firstName: text().notNull(), lastName: text('surname'), n: integer() }, (t) => []);\n",
    });
    try {
      const got = await loadDrizzleTables({ root: q.dir, timeoutS: 30 }, ['s.ts']);
      expect(Object.keys(got.models[0]!.model.columns)).to.deep.equal(['first_name', 'surname', 'n']);
    } finally {
      q.remove();
    }
  });

  it('reports a file that fails to load, and one that exports nothing of Drizzle, as invalid-model naming the file', async () => {
    const q = drizzleProject({
      'a.ts': "import { pgTable, text } from 'drizzle-orm/pg-core';\nexport const a = pgTable('a', { x: text() });\nthrow new Error('boom');\n",
      'b.ts': 'export const answer = 42;\n',
      'c.ts': "import { pgTable, text } from 'drizzle-orm/pg-core';\nexport const c = pgTable('c', { x: text() });\n",
    });
    try {
      const got = await loadDrizzleTables({ root: q.dir, timeoutS: 30 }, ['*.ts']);
      expect(got.models.map((m) => m.name)).to.deep.equal(['c']);
      expect(got.failed).to.deep.equal(['a.ts']);
      expect(got.findings.map((f) => [f.code, f.file])).to.deep.equal([
        ['invalid-model', 'a.ts'],
        ['invalid-model', 'b.ts'],
      ]);
      expect(got.findings[0]!.message).to.contain('boom');
      expect(got.findings[1]!.message).to.contain('exports nothing of Drizzle');
    } finally {
      q.remove();
    }
  });

  it('is a configuration error (exit 2) when the project has no drizzle-orm', async () => {
    const q = makeProject({ 's.ts': 'export const x = 1;\n' });
    try {
      const error = await loadDrizzleTables({ root: q.dir, timeoutS: 30 }, ['s.ts']).then(() => null, (e: unknown) => e);
      expect(error).to.be.instanceOf(PccError);
      expect((error as PccError).code).to.equal('CONFIG_INVALID');
      expect((error as Error).message).to.contain('drizzle-orm is not installed');
    } finally {
      q.remove();
    }
  });
});

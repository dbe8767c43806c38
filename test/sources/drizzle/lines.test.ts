// Findings about a drizzle table carry the line of the column (contract section 5, `line`), though a
// drizzle column's key need not be its name: emailAddress: varchar('email_address'), or a key that
// drizzle.config's casing names.
import { expect } from 'chai';
import type { Finding } from '../../../src/diff/findings.ts';
import { withLines } from '../../../src/model-api/lines.ts';
import { loadDrizzleTables } from '../../../src/sources/drizzle/load.ts';
import { drizzleProject } from './project.ts';

const SCHEMA = `import { pgTable, serial, text, timestamp, varchar } from 'drizzle-orm/pg-core';

export const users = pgTable('users', {
  id: serial().primaryKey(),
  emailAddress: varchar('email_address', { length: 255 }),
  createdAt: timestamp(),
});

export const notes = pgTable('notes', {
  id: serial().primaryKey(),
  nickname: text(),
});
`;

describe('Drizzle source: the line of a column', function () {
  this.timeout(30_000);

  it('is the line of its key, named or cased; a column the table lacks is placed on the table', async () => {
    const p = drizzleProject({ 'drizzle.config.ts': "export default { casing: 'snake_case' };\n", 'schema.ts': SCHEMA });
    try {
      const { models } = await loadDrizzleTables({ root: p.dir, timeoutS: 30 }, ['schema.ts']);
      const f = (column: string): Finding =>
        ({ code: 'type-mismatch', severity: 'error', model: 'users', schema: 'public', table: 'users', columns: [column], object: null, expected: null, actual: null, message: '', hint: '', file: 'schema.ts' }) as Finding;
      const lines = withLines([f('email_address'), f('created_at'), f('nickname')], models, p.dir).map((x) => x.line);
      expect(lines).to.deep.equal([5, 6, 3]);
    } finally {
      p.remove();
    }
  });
});

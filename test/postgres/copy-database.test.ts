// createDatabase({ template, fileCopy }): the round trip's copy of the migrated database (issue 13)
// is a file copy, ~0.3 s at 1,000 tables where PostgreSQL's default (WAL_LOG) takes 2 s or more.
import { expect } from 'chai';
import pg from 'pg';
import { sharedServer } from '../helpers/pg.ts';

/** Checkpoints requested so far (a FILE_COPY copy requests one; a WAL_LOG copy does not). */
async function requestedCheckpoints(client: pg.Client): Promise<number> {
  await client.query('SELECT pg_stat_clear_snapshot()');
  return Number((await client.query('SELECT num_requested FROM pg_stat_checkpointer')).rows[0].num_requested);
}

describe('postgres createDatabase fileCopy (real PostgreSQL)', function () {
  this.timeout(60_000);

  it('copies the template file by file (STRATEGY FILE_COPY: one checkpoint), with everything in it', async () => {
    const server = await sharedServer();
    const source = await server.createDatabase('copy_source');
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    const copies = [];
    try {
      const s = new pg.Client({ connectionString: source.url });
      await s.connect();
      await s.query('CREATE TABLE kept (id int PRIMARY KEY, note text)');
      await s.end();
      const before = await requestedCheckpoints(admin);
      copies.push(await server.createDatabase('copy_plain', { template: source.name }));
      const afterPlain = await requestedCheckpoints(admin);
      copies.push(await server.createDatabase('copy_files', { template: source.name, fileCopy: true }));
      const afterFiles = await requestedCheckpoints(admin);
      expect(afterPlain - before, 'a plain copy (WAL_LOG) requests no checkpoint').to.equal(0);
      expect(afterFiles - afterPlain, 'a file copy requests one').to.be.at.least(1);
      const c = new pg.Client({ connectionString: copies[1]!.url });
      await c.connect();
      const { rows } = await c.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'kept' ORDER BY ordinal_position`);
      await c.end();
      expect(rows.map((r) => r.column_name)).to.deep.equal(['id', 'note']);
    } finally {
      await admin.end();
      for (const db of copies) await db.drop();
      await source.drop();
    }
  });
});

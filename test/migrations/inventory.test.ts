// The round trip's inventory against a real PostgreSQL: after the first one, an inventory lists again
// only the tables whose catalog rows changed (src/migrations/inventory-stamps.sql), and is still the
// same as one taken from scratch, whatever changed: a table, or only an object its rows name.
import { expect } from 'chai';
import type { Knex } from 'knex';
import { sharedServer } from '../helpers/pg.ts';
import { scratchKnex } from '../../src/check/knex.ts';
import { takeInventory } from '../../src/migrations/round-trip.ts';
import type { MigrationSettings } from '../../src/migrations/knexfile.ts';
import type { ScratchDatabase } from '../../src/postgres/types.ts';

const settings = { tableName: 'knex_migrations' } as MigrationSettings;

const SETUP = `
create type status as enum ('new', 'old');
create table users (id serial primary key, email text unique, status status not null default 'new');
create table posts (id serial primary key, user_id integer references users (id), title text constraint posts_title_check check (title <> ''));
create index posts_title_idx on posts (title);
create function touch() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger posts_touch before update on posts for each row execute function touch();
create table tags (id serial primary key, label text);
`;

/** Each change, and how many tables' rows the next inventory lists again ('all' when a type, schema or function changed). */
const CHANGES: Array<[string, number | 'all']> = [
  ['alter table tags add column x integer', 1],
  ['alter table tags alter column x set not null', 1],
  // posts' foreign key reads users(uid) now, though no row of posts was written
  ['alter table users rename column id to uid', 2],
  ['alter sequence users_id_seq rename to users_uid_seq', 1],
  // only the index's own pg_class row is written (not its table's, nor its pg_index row)
  ['alter index posts_title_idx rename to posts_heading_idx', 1],
  ['alter table posts rename constraint posts_title_check to posts_title_ok', 1],
  ['drop index posts_heading_idx', 1],
  ['drop trigger posts_touch on posts', 1],
  ['alter table posts drop constraint posts_title_ok', 1],
  ['alter table users rename to accounts', 2],
  ['alter type status rename to state', 'all'],
  ['alter table tags rename column label to name', 1],
];

describe('migrations/round-trip takeInventory, one change at a time', function () {
  this.timeout(60_000);
  let db: ScratchDatabase;
  const knexes: Knex[] = [];
  afterEach(async () => {
    for (const k of knexes.splice(0)) await k.destroy();
    await db?.drop();
  });

  it('lists again only the tables a change concerns, and equals an inventory taken from scratch', async () => {
    db = await (await sharedServer()).createDatabase('inventory');
    const open = () => (knexes.push(scratchKnex(db.url)), knexes.at(-1)!);
    const knex = open();
    await knex.raw(SETUP);
    await takeInventory(knex, settings);
    for (const [change, expected] of CHANGES) {
      await knex.raw(change);
      let listed: number | 'all' | undefined;
      const next = await takeInventory(knex, settings, { listed: (n) => (listed = n) });
      const fromScratch = await takeInventory(open(), settings);
      expect([...next].sort(), change).to.deep.equal([...fromScratch].sort());
      expect(listed, change).to.equal(expected);
    }
  });
});

// missingObjectOf on PostgreSQL's real errors: each statement a model's DDL could send that names a
// missing object is run on the embedded server, and its error must map to that object (or to null,
// when the model itself is at fault).
import { expect } from 'chai';
import pg from 'pg';
import { extensionFor, missingObjectOf } from '../../src/ddl/missing-object.ts';
import { sharedServer } from '../helpers/pg.ts';

const CASES: Array<[string, ReturnType<typeof missingObjectOf>]> = [
  ['create table a (x citext)', { kind: 'type', name: 'citext' }],
  ['create table a (x staff_role[])', { kind: 'type', name: 'staff_role[]' }],
  ['create table a (x uuid default uuid_generate_v4())', { kind: 'function', name: 'uuid_generate_v4()' }],
  ["create table a (x bigint default nextval('invoice_number_seq'))", { kind: 'sequence', name: 'invoice_number_seq' }],
  ['create table a (x text collate "fr_FR_nope")', { kind: 'collation', name: 'fr_FR_nope' }],
  ['create table a (x text); create index on a using gin (x gin_trgm_ops)', { kind: 'operator class', name: 'gin_trgm_ops' }],
  ['create table a (x text); create index on a using bloom (x)', { kind: 'access method', name: 'bloom' }],
  ['create table nosuchschema.a (x text)', { kind: 'schema', name: 'nosuchschema' }],
  // the model's own mistakes: not a missing object
  ['create table a (x integer references nosuchtable (id))', null],
  ['create table a (x integer check (y > 0))', null],
  ['create table a (x text); create index on a (x int4_ops)', null],
];

describe('ddl/missingObjectOf (real PostgreSQL errors)', function () {
  this.timeout(60_000);
  let client: pg.Client;
  let drop: () => Promise<void>;

  before(async () => {
    const db = await (await sharedServer()).createDatabase('missing_object');
    client = new pg.Client(db.url);
    await client.connect();
    drop = async () => {
      await client.end();
      await db.drop();
    };
  });
  after(async () => drop());

  for (const [statement, expected] of CASES) {
    it(`${statement} -> ${expected ? `${expected.kind} ${expected.name}` : 'null (the model is wrong)'}`, async () => {
      await client.query('begin');
      const error = await client.query(statement).then(
        () => null,
        (e: pg.DatabaseError) => e,
      );
      await client.query('rollback');
      expect(error, 'the statement must fail').to.not.equal(null);
      expect(missingObjectOf(error!, statement)).to.deep.equal(expected);
    });
  }

  it('names the extension behind well-known objects', () => {
    expect(extensionFor({ kind: 'type', name: 'citext' })).to.equal('citext');
    expect(extensionFor({ kind: 'function', name: 'uuid_generate_v4()' })).to.equal('uuid-ossp');
    expect(extensionFor({ kind: 'operator class', name: 'gin_trgm_ops' })).to.equal('pg_trgm');
    expect(extensionFor({ kind: 'type', name: 'geometry(Point,4326)' })).to.equal('postgis');
    expect(extensionFor({ kind: 'sequence', name: 'invoice_number_seq' })).to.equal(undefined);
  });
});

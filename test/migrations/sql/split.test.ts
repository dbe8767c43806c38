// The statements of a SQL script as PostgreSQL's lexer sees them (src/migrations/sql/split.ts): a
// failure is named by its statement, so a semicolon inside a literal, a comment or a function body
// must not end one.
import { expect } from 'chai';
import { lineAt, splitStatements } from '../../../src/migrations/sql/split.ts';

const statements = (text: string) => splitStatements(text).map((s) => text.slice(s.start, s.end));

describe('SQL statement splitter', () => {
  it('splits on semicolons and skips leading comments and blanks', () => {
    expect(statements('-- CreateTable\nCREATE TABLE a (x int);\n\n/* two */ CREATE TABLE b (y int);\n')).to.deep.equal(['CREATE TABLE a (x int);', 'CREATE TABLE b (y int);']);
  });

  it('keeps semicolons inside strings, quoted identifiers, E-strings and comments', () => {
    const text = `INSERT INTO t VALUES ('a;b', 'it''s;'); SELECT "we;ird" FROM t; SELECT E'\\';' -- c;d\n; /* x; /* nested; */ y; */ SELECT 1`;
    expect(statements(text)).to.deep.equal([`INSERT INTO t VALUES ('a;b', 'it''s;');`, 'SELECT "we;ird" FROM t;', `SELECT E'\\';' -- c;d\n;`, 'SELECT 1']);
  });

  it('keeps dollar-quoted bodies whole, tagged or not', () => {
    const fn = 'CREATE FUNCTION f() RETURNS int AS $body$ BEGIN PERFORM 1; RETURN 2; END $body$ LANGUAGE plpgsql;';
    const doBlock = 'DO $$ BEGIN RAISE NOTICE \'x;\'; END $$;';
    expect(statements(`${fn}\n${doBlock}\nSELECT $1;`)).to.deep.equal([fn, doBlock, 'SELECT $1;']);
  });

  it('keeps a BEGIN ATOMIC body (CASE ... END inside it too) as one statement', () => {
    const fn = "CREATE FUNCTION g(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END; SELECT 2; END;";
    expect(statements(`${fn} SELECT 3;`)).to.deep.equal([fn, 'SELECT 3;']);
  });

  it('leaves out a script of comments only, and counts lines from 1', () => {
    expect(splitStatements('-- nothing here\n/* at all */\n')).to.deep.equal([]);
    expect(lineAt('a\nb\nc', 4)).to.equal(3);
  });
});

import { expect } from 'chai';
import {
  AUTOINCREMENT,
  canonicalNumber,
  displayType,
  effectiveDefault,
  normaliseDefault,
  normaliseExpression,
  normaliseType,
} from '../../src/diff/normalise.ts';

describe('diff/normalise', () => {
  describe('types', () => {
    const same: Array<[string, string]> = [
      ['varchar(255)', 'character varying(255)'],
      ['int4', 'integer'],
      ['int', 'integer'],
      ['serial', 'integer'],
      ['int8', 'bigint'],
      ['bool', 'boolean'],
      ['timestamptz', 'timestamp with time zone'],
      ['TIMESTAMP WITH TIME ZONE', 'timestamp with time zone'],
      ['timestamp', 'timestamp without time zone'],
      ['timestamptz(3)', 'timestamp(3) with time zone'],
      ['decimal(10, 2)', 'numeric(10,2)'],
      ['numeric(10)', 'numeric(10,0)'],
      ['float8', 'double precision'],
      ['float4', 'real'],
      ['int[]', 'integer[]'],
      ['pg_catalog.text', 'text'],
      ['core."status"', 'core.status'],
    ];
    for (const [a, b] of same) it(`${a} ≡ ${b}`, () => expect(normaliseType(a)).to.equal(normaliseType(b)));

    const different: Array<[string, string]> = [
      ['character varying(100)', 'character varying(255)'],
      ['timestamp with time zone', 'timestamp without time zone'],
      ['text[]', 'text'],
      ['numeric(10,2)', 'numeric(12,2)'],
      ['core.status', 'public.status'],
      ['"Status"', 'status'],
    ];
    for (const [a, b] of different) it(`${a} ≢ ${b}`, () => expect(normaliseType(a)).to.not.equal(normaliseType(b)));

    it('displays types the short way', () => {
      expect(displayType('character varying(255)')).to.equal('varchar(255)');
      expect(displayType('timestamp with time zone')).to.equal('timestamptz');
      expect(displayType('timestamp(3) without time zone')).to.equal('timestamp(3)');
      expect(displayType('character varying[]')).to.equal('varchar[]');
      expect(displayType('public.citext'), 'an extension type in public, as a person writes it').to.equal('citext');
      expect(displayType('postgis.geometry')).to.equal('postgis.geometry');
      expect(displayType('core.booking_status')).to.equal('core.booking_status');
    });
  });

  describe('defaults', () => {
    const same: Array<[string | null, string | null, string]> = [
      ['now()', 'CURRENT_TIMESTAMP', 'timestamp with time zone'],
      ['now()', 'transaction_timestamp()', 'timestamp with time zone'],
      ['now()', '(now())::timestamp without time zone', 'timestamp without time zone'],
      ['now()', 'LOCALTIMESTAMP', 'timestamp without time zone'],
      ["nextval('public.t_id_seq'::regclass)", "nextval('other_seq'::regclass)", 'integer'],
      ["'x'", "'x'::text", 'text'],
      ["'x'::character varying", "'x'::text", 'character varying(20)'],
      ['0', "'0'::numeric", 'numeric(8,2)'],
      ['0', '0.00', 'numeric(8,2)'],
      ["'-1'::integer", '-1', 'integer'],
      ["'{}'::text[]", "'{}'", 'text[]'],
      ["'active'::core.customer_status", "'active'", 'core.customer_status'],
      ['true', "'true'::boolean", 'boolean'],
      ['false', "'f'::boolean", 'boolean'],
      ['CURRENT_DATE', "('now'::text)::date", 'date'],
      ['CURRENT_DATE', '(now())::date', 'date'],
      ['gen_random_uuid()', 'public.gen_random_uuid()', 'uuid'],
      ['gen_random_uuid()', 'pg_catalog.gen_random_uuid()', 'uuid'],
      ['\'{"a": 1, "b": [2]}\'::jsonb', '\'{"b":[2],"a":1}\'::jsonb', 'jsonb'],
      [null, 'NULL::character varying', 'character varying(10)'],
      [null, 'NULL', 'text'],
      // Postgres keeps these apart, as written (checked on PostgreSQL 18)
      ['ARRAY[]::text[]', "'{}'::text[]", 'text[]'],
      ["ARRAY['a'::text, 'b'::text]", "'{a,b}'::text[]", 'text[]'],
      ['ARRAY[]::character varying[]::character varying(6)[]', "'{}'::character varying[]", 'character varying(6)[]'],
      ['ARRAY[1, 2]', "'{1,2}'::integer[]", 'integer[]'],
      ["ARRAY['a b'::text, 'c,d'::text, NULL::text]", '\'{"a b","c,d",NULL}\'::text[]', 'text[]'],
      ["ARRAY['it''s'::text]", "'{it''s}'::text[]", 'text[]'],
      ["timezone('utc'::text, now())", "(now() AT TIME ZONE 'utc'::text)", 'timestamp without time zone'],
    ];
    for (const [a, b, type] of same) {
      it(`${a} ≡ ${b} on ${type}`, () => expect(normaliseDefault(a, type)).to.equal(normaliseDefault(b, type)));
    }

    const different: Array<[string | null, string | null, string]> = [
      ['now()', 'statement_timestamp()', 'timestamp with time zone'],
      ['now()', 'clock_timestamp()', 'timestamp with time zone'],
      ['now()', '(now())::timestamp without time zone', 'timestamp with time zone'],
      ['now()', 'LOCALTIMESTAMP', 'timestamp with time zone'],
      ["'a'", "'b'", 'text'],
      ['0', '1', 'integer'],
      ['0.5', '0.50001', 'numeric'],
      ['true', 'false', 'boolean'],
      [null, "''::text", 'text'],
      ["'pending'::core.s", "'PENDING'::core.s", 'core.s'],
      ['gen_random_uuid()', 'uuid_generate_v4()', 'uuid'],
      ["ARRAY['a'::text, 'b'::text]", "'{b,a}'::text[]", 'text[]'],
      ["ARRAY['a'::text]", '\'{"a "}\'::text[]', 'text[]'],
      ["ARRAY[NULL::text]", '\'{"NULL"}\'::text[]', 'text[]'],
      ["timezone('utc'::text, now())", "(now() AT TIME ZONE 'UTC'::text)", 'timestamp without time zone'],
    ];
    for (const [a, b, type] of different) {
      it(`${a} ≢ ${b} on ${type}`, () => expect(normaliseDefault(a, type)).to.not.equal(normaliseDefault(b, type)));
    }

    it('makes identity and serial one auto-increment; a generated column has no default (generatedKey compares it)', () => {
      const base = { type: 'integer', default: null, identity: '' as const, generated: null };
      expect(effectiveDefault({ ...base, identity: 'a' })).to.equal(AUTOINCREMENT);
      expect(effectiveDefault({ ...base, identity: 'd' })).to.equal(AUTOINCREMENT);
      expect(effectiveDefault({ ...base, default: "nextval('t_id_seq'::regclass)" })).to.equal(AUTOINCREMENT);
      expect(effectiveDefault({ ...base, generated: '(a + 1)', default: '(a + 1)' })).to.equal(null);
      expect(effectiveDefault(base)).to.equal(null);
    });

    it('compares numbers by value', () => {
      expect(canonicalNumber('0.00')).to.equal('0');
      expect(canonicalNumber('-0.0')).to.equal('0');
      expect(canonicalNumber('007.50')).to.equal('7.5');
      expect(canonicalNumber('-12')).to.equal('-12');
      expect(canonicalNumber('1e3')).to.equal('1000');
      expect(canonicalNumber('abc')).to.equal(null);
    });
  });

  describe('expressions', () => {
    const same: Array<[string, string]> = [
      ["(status <> 'cancelled'::core.booking_status)", "status <> 'cancelled'"],
      ['(deleted_at IS NULL)', 'deleted_at is null'],
      ["CHECK ((first_name <> ''::text))", "first_name <> ''"],
      ["((first_name)::text <> ''::text)", "first_name <> ''"],
      ['((a > 1) AND (b < 2))', '(a > 1)   and   (b < 2)'],
      ["(status = ANY (ARRAY['a'::text, 'b'::text]))", "status = any (array['a', 'b'])"],
      ['("status" > 0)', 'status > 0'],
    ];
    for (const [a, b] of same) it(`${a} ≡ ${b}`, () => expect(normaliseExpression(a)).to.equal(normaliseExpression(b)));

    const different: Array<[string, string]> = [
      ['((a OR b) AND c)', '(a OR (b AND c))'],
      ["status <> 'cancelled'", "status <> 'CANCELLED'"],
      ['a > 1', 'a >= 1'],
      ['("Status" > 0)', 'status > 0'],
    ];
    for (const [a, b] of different) it(`${a} ≢ ${b}`, () => expect(normaliseExpression(a)).to.not.equal(normaliseExpression(b)));
  });
});

describe('normaliseExpression: string array literals', () => {
  it('treats ARRAY[...]::text[] and element-wise casts alike (Postgres re-parses one into the other)', () => {
    const printed = "status::text = ANY (ARRAY['pending'::character varying, 'failed'::character varying]::text[])";
    const reparsed = "status::text = ANY (ARRAY['pending'::character varying::text, 'failed'::character varying::text])";
    expect(normaliseExpression(printed)).to.equal(normaliseExpression(reparsed));
    expect(normaliseExpression(printed)).to.not.equal(normaliseExpression(reparsed.replace("'failed'", "'done'")));
  });
});

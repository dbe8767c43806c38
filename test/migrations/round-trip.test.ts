// The round trip's inventory comparison (pure): what a down() leaves behind is named by its
// biggest objects, not drowned in the columns, keys and indexes of a table it forgot.
import { expect } from 'chai';
import { compareInventories, type Inventory } from '../../src/migrations/round-trip.ts';

const inv = (entries: Record<string, string>): Inventory => new Map(Object.entries(entries));

describe('migrations/round-trip compareInventories', () => {
  const before = inv({ 'table public.orders': '', 'column public.orders.id': 'integer NOT NULL' });

  it('a table left behind stands for its columns, constraints, triggers and indexes; the rest comes biggest first', () => {
    const after = inv({
      ...Object.fromEntries(before),
      'column public.tickets.id': 'integer NOT NULL',
      'constraint public.tickets.tickets_pkey': 'PRIMARY KEY (id)',
      'index public.tickets_pkey': 'CREATE UNIQUE INDEX tickets_pkey ON public.tickets USING btree (id)',
      'trigger public.tickets.tickets_touch': 'CREATE TRIGGER ...',
      'table public.tickets': '',
      'sequence public.tickets_id_seq': '',
      'index public.orders_reference_index': 'CREATE INDEX orders_reference_index ON public.orders USING btree (reference)',
      'enum public.priority': 'low,high',
    });
    expect(compareInventories(before, after)).to.deep.equal({
      added: ['table public.tickets', 'enum public.priority', 'sequence public.tickets_id_seq', 'index public.orders_reference_index'],
      removed: [],
      changed: [],
    });
  });

  it('a table dropped although an earlier migration created it is named once, and only a column of a kept table is named', () => {
    const earlier = inv({
      ...Object.fromEntries(before),
      'column public.orders.legacy_code': 'character varying(20)',
      'table public.audit': '',
      'column public.audit.at': 'timestamp with time zone',
      'index public.audit_at_index': 'CREATE INDEX audit_at_index ON public.audit USING btree (at)',
    });
    expect(compareInventories(earlier, before)).to.deep.equal({
      added: [],
      removed: ['table public.audit', 'column public.orders.legacy_code'],
      changed: [],
    });
  });
});

import type { Knex } from 'knex';

// The CRM core: customers and their bookings, per station.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE SCHEMA core');
  await knex.raw(`
    CREATE TYPE core.booking_status AS ENUM (
      'new', 'deposit_pending', 'confirmed', 'completed', 'cancelled', 'no_show'
    )
  `);

  await knex.schema.withSchema('core').createTable('customers', (table) => {
    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    table.uuid('station_id').notNullable().references('id').inTable('identity.stations').onDelete('RESTRICT');
    table.string('first_name', 100).notNullable();
    table.string('last_name', 100);
    table.text('email_encrypted');
    table.text('phone_encrypted');
    table.string('email_hash', 64);
    table.boolean('consent_sms').notNullable().defaultTo(false);
    table.boolean('consent_email').notNullable().defaultTo(false);
    table.text('notes');
    table.timestamp('deleted_at', { useTz: true });
    table.timestamps(true, true);
    table.index(['station_id', 'created_at']);
  });
  await knex.raw(`
    CREATE UNIQUE INDEX customers_station_email_hash_idx
      ON core.customers (station_id, email_hash)
      WHERE deleted_at IS NULL
  `);

  await knex.schema.withSchema('core').createTable('bookings', (table) => {
    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    table.uuid('station_id').notNullable().references('id').inTable('identity.stations').onDelete('RESTRICT');
    table.uuid('customer_id').notNullable().references('id').inTable('core.customers').onDelete('RESTRICT');
    table.integer('booked_by').references('id').inTable('public.users').onDelete('SET NULL');
    table.specificType('status', 'core.booking_status').notNullable().defaultTo('new');
    table.date('event_date').notNullable();
    table.time('slot').notNullable();
    table.smallint('guest_count').notNullable();
    table.decimal('subtotal', 10, 2).notNullable().defaultTo(0);
    table.decimal('deposit_amount', 10, 2).notNullable().defaultTo(0);
    table.decimal('total_amount', 10, 2).notNullable();
    table.text('special_requests');
    table.jsonb('venue_address');
    table.timestamp('cancelled_at');
    table.text('cancellation_reason');
    table.timestamps(true, true);
    // Lets payments reference (booking, station) so a payment can never cross stations.
    table.unique(['id', 'station_id']);
    table.index(['station_id', 'event_date']);
  });
  await knex.raw(`
    CREATE INDEX bookings_open_by_customer_idx ON core.bookings (customer_id)
      WHERE status IN ('new', 'deposit_pending')
  `);
  await knex.raw(`
    ALTER TABLE core.bookings
      ADD CONSTRAINT bookings_guest_count_check CHECK (guest_count > 0),
      ADD CONSTRAINT bookings_total_amount_check CHECK (total_amount >= 0)
  `);

  await knex.schema.withSchema('core').createTable('booking_status_history', (table) => {
    table.bigIncrements('id');
    table.uuid('booking_id').notNullable().references('id').inTable('core.bookings').onDelete('CASCADE');
    table.specificType('from_status', 'core.booking_status');
    table.specificType('to_status', 'core.booking_status').notNullable();
    table.integer('changed_by').references('id').inTable('public.users').onDelete('SET NULL');
    table.text('note');
    table.timestamp('changed_at').notNullable().defaultTo(knex.fn.now());
    table.index(['booking_id', 'changed_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.withSchema('core').dropTable('booking_status_history');
  await knex.schema.withSchema('core').dropTable('bookings');
  await knex.schema.withSchema('core').dropTable('customers');
  await knex.raw('DROP TYPE core.booking_status');
  await knex.raw('DROP SCHEMA core');
}

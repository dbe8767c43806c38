import type { Knex } from 'knex';

// Payments, refunds and the add-ons sold with a booking.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.withSchema('core').createTable('payments', (table) => {
    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    table.uuid('booking_id').notNullable();
    table.uuid('station_id').notNullable().references('id').inTable('identity.stations').onDelete('RESTRICT');
    table.decimal('amount', 10, 2).notNullable();
    table.specificType('currency', 'char(3)').notNullable().defaultTo('USD');
    table
      .enu('status', ['pending', 'succeeded', 'failed', 'refunded', 'partially_refunded'], {
        useNative: true,
        enumName: 'payment_status',
      })
      .notNullable()
      .defaultTo('pending');
    table.string('method', 30);
    table.string('stripe_payment_intent_id').unique();
    table.timestamp('paid_at');
    table.jsonb('metadata').notNullable().defaultTo('{}');
    table.timestamps(true, true);
    table
      .foreign(['booking_id', 'station_id'], 'payments_booking_station_fk')
      .references(['id', 'station_id'])
      .inTable('core.bookings')
      .onDelete('RESTRICT');
    table.index('booking_id');
  });
  await knex.raw('ALTER TABLE core.payments ADD CONSTRAINT payments_amount_check CHECK (amount > 0)');

  await knex.schema.withSchema('core').createTable('refunds', (table) => {
    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    table.uuid('payment_id').notNullable().references('id').inTable('core.payments').onDelete('CASCADE');
    table.decimal('amount', 10, 2).notNullable();
    table.text('reason');
    table.string('status', 20).notNullable().defaultTo('pending');
    table.integer('processed_by').references('id').inTable('public.users').onDelete('SET NULL');
    table.timestamp('processed_at');
    table.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
    table.index('payment_id');
  });
  await knex.raw(`
    ALTER TABLE core.refunds
      ADD CONSTRAINT refunds_amount_check CHECK (amount > 0),
      ADD CONSTRAINT refunds_status_check CHECK (status IN ('pending', 'succeeded', 'failed'))
  `);

  await knex.schema.withSchema('core').createTable('booking_addons', (table) => {
    table.uuid('booking_id').notNullable().references('id').inTable('core.bookings').onDelete('CASCADE');
    table.integer('addon_item_id').notNullable().references('id').inTable('public.addon_items').onDelete('RESTRICT');
    table.smallint('quantity').notNullable().defaultTo(1);
    table.decimal('unit_price', 10, 2).notNullable();
    table.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
    table.primary(['booking_id', 'addon_item_id']);
    table.check('quantity > 0', [], 'booking_addons_quantity_check');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.withSchema('core').dropTable('booking_addons');
  await knex.schema.withSchema('core').dropTable('refunds');
  await knex.schema.withSchema('core').dropTable('payments');
  await knex.raw('DROP TYPE core.payment_status');
}

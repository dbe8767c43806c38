// core: the CRM — customers, bookings and their money.
import { defineModel, t, sql } from 'pre-commit-check';

const BOOKING_STATUSES = ['new', 'deposit_pending', 'confirmed', 'completed', 'cancelled', 'no_show'] as const;

export const Customer = defineModel({
  schema: 'core',
  table: 'customers',
  columns: {
    id: t.uuid().primary().defaultTo(sql`gen_random_uuid()`),
    station_id: t.uuid().notNullable().references('identity.stations.id').onDelete('RESTRICT'),
    first_name: t.string(100).notNullable(),
    last_name: t.string(100),
    email_encrypted: t.text(),
    phone_encrypted: t.text(),
    email_hash: t.string(64),
    consent_sms: t.boolean().notNullable().defaultTo(false),
    consent_email: t.boolean().notNullable().defaultTo(false),
    notes: t.text(),
    deleted_at: t.timestamp({ useTz: true }),
    created_at: t.timestamp().notNullable().defaultTo(sql`now()`),
    updated_at: t.timestamp().notNullable().defaultTo(sql`now()`),
    consent_updated_at: t.timestamp(),
    timezone: t.string(50),
    tags: t.specificType('text[]').notNullable().defaultTo(sql`'{}'`),
  },
  indexes: [
    { columns: ['station_id', 'created_at'] },
    { columns: ['station_id', 'email_hash'], unique: true, where: 'deleted_at is null' },
    { columns: ['tags'], using: 'gin' },
  ],
});

export const Booking = defineModel({
  schema: 'core',
  table: 'bookings',
  columns: {
    id: t.uuid().primary().defaultTo(sql`gen_random_uuid()`),
    station_id: t.uuid().notNullable().references('identity.stations.id').onDelete('RESTRICT'),
    customer_id: t.uuid().notNullable().references('customers.id').onDelete('RESTRICT'),
    booked_by: t.integer().references('public.users.id').onDelete('SET NULL'),
    status: t.enum('booking_status', BOOKING_STATUSES).notNullable().defaultTo('new'),
    event_date: t.date().notNullable(),
    slot: t.time().notNullable(),
    guest_count: t.smallint().notNullable(),
    subtotal: t.decimal(10, 2).notNullable().defaultTo(0),
    deposit_amount: t.decimal(10, 2).notNullable().defaultTo(0),
    total_amount: t.decimal(10, 2).notNullable(),
    special_requests: t.text(),
    venue_address: t.jsonb(),
    cancelled_at: t.timestamp(),
    cancellation_reason: t.text(),
    created_at: t.timestamp().notNullable().defaultTo(sql`CURRENT_TIMESTAMP`),
    updated_at: t.timestamp().notNullable().defaultTo(sql`CURRENT_TIMESTAMP`),
  },
  indexes: [
    { columns: ['station_id', 'event_date'] },
    { columns: ['customer_id'], where: "status in ('new', 'deposit_pending')" },
  ],
  // Target of payments' (booking_id, station_id) foreign key.
  uniques: [{ columns: ['id', 'station_id'] }],
  checks: [{ expression: 'guest_count > 0' }, { expression: 'total_amount >= 0' }],
});

export const BookingStatusHistory = defineModel({
  schema: 'core',
  table: 'booking_status_history',
  columns: {
    id: t.bigIncrements(),
    booking_id: t.uuid().notNullable().references('bookings.id').onDelete('CASCADE'),
    from_status: t.enum('core.booking_status', BOOKING_STATUSES),
    to_status: t.enum('core.booking_status', BOOKING_STATUSES).notNullable(),
    changed_by: t.integer().references('public.users.id').onDelete('SET NULL'),
    note: t.text(),
    changed_at: t.timestamp().notNullable().defaultTo(sql`now()`),
  },
  indexes: [{ columns: ['booking_id', 'changed_at'] }],
});

export const Payment = defineModel({
  schema: 'core',
  table: 'payments',
  columns: {
    id: t.uuid().primary().defaultTo(sql`gen_random_uuid()`),
    booking_id: t.uuid().notNullable().index(),
    station_id: t.uuid().notNullable().references('identity.stations.id').onDelete('RESTRICT'),
    amount: t.decimal(10, 2).notNullable(),
    currency: t.specificType('char(3)').notNullable().defaultTo('USD'),
    status: t
      .enum('payment_status', ['pending', 'succeeded', 'failed', 'refunded', 'partially_refunded'])
      .notNullable()
      .defaultTo('pending'),
    method: t.string(30),
    stripe_payment_intent_id: t.string(255).unique(),
    paid_at: t.timestamp(),
    metadata: t.jsonb().notNullable().defaultTo({}),
    created_at: t.timestamp().notNullable().defaultTo(sql`now()`),
    updated_at: t.timestamp().notNullable().defaultTo(sql`now()`),
  },
  foreignKeys: [
    {
      columns: ['booking_id', 'station_id'],
      references: { table: 'bookings', columns: ['id', 'station_id'] },
      onDelete: 'RESTRICT',
    },
  ],
  checks: [{ name: 'payments_amount_check', expression: 'amount > 0' }],
});

export const Refund = defineModel({
  schema: 'core',
  table: 'refunds',
  columns: {
    id: t.uuid().primary().defaultTo(sql`gen_random_uuid()`),
    payment_id: t.uuid().notNullable().references('payments.id').onDelete('CASCADE').index(),
    amount: t.decimal(10, 2).notNullable(),
    reason: t.text(),
    status: t.string(20).notNullable().defaultTo('pending'),
    processed_by: t.integer().references('public.users.id').onDelete('SET NULL'),
    processed_at: t.timestamp(),
    created_at: t.timestamp().notNullable().defaultTo(sql`now()`),
  },
  checks: [
    { expression: 'amount > 0' },
    { expression: "status in ('pending', 'succeeded', 'failed')" },
  ],
});

export const BookingAddon = defineModel({
  schema: 'core',
  table: 'booking_addons',
  columns: {
    booking_id: t.uuid().primary().references('bookings.id').onDelete('CASCADE'),
    addon_item_id: t.integer().primary().references('public.addon_items.id').onDelete('RESTRICT'),
    quantity: t.smallint().notNullable().defaultTo(1),
    unit_price: t.decimal(10, 2).notNullable(),
    created_at: t.timestamp().notNullable().defaultTo(sql`now()`),
  },
  checks: [{ expression: 'quantity > 0' }],
});

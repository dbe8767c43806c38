// Operational tables: the audit trail and per-station capacity (public schema).
import { defineModel, t, sql } from 'pre-commit-check';

export const AuditLogEntry = defineModel({
  table: 'audit_log',
  columns: {
    id: t.bigIncrements(),
    actor_user_id: t.integer().references('users.id').onDelete('SET NULL').index(),
    station_id: t.uuid().references('identity.stations.id').onDelete('SET NULL'),
    action: t.string(100).notNullable(),
    entity_type: t.string(50).notNullable(),
    entity_id: t.text(),
    changes: t.jsonb().notNullable().defaultTo({}),
    ip_address: t.specificType('inet'),
    occurred_at: t.timestamp({ precision: 3 }).notNullable().defaultTo(sql`now()`),
  },
  indexes: [
    { columns: ['entity_type', 'entity_id'] },
    { columns: ['occurred_at'], using: 'brin' },
  ],
});

export const BookingAvailability = defineModel({
  table: 'booking_availability',
  columns: {
    id: t.increments(),
    station_id: t.uuid().notNullable().references('identity.stations.id').onDelete('CASCADE'),
    date: t.date().notNullable(),
    slot: t.time().notNullable(),
    capacity: t.smallint().notNullable().defaultTo(1),
    booked: t.smallint().notNullable().defaultTo(0),
    is_blocked: t.boolean().notNullable().defaultTo(false),
    updated_at: t.timestamp().notNullable().defaultTo(sql`now()`),
  },
  uniques: [{ columns: ['station_id', 'date', 'slot'] }],
  checks: [{ expression: 'booked <= capacity and capacity >= 0' }],
});

// identity: stations (the tenants) and the users who work at each.
import { defineModel, t, sql } from 'pre-commit-check';

export const Station = defineModel({
  schema: 'identity',
  table: 'stations',
  columns: {
    id: t.uuid().primary().defaultTo(sql`gen_random_uuid()`),
    code: t.string(20).notNullable().unique(),
    name: t.string(200).notNullable(),
    timezone: t.string(50).notNullable().defaultTo('America/New_York'),
    phone: t.string(30),
    address: t.jsonb(),
    settings: t.jsonb().notNullable().defaultTo({}),
    is_active: t.boolean().notNullable().defaultTo(true),
    created_at: t.timestamp().notNullable().defaultTo(sql`CURRENT_TIMESTAMP`),
    updated_at: t.timestamp().notNullable().defaultTo(sql`now()`),
  },
});

export const StationUser = defineModel({
  schema: 'identity',
  table: 'station_users',
  columns: {
    station_id: t.uuid().primary().references('stations.id').onDelete('CASCADE'),
    user_id: t.integer().primary().references('public.users.id').onDelete('CASCADE').index(),
    role: t.string(30).notNullable().defaultTo('staff'),
    is_primary: t.boolean().notNullable().defaultTo(false),
    created_at: t.timestamp().notNullable().defaultTo(sql`now()`),
  },
  checks: [{ name: 'station_users_role_check', expression: "role in ('owner', 'manager', 'staff', 'viewer')" }],
});

import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_log', (table) => {
    table.bigIncrements('id');
    table.integer('actor_user_id').references('users.id').onDelete('SET NULL');
    table.uuid('station_id').references('id').inTable('identity.stations').onDelete('SET NULL');
    table.string('action', 100).notNullable();
    table.string('entity_type', 50).notNullable();
    table.text('entity_id');
    table.jsonb('changes').notNullable().defaultTo('{}');
    table.specificType('ip_address', 'inet');
    table.timestamp('occurred_at', { useTz: true, precision: 3 }).notNullable().defaultTo(knex.fn.now());
    table.index(['entity_type', 'entity_id']);
    table.index(['actor_user_id']);
    // Append-only and time-ordered: a BRIN index is tiny and good enough for range scans.
    table.index(['occurred_at'], 'audit_log_occurred_at_brin', 'brin');
  });

  // Written by hand, as the capacity planner's original SQL.
  await knex.raw(`
    CREATE TABLE public.booking_availability (
      id          SERIAL PRIMARY KEY,
      station_id  UUID NOT NULL REFERENCES identity.stations (id) ON DELETE CASCADE,
      date        DATE NOT NULL,
      slot        TIME NOT NULL,
      capacity    SMALLINT NOT NULL DEFAULT 1,
      booked      SMALLINT NOT NULL DEFAULT 0,
      is_blocked  BOOLEAN NOT NULL DEFAULT FALSE,
      updated_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
      CONSTRAINT booking_availability_station_slot_key UNIQUE (station_id, date, slot),
      CONSTRAINT booking_availability_capacity_check CHECK (booked <= capacity AND capacity >= 0)
    )
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE public.booking_availability');
  await knex.schema.dropTable('audit_log');
}

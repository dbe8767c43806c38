import type { Knex } from 'knex';

// Multi-tenant isolation: every station (a business location) lives in the identity schema.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createSchema('identity');
  await knex.schema.withSchema('identity').createTable('stations', (table) => {
    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    table.string('code', 20).notNullable().unique();
    table.string('name', 200).notNullable();
    table.specificType('timezone', 'varchar(50)').notNullable().defaultTo('America/New_York');
    table.string('phone', 30);
    table.jsonb('address');
    table.jsonb('settings').notNullable().defaultTo('{}');
    table.boolean('is_active').notNullable().defaultTo(true);
    table.timestamps(true, true);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.withSchema('identity').dropTable('stations');
  await knex.schema.dropSchema('identity');
}

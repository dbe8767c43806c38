import type { Knex } from 'knex';

// The CRM needs when consent last changed, the customer's time zone, and free-form tags.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.withSchema('core').alterTable('customers', (table) => {
    table.timestamp('consent_updated_at', { useTz: true });
    table.specificType('timezone', 'varchar(50)');
    table.specificType('tags', 'text[]').notNullable().defaultTo(knex.raw("'{}'::text[]"));
    table.index(['tags'], 'customers_tags_gin', 'gin');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.withSchema('core').alterTable('customers', (table) => {
    table.dropIndex(['tags'], 'customers_tags_gin');
    table.dropColumn('tags');
    table.dropColumn('timezone');
    table.dropColumn('consent_updated_at');
  });
}

import type { Knex } from 'knex';

// Add-ons a user can subscribe to, and per-feature usage counters for plan limits.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('addon_items', (table) => {
    table.increments('id');
    table.string('code', 50).notNullable().unique();
    table.string('name', 150).notNullable();
    table.text('description');
    table.decimal('price', 10, 2).notNullable().defaultTo(0);
    table.specificType('currency', 'char(3)').notNullable().defaultTo('USD');
    table.boolean('is_active').notNullable().defaultTo(true);
    table.jsonb('metadata').notNullable().defaultTo('{}');
    table.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
    table.check('price >= 0', [], 'addon_items_price_check');
  });

  await knex.schema.createTable('addon_subscriptions', (table) => {
    table.uuid('id').primary().defaultTo(knex.fn.uuid());
    table.integer('user_id').notNullable().references('users.id').onDelete('CASCADE');
    table.integer('addon_item_id').notNullable().references('addon_items.id').onDelete('RESTRICT');
    table
      .enu('status', ['trialing', 'active', 'past_due', 'cancelled'], { useNative: true, enumName: 'subscription_status' })
      .notNullable()
      .defaultTo('trialing');
    table.smallint('quantity').notNullable().defaultTo(1);
    table.timestamp('current_period_start');
    table.timestamp('current_period_end');
    table.boolean('cancel_at_period_end').notNullable().defaultTo(false);
    table.string('stripe_subscription_id', 255).unique();
    table.timestamps(true, true);
    table.check('quantity > 0', [], 'addon_subscriptions_quantity_check');
  });
  // At most one live subscription per user and add-on.
  await knex.raw(`
    CREATE UNIQUE INDEX addon_subscriptions_user_addon_live_idx
      ON addon_subscriptions (user_id, addon_item_id)
      WHERE status <> 'cancelled'
  `);

  await knex.schema.createTable('feature_usage', (table) => {
    table.bigIncrements('id');
    table.integer('user_id').notNullable().references('users.id').onDelete('CASCADE');
    table.string('feature_key', 100).notNullable();
    table.date('period_start').notNullable();
    table.integer('usage_count').notNullable().defaultTo(0);
    table.timestamp('last_used_at');
    table.unique(['user_id', 'feature_key', 'period_start']);
    table.check('usage_count >= 0');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('feature_usage');
  await knex.schema.dropTable('addon_subscriptions');
  await knex.raw('DROP TYPE subscription_status');
  await knex.schema.dropTable('addon_items');
}

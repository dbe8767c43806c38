import type { Knex } from 'knex';

// Prepaid tokens: one balance row per user, and an append-only ledger of movements.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('user_token_balances', (table) => {
    table.integer('user_id').primary().references('id').inTable('users').onDelete('CASCADE');
    table.integer('balance').notNullable().defaultTo(0);
    table.bigInteger('lifetime_earned').notNullable().defaultTo(0);
    table.bigInteger('lifetime_spent').notNullable().defaultTo(0);
    table.timestamp('updated_at').notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('ALTER TABLE user_token_balances ADD CONSTRAINT user_token_balances_balance_check CHECK (balance >= 0)');

  await knex.schema.createTable('token_transactions', (table) => {
    table.bigIncrements('id');
    table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    table
      .enu('kind', ['grant', 'purchase', 'spend', 'refund', 'expire'], {
        useNative: true,
        enumName: 'token_transaction_kind',
      })
      .notNullable();
    table.integer('amount').notNullable();
    table.integer('balance_after').notNullable();
    table.string('reference_type', 50);
    table.uuid('reference_id');
    table.text('description');
    table.jsonb('metadata');
    table.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
    table.index(['user_id', 'created_at']);
    table.index(['reference_type', 'reference_id']);
    table.check('amount <> 0', [], 'token_transactions_amount_check');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('token_transactions');
  await knex.raw('DROP TYPE token_transaction_kind');
  await knex.schema.dropTable('user_token_balances');
}

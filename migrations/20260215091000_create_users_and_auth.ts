import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (table) => {
    table.increments('id');
    table.string('email', 255).notNullable();
    table.text('password_hash').notNullable();
    table.string('first_name', 100);
    table.string('last_name', 100);
    table.string('phone', 30);
    table.string('stripe_customer_id').unique();
    table.boolean('is_active').notNullable().defaultTo(true);
    table.timestamp('email_verified_at', { useTz: true });
    table.timestamp('last_login_at', { useTz: true });
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('deleted_at', { useTz: true });
  });
  // One live account per e-mail address; soft-deleted rows keep theirs.
  await knex.raw('CREATE UNIQUE INDEX users_email_active_idx ON users (email) WHERE deleted_at IS NULL');

  await knex.schema.createTable('sessions', (table) => {
    table.uuid('id').primary().defaultTo(knex.fn.uuid());
    table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    table.string('refresh_token_hash', 128).notNullable().unique();
    table.text('user_agent');
    table.specificType('ip_address', 'inet');
    table.timestamp('expires_at').notNullable();
    table.timestamp('revoked_at');
    table.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
    table.index(['user_id', 'expires_at']);
  });

  await knex.schema.createTable('password_reset_tokens', (table) => {
    table.uuid('id').primary().defaultTo(knex.fn.uuid());
    table.integer('user_id').notNullable();
    table.string('token_hash', 128).notNullable();
    table.timestamp('expires_at').notNullable();
    table.timestamp('used_at');
    table.specificType('requested_ip', 'inet');
    table.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
    table.foreign('user_id').references('users.id').onDelete('CASCADE');
    table.unique(['token_hash']);
    table.index(['user_id'], 'password_reset_tokens_unused_idx', { predicate: knex.whereNull('used_at') });
    table.check('?? > ??', ['expires_at', 'created_at'], 'password_reset_tokens_expiry_check');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('password_reset_tokens');
  await knex.schema.dropTable('sessions');
  await knex.schema.dropTable('users');
}

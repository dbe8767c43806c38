import type { Knex } from 'knex';

// Role-based access control, plus which users work at which station.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('roles', (table) => {
    table.increments('id');
    table.string('name', 50).notNullable().unique();
    table.text('description');
    table.boolean('is_system').notNullable().defaultTo(false);
    table.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('permissions', (table) => {
    table.increments('id');
    table.string('code', 100).notNullable().unique();
    table.string('resource', 50).notNullable();
    table.string('action', 50).notNullable();
    table.text('description');
    table.unique(['resource', 'action']);
  });

  await knex.schema.createTable('user_roles', (table) => {
    table.integer('user_id').notNullable().references('users.id').onDelete('CASCADE');
    table.integer('role_id').notNullable().references('roles.id').onDelete('CASCADE');
    table.integer('granted_by').references('users.id').onDelete('SET NULL');
    table.timestamp('granted_at').notNullable().defaultTo(knex.fn.now());
    table.primary(['user_id', 'role_id']);
    table.index('role_id');
  });

  await knex.schema.createTable('role_permissions', (table) => {
    table.integer('role_id').notNullable().references('roles.id').onDelete('CASCADE');
    table.integer('permission_id').notNullable().references('permissions.id').onDelete('CASCADE');
    table.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
    table.primary(['role_id', 'permission_id']);
  });

  await knex.schema.withSchema('identity').createTable('station_users', (table) => {
    table.uuid('station_id').notNullable().references('id').inTable('identity.stations').onDelete('CASCADE');
    table.integer('user_id').notNullable().references('id').inTable('public.users').onDelete('CASCADE');
    table.string('role', 30).notNullable().defaultTo('staff');
    table.boolean('is_primary').notNullable().defaultTo(false);
    table.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
    table.primary(['station_id', 'user_id']);
    table.index(['user_id']);
  });
  await knex.raw(`
    ALTER TABLE identity.station_users
      ADD CONSTRAINT station_users_role_check CHECK (role IN ('owner', 'manager', 'staff', 'viewer'))
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.withSchema('identity').dropTable('station_users');
  await knex.schema.dropTable('role_permissions');
  await knex.schema.dropTable('user_roles');
  await knex.schema.dropTable('permissions');
  await knex.schema.dropTable('roles');
}

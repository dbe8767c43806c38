// Accounts, sessions, password resets and role-based access control (public schema).
import { defineModel, t, sql } from 'pre-commit-check';

export const User = defineModel({
  table: 'users',
  columns: {
    id: t.increments(),
    email: t.string(255).notNullable(),
    password_hash: t.text().notNullable(),
    first_name: t.string(100),
    last_name: t.string(100),
    phone: t.string(30),
    stripe_customer_id: t.string().unique(),
    is_active: t.boolean().notNullable().defaultTo(true),
    email_verified_at: t.timestamp(),
    last_login_at: t.timestamp(),
    created_at: t.timestamp().notNullable().defaultTo(sql`CURRENT_TIMESTAMP`),
    updated_at: t.timestamp().notNullable().defaultTo(sql`CURRENT_TIMESTAMP`),
    deleted_at: t.timestamp(),
  },
  indexes: [{ columns: ['email'], unique: true, where: 'deleted_at is null' }],
});

export const Session = defineModel({
  table: 'sessions',
  columns: {
    id: t.uuid().primary().defaultTo(sql`gen_random_uuid()`),
    user_id: t.integer().notNullable().references('users.id').onDelete('CASCADE'),
    refresh_token_hash: t.string(128).notNullable().unique(),
    user_agent: t.text(),
    ip_address: t.specificType('inet'),
    expires_at: t.timestamp().notNullable(),
    revoked_at: t.timestamp(),
    created_at: t.timestamp().notNullable().defaultTo(sql`now()`),
  },
  indexes: [{ columns: ['user_id', 'expires_at'] }],
});

export const PasswordResetToken = defineModel({
  table: 'password_reset_tokens',
  columns: {
    id: t.uuid().primary().defaultTo(sql`gen_random_uuid()`),
    user_id: t.integer().notNullable().references('users.id').onDelete('CASCADE'),
    token_hash: t.string(128).notNullable().unique(),
    expires_at: t.timestamp().notNullable(),
    used_at: t.timestamp(),
    requested_ip: t.specificType('inet'),
    created_at: t.timestamp().notNullable().defaultTo(sql`now()`),
  },
  indexes: [{ columns: ['user_id'], where: 'used_at IS NULL' }],
  checks: [{ expression: 'expires_at > created_at' }],
});

export const Role = defineModel({
  table: 'roles',
  columns: {
    id: t.increments(),
    name: t.string(50).notNullable().unique(),
    description: t.text(),
    is_system: t.boolean().notNullable().defaultTo(false),
    created_at: t.timestamp().notNullable().defaultTo(sql`now()`),
  },
});

export const Permission = defineModel({
  table: 'permissions',
  columns: {
    id: t.increments(),
    code: t.string(100).notNullable().unique(),
    resource: t.string(50).notNullable(),
    action: t.string(50).notNullable(),
    description: t.text(),
  },
  uniques: [{ columns: ['resource', 'action'] }],
});

export const UserRole = defineModel({
  table: 'user_roles',
  columns: {
    user_id: t.integer().primary().references('users.id').onDelete('CASCADE'),
    role_id: t.integer().primary().references('roles.id').onDelete('CASCADE').index(),
    granted_by: t.integer().references('users.id').onDelete('SET NULL'),
    granted_at: t.timestamp().notNullable().defaultTo(sql`now()`),
  },
});

export const RolePermission = defineModel({
  table: 'role_permissions',
  columns: {
    role_id: t.integer().primary().references('roles.id').onDelete('CASCADE'),
    permission_id: t.integer().primary().references('permissions.id').onDelete('CASCADE'),
    created_at: t.timestamp().notNullable().defaultTo(sql`now()`),
  },
});

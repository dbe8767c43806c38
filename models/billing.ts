// Add-ons, plan usage and prepaid tokens (public schema).
import { defineModel, t, sql } from 'pre-commit-check';

export const AddonItem = defineModel({
  table: 'addon_items',
  columns: {
    id: t.increments(),
    code: t.string(50).notNullable().unique(),
    name: t.string(150).notNullable(),
    description: t.text(),
    price: t.decimal(10, 2).notNullable().defaultTo(0),
    currency: t.specificType('char(3)').notNullable().defaultTo('USD'),
    is_active: t.boolean().notNullable().defaultTo(true),
    metadata: t.jsonb().notNullable().defaultTo({}),
    created_at: t.timestamp().notNullable().defaultTo(sql`now()`),
  },
  checks: [{ expression: 'price >= 0' }],
});

export const AddonSubscription = defineModel({
  table: 'addon_subscriptions',
  columns: {
    id: t.uuid().primary().defaultTo(sql`gen_random_uuid()`),
    user_id: t.integer().notNullable().references('users.id').onDelete('CASCADE'),
    addon_item_id: t.integer().notNullable().references('addon_items.id').onDelete('RESTRICT'),
    status: t.enum('subscription_status', ['trialing', 'active', 'past_due', 'cancelled']).notNullable().defaultTo('trialing'),
    quantity: t.smallint().notNullable().defaultTo(1),
    current_period_start: t.timestamp(),
    current_period_end: t.timestamp(),
    cancel_at_period_end: t.boolean().notNullable().defaultTo(false),
    stripe_subscription_id: t.string(255).unique(),
    created_at: t.timestamp().notNullable().defaultTo(sql`now()`),
    updated_at: t.timestamp().notNullable().defaultTo(sql`now()`),
  },
  indexes: [{ columns: ['user_id', 'addon_item_id'], unique: true, where: "status <> 'cancelled'" }],
  checks: [{ expression: 'quantity > 0' }],
});

export const FeatureUsage = defineModel({
  table: 'feature_usage',
  columns: {
    id: t.bigIncrements(),
    user_id: t.integer().notNullable().references('users.id').onDelete('CASCADE'),
    feature_key: t.string(100).notNullable(),
    period_start: t.date().notNullable(),
    usage_count: t.integer().notNullable().defaultTo(0),
    last_used_at: t.timestamp(),
  },
  // The migration writes this as a unique constraint: a unique index is the same guarantee.
  indexes: [{ columns: ['user_id', 'feature_key', 'period_start'], unique: true }],
  checks: [{ expression: 'usage_count >= 0' }],
});

export const UserTokenBalance = defineModel({
  table: 'user_token_balances',
  columns: {
    user_id: t.integer().primary().references('users.id').onDelete('CASCADE'),
    balance: t.integer().notNullable().defaultTo(0),
    lifetime_earned: t.bigInteger().notNullable().defaultTo(0),
    lifetime_spent: t.bigInteger().notNullable().defaultTo(0),
    updated_at: t.timestamp().notNullable().defaultTo(sql`now()`),
  },
  checks: [{ expression: 'balance >= 0' }],
});

export const TokenTransaction = defineModel({
  table: 'token_transactions',
  columns: {
    id: t.bigIncrements(),
    user_id: t.integer().notNullable().references('users.id').onDelete('CASCADE'),
    kind: t.enum('token_transaction_kind', ['grant', 'purchase', 'spend', 'refund', 'expire']).notNullable(),
    amount: t.integer().notNullable(),
    balance_after: t.integer().notNullable(),
    reference_type: t.string(50),
    reference_id: t.uuid(),
    description: t.text(),
    metadata: t.jsonb(),
    created_at: t.timestamp().notNullable().defaultTo(sql`now()`),
  },
  indexes: [{ columns: ['user_id', 'created_at'] }, { columns: ['reference_type', 'reference_id'] }],
  checks: [{ expression: 'amount <> 0' }],
});

#!/usr/bin/env node
// The repository's own integration stage (stages.integration): `pre-commit-check --full` runs it with
// DATABASE_URL set to a scratch database freshly migrated from migrations/, so these queries hit a
// real PostgreSQL with the real schema (the seeds' lesson: tests on mocks hid the drift).
import assert from 'node:assert/strict';
import pg from 'pg';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set: run this through `pre-commit-check --full`, which sets it to a migrated scratch database.');
  process.exit(2);
}
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  await client.query('BEGIN');
  const station = (await client.query(`INSERT INTO identity.stations (code, name) VALUES ('NYC-1', 'New York') RETURNING id, timezone`)).rows[0];
  assert.equal(station.timezone, 'America/New_York', 'stations.timezone default');
  const customer = (
    await client.query(
      `INSERT INTO core.customers (station_id, first_name, email_encrypted, email_hash) VALUES ($1, 'Ada', 'enc:…', 'h1') RETURNING id, tags, consent_sms`,
      [station.id],
    )
  ).rows[0];
  assert.deepEqual(customer.tags, [], "customers.tags defaults to '{}'");
  assert.equal(customer.consent_sms, false, 'customers.consent_sms defaults to false');
  const booking = (
    await client.query(
      `INSERT INTO core.bookings (station_id, customer_id, event_date, slot, guest_count, total_amount)
       VALUES ($1, $2, '2026-12-24', '18:00', 12, 480) RETURNING id, status`,
      [station.id, customer.id],
    )
  ).rows[0];
  assert.equal(booking.status, 'new', 'bookings.status defaults to the enum label new');
  // The enum rejects a label whose case differs (seed 000: 'PENDING' vs 'pending').
  await client.query('SAVEPOINT s');
  await assert.rejects(client.query(`UPDATE core.bookings SET status = 'NEW' WHERE id = $1`, [booking.id]), /invalid input value for enum/);
  await client.query('ROLLBACK TO SAVEPOINT s');
  // A second customer with the same email hash at the same station violates the partial unique index.
  await assert.rejects(
    client.query(`INSERT INTO core.customers (station_id, first_name, email_hash) VALUES ($1, 'Eve', 'h1')`, [station.id]),
    /duplicate key value/,
  );
  await client.query('ROLLBACK');
  console.log('reference schema: inserts, defaults, enum and unique constraints behave as the models say');
} finally {
  await client.end();
}

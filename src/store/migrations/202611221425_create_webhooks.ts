import type { Kysely } from 'kysely';
import { serialColumn } from './serial-column.js';

/**
 * Webhooks: outbound subscriptions, the outbox every delivery goes through (written in the same
 * transaction as the action it reports, so an action is never lost between commit and send),
 * inbound sources with their secrets, and the inbound event ids seen inside the replay window.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const serial = serialColumn(db);
  await serial(db.schema.createTable('webhook_subscriptions'), 'seq')
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('event_types', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('disabled_at', 'bigint')
    .execute();

  await serial(db.schema.createTable('webhook_outbox'), 'seq')
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('delivered_at', 'bigint')
    .execute();
  await db.schema.createIndex('webhook_outbox_due').on('webhook_outbox').columns(['state', 'next_attempt_at']).execute();

  await serial(db.schema.createTable('webhook_sources'), 'seq')
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await serial(db.schema.createTable('webhook_inbound_seen'), 'seq')
    .addColumn('seen_key', 'text', (c) => c.notNull().unique())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhook_inbound_seen_at').on('webhook_inbound_seen').column('seen_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('webhook_inbound_seen').execute();
  await db.schema.dropTable('webhook_sources').execute();
  await db.schema.dropTable('webhook_outbox').execute();
  await db.schema.dropTable('webhook_subscriptions').execute();
}

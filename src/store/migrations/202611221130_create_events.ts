import type { Kysely } from 'kysely';
import { dialectOf } from '../dialect-of.js';

/** Raw events, conflicts, the entity index and API keys: what ingestion needs. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  for (const table of ['events', 'event_conflicts'] as const) {
    // The visible dialect branch: SQLite's rowid alias versus a PostgreSQL identity column.
    let t = db.schema.createTable(table);
    t = postgres
      ? t.addColumn('seq', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement());
    t = t.addColumn('id', 'text', (c) => (table === 'events' ? c.notNull().unique() : c.notNull()));
    if (table === 'events') {
      t = t
        .addColumn('time', 'text', (c) => c.notNull())
        .addColumn('time_ms', 'bigint', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('account', 'text', (c) => c.notNull());
    }
    await t
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('raw', 'text', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .execute();
  }
  await db.schema.createIndex('events_account_time').on('events').columns(['account', 'time_ms']).execute();
  await db.schema.createIndex('events_time').on('events').column('time_ms').execute();
  await db.schema.createIndex('event_conflicts_id').on('event_conflicts').column('id').execute();

  await db.schema
    .createTable('entities')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'bigint', (c) => c.notNull())
    .addColumn('last_seen', 'bigint', (c) => c.notNull())
    .addColumn('event_count', 'bigint', (c) => c.notNull())
    .addColumn('account_count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('entities_pk', ['type', 'value'])
    .execute();
  await db.schema
    .createTable('entity_accounts')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'bigint', (c) => c.notNull())
    .addColumn('last_seen', 'bigint', (c) => c.notNull())
    .addColumn('event_count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('entity_accounts_pk', ['type', 'value', 'account'])
    .execute();
  await db.schema.createIndex('entity_accounts_account').on('entity_accounts').columns(['account', 'type']).execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['api_keys', 'entity_accounts', 'entities', 'event_conflicts', 'events']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}

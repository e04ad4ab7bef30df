import { sql, type Kysely } from 'kysely';
import { serialColumn } from './serial-column.js';
import { dialectOf } from '../dialect-of.js';

/**
 * Raw events, conflicts, the entity index and API keys: what ingestion needs.
 *
 * The index keys on integer ids (`entities.id`) rather than (type, value, account) text: each
 * event adds about six index rows, and integer keys made those writes about twice as fast in
 * bench/ingest.ts, where they are most of the cost.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  const serial = serialColumn(db);

  await serial(db.schema.createTable('events'), 'seq')
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('time_ms', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('account_id', 'bigint', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_account_time').on('events').columns(['account_id', 'time_ms']).execute();

  await serial(db.schema.createTable('event_conflicts'), 'seq')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_conflicts_id').on('event_conflicts').column('id').execute();

  await serial(db.schema.createTable('entities'), 'id')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addUniqueConstraint('entities_type_value', ['type', 'value'])
    .execute();

  // Per-value totals (accounts, events, first and last seen) are aggregates over this table's
  // primary-key range, so ingest writes one row per (value, account) and nothing else.
  let entityAccounts = db.schema
    .createTable('entity_accounts')
    .addColumn('entity_id', 'bigint', (c) => c.notNull())
    .addColumn('account_id', 'bigint', (c) => c.notNull())
    .addColumn('first_seen', 'bigint', (c) => c.notNull())
    .addColumn('last_seen', 'bigint', (c) => c.notNull())
    .addColumn('event_count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('entity_accounts_pk', ['entity_id', 'account_id']);
  // SQLite: cluster rows by the key itself rather than keep a rowid table beside the key index.
  if (!postgres) entityAccounts = entityAccounts.modifyEnd(sql`without rowid`);
  await entityAccounts.execute();
  await db.schema.createIndex('entity_accounts_account').on('entity_accounts').columns(['account_id', 'entity_id']).execute();

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

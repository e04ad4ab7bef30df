import type { Kysely } from 'kysely';
import { serialColumn } from './serial-column.js';

/**
 * The blocklist: values the gateway refuses, degrades or flags. Rows are never deleted; a
 * reversal sets `revoked_at`, so the table is also the history of every ban. `seq` orders
 * changes, so a replica that missed pub/sub messages can catch up from its last seen `seq`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await serialColumn(db)(db.schema.createTable('block_entries'), 'seq')
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('effect', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('action_id', 'text')
    .addColumn('case_id', 'text')
    .addColumn('actor', 'text')
    .addColumn('shadow', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addColumn('changed_seq', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('block_entries_kind_value').on('block_entries').columns(['kind', 'value']).execute();
  await db.schema.createIndex('block_entries_action').on('block_entries').column('action_id').execute();
  await db.schema.createIndex('block_entries_case').on('block_entries').column('case_id').execute();
  await db.schema.createIndex('block_entries_changed').on('block_entries').column('changed_seq').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('block_entries').execute();
}

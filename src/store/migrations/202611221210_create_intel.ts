import type { Kysely } from 'kysely';
import { serialColumn } from './serial-column.js';

/**
 * Threat intelligence: STIX objects per TAXII collection (every version kept, ordered by the
 * time Warden added it), TAXII status resources, partners with per-collection rights, and the
 * partner feeds Warden polls.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const serial = serialColumn(db);

  await db.schema
    .createTable('taxii_collections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  // `seq` orders objects within equal `date_added` values, so TAXII pagination is a strict total
  // order: (date_added, seq) never repeats, and `next` never loops or skips (TAXII 2.1 §3.4).
  await serial(db.schema.createTable('intel_objects'), 'seq')
    .addColumn('collection_id', 'text', (c) => c.notNull())
    .addColumn('stix_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('spec_version', 'text', (c) => c.notNull())
    .addColumn('date_added', 'bigint', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addUniqueConstraint('intel_objects_version', ['collection_id', 'stix_id', 'version'])
    .execute();
  await db.schema.createIndex('intel_objects_added').on('intel_objects').columns(['collection_id', 'date_added', 'seq']).execute();
  await db.schema.createIndex('intel_objects_stix_id').on('intel_objects').columns(['collection_id', 'stix_id']).execute();

  await db.schema
    .createTable('taxii_status')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('collection_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('request_timestamp', 'text', (c) => c.notNull())
    .addColumn('total_count', 'integer', (c) => c.notNull())
    .addColumn('success_count', 'integer', (c) => c.notNull())
    .addColumn('failure_count', 'integer', (c) => c.notNull())
    .addColumn('pending_count', 'integer', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('partners')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();

  await db.schema
    .createTable('partner_rights')
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('collection_id', 'text', (c) => c.notNull())
    .addColumn('can_read', 'integer', (c) => c.notNull())
    .addColumn('can_write', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('partner_rights_pk', ['partner_id', 'collection_id'])
    .execute();

  await db.schema
    .createTable('intel_feeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('collection_url', 'text', (c) => c.notNull())
    .addColumn('username', 'text')
    .addColumn('secret', 'text')
    .addColumn('target_collection', 'text', (c) => c.notNull())
    .addColumn('interval_seconds', 'integer', (c) => c.notNull())
    .addColumn('added_after', 'text')
    .addColumn('last_sync_at', 'bigint')
    .addColumn('last_error', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['intel_feeds', 'partner_rights', 'partners', 'taxii_status', 'intel_objects', 'taxii_collections']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}

import type { Generated, Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.js';

/** Tables of migration 202611221210_create_intel (kept beside their repositories). */
export type IntelTables = {
  taxii_collections: { id: string; title: string; description: string | null; created_at: number };
  intel_objects: {
    seq: Generated<number>;
    collection_id: string;
    stix_id: string;
    type: string;
    version: string;
    spec_version: string;
    date_added: number;
    source: string;
    body: string;
  };
  taxii_status: {
    id: string;
    collection_id: string;
    status: string;
    request_timestamp: string;
    total_count: number;
    success_count: number;
    failure_count: number;
    pending_count: number;
    details: string;
  };
  partners: { id: string; name: string; key_hash: string; created_at: number; revoked_at: number | null };
  partner_rights: { partner_id: string; collection_id: string; can_read: number; can_write: number };
  intel_feeds: {
    id: string;
    name: string;
    collection_url: string;
    username: string | null;
    secret: string | null;
    target_collection: string;
    interval_seconds: number;
    added_after: string | null;
    last_sync_at: number | null;
    last_error: string | null;
  };
};

export type IntelDb = Kysely<DB & IntelTables> | Transaction<DB & IntelTables>;

/** The database with the intel tables typed. */
export function intelDb(db: Kysely<DB>): Kysely<DB & IntelTables> {
  return db.withTables<IntelTables>();
}

import type { Generated } from 'kysely';

/** Raw events exactly as received, for replay and re-hunts. */
export interface EventsTable {
  seq: Generated<number>;
  id: string;
  time: string;
  time_ms: number;
  kind: string;
  account: string;
  /** `entities.id` of ('account', account): the index keys on integers. */
  account_id: number;
  raw: string;
  received_at: number;
}

/** A later event that reused an id with other content; the first version stays in `events`. */
export interface EventConflictsTable {
  seq: Generated<number>;
  id: string;
  raw: string;
  received_at: number;
}

/** Every normalised value (an account, an IP, a device, an email…) gets a stable integer id. */
export interface EntitiesTable {
  id: Generated<number>;
  type: string;
  value: string;
}

/** The entity→accounts index that account linkage reads. */
export interface EntityAccountsTable {
  entity_id: number;
  account_id: number;
  first_seen: number;
  last_seen: number;
  event_count: number;
}

/** Keys for Warden's own API; only a hash of the secret is kept. */
export interface ApiKeysTable {
  id: string;
  name: string;
  key_hash: string;
  role: string;
  created_at: number;
  revoked_at: number | null;
}

export interface DB {
  events: EventsTable;
  event_conflicts: EventConflictsTable;
  entities: EntitiesTable;
  entity_accounts: EntityAccountsTable;
  api_keys: ApiKeysTable;
}

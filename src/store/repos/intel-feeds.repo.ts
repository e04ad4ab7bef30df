import { randomUUID } from 'node:crypto';
import type { IntelDb, IntelTables } from './intel-tables.js';

/** A partner TAXII collection Warden polls. */
export interface IntelFeed {
  id: string;
  name: string;
  /** The partner collection's URL: `https://host/taxii2/<root>/collections/<id>/`. */
  collectionUrl: string;
  username: string | null;
  /** The partner key Warden authenticates with; kept because Warden must present it. */
  secret: string | null;
  /** Warden collection the imported objects go to. */
  targetCollection: string;
  intervalSeconds: number;
  /** The partner's X-TAXII-Date-Added-Last of the last page read: the incremental cursor. */
  addedAfter: string | null;
  lastSyncAt: number | null;
  lastError: string | null;
}

/** A row as the table declares it, so the two can never drift. */
type Row = IntelTables['intel_feeds'];

const toFeed = (r: Row): IntelFeed => ({
  id: r.id,
  name: r.name,
  collectionUrl: r.collection_url,
  username: r.username,
  secret: r.secret,
  targetCollection: r.target_collection,
  intervalSeconds: Number(r.interval_seconds),
  addedAfter: r.added_after,
  lastSyncAt: r.last_sync_at === null ? null : Number(r.last_sync_at),
  lastError: r.last_error,
});

export async function addIntelFeed(db: IntelDb, f: Omit<IntelFeed, 'id' | 'addedAfter' | 'lastSyncAt' | 'lastError'>): Promise<IntelFeed> {
  const id = randomUUID();
  await db
    .insertInto('intel_feeds')
    .values({
      id,
      name: f.name,
      collection_url: f.collectionUrl,
      username: f.username,
      secret: f.secret,
      target_collection: f.targetCollection,
      interval_seconds: f.intervalSeconds,
      added_after: null,
      last_sync_at: null,
      last_error: null,
    })
    .execute();
  return { ...f, id, addedAfter: null, lastSyncAt: null, lastError: null };
}

export async function listIntelFeeds(db: IntelDb): Promise<IntelFeed[]> {
  const rows = await db.selectFrom('intel_feeds').selectAll().orderBy('name').execute();
  return rows.map(toFeed);
}

export async function findIntelFeed(db: IntelDb, name: string): Promise<IntelFeed | undefined> {
  const r = await db.selectFrom('intel_feeds').selectAll().where('name', '=', name).executeTakeFirst();
  return r && toFeed(r);
}

/** Records a sync: the new cursor on success, the error otherwise (the cursor then stays). */
export async function recordFeedSync(db: IntelDb, id: string, at: number, result: { addedAfter?: string | null; error?: string | null }): Promise<void> {
  await db
    .updateTable('intel_feeds')
    .set({
      last_sync_at: at,
      last_error: result.error ?? null,
      ...(result.addedAfter !== undefined ? { added_after: result.addedAfter } : {}),
    })
    .where('id', '=', id)
    .execute();
}

import type { IntelDb } from './intel-tables.js';

/** A STIX object version as stored in a TAXII collection. */
export interface StoredIntelObject {
  seq: number;
  collectionId: string;
  stixId: string;
  type: string;
  version: string;
  specVersion: string;
  /** Epoch ms when Warden added this version (TAXII `date_added`). */
  dateAdded: number;
  source: string;
  object: Record<string, unknown>;
}

export interface NewIntelObject {
  stixId: string;
  type: string;
  version: string;
  specVersion: string;
  source: string;
  object: Record<string, unknown>;
}

/** What a page query asks for (TAXII 2.1 §3.4, §3.5 filters). */
export interface ObjectQuery {
  collectionId: string;
  addedAfter?: number;
  /** Exclusive cursor: rows after this (date_added, seq). */
  after?: { dateAdded: number; seq: number };
  ids?: string[];
  types?: string[];
  specVersions?: string[];
  /** 'last' | 'first' | 'all' | explicit versions. */
  versions?: string[];
  limit: number;
}

function toStored(r: {
  seq: number;
  collection_id: string;
  stix_id: string;
  type: string;
  version: string;
  spec_version: string;
  date_added: number;
  source: string;
  body: string;
}): StoredIntelObject {
  return {
    seq: Number(r.seq),
    collectionId: r.collection_id,
    stixId: r.stix_id,
    type: r.type,
    version: r.version,
    specVersion: r.spec_version,
    dateAdded: Number(r.date_added),
    source: r.source,
    object: JSON.parse(r.body) as Record<string, unknown>,
  };
}

/**
 * Adds object versions to a collection; a version already held (same id and `modified`) is
 * left as it is and counted. Returns how many rows were new.
 */
export async function insertIntelObjects(db: IntelDb, collectionId: string, objects: NewIntelObject[], dateAdded: number): Promise<number> {
  let added = 0;
  for (const o of objects) {
    const r = await db
      .insertInto('intel_objects')
      .values({
        collection_id: collectionId,
        stix_id: o.stixId,
        type: o.type,
        version: o.version,
        spec_version: o.specVersion,
        date_added: dateAdded,
        source: o.source,
        body: JSON.stringify(o.object),
      })
      .onConflict((c) => c.columns(['collection_id', 'stix_id', 'version']).doNothing())
      .executeTakeFirst();
    added += Number(r.numInsertedOrUpdatedRows ?? 0n);
  }
  return added;
}

/**
 * One page of object versions in (date_added, seq) order, with TAXII filters. `match[version]`
 * defaults to `last` (TAXII 2.1 §3.5.1): the newest version of each id within the collection.
 * Fetches `limit + 1` rows so the caller knows whether there is more.
 */
export async function queryIntelObjects(db: IntelDb, q: ObjectQuery): Promise<StoredIntelObject[]> {
  let query = db.selectFrom('intel_objects').selectAll().where('collection_id', '=', q.collectionId);
  if (q.addedAfter !== undefined) query = query.where('date_added', '>', q.addedAfter);
  if (q.after) {
    const { dateAdded, seq } = q.after;
    query = query.where((eb) => eb.or([eb('date_added', '>', dateAdded), eb.and([eb('date_added', '=', dateAdded), eb('seq', '>', seq)])]));
  }
  if (q.ids && q.ids.length > 0) query = query.where('stix_id', 'in', q.ids);
  if (q.types && q.types.length > 0) query = query.where('type', 'in', q.types);
  if (q.specVersions && q.specVersions.length > 0) query = query.where('spec_version', 'in', q.specVersions);
  const versions = q.versions && q.versions.length > 0 ? q.versions : ['last'];
  if (!versions.includes('all')) {
    const explicit = versions.filter((v) => v !== 'last' && v !== 'first');
    const wantLast = versions.includes('last');
    const wantFirst = versions.includes('first');
    query = query.where((eb) => {
      const ors = [];
      if (explicit.length > 0) ors.push(eb('version', 'in', explicit));
      if (wantLast) {
        ors.push(
          eb(
            'version',
            '=',
            eb.selectFrom('intel_objects as o2').select((e) => e.fn.max('o2.version').as('v')).whereRef('o2.stix_id', '=', 'intel_objects.stix_id').whereRef('o2.collection_id', '=', 'intel_objects.collection_id'),
          ),
        );
      }
      if (wantFirst) {
        ors.push(
          eb(
            'version',
            '=',
            eb.selectFrom('intel_objects as o3').select((e) => e.fn.min('o3.version').as('v')).whereRef('o3.stix_id', '=', 'intel_objects.stix_id').whereRef('o3.collection_id', '=', 'intel_objects.collection_id'),
          ),
        );
      }
      return eb.or(ors);
    });
  }
  const rows = await query.orderBy('date_added').orderBy('seq').limit(q.limit + 1).execute();
  return rows.map(toStored);
}

/** Every version of one object in a collection, oldest `date_added` first. */
export async function listIntelObjectVersions(db: IntelDb, collectionId: string, stixId: string): Promise<StoredIntelObject[]> {
  const rows = await db.selectFrom('intel_objects').selectAll().where('collection_id', '=', collectionId).where('stix_id', '=', stixId).orderBy('date_added').orderBy('seq').execute();
  return rows.map(toStored);
}

/** Deletes an object (all or the selected versions); returns how many rows went. */
export async function deleteIntelObject(db: IntelDb, collectionId: string, stixId: string): Promise<number> {
  const r = await db.deleteFrom('intel_objects').where('collection_id', '=', collectionId).where('stix_id', '=', stixId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Every current object of every collection (latest version per id), for compiling the matcher. */
export async function listLatestIntelObjects(db: IntelDb): Promise<StoredIntelObject[]> {
  const rows = await db.selectFrom('intel_objects').selectAll().orderBy('date_added').orderBy('seq').execute();
  return rows.map(toStored);
}

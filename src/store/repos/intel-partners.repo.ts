import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IntelDb } from './intel-tables.js';

export interface Partner {
  id: string;
  name: string;
  createdAt: number;
  revokedAt: number | null;
}

export interface CollectionRights {
  canRead: boolean;
  canWrite: boolean;
}

export interface TaxiiCollection {
  id: string;
  title: string;
  description: string | null;
}

function hashKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Creates a collection if it does not exist (ids are the names used in `--read`/`--write`). */
export async function ensureCollection(db: IntelDb, id: string, now: number, title = id, description: string | null = null): Promise<void> {
  await db
    .insertInto('taxii_collections')
    .values({ id, title, description, created_at: now })
    .onConflict((c) => c.column('id').doNothing())
    .execute();
}

export async function listCollections(db: IntelDb): Promise<TaxiiCollection[]> {
  const rows = await db.selectFrom('taxii_collections').selectAll().orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, title: r.title, description: r.description }));
}

export async function findCollection(db: IntelDb, id: string): Promise<TaxiiCollection | undefined> {
  const r = await db.selectFrom('taxii_collections').selectAll().where('id', '=', id).executeTakeFirst();
  return r && { id: r.id, title: r.title, description: r.description };
}

/**
 * Adds a partner with per-collection rights; the key is returned once and only its SHA-256 is
 * kept (32 random bytes: not searchable). Collections named in the rights are created.
 */
export async function createPartner(
  db: IntelDb,
  name: string,
  rights: { read: string[]; write: string[] },
  now: number,
): Promise<{ partner: Partner; secret: string }> {
  const id = randomUUID();
  const secret = `wtx_${randomBytes(32).toString('base64url')}`;
  await db.insertInto('partners').values({ id, name, key_hash: hashKey(secret), created_at: now, revoked_at: null }).execute();
  for (const c of new Set([...rights.read, ...rights.write])) {
    await ensureCollection(db, c, now);
    await db
      .insertInto('partner_rights')
      .values({ partner_id: id, collection_id: c, can_read: rights.read.includes(c) ? 1 : 0, can_write: rights.write.includes(c) ? 1 : 0 })
      .execute();
  }
  return { partner: { id, name, createdAt: now, revokedAt: null }, secret };
}

/** The live partner a key belongs to; with HTTP Basic the user part must be its id or name. */
export async function findPartnerByKey(db: IntelDb, secret: string, user?: string): Promise<Partner | undefined> {
  const r = await db.selectFrom('partners').selectAll().where('key_hash', '=', hashKey(secret)).where('revoked_at', 'is', null).executeTakeFirst();
  if (!r) return undefined;
  if (user !== undefined && user !== r.id && user !== r.name) return undefined;
  return { id: r.id, name: r.name, createdAt: Number(r.created_at), revokedAt: null };
}

export async function listPartners(db: IntelDb): Promise<Partner[]> {
  const rows = await db.selectFrom('partners').selectAll().orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: Number(r.created_at), revokedAt: r.revoked_at === null ? null : Number(r.revoked_at) }));
}

/** A partner's rights on every collection it has any right on. */
export async function rightsOfPartner(db: IntelDb, partnerId: string): Promise<Map<string, CollectionRights>> {
  const rows = await db.selectFrom('partner_rights').selectAll().where('partner_id', '=', partnerId).execute();
  return new Map(rows.map((r) => [r.collection_id, { canRead: Number(r.can_read) === 1, canWrite: Number(r.can_write) === 1 }]));
}

export async function revokePartner(db: IntelDb, id: string, now: number): Promise<boolean> {
  const r = await db.updateTable('partners').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

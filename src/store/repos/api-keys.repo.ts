import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface ApiKey {
  id: string;
  name: string;
  role: string;
  createdAt: number;
  revokedAt: number | null;
}

/** Keys are 32 random bytes, so a fast unsalted hash cannot be reversed by search. */
export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Creates a key; the secret is returned once and only its hash is stored. */
export async function createApiKey(db: Db, name: string, role: string, now: number): Promise<{ key: ApiKey; secret: string }> {
  const id = randomUUID();
  const secret = `wdn_${randomBytes(32).toString('base64url')}`;
  await db.insertInto('api_keys').values({ id, name, role, key_hash: hashApiKey(secret), created_at: now, revoked_at: null }).execute();
  return { key: { id, name, role, createdAt: now, revokedAt: null }, secret };
}

/** The live key a secret belongs to, or undefined for an unknown or revoked one. */
export async function findApiKeyBySecret(db: Db, secret: string): Promise<ApiKey | undefined> {
  const r = await db
    .selectFrom('api_keys')
    .selectAll()
    .where('key_hash', '=', hashApiKey(secret))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return r && { id: r.id, name: r.name, role: r.role, createdAt: Number(r.created_at), revokedAt: null };
}

export async function listApiKeys(db: Db): Promise<ApiKey[]> {
  const rows = await db.selectFrom('api_keys').selectAll().orderBy('created_at').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    createdAt: Number(r.created_at),
    revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
  }));
}

/** Revokes a key; true when a live key was revoked. */
export async function revokeApiKey(db: Db, id: string, now: number): Promise<boolean> {
  const r = await db.updateTable('api_keys').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB } from '../schema.js';
import { hashApiKey } from './api-keys.repo.js';

/** Table of migration 202611221410_create_gateway_keys. */
export type GatewayKeysTable = {
  gateway_keys: {
    id: string;
    key_hash: string;
    account: string;
    org: string | null;
    name: string;
    created_at: number;
    revoked_at: number | null;
  };
};

type Db = Kysely<DB & GatewayKeysTable> | Transaction<DB & GatewayKeysTable>;

function keysDb(db: Kysely<DB> | Transaction<DB>): Db {
  return db as unknown as Db;
}

/** A gateway key as the gateway and the admin API see it (never its secret). */
export interface GatewayKey {
  id: string;
  account: string;
  org: string | null;
  name: string;
  createdAt: number;
  revokedAt: number | null;
}

/** A live key with the hash the gateway looks it up by. */
export interface GatewayKeyWithHash extends GatewayKey {
  keyHash: string;
}

function toKey(r: Selectable<GatewayKeysTable['gateway_keys']>): GatewayKeyWithHash {
  return {
    id: r.id,
    keyHash: r.key_hash,
    account: r.account,
    org: r.org,
    name: r.name,
    createdAt: Number(r.created_at),
    revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
  };
}

function withoutHash(k: GatewayKeyWithHash): GatewayKey {
  const { keyHash: _h, ...rest } = k;
  return rest;
}

/** Creates a gateway key for an account; the secret is returned once and only its hash is stored. */
export async function createGatewayKey(
  given: Kysely<DB> | Transaction<DB>,
  input: { account: string; org?: string | undefined; name: string },
  now: number,
): Promise<{ key: GatewayKey; secret: string }> {
  const id = `gk_${randomUUID()}`;
  const secret = `wgk_${randomBytes(32).toString('base64url')}`;
  const row = {
    id,
    key_hash: hashApiKey(secret),
    account: input.account,
    org: input.org ?? null,
    name: input.name,
    created_at: now,
    revoked_at: null,
  };
  await keysDb(given).insertInto('gateway_keys').values(row).execute();
  return { key: withoutHash(toKey(row)), secret };
}

/** Every key, live and revoked, oldest first. */
export async function listGatewayKeys(given: Kysely<DB> | Transaction<DB>): Promise<GatewayKey[]> {
  const rows = await keysDb(given)
    .selectFrom('gateway_keys')
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => withoutHash(toKey(r)));
}

/** Live keys with their hashes: what a gateway loads into its lookup map. */
export async function listLiveGatewayKeys(
  given: Kysely<DB> | Transaction<DB>,
): Promise<GatewayKeyWithHash[]> {
  const rows = await keysDb(given)
    .selectFrom('gateway_keys')
    .selectAll()
    .where('revoked_at', 'is', null)
    .execute();
  return rows.map(toKey);
}

/**
 * A cheap fingerprint of the table (count, newest creation, newest revocation): a gateway polls
 * it and reloads the keys only when it changes.
 */
export async function gatewayKeysVersion(given: Kysely<DB> | Transaction<DB>): Promise<string> {
  const r = await keysDb(given)
    .selectFrom('gateway_keys')
    .select([
      sql<number>`count(*)`.as('n'),
      sql<number | null>`max(created_at)`.as('c'),
      sql<number | null>`max(revoked_at)`.as('r'),
    ])
    .executeTakeFirst();
  return `${Number(r?.n ?? 0)}:${Number(r?.c ?? 0)}:${Number(r?.r ?? 0)}`;
}

/** Revokes a key; true when a live key was revoked. */
export async function revokeGatewayKey(
  given: Kysely<DB> | Transaction<DB>,
  id: string,
  now: number,
): Promise<boolean> {
  const r = await keysDb(given)
    .updateTable('gateway_keys')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

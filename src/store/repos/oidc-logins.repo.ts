import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.js';

/** Tables of migration 202611221700_create_oidc_logins. */
export type OidcLoginsTables = {
  oidc_logins: {
    state_hash: string;
    nonce: string;
    code_verifier: string;
    created_at: number;
    expires_at: number;
  };
};

type OidcDb = Kysely<DB & OidcLoginsTables> | Transaction<DB & OidcLoginsTables>;
const oidcDb = (db: Kysely<DB> | Transaction<DB>) => db as unknown as OidcDb;

/** One authorization request Warden started: what its callback must match. */
export interface PendingOidcLogin {
  stateHash: string;
  nonce: string;
  codeVerifier: string;
  createdAt: number;
  expiresAt: number;
}

/** Records a started login, dropping expired ones so the table stays small. */
export async function insertOidcLogin(db: Kysely<DB>, login: PendingOidcLogin): Promise<void> {
  await oidcDb(db).deleteFrom('oidc_logins').where('expires_at', '<=', login.createdAt).execute();
  await oidcDb(db)
    .insertInto('oidc_logins')
    .values({
      state_hash: login.stateHash,
      nonce: login.nonce,
      code_verifier: login.codeVerifier,
      created_at: login.createdAt,
      expires_at: login.expiresAt,
    })
    .execute();
}

/**
 * Takes a started login out of the table: deleted and returned in one statement, so two
 * callbacks with the same state cannot both succeed. Undefined when unknown, used or expired.
 */
export async function consumeOidcLogin(
  db: Kysely<DB>,
  stateHash: string,
  now: number,
): Promise<PendingOidcLogin | undefined> {
  const r = await oidcDb(db)
    .deleteFrom('oidc_logins')
    .where('state_hash', '=', stateHash)
    .returningAll()
    .executeTakeFirst();
  if (!r || Number(r.expires_at) <= now) return undefined;
  return {
    stateHash: r.state_hash,
    nonce: r.nonce,
    codeVerifier: r.code_verifier,
    createdAt: Number(r.created_at),
    expiresAt: Number(r.expires_at),
  };
}

import type { Kysely } from 'kysely';

/**
 * OIDC logins in flight: the nonce and PKCE verifier of each authorization request, keyed by the
 * SHA-256 of its `state`, kept server-side so any replica can finish the login and a callback
 * can be used once (the row is deleted as it is read). One Warden user per OIDC subject.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('oidc_logins')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('oidc_logins_expires').on('oidc_logins').column('expires_at').execute();
  // NULLs are distinct in a unique index on both SQLite and PostgreSQL: password-only users share none.
  await db.schema.createIndex('users_oidc_subject').on('users').column('oidc_subject').unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('users_oidc_subject').execute();
  await db.schema.dropTable('oidc_logins').execute();
}

import type { Kysely } from 'kysely';

/**
 * Gateway keys: what a client of the OpenAI-compatible gateway sends as its bearer token, mapped
 * to the provider's account and org. Only the SHA-256 of the secret is stored; revocation sets
 * `revoked_at` so the table stays the history of every key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('gateway_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('org', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('gateway_keys_account').on('gateway_keys').column('account').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('gateway_keys').execute();
}

import type { Kysely, Transaction } from 'kysely';
import { cipherOf, openRaw, sealRaw } from '../field-cipher.js';
import type { DB } from '../schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Raw events received before `beforeMs`, in seq order after a cursor: what retention walks (decrypted). */
export async function listEventsReceivedBefore(db: Db, beforeMs: number, afterSeq: number, limit: number): Promise<{ seq: number; id: string; account: string; raw: string }[]> {
  const cipher = cipherOf(db);
  const rows = await db
    .selectFrom('events')
    .select(['seq', 'id', 'account', 'raw'])
    .where('received_at', '<', beforeMs)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), id: r.id, account: r.account, raw: openRaw(cipher, r.id, r.raw) }));
}

/** Replaces stored raw events (by seq) in one transaction, sealed when encryption is on. */
export async function replaceEventRaws(db: Kysely<DB>, rows: readonly { seq: number; id: string; raw: string }[]): Promise<void> {
  if (rows.length === 0) return;
  const cipher = cipherOf(db);
  await db.transaction().execute(async (trx) => {
    for (const r of rows) await trx.updateTable('events').set({ raw: sealRaw(cipher, r.id, r.raw) }).where('seq', '=', r.seq).execute();
  });
}

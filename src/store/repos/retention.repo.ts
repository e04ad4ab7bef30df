import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Raw events received before `beforeMs`, in seq order after a cursor: what retention walks. */
export async function listEventsReceivedBefore(db: Db, beforeMs: number, afterSeq: number, limit: number): Promise<{ seq: number; account: string; raw: string }[]> {
  const rows = await db
    .selectFrom('events')
    .select(['seq', 'account', 'raw'])
    .where('received_at', '<', beforeMs)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), account: r.account, raw: r.raw }));
}

/** Replaces stored raw events (by seq) in one transaction. */
export async function replaceEventRaws(db: Kysely<DB>, rows: readonly { seq: number; raw: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const r of rows) await trx.updateTable('events').set({ raw: r.raw }).where('seq', '=', r.seq).execute();
  });
}

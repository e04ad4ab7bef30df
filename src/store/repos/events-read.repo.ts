import type { Kysely, Selectable, Transaction } from 'kysely';
import { cipherOf, openRaw } from '../field-cipher.js';
import type { DB } from '../schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface StoredEvent {
  seq: number;
  id: string;
  time: string;
  timeMs: number;
  kind: string;
  account: string;
  raw: string;
  receivedAt: number;
}

// Raw events are decrypted here, on the way out of the store, so callers never see a sealed value.
const stored = (db: Db) => {
  const cipher = cipherOf(db);
  return (r: Selectable<DB['events']>): StoredEvent => toStored({ ...r, raw: openRaw(cipher, r.id, r.raw) });
};

const toStored = (r: Selectable<DB['events']>): StoredEvent => ({
  seq: Number(r.seq),
  id: r.id,
  time: r.time,
  timeMs: Number(r.time_ms),
  kind: r.kind,
  account: r.account,
  raw: r.raw,
  receivedAt: Number(r.received_at),
});

export async function countEvents(db: Db): Promise<number> {
  const r = await db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findEventById(db: Db, id: string): Promise<StoredEvent | undefined> {
  const r = await db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
  return r && stored(db)(r);
}

/**
 * Events in arrival order after a sequence number: the replay cursor for re-hunts and for
 * workers that fold new events into the pipeline.
 */
export async function listEventsAfter(db: Db, afterSeq: number, limit: number): Promise<StoredEvent[]> {
  const rows = await db.selectFrom('events').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map(stored(db));
}

/** An account's events in event-time order. */
export async function listEventsOfAccount(db: Db, account: string, limit = 1000): Promise<StoredEvent[]> {
  const id = await db.selectFrom('entities').select('id').where('type', '=', 'account').where('value', '=', account).executeTakeFirst();
  if (!id) return [];
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('account_id', '=', Number(id.id))
    .orderBy('time_ms')
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(stored(db));
}

export async function countConflicts(db: Db): Promise<number> {
  const r = await db.selectFrom('event_conflicts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Where a newest-first page of an account's events stopped: its last event's time and seq. */
export interface AccountEventsCursor {
  timeMs: number;
  seq: number;
}

/**
 * One page of an account's events, newest first (event time, then arrival), strictly before
 * `before`. Keyset paging on the (account, time) index: page 1,000 of a busy account costs what
 * page 1 does.
 */
export async function pageEventsOfAccount(db: Db, account: string, limit: number, before?: AccountEventsCursor): Promise<StoredEvent[]> {
  const id = await db.selectFrom('entities').select('id').where('type', '=', 'account').where('value', '=', account).executeTakeFirst();
  if (!id) return [];
  let q = db.selectFrom('events').selectAll().where('account_id', '=', Number(id.id));
  if (before) q = q.where((eb) => eb.or([eb('time_ms', '<', before.timeMs), eb.and([eb('time_ms', '=', before.timeMs), eb('seq', '<', before.seq)])]));
  const rows = await q.orderBy('time_ms', 'desc').orderBy('seq', 'desc').limit(limit).execute();
  return rows.map(stored(db));
}

import { sql, type Kysely, type Transaction } from 'kysely';
import type { DecodedEvent } from '../../events/index.js';
import { dialectOf } from '../dialect-of.js';
import type { DB } from '../schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** What happened to each event of a batch, by position, and the counts the API answers with. */
export interface BatchOutcome {
  accepted: number;
  duplicate: number;
  conflict: number;
  /** Positions (line numbers or array indexes) of events that reused an id with other content. */
  conflicts: { position: number; id: string }[];
  /** The events that were new, in input order: what the pipeline should see. */
  inserted: DecodedEvent[];
}

// Well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters per statement.
const MAX_PARAMS = 16_000;

function chunks<T>(items: T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMS / columns));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function existingHashes(db: Db, ids: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const part of chunks(ids, 1)) {
    const rows = await db.selectFrom('events').select(['id', 'content_hash']).where('id', 'in', part).execute();
    for (const r of rows) found.set(r.id, r.content_hash);
  }
  return found;
}

interface Span {
  first: number;
  last: number;
  count: number;
}

function widen(map: Map<string, Span>, key: string, t: number): void {
  const s = map.get(key);
  if (!s) map.set(key, { first: t, last: t, count: 1 });
  else {
    if (t < s.first) s.first = t;
    if (t > s.last) s.last = t;
    s.count++;
  }
}

const SEP = '\u0000';

/**
 * Stores a batch of validated events in one transaction the caller opens: new ids are inserted
 * verbatim and indexed by entity; an id seen before with the same content is a duplicate (ignored),
 * with other content a conflict (recorded aside, the first version kept). Safe to retry whole.
 */
export async function insertEventBatch(trx: Db, batch: DecodedEvent[], receivedAt: number): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { accepted: 0, duplicate: 0, conflict: 0, conflicts: [], inserted: [] };
  if (batch.length === 0) return outcome;

  const firstInBatch = new Map<string, DecodedEvent>();
  const laterInBatch: DecodedEvent[] = [];
  for (const d of batch) {
    if (firstInBatch.has(d.event.id)) laterInBatch.push(d);
    else firstInBatch.set(d.event.id, d);
  }
  const stored = await existingHashes(trx, [...firstInBatch.keys()]);
  const conflicting: DecodedEvent[] = [];
  const judge = (d: DecodedEvent, knownHash: string) => {
    if (knownHash === d.hash) outcome.duplicate++;
    else {
      outcome.conflict++;
      outcome.conflicts.push({ position: d.position, id: d.event.id });
      conflicting.push(d);
    }
  };
  for (const d of firstInBatch.values()) {
    const known = stored.get(d.event.id);
    if (known === undefined) outcome.inserted.push(d);
    else judge(d, known);
  }
  for (const d of laterInBatch) judge(d, stored.get(d.event.id) ?? firstInBatch.get(d.event.id)!.hash);
  outcome.accepted = outcome.inserted.length;

  for (const part of chunks(outcome.inserted, 8)) {
    await trx
      .insertInto('events')
      .values(
        part.map((d) => ({
          id: d.event.id,
          time: d.event.time,
          time_ms: d.timeMs,
          kind: d.event.kind,
          account: d.event.account,
          content_hash: d.hash,
          raw: d.raw,
          received_at: receivedAt,
        })),
      )
      .execute();
  }
  for (const part of chunks(conflicting, 4)) {
    await trx
      .insertInto('event_conflicts')
      .values(part.map((d) => ({ id: d.event.id, content_hash: d.hash, raw: d.raw, received_at: receivedAt })))
      .execute();
  }
  await indexEntities(trx, outcome.inserted);
  return outcome;
}

/** Folds new events into the entity and entity→accounts index. */
async function indexEntities(trx: Db, inserted: DecodedEvent[]): Promise<void> {
  // PostgreSQL's min/max are aggregates only; its scalar forms are least/greatest.
  const [lo, hi] = dialectOf(trx) === 'postgres' ? ['least', 'greatest'] : ['min', 'max'];
  const least = sql.raw(lo);
  const greatest = sql.raw(hi);
  const pairs = new Map<string, Span>();
  const entities = new Map<string, Span>();
  for (const d of inserted) {
    for (const r of d.entities) {
      const ek = `${r.type}${SEP}${r.value}`;
      widen(entities, ek, d.timeMs);
      widen(pairs, `${ek}${SEP}${d.event.account}`, d.timeMs);
    }
  }
  const newAccounts = new Map<string, number>();
  const pairRows = [...pairs].map(([k, s]) => {
    const [type, value, account] = k.split(SEP) as [string, string, string];
    return { type, value, account, first_seen: s.first, last_seen: s.last, event_count: s.count };
  });
  for (const part of chunks(pairRows, 6)) {
    const rows = await trx
      .insertInto('entity_accounts')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['type', 'value', 'account']).doUpdateSet((eb) => ({
          first_seen: sql<number>`${least}(${eb.ref('entity_accounts.first_seen')}, ${eb.ref('excluded.first_seen')})`,
          last_seen: sql<number>`${greatest}(${eb.ref('entity_accounts.last_seen')}, ${eb.ref('excluded.last_seen')})`,
          event_count: sql<number>`${eb.ref('entity_accounts.event_count')} + ${eb.ref('excluded.event_count')}`,
        })),
      )
      .returning(['type', 'value', 'account', 'event_count'])
      .execute();
    // A row whose count equals this batch's count did not exist before: a new account for the value.
    for (const r of rows) {
      const span = pairs.get(`${r.type}${SEP}${r.value}${SEP}${r.account}`);
      if (span && Number(r.event_count) === span.count) {
        const ek = `${r.type}${SEP}${r.value}`;
        newAccounts.set(ek, (newAccounts.get(ek) ?? 0) + 1);
      }
    }
  }
  const entityRows = [...entities].map(([k, s]) => {
    const [type, value] = k.split(SEP) as [string, string];
    return { type, value, first_seen: s.first, last_seen: s.last, event_count: s.count, account_count: newAccounts.get(k) ?? 0 };
  });
  for (const part of chunks(entityRows, 6)) {
    await trx
      .insertInto('entities')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['type', 'value']).doUpdateSet((eb) => ({
          first_seen: sql<number>`${least}(${eb.ref('entities.first_seen')}, ${eb.ref('excluded.first_seen')})`,
          last_seen: sql<number>`${greatest}(${eb.ref('entities.last_seen')}, ${eb.ref('excluded.last_seen')})`,
          event_count: sql<number>`${eb.ref('entities.event_count')} + ${eb.ref('excluded.event_count')}`,
          account_count: sql<number>`${eb.ref('entities.account_count')} + ${eb.ref('excluded.account_count')}`,
        })),
      )
      .execute();
  }
}

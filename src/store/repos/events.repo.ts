import { sql, type Kysely, type Transaction } from 'kysely';
import { canonicalJson, parseJsonSafely, type DecodedEvent } from '../../events/index.js';
import type { Database } from '../database.js';
import { cipherOf, openRaw, sealRaw, type FieldCipher } from '../field-cipher.js';
import { EntityIdCache } from './entity-ids.js';
import type { DB } from '../schema.js';

/** What happened to each event of a batch, and the counts the API answers with. */
export interface BatchOutcome {
  accepted: number;
  duplicate: number;
  conflict: number;
  /** Positions (line numbers or array indexes) of events that reused an id with other content. */
  conflicts: { position: number; id: string }[];
  /** The events that were new, in input order: what the pipeline should see. */
  inserted: DecodedEvent[];
}

interface PairRow {
  entityId: number;
  accountId: number;
  first: number;
  last: number;
  count: number;
}

/** Resolves an (entity type, value) to its id, creating the entity when it is new. */
export type IdOf = (type: string, value: string) => number;

/**
 * Folds a batch's entities into one row per (value, account), so each pair is written once.
 * The account itself is the `account` entity.
 */
export function aggregatePairs(inserted: DecodedEvent[], idOf: IdOf): PairRow[] {
  const byEntity = new Map<number, Map<number, PairRow>>();
  const rows: PairRow[] = [];
  for (const d of inserted) {
    const accountId = idOf('account', d.event.account);
    const t = d.timeMs;
    for (const r of d.entities) {
      const entityId = r.type === 'account' ? accountId : idOf(r.type, r.value);
      let forEntity = byEntity.get(entityId);
      if (!forEntity) byEntity.set(entityId, (forEntity = new Map<number, PairRow>()));
      const p = forEntity.get(accountId);
      if (!p) {
        const row = { entityId, accountId, first: t, last: t, count: 1 };
        forEntity.set(accountId, row);
        rows.push(row);
      } else {
        if (t < p.first) p.first = t;
        if (t > p.last) p.last = t;
        p.count++;
      }
    }
  }
  return rows;
}

/** Pairs in primary-key order: locality for SQLite's B-tree, one lock order for PostgreSQL. */
export function sortPairs(pairs: PairRow[]): PairRow[] {
  return pairs.sort((a, b) => a.entityId - b.entityId || a.accountId - b.accountId);
}

/**
 * Same content, judged on canonical JSON, so a retry that reorders keys or white space is a
 * duplicate. Only computed when an id is seen twice, which keeps it off the hot path.
 */
function sameContent(a: DecodedEvent, storedRaw: string, cipher: FieldCipher | undefined): boolean {
  return canonicalJson(a.event) === canonicalJson(parseJsonSafely(openRaw(cipher, a.event.id, storedRaw)));
}

/** Splits a batch into first occurrences and later repeats of an id within the batch. */
function splitRepeats(batch: DecodedEvent[]): { firsts: DecodedEvent[]; repeats: [DecodedEvent, DecodedEvent][] } {
  const seen = new Map<string, DecodedEvent>();
  const firsts: DecodedEvent[] = [];
  const repeats: [DecodedEvent, DecodedEvent][] = [];
  for (const d of batch) {
    const first = seen.get(d.event.id);
    if (first) repeats.push([d, first]);
    else {
      seen.set(d.event.id, d);
      firsts.push(d);
    }
  }
  return { firsts, repeats };
}

/**
 * Stores a batch of validated events in one transaction: new ids are inserted verbatim and folded
 * into the entity→accounts index; an id seen before with the same content is a duplicate
 * (ignored), with other content a conflict (kept aside in `event_conflicts`, the first version
 * stays). The whole batch commits or none of it does, so a retry is always safe.
 *
 * The two dialects take different routes to the same rows, because the generic multi-row
 * statements cost several times the database's own insert time (see bench/ingest.ts): SQLite runs
 * cached prepared statements on the connection under Kysely, PostgreSQL sends column arrays
 * through `unnest`, one statement per table whatever the batch size.
 */
export async function insertEventBatch(database: Database, batch: DecodedEvent[], receivedAt: number): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { accepted: 0, duplicate: 0, conflict: 0, conflicts: [], inserted: [] };
  if (batch.length === 0) return outcome;
  const { firsts, repeats } = splitRepeats(batch);
  const conflicting: DecodedEvent[] = [];
  const judge = (d: DecodedEvent, sameAsStored: boolean) => {
    if (sameAsStored) outcome.duplicate++;
    else {
      outcome.conflict++;
      outcome.conflicts.push({ position: d.position, id: d.event.id });
      conflicting.push(d);
    }
  };
  const write = database.sqlite ? writeSqlite : writePostgres;
  let cache = idCaches.get(database);
  if (!cache) idCaches.set(database, (cache = new EntityIdCache()));
  try {
    await write(database, cache, firsts, receivedAt, outcome, judge, () => {
      for (const [d, first] of repeats) judge(d, canonicalJson(d.event) === canonicalJson(first.event));
      return conflicting;
    });
  } catch (err) {
    cache.clear();
    throw err;
  }
  outcome.conflicts.sort((a, b) => a.position - b.position);
  outcome.accepted = outcome.inserted.length;
  return outcome;
}

type Judge = (d: DecodedEvent, sameAsStored: boolean) => void;

const idCaches = new WeakMap<Database, EntityIdCache>();

const statements = new WeakMap<object, ReturnType<typeof prepareSqlite>>();

function prepareSqlite(sqlite: NonNullable<Database['sqlite']>) {
  return {
    insertEvent: sqlite.prepare(
      'INSERT INTO events (id, time, time_ms, kind, account, account_id, raw, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
    ),
    entityId: sqlite.prepare('SELECT id FROM entities WHERE type = ? AND value = ?').pluck(),
    insertEntity: sqlite.prepare('INSERT INTO entities (type, value) VALUES (?, ?)'),
    rawOf: sqlite.prepare('SELECT raw FROM events WHERE id = ?').pluck(),
    insertConflict: sqlite.prepare('INSERT INTO event_conflicts (id, raw, received_at) VALUES (?, ?, ?)'),
    upsertPair: sqlite.prepare(
      `INSERT INTO entity_accounts (entity_id, account_id, first_seen, last_seen, event_count) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (entity_id, account_id) DO UPDATE SET
         first_seen = min(first_seen, excluded.first_seen),
         last_seen = max(last_seen, excluded.last_seen),
         event_count = event_count + excluded.event_count`,
    ),
  };
}

async function writeSqlite(
  database: Database,
  cache: EntityIdCache,
  firsts: DecodedEvent[],
  receivedAt: number,
  outcome: BatchOutcome,
  judge: Judge,
  judgeRepeats: () => DecodedEvent[],
): Promise<void> {
  const sqlite = database.sqlite!;
  let st = statements.get(sqlite);
  if (!st) statements.set(sqlite, (st = prepareSqlite(sqlite)));
  const s = st;
  const cipher = cipherOf(database.db);
  const idOf: IdOf = (type, value) => {
    let id = cache.get(type, value);
    if (id !== undefined) return id;
    id = (s.entityId.get(type, value) as number | undefined) ?? Number(s.insertEntity.run(type, value).lastInsertRowid);
    cache.set(type, value, id);
    return id;
  };
  const run = sqlite.transaction(() => {
    for (const d of firsts) {
      const e = d.event;
      const accountId = idOf('account', e.account);
      if (s.insertEvent.run(e.id, e.time, d.timeMs, e.kind, e.account, accountId, sealRaw(cipher, e.id, d.raw), receivedAt).changes === 1) outcome.inserted.push(d);
      else judge(d, sameContent(d, s.rawOf.get(e.id) as string, cipher));
    }
    for (const d of judgeRepeats()) s.insertConflict.run(d.event.id, sealRaw(cipher, d.event.id, d.raw), receivedAt);
    // Key order: each B-tree page is visited once per batch instead of at random.
    for (const p of sortPairs(aggregatePairs(outcome.inserted, idOf))) s.upsertPair.run(p.entityId, p.accountId, p.first, p.last, p.count);
  });
  // Holding Kysely's connection keeps its other users (reads, key checks) out of this transaction.
  await database.db.connection().execute(() => Promise.resolve(run()));
}

async function writePostgres(
  database: Database,
  cache: EntityIdCache,
  firsts: DecodedEvent[],
  receivedAt: number,
  outcome: BatchOutcome,
  judge: Judge,
  judgeRepeats: () => DecodedEvent[],
): Promise<void> {
  const cipher = cipherOf(database.db);
  await database.db.transaction().execute(async (trx: Transaction<DB>) => {
    const keys = new Set<string>();
    for (const d of firsts) {
      for (const r of d.entities) if (cache.get(r.type, r.value) === undefined) keys.add(`${r.type}\u0000${r.value}`);
    }
    // Sorted keys and rows: concurrent batches then take row locks in one order and cannot deadlock.
    const missing = [...keys].sort().map((k) => k.split('\u0000') as [string, string]);
    await resolveIdsPostgres(trx, cache, missing);
    const idOf: IdOf = (type, value) => cache.get(type, value)!;
    const ordered = [...firsts].sort((a, b) => (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0));
    const col = <T>(f: (d: DecodedEvent) => T) => ordered.map(f);
    const inserted = await sql<{ id: string }>`
      INSERT INTO events (id, time, time_ms, kind, account, account_id, raw, received_at)
      SELECT id, time, time_ms, kind, account, account_id, raw, ${receivedAt}::bigint
      FROM unnest(${col((d) => d.event.id)}::text[], ${col((d) => d.event.time)}::text[], ${col((d) => d.timeMs)}::bigint[],
                  ${col((d) => d.event.kind)}::text[], ${col((d) => d.event.account)}::text[],
                  ${col((d) => idOf('account', d.event.account))}::bigint[], ${col((d) => sealRaw(cipher, d.event.id, d.raw))}::text[])
           AS t(id, time, time_ms, kind, account, account_id, raw)
      ON CONFLICT (id) DO NOTHING
      RETURNING id`.execute(trx);
    const fresh = new Set(inserted.rows.map((r) => r.id));
    const collided = firsts.filter((d) => !fresh.has(d.event.id));
    const storedRaw = await rawsOf(trx, collided.map((d) => d.event.id));
    for (const d of firsts) {
      if (fresh.has(d.event.id)) outcome.inserted.push(d);
      else judge(d, sameContent(d, storedRaw.get(d.event.id)!, cipher));
    }
    const conflicting = judgeRepeats();
    if (conflicting.length > 0) {
      await sql`
        INSERT INTO event_conflicts (id, raw, received_at)
        SELECT id, raw, ${receivedAt}::bigint FROM unnest(${conflicting.map((d) => d.event.id)}::text[], ${conflicting.map((d) => sealRaw(cipher, d.event.id, d.raw))}::text[]) AS t(id, raw)`.execute(trx);
    }
    const pairs = sortPairs(aggregatePairs(outcome.inserted, idOf));
    if (pairs.length === 0) return;
    await sql`
      INSERT INTO entity_accounts (entity_id, account_id, first_seen, last_seen, event_count)
      SELECT * FROM unnest(${pairs.map((p) => p.entityId)}::bigint[], ${pairs.map((p) => p.accountId)}::bigint[],
                           ${pairs.map((p) => p.first)}::bigint[], ${pairs.map((p) => p.last)}::bigint[], ${pairs.map((p) => p.count)}::bigint[])
      ON CONFLICT (entity_id, account_id) DO UPDATE SET
        first_seen = least(entity_accounts.first_seen, excluded.first_seen),
        last_seen = greatest(entity_accounts.last_seen, excluded.last_seen),
        event_count = entity_accounts.event_count + excluded.event_count`.execute(trx);
  });
}

async function rawsOf(trx: Kysely<DB> | Transaction<DB>, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await trx.selectFrom('events').select(['id', 'raw']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.raw]));
}

/**
 * Gives every key an id, inserting the values never seen. A value another transaction is
 * inserting at the same moment is missed by the first statement's snapshot; the second,
 * plain read sees it once that transaction commits.
 */
async function resolveIdsPostgres(trx: Transaction<DB>, cache: EntityIdCache, keys: [string, string][]): Promise<void> {
  if (keys.length === 0) return;
  const rows = await sql<{ id: number; type: string; value: string }>`
    WITH input AS (SELECT * FROM unnest(${keys.map((k) => k[0])}::text[], ${keys.map((k) => k[1])}::text[]) AS t(type, value)),
    ins AS (INSERT INTO entities (type, value) SELECT type, value FROM input ON CONFLICT (type, value) DO NOTHING RETURNING id, type, value)
    SELECT id, type, value FROM ins
    UNION ALL
    SELECT e.id, e.type, e.value FROM entities e JOIN input i ON e.type = i.type AND e.value = i.value`.execute(trx);
  for (const r of rows.rows) cache.set(r.type, r.value, Number(r.id));
  const missing = keys.filter(([t, v]) => cache.get(t, v) === undefined);
  if (missing.length === 0) return;
  const again = await sql<{ id: number; type: string; value: string }>`
    SELECT e.id, e.type, e.value FROM entities e
    JOIN unnest(${missing.map((k) => k[0])}::text[], ${missing.map((k) => k[1])}::text[]) AS i(type, value)
      ON e.type = i.type AND e.value = i.value`.execute(trx);
  for (const r of again.rows) cache.set(r.type, r.value, Number(r.id));
}

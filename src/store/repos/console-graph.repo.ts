import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.js';
import type { IntelDb } from './intel-tables.js';
import { cipherOf, openRaw } from '../field-cipher.js';

type Db = Kysely<DB> | Transaction<DB>;

/** One account's use of one value, from the entity index: when it was first and last seen. */
export interface ValueUse {
  type: string;
  value: string;
  account: string;
  firstSeen: number;
  lastSeen: number;
}

// SQLite binds at most 32,766 parameters per statement; PostgreSQL 65,535. Chunks stay far below.
const CHUNK = 500;

function chunks<T>(xs: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** Entity ids of (type, value) pairs that exist, keyed `type\0value`. */
async function entityIds(db: Db, pairs: readonly { type: string; value: string }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const byType = new Map<string, string[]>();
  for (const p of pairs) byType.set(p.type, [...(byType.get(p.type) ?? []), p.value]);
  for (const [type, values] of byType)
    for (const part of chunks([...new Set(values)])) {
      const rows = await db.selectFrom('entities').select(['id', 'value']).where('type', '=', type).where('value', 'in', part).execute();
      for (const r of rows) out.set(`${type}\u0000${r.value}`, Number(r.id));
    }
  return out;
}

/**
 * When each of `accounts` used each of `values` (entity index rows; pairs never used are absent).
 * Three indexed reads per 500 keys whatever the network's size: no query per link.
 */
export async function valueUses(db: Db, values: readonly { type: string; value: string }[], accounts: readonly string[]): Promise<ValueUse[]> {
  if (values.length === 0 || accounts.length === 0) return [];
  const ids = await entityIds(db, values);
  const accountIds = await entityIds(db, accounts.map((a) => ({ type: 'account', value: a })));
  const valueById = new Map([...ids].map(([k, id]) => [id, k] as const));
  const accountById = new Map([...accountIds].map(([k, id]) => [id, k.slice('account\u0000'.length)] as const));
  const out: ValueUse[] = [];
  const entityList = [...valueById.keys()];
  const accountList = [...accountById.keys()];
  if (entityList.length === 0 || accountList.length === 0) return out;
  for (const es of chunks(entityList))
    for (const as of chunks(accountList)) {
      const rows = await db
        .selectFrom('entity_accounts')
        .select(['entity_id', 'account_id', 'first_seen', 'last_seen'])
        .where('entity_id', 'in', es)
        .where('account_id', 'in', as)
        .execute();
      for (const r of rows) {
        const key = valueById.get(Number(r.entity_id));
        const account = accountById.get(Number(r.account_id));
        if (key === undefined || account === undefined) continue;
        const sep = key.indexOf('\u0000');
        out.push({ type: key.slice(0, sep), value: key.slice(sep + 1), account, firstSeen: Number(r.first_seen), lastSeen: Number(r.last_seen) });
      }
    }
  return out;
}

/** Which of `accounts` have at least one event in [fromMs, toMs] (the events_account_time index). */
export async function accountsActiveIn(db: Db, accounts: readonly string[], fromMs: number, toMs: number): Promise<Set<string>> {
  const out = new Set<string>();
  const ids = await entityIds(db, accounts.map((a) => ({ type: 'account', value: a })));
  for (const part of chunks([...ids.values()])) {
    // One index seek per account (EXISTS stops at the first event), however busy the account.
    const rows = await db
      .selectFrom('entities as a')
      .select('a.value')
      .where('a.id', 'in', part)
      .where((eb) =>
        eb.exists(eb.selectFrom('events').select('seq').whereRef('events.account_id', '=', 'a.id').where('time_ms', '>=', fromMs).where('time_ms', '<=', toMs)),
      )
      .execute();
    for (const r of rows) out.add(r.value);
  }
  return out;
}

/** Every value an account used, with how many accounts use each (hubs are told apart by that count). */
export async function valuesOfAccount(db: Db, account: string, maxValues: number): Promise<(ValueUse & { accounts: number; entityId: number })[]> {
  const self = await db.selectFrom('entities').select('id').where('type', '=', 'account').where('value', '=', account).executeTakeFirst();
  if (!self) return [];
  const rows = await db
    .selectFrom('entity_accounts as ea')
    .innerJoin('entities as e', 'e.id', 'ea.entity_id')
    .select(['e.id', 'e.type', 'e.value', 'ea.first_seen', 'ea.last_seen'])
    .where('ea.account_id', '=', Number(self.id))
    .where('e.type', '!=', 'account')
    .orderBy('ea.last_seen', 'desc')
    .limit(maxValues)
    .execute();
  if (rows.length === 0) return [];
  const counts = new Map<number, number>();
  for (const part of chunks(rows.map((r) => Number(r.id)))) {
    const c = await db
      .selectFrom('entity_accounts')
      .select(['entity_id', sql<number>`count(*)`.as('n')])
      .where('entity_id', 'in', part)
      .groupBy('entity_id')
      .execute();
    for (const r of c) counts.set(Number(r.entity_id), Number(r.n));
  }
  return rows.map((r) => ({
    entityId: Number(r.id),
    type: r.type,
    value: r.value,
    account,
    firstSeen: Number(r.first_seen),
    lastSeen: Number(r.last_seen),
    accounts: counts.get(Number(r.id)) ?? 1,
  }));
}

/**
 * The accounts that used each of the given entities, most recent first, at most `perEntity` each
 * (one query per entity, bounded by the caller's cap on how many entities it asks about).
 */
export async function accountsOfEntities(db: Db, entityIdList: readonly number[], perEntity: number): Promise<Map<number, ValueUse[]>> {
  const out = new Map<number, ValueUse[]>();
  for (const id of entityIdList) {
    const rows = await db
      .selectFrom('entity_accounts as ea')
      .innerJoin('entities as a', 'a.id', 'ea.account_id')
      .innerJoin('entities as e', 'e.id', 'ea.entity_id')
      .select(['a.value as account', 'e.type', 'e.value', 'ea.first_seen', 'ea.last_seen'])
      .where('ea.entity_id', '=', id)
      .orderBy('ea.last_seen', 'desc')
      .orderBy('a.value')
      .limit(perEntity)
      .execute();
    out.set(
      id,
      rows.map((r) => ({ type: r.type, value: r.value, account: r.account, firstSeen: Number(r.first_seen), lastSeen: Number(r.last_seen) })),
    );
  }
  return out;
}

/** The id and account count of one value, or undefined when no account used it. */
export async function entityWithCount(db: Db, type: string, value: string): Promise<{ id: number; accounts: number } | undefined> {
  const e = await db.selectFrom('entities').select('id').where('type', '=', type).where('value', '=', value).executeTakeFirst();
  if (!e) return undefined;
  const c = await db.selectFrom('entity_accounts').select(sql<number>`count(*)`.as('n')).where('entity_id', '=', Number(e.id)).executeTakeFirst();
  return { id: Number(e.id), accounts: Number(c?.n ?? 0) };
}

/**
 * Request events a gateway replica stored (ids `gw-<boot>-<n>`), received since `receivedSinceMs`,
 * newest first, among the last `scan` stored: a bounded read on the seq key, never a table scan.
 * Matched on the id, not the text, so it works when raw events are encrypted at rest; raw is
 * returned opened. `complete` is false when older events inside the window lie beyond the bound.
 */
export async function recentGatewayRequests(
  db: Db,
  receivedSinceMs: number,
  scan: number,
): Promise<{ rows: { id: string; raw: string; receivedAt: number; timeMs: number }[]; scanned: number; complete: boolean }> {
  const max = await db.selectFrom('events').select(sql<number>`max(seq)`.as('m')).executeTakeFirst();
  const top = Number(max?.m ?? 0);
  if (top === 0) return { rows: [], scanned: 0, complete: true };
  const floor = Math.max(0, top - scan);
  const rows = await db
    .selectFrom('events')
    .select(['id', 'raw', 'received_at', 'time_ms'])
    .where('seq', '>', floor)
    .where('received_at', '>=', receivedSinceMs)
    .where('kind', '=', 'request')
    .where('id', 'like', 'gw-%')
    .orderBy('seq', 'desc')
    .execute();
  let complete = true;
  if (floor > 0) {
    const edge = await db.selectFrom('events').select('received_at').where('seq', '<=', floor).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    complete = edge === undefined || Number(edge.received_at) < receivedSinceMs;
  }
  const cipher = cipherOf(db);
  return {
    rows: rows.map((r) => ({ id: r.id, raw: openRaw(cipher, r.id, r.raw), receivedAt: Number(r.received_at), timeMs: Number(r.time_ms) })),
    scanned: top - floor,
    complete,
  };
}

/**
 * Indicators whose stored STIX text contains `needle` (parameterised: `%` or `_` typed by an
 * analyst only widen the match), newest first, one row per STIX id, at most `limit`.
 */
export async function searchIndicators(db: IntelDb, needle: string, limit: number): Promise<{ stixId: string; body: string }[]> {
  const rows = await db
    .selectFrom('intel_objects')
    .select(['stix_id', 'body'])
    .where('type', '=', 'indicator')
    .where(sql<boolean>`lower(body) like ${`%${needle.toLowerCase()}%`}`)
    .orderBy('seq', 'desc')
    .limit(limit * 4)
    .execute();
  const seen = new Map<string, string>();
  for (const r of rows) if (!seen.has(r.stix_id) && seen.size < limit) seen.set(r.stix_id, r.body);
  return [...seen].map(([stixId, body]) => ({ stixId, body }));
}

/** Per collection: distinct objects, distinct indicators, and up to ten sources, counted in SQL. */
export async function intelCollectionCounts(db: IntelDb): Promise<{ id: string; objects: number; indicators: number; sources: string[] }[]> {
  const counts = await db
    .selectFrom('intel_objects')
    .select(['collection_id', sql<number>`count(distinct stix_id)`.as('objects'), sql<number>`count(distinct case when type = 'indicator' then stix_id end)`.as('indicators')])
    .groupBy('collection_id')
    .orderBy('collection_id')
    .execute();
  const sources = await db.selectFrom('intel_objects').select(['collection_id', 'source']).distinct().orderBy('collection_id').orderBy('source').execute();
  return counts.map((c) => ({
    id: c.collection_id,
    objects: Number(c.objects),
    indicators: Number(c.indicators),
    sources: sources.filter((s) => s.collection_id === c.collection_id).slice(0, 10).map((s) => s.source),
  }));
}

import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface Entity {
  type: string;
  value: string;
  firstSeen: number;
  lastSeen: number;
  eventCount: number;
  accountCount: number;
}

export interface EntityAccount {
  type: string;
  value: string;
  account: string;
  firstSeen: number;
  lastSeen: number;
  eventCount: number;
}

async function entityId(db: Db, type: string, value: string): Promise<number | undefined> {
  const r = await db.selectFrom('entities').select('id').where('type', '=', type).where('value', '=', value).executeTakeFirst();
  return r === undefined ? undefined : Number(r.id);
}

/** One value and how widely it is seen (an aggregate over its key range), or undefined. */
export async function findEntity(db: Db, type: string, value: string): Promise<Entity | undefined> {
  const id = await entityId(db, type, value);
  if (id === undefined) return undefined;
  const r = await db
    .selectFrom('entity_accounts')
    .select([
      sql<number>`min(first_seen)`.as('first_seen'),
      sql<number>`max(last_seen)`.as('last_seen'),
      sql<number>`sum(event_count)`.as('event_count'),
      sql<number>`count(*)`.as('account_count'),
    ])
    .where('entity_id', '=', id)
    .executeTakeFirst();
  if (!r || Number(r.account_count) === 0) return undefined;
  return {
    type,
    value,
    firstSeen: Number(r.first_seen),
    lastSeen: Number(r.last_seen),
    eventCount: Number(r.event_count),
    accountCount: Number(r.account_count),
  };
}

/** The accounts that used a value, most recent first, capped so a hub value stays cheap. */
export async function findAccountsByEntity(db: Db, type: string, value: string, limit = 1000): Promise<EntityAccount[]> {
  const id = await entityId(db, type, value);
  if (id === undefined) return [];
  const rows = await db
    .selectFrom('entity_accounts as ea')
    .innerJoin('entities as a', 'a.id', 'ea.account_id')
    .select(['a.value as account', 'ea.first_seen', 'ea.last_seen', 'ea.event_count'])
    .where('ea.entity_id', '=', id)
    .orderBy('ea.last_seen', 'desc')
    .orderBy('a.value')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    type,
    value,
    account: r.account,
    firstSeen: Number(r.first_seen),
    lastSeen: Number(r.last_seen),
    eventCount: Number(r.event_count),
  }));
}

/** Every value an account used. */
export async function findEntitiesOfAccount(db: Db, account: string): Promise<EntityAccount[]> {
  const id = await entityId(db, 'account', account);
  if (id === undefined) return [];
  const rows = await db
    .selectFrom('entity_accounts as ea')
    .innerJoin('entities as e', 'e.id', 'ea.entity_id')
    .select(['e.type', 'e.value', 'ea.first_seen', 'ea.last_seen', 'ea.event_count'])
    .where('ea.account_id', '=', id)
    .orderBy('e.type')
    .orderBy('e.value')
    .execute();
  return rows.map((r) => ({
    type: r.type,
    value: r.value,
    account,
    firstSeen: Number(r.first_seen),
    lastSeen: Number(r.last_seen),
    eventCount: Number(r.event_count),
  }));
}

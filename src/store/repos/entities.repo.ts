import type { Kysely, Selectable, Transaction } from 'kysely';
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

/** One value and how widely it is seen, or undefined. */
export async function findEntity(db: Db, type: string, value: string): Promise<Entity | undefined> {
  const r = await db.selectFrom('entities').selectAll().where('type', '=', type).where('value', '=', value).executeTakeFirst();
  return r && {
    type: r.type,
    value: r.value,
    firstSeen: Number(r.first_seen),
    lastSeen: Number(r.last_seen),
    eventCount: Number(r.event_count),
    accountCount: Number(r.account_count),
  };
}

const toEntityAccount = (r: Selectable<DB['entity_accounts']>): EntityAccount => ({
  type: r.type,
  value: r.value,
  account: r.account,
  firstSeen: Number(r.first_seen),
  lastSeen: Number(r.last_seen),
  eventCount: Number(r.event_count),
});

/** The accounts that used a value, most recent first, capped so a hub value stays cheap. */
export async function findAccountsByEntity(db: Db, type: string, value: string, limit = 1000): Promise<EntityAccount[]> {
  const rows = await db
    .selectFrom('entity_accounts')
    .selectAll()
    .where('type', '=', type)
    .where('value', '=', value)
    .orderBy('last_seen', 'desc')
    .orderBy('account')
    .limit(limit)
    .execute();
  return rows.map(toEntityAccount);
}

/** Every value an account used. */
export async function findEntitiesOfAccount(db: Db, account: string): Promise<EntityAccount[]> {
  const rows = await db
    .selectFrom('entity_accounts')
    .selectAll()
    .where('account', '=', account)
    .orderBy('type')
    .orderBy('value')
    .execute();
  return rows.map(toEntityAccount);
}

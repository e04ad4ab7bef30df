import type { Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../schema.js';

/** Tables of migration 202611221425_create_webhooks. */
export type WebhooksTables = {
  webhook_subscriptions: {
    seq: Generated<number>;
    id: string;
    url: string;
    secret: string;
    event_types: string;
    created_at: number;
    disabled_at: number | null;
  };
  webhook_outbox: {
    seq: Generated<number>;
    id: string;
    event_id: string;
    event_type: string;
    subscription_id: string;
    body: string;
    state: string;
    attempts: number;
    next_attempt_at: number;
    last_status: number | null;
    last_error: string | null;
    created_at: number;
    delivered_at: number | null;
  };
  webhook_sources: { seq: Generated<number>; name: string; secret: string; created_at: number };
  webhook_inbound_seen: { seq: Generated<number>; seen_key: string; source: string; seen_at: number };
};

type Db = Kysely<DB & WebhooksTables> | Transaction<DB & WebhooksTables>;
type Given = Kysely<DB> | Transaction<DB>;

function hooksDb(db: Given): Db {
  return db as unknown as Db;
}

export interface WebhookSubscription {
  id: string;
  url: string;
  secret: string;
  eventTypes: string[];
  createdAt: number;
  disabledAt: number | null;
}

export interface WebhookDelivery {
  seq: number;
  id: string;
  eventId: string;
  eventType: string;
  subscriptionId: string;
  body: string;
  state: 'pending' | 'delivered' | 'dead';
  attempts: number;
  nextAttemptAt: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
}

function toSubscription(r: Selectable<WebhooksTables['webhook_subscriptions']>): WebhookSubscription {
  return {
    id: r.id,
    url: r.url,
    secret: r.secret,
    eventTypes: JSON.parse(r.event_types) as string[],
    createdAt: Number(r.created_at),
    disabledAt: r.disabled_at === null ? null : Number(r.disabled_at),
  };
}

function toDelivery(r: Selectable<WebhooksTables['webhook_outbox']>): WebhookDelivery {
  return {
    seq: Number(r.seq),
    id: r.id,
    eventId: r.event_id,
    eventType: r.event_type,
    subscriptionId: r.subscription_id,
    body: r.body,
    state: r.state as WebhookDelivery['state'],
    attempts: Number(r.attempts),
    nextAttemptAt: Number(r.next_attempt_at),
    lastStatus: r.last_status === null ? null : Number(r.last_status),
    lastError: r.last_error,
    createdAt: Number(r.created_at),
    deliveredAt: r.delivered_at === null ? null : Number(r.delivered_at),
  };
}

export async function insertWebhookSubscription(given: Given, s: WebhookSubscription): Promise<void> {
  await hooksDb(given)
    .insertInto('webhook_subscriptions')
    .values({ id: s.id, url: s.url, secret: s.secret, event_types: JSON.stringify(s.eventTypes), created_at: s.createdAt, disabled_at: s.disabledAt })
    .execute();
}

export async function listWebhookSubscriptions(given: Given, includeDisabled = false): Promise<WebhookSubscription[]> {
  let q = hooksDb(given).selectFrom('webhook_subscriptions').selectAll();
  if (!includeDisabled) q = q.where('disabled_at', 'is', null);
  return (await q.orderBy('seq').execute()).map(toSubscription);
}

export async function findWebhookSubscription(given: Given, id: string): Promise<WebhookSubscription | undefined> {
  const r = await hooksDb(given).selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toSubscription(r);
}

export async function disableWebhookSubscription(given: Given, id: string, at: number): Promise<boolean> {
  const r = await hooksDb(given)
    .updateTable('webhook_subscriptions')
    .set({ disabled_at: at })
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Queues deliveries; an id already queued is skipped, so enqueueing twice sends once. */
export async function insertWebhookDeliveries(given: Given, rows: Omit<WebhookDelivery, 'seq'>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const db = hooksDb(given);
  const existing = new Set(
    (await db.selectFrom('webhook_outbox').select('id').where('id', 'in', rows.map((r) => r.id)).execute()).map((r) => r.id),
  );
  const fresh = rows.filter((r) => !existing.has(r.id));
  if (fresh.length === 0) return 0;
  await db
    .insertInto('webhook_outbox')
    .values(
      fresh.map((d) => ({
        id: d.id,
        event_id: d.eventId,
        event_type: d.eventType,
        subscription_id: d.subscriptionId,
        body: d.body,
        state: d.state,
        attempts: d.attempts,
        next_attempt_at: d.nextAttemptAt,
        last_status: d.lastStatus,
        last_error: d.lastError,
        created_at: d.createdAt,
        delivered_at: d.deliveredAt,
      })),
    )
    .execute();
  return fresh.length;
}

/** Pending deliveries whose next attempt is due, oldest first. */
export async function listDueDeliveries(given: Given, nowMs: number, limit = 50): Promise<WebhookDelivery[]> {
  const rows = await hooksDb(given)
    .selectFrom('webhook_outbox')
    .selectAll()
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', nowMs)
    .orderBy('next_attempt_at')
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(toDelivery);
}

export async function listDeliveries(
  given: Given,
  f: { state?: WebhookDelivery['state']; eventId?: string; limit: number },
): Promise<WebhookDelivery[]> {
  let q = hooksDb(given).selectFrom('webhook_outbox').selectAll();
  if (f.state) q = q.where('state', '=', f.state);
  if (f.eventId) q = q.where('event_id', '=', f.eventId);
  return (await q.orderBy('seq', 'desc').limit(f.limit).execute()).map(toDelivery);
}

export async function findDelivery(given: Given, id: string): Promise<WebhookDelivery | undefined> {
  const r = await hooksDb(given).selectFrom('webhook_outbox').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toDelivery(r);
}

/** Records one attempt's outcome; only a delivery still pending is changed. */
export async function recordDeliveryAttempt(
  given: Given,
  id: string,
  outcome: Pick<WebhookDelivery, 'state' | 'attempts' | 'nextAttemptAt' | 'lastStatus' | 'lastError' | 'deliveredAt'>,
): Promise<boolean> {
  const r = await hooksDb(given)
    .updateTable('webhook_outbox')
    .set({
      state: outcome.state,
      attempts: outcome.attempts,
      next_attempt_at: outcome.nextAttemptAt,
      last_status: outcome.lastStatus,
      last_error: outcome.lastError,
      delivered_at: outcome.deliveredAt,
    })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Puts a dead delivery back in the queue with a fresh attempt budget; false if it was not dead. */
export async function requeueDeadDelivery(given: Given, id: string, nowMs: number): Promise<boolean> {
  const r = await hooksDb(given)
    .updateTable('webhook_outbox')
    .set({ state: 'pending', attempts: 0, next_attempt_at: nowMs })
    .where('id', '=', id)
    .where('state', '=', 'dead')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function upsertWebhookSource(given: Given, name: string, secret: string, at: number): Promise<void> {
  const db = hooksDb(given);
  const r = await db.updateTable('webhook_sources').set({ secret }).where('name', '=', name).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) await db.insertInto('webhook_sources').values({ name, secret, created_at: at }).execute();
}

export async function findWebhookSourceSecret(given: Given, name: string): Promise<string | undefined> {
  const r = await hooksDb(given).selectFrom('webhook_sources').select('secret').where('name', '=', name).executeTakeFirst();
  return r?.secret;
}

/**
 * Remembers an inbound key (event id or signature) the first time it is seen; false when it was
 * seen already, which is what makes a replayed delivery fail. Keys older than `forgetBefore` are
 * dropped first: the timestamp check refuses anything that old anyway.
 */
export async function rememberInboundKey(given: Given, key: string, source: string, at: number, forgetBefore: number): Promise<boolean> {
  const db = hooksDb(given);
  await db.deleteFrom('webhook_inbound_seen').where('seen_at', '<', forgetBefore).execute();
  const r = await db
    .insertInto('webhook_inbound_seen')
    .values({ seen_key: key, source, seen_at: at })
    .onConflict((oc) => oc.column('seen_key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Claims a due delivery by moving its next attempt to `leaseUntil`, only if nobody moved it
 * since it was read: two schedulers never send one attempt twice at the same time.
 */
export async function claimDelivery(given: Given, id: string, readNextAttemptAt: number, leaseUntil: number): Promise<boolean> {
  const r = await hooksDb(given)
    .updateTable('webhook_outbox')
    .set({ next_attempt_at: leaseUntil })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .where('next_attempt_at', '=', readNextAttemptAt)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

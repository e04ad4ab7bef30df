import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { request } from 'undici';
import { z } from 'zod';
import { AppError } from '../errors/index.js';
import {
  claimDelivery,
  findDelivery,
  findWebhookSourceSecret,
  findWebhookSubscription,
  insertWebhookDeliveries,
  insertWebhookSubscription,
  listDeliveries,
  listDueDeliveries,
  listWebhookSubscriptions,
  recordDeliveryAttempt,
  rememberInboundKey,
  requeueDeadDelivery,
  upsertWebhookSource,
  type DB,
  type WebhookDelivery,
  type WebhookSubscription,
} from '../store/index.js';
import { audit, type CasesContext } from './context.js';
import { backoffMs, signPayload, verifySignature } from './signature.js';

/** Event types a subscription can ask for (`*` is all of them). */
export const webhookEventTypes = [
  'case.opened',
  'case.updated',
  'case.reopened',
  'action.proposed',
  'action.approved',
  'action.rejected',
  'action.executed',
  'action.reversed',
  'action.expired',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** A subscription without its secret, as lists show it. */
export type PublicSubscription = Omit<WebhookSubscription, 'secret'>;

const publicOf = ({ secret: _s, ...rest }: WebhookSubscription): PublicSubscription => rest;

/** `http:` or `https:` only; a webhook URL is where Warden POSTs enforcement news. */
function checkUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AppError('VALIDATION_FAILED', `Webhook URL "${url.slice(0, 200)}" is not a URL.`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new AppError('VALIDATION_FAILED', 'Webhook URL must be http: or https:.');
  if (u.username || u.password) throw new AppError('VALIDATION_FAILED', 'Webhook URL must not carry credentials; the signature authenticates Warden.');
}

/** Adds a subscription; the secret is generated when not given and returned once. */
export async function addWebhookSubscription(
  ctx: CasesContext,
  input: { url: string; eventTypes: string[]; secret?: string },
  by: string,
): Promise<{ subscription: PublicSubscription; secret: string }> {
  checkUrl(input.url);
  const unknown = input.eventTypes.filter((t) => t !== '*' && !(webhookEventTypes as readonly string[]).includes(t));
  if (unknown.length > 0)
    throw new AppError('VALIDATION_FAILED', `Unknown webhook event type(s): ${unknown.join(', ')}; use ${webhookEventTypes.join(', ')} or *.`, {
      details: { unknown },
    });
  const secret = input.secret ?? `whsec_${randomBytes(24).toString('base64url')}`;
  const sub: WebhookSubscription = {
    id: `wh_${randomUUID()}`,
    url: input.url,
    secret,
    eventTypes: [...new Set(input.eventTypes)].sort(),
    createdAt: ctx.now(),
    disabledAt: null,
  };
  await insertWebhookSubscription(ctx.database.db, sub);
  await audit(ctx, { actor: by, action: 'webhook.subscribed', target: { type: 'webhook', id: sub.id }, details: { url: sub.url, eventTypes: sub.eventTypes } });
  return { subscription: publicOf(sub), secret };
}

export async function listPublicSubscriptions(ctx: CasesContext): Promise<PublicSubscription[]> {
  return (await listWebhookSubscriptions(ctx.database.db, true)).map(publicOf);
}

/**
 * Queues one event for every subscription that wants it, inside the caller's transaction (the
 * outbox pattern: the event exists exactly when the change it reports does). The event id is
 * stable, so a receiver dedupes retries by `Warden-Event-Id`.
 */
export async function enqueueWebhookEvent(
  db: Kysely<DB> | Transaction<DB>,
  nowMs: number,
  type: WebhookEventType,
  eventId: string,
  data: Record<string, unknown>,
): Promise<number> {
  const subs = (await listWebhookSubscriptions(db)).filter((s) => s.eventTypes.includes('*') || s.eventTypes.includes(type));
  if (subs.length === 0) return 0;
  const body = JSON.stringify({ id: eventId, type, created_at: new Date(nowMs).toISOString(), data });
  return insertWebhookDeliveries(
    db,
    subs.map((s) => ({
      id: `${eventId}:${s.id}`,
      eventId,
      eventType: type,
      subscriptionId: s.id,
      body,
      state: 'pending' as const,
      attempts: 0,
      nextAttemptAt: nowMs,
      lastStatus: null,
      lastError: null,
      createdAt: nowMs,
      deliveredAt: null,
    })),
  );
}

/** What one delivery attempt did. */
export interface AttemptOutcome {
  delivery: string;
  ok: boolean;
  status: number | null;
  error: string | null;
  state: WebhookDelivery['state'];
}

async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<number> {
  // The signal bounds the whole exchange (connect, headers and body), so a receiver that
  // trickles a slow 200 past the budget counts as timed out like one that never answers.
  const res = await request(url, {
    method: 'POST',
    body,
    headers,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    signal: AbortSignal.timeout(timeoutMs),
  });
  await res.body.dump({ limit: 64 * 1024 });
  return res.statusCode;
}

/** Sends one queued delivery and records the outcome: delivered, retry later, or dead. */
export async function attemptDelivery(ctx: CasesContext, d: WebhookDelivery, random: () => number = Math.random): Promise<AttemptOutcome> {
  const sub = await findWebhookSubscription(ctx.database.db, d.subscriptionId);
  const cfg = ctx.config;
  const attempts = d.attempts + 1;
  let status: number | null = null;
  let error: string | null = null;
  if (!sub || sub.disabledAt !== null) error = 'subscription removed';
  else {
    const t = Math.floor(ctx.now() / 1000);
    try {
      status = await post(
        sub.url,
        d.body,
        {
          'content-type': 'application/json',
          'user-agent': 'Warden-Webhooks/1',
          'warden-signature': signPayload(sub.secret, t, d.body),
          'warden-event-id': d.eventId,
          'warden-event-type': d.eventType,
          'warden-delivery-id': d.id,
          'warden-delivery-attempt': String(attempts),
        },
        cfg.webhookTimeoutMs,
      );
      if (status < 200 || status > 299) error = `receiver answered ${status}`;
    } catch (err) {
      const e = err as Error & { code?: string };
      error = e.name === 'TimeoutError' || e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_BODY_TIMEOUT'
        ? `timed out after ${cfg.webhookTimeoutMs} ms`
        : `${e.code ?? e.name}: ${e.message}`.slice(0, 500);
    }
  }
  const now = ctx.now();
  const ok = error === null;
  const state: WebhookDelivery['state'] = ok ? 'delivered' : !sub || attempts >= cfg.webhookMaxAttempts ? 'dead' : 'pending';
  await recordDeliveryAttempt(ctx.database.db, d.id, {
    state,
    attempts,
    nextAttemptAt: state === 'pending' ? now + backoffMs(attempts, cfg.webhookBackoffMs, random) : now,
    lastStatus: status,
    lastError: error,
    deliveredAt: ok ? now : null,
  });
  if (state === 'dead') ctx.logger?.warn({ delivery: d.id, eventType: d.eventType, attempts, error }, 'webhook delivery dead-lettered');
  return { delivery: d.id, ok, status, error, state };
}

/**
 * Delivers what is due. Each delivery is claimed first by pushing its next attempt past the
 * timeout, so two schedulers (replicas) never send the same attempt twice at once.
 */
export async function deliverDueWebhooks(ctx: CasesContext, limit = 50): Promise<AttemptOutcome[]> {
  const now = ctx.now();
  const due = await listDueDeliveries(ctx.database.db, now, limit);
  const claimed: WebhookDelivery[] = [];
  for (const d of due) {
    const lease = now + ctx.config.webhookTimeoutMs * 2 + 1000;
    if (await claimDelivery(ctx.database.db, d.id, d.nextAttemptAt, lease)) claimed.push(d);
  }
  return Promise.all(claimed.map((d) => attemptDelivery(ctx, d)));
}

/** The dead-letter list: deliveries that used up their attempts. */
export async function listDeadLetters(ctx: CasesContext, limit = 100): Promise<WebhookDelivery[]> {
  return listDeliveries(ctx.database.db, { state: 'dead', limit });
}

/** Puts a dead delivery back in the queue (a fresh attempt budget), audited. */
export async function replayDeadLetter(ctx: CasesContext, id: string, by: string): Promise<WebhookDelivery> {
  const d = await findDelivery(ctx.database.db, id);
  if (!d) throw new AppError('WEBHOOK_NOT_FOUND', `No webhook delivery "${id}"; list dead letters with GET /api/v1/webhooks/dead-letters.`);
  if (d.state !== 'dead' || !(await requeueDeadDelivery(ctx.database.db, id, ctx.now())))
    throw new AppError('CONFLICT', `Delivery "${id}" is ${d.state}, not dead; only dead letters are replayed.`, { details: { state: d.state } });
  await audit(ctx, { actor: by, action: 'webhook.replayed', target: { type: 'webhook-delivery', id } });
  return (await findDelivery(ctx.database.db, id))!;
}

/** Registers (or rotates) the shared secret of an inbound source. */
export async function setInboundSource(ctx: CasesContext, name: string, by: string, secret?: string): Promise<{ name: string; secret: string }> {
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(name)) throw new AppError('VALIDATION_FAILED', 'A source name is 1–64 of a-z, 0-9, ".", "_", "-".');
  const s = secret ?? `whsec_${randomBytes(24).toString('base64url')}`;
  await upsertWebhookSource(ctx.database.db, name, s, ctx.now());
  await audit(ctx, { actor: by, action: 'webhook.source_set', target: { type: 'webhook-source', id: name } });
  return { name, secret: s };
}

/** What the provider may send to `POST /api/v1/webhooks/inbound/:source`. */
export const inboundEventSchema = z.discriminatedUnion('type', [
  z.object({
    id: z.string().min(1).max(128),
    type: z.literal('appeal'),
    data: z.object({ account: z.string().min(1).max(128), statement: z.string().min(1).max(20_000), caseId: z.string().max(128).optional() }).strict(),
  }),
  z.object({
    id: z.string().min(1).max(128),
    type: z.literal('enforcement'),
    data: z
      .object({
        account: z.string().min(1).max(128),
        action: z.enum(['warn', 'suspend', 'terminate', 'reinstate']),
        reason: z.string().max(2000).optional(),
        time: z.iso.datetime({ offset: true }).optional(),
      })
      .strict(),
  }),
]);
export type InboundEvent = z.infer<typeof inboundEventSchema>;

/**
 * Authenticates an inbound delivery: the source must be registered, the signature valid over the
 * raw body and fresh, and neither the signature nor the event id seen before within the window
 * (a replay, or a sender's retry of an event already applied). Returns the parsed event and
 * whether it is a duplicate of one already applied.
 */
export async function verifyInbound(
  ctx: CasesContext,
  source: string,
  signatureHeader: string | undefined,
  rawBody: Buffer,
): Promise<{ event: InboundEvent; duplicate: boolean }> {
  const secret = await findWebhookSourceSecret(ctx.database.db, source);
  // Same answer for an unknown source and a bad signature: a prober learns nothing of which sources exist.
  const refuse = (why: string) => new AppError('WEBHOOK_SIGNATURE_INVALID', `Webhook signature rejected: ${why}.`, { details: { reason: why } });
  if (secret === undefined) throw refuse('mismatch');
  const nowMs = ctx.now();
  const tolerance = ctx.config.webhookToleranceS;
  const check = verifySignature(secret, signatureHeader, rawBody, Math.floor(nowMs / 1000), tolerance);
  if (!check.ok) throw refuse(check.reason);
  const forget = nowMs - 2 * tolerance * 1000;
  if (!(await rememberInboundKey(ctx.database.db, `sig:${source}:${check.signature}`, source, nowMs, forget))) throw refuse('replayed');
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new AppError('BAD_REQUEST', 'Inbound webhook body is not JSON.');
  }
  const r = inboundEventSchema.safeParse(parsed);
  if (!r.success)
    throw new AppError('VALIDATION_FAILED', 'Inbound webhook body breaks its schema.', {
      details: { issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
    });
  const fresh = await rememberInboundKey(ctx.database.db, `evt:${source}:${r.data.id}`, source, nowMs, forget);
  return { event: r.data, duplicate: !fresh };
}

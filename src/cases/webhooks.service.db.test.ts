import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { describeEachDialect } from '../store/testing.js';
import { startReceiver, type WebhookReceiver } from '../../test/cases/receiver.js';
import {
  addWebhookSubscription,
  deliverDueWebhooks,
  enqueueWebhookEvent,
  listDeadLetters,
  replayDeadLetter,
  setInboundSource,
  signPayload,
  verifyInbound,
  verifySignature,
  type CasesContext,
} from './index.js';

describeEachDialect('webhooks', (getDb) => {
  let receiver: WebhookReceiver;
  let skew = 0;
  const ctx = (): CasesContext => ({
    database: getDb(),
    config: { ...loadConfig({}).cases, webhookTimeoutMs: 300, webhookMaxAttempts: 3, webhookBackoffMs: 1000, webhookToleranceS: 300 },
    now: () => Date.now() + skew,
  });
  let secret = '';
  let subId = '';

  beforeAll(async () => {
    receiver = await startReceiver();
    const r = await addWebhookSubscription(ctx(), { url: receiver.url, eventTypes: ['action.executed'] }, 'key:admin');
    secret = r.secret;
    subId = r.subscription.id;
  });
  afterAll(async () => receiver.close());

  /** Runs deliveries until `n` attempts were made, jumping the clock past each backoff. */
  async function deliver(): Promise<Awaited<ReturnType<typeof deliverDueWebhooks>>> {
    const out = await deliverDueWebhooks(ctx());
    skew += 3_600_000;
    return out;
  }

  it('refuses a non-http URL, credentials in the URL and unknown event types', async () => {
    await expect(addWebhookSubscription(ctx(), { url: 'ftp://example.org/x', eventTypes: ['*'] }, 'k')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(addWebhookSubscription(ctx(), { url: 'http://u:p@example.org/', eventTypes: ['*'] }, 'k')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(addWebhookSubscription(ctx(), { url: 'not a url', eventTypes: ['*'] }, 'k')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(addWebhookSubscription(ctx(), { url: receiver.url, eventTypes: ['case.deleted'] }, 'k')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('delivers a signed event once, with a stable event id; enqueueing twice sends once', async () => {
    receiver.behave({ status: 200 });
    const before = receiver.received.length;
    expect(await enqueueWebhookEvent(getDb().db, ctx().now(), 'action.executed', 'evt-ok-1', { n: 1 })).toBe(1);
    expect(await enqueueWebhookEvent(getDb().db, ctx().now(), 'action.executed', 'evt-ok-1', { n: 1 })).toBe(0);
    expect(await enqueueWebhookEvent(getDb().db, ctx().now(), 'case.opened', 'evt-other', {})).toBe(0); // not subscribed
    const out = await deliver();
    expect(out).toEqual([expect.objectContaining({ ok: true, status: 200, state: 'delivered' })]);
    const got = receiver.received.slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]!.headers['warden-event-id']).toBe('evt-ok-1');
    expect(verifySignature(secret, got[0]!.headers['warden-signature'] as string, got[0]!.body, Math.floor(Date.now() / 1000), 300).ok).toBe(true);
    expect(await deliver()).toEqual([]);
  });

  it('retries a receiver that answers 500 with backoff, dead-letters it, and replays it on request', async () => {
    receiver.behave({ status: 500 });
    await enqueueWebhookEvent(getDb().db, ctx().now(), 'action.executed', 'evt-500', {});
    const first = await deliverDueWebhooks(ctx());
    expect(first).toEqual([expect.objectContaining({ ok: false, status: 500, state: 'pending', error: 'receiver answered 500' })]);
    expect(await deliverDueWebhooks(ctx())).toEqual([]); // not due again before its backoff
    skew += 3_600_000;
    expect((await deliver())[0]?.state).toBe('pending');
    expect((await deliver())[0]?.state).toBe('dead');
    const dead = await listDeadLetters(ctx());
    expect(dead.map((d) => d.id)).toContain(`evt-500:${subId}`);
    receiver.behave({ status: 204 });
    await replayDeadLetter(ctx(), `evt-500:${subId}`, 'key:admin');
    expect((await deliver())[0]).toMatchObject({ ok: true, state: 'delivered' });
    await expect(replayDeadLetter(ctx(), `evt-500:${subId}`, 'key:admin')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(replayDeadLetter(ctx(), 'nope', 'key:admin')).rejects.toMatchObject({ code: 'WEBHOOK_NOT_FOUND' });
    const ids = receiver.received.filter((r) => r.headers['warden-event-id'] === 'evt-500').map((r) => r.headers['warden-delivery-attempt']);
    expect(ids).toEqual(['1', '2', '3', '1']);
  });

  it('counts a receiver that never answers, and a slow 200 past the timeout, as failed; a slow 200 within it as delivered', async () => {
    receiver.behave('hang');
    await enqueueWebhookEvent(getDb().db, ctx().now(), 'action.executed', 'evt-hang', {});
    expect((await deliver())[0]).toMatchObject({ ok: false, state: 'pending', error: 'timed out after 300 ms' });
    receiver.behave({ status: 200, delayMs: 1000 });
    expect((await deliver())[0]).toMatchObject({ ok: false, state: 'pending', error: 'timed out after 300 ms' });
    receiver.behave({ status: 200, delayMs: 50 });
    expect((await deliver())[0]).toMatchObject({ ok: true, state: 'delivered' });
    // Every attempt carried the same event id, so the receiver can drop the ones it already applied.
    const got = receiver.received.filter((r) => r.headers['warden-event-id'] === 'evt-hang');
    expect(new Set(got.map((r) => r.headers['warden-delivery-id']))).toEqual(new Set([`evt-hang:${subId}`]));
    expect(got.length).toBe(3);
  });

  it('inbound: accepts a valid signature once, and refuses forged, stale, replayed and unknown-source deliveries', async () => {
    const { secret: inSecret } = await setInboundSource(ctx(), 'provider', 'key:admin');
    const body = Buffer.from(JSON.stringify({ id: 'in-1', type: 'appeal', data: { account: 'acct_x', statement: 'not me' } }));
    const t = Math.floor(ctx().now() / 1000);
    const header = signPayload(inSecret, t, body);
    await expect(verifyInbound(ctx(), 'provider', header, body)).resolves.toMatchObject({ duplicate: false, event: { id: 'in-1', type: 'appeal' } });
    await expect(verifyInbound(ctx(), 'provider', header, body)).rejects.toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID', details: { reason: 'replayed' } });
    // The same event re-signed later (a sender's retry) is accepted as a duplicate, not applied twice.
    await expect(verifyInbound(ctx(), 'provider', signPayload(inSecret, t + 1, body), body)).resolves.toMatchObject({ duplicate: true });
    await expect(verifyInbound(ctx(), 'provider', signPayload('whsec_forged_secret_123', t, body), body)).rejects.toMatchObject({ details: { reason: 'mismatch' } });
    await expect(verifyInbound(ctx(), 'provider', signPayload(inSecret, t - 301, body), body)).rejects.toMatchObject({ details: { reason: 'expired' } });
    await expect(verifyInbound(ctx(), 'provider', undefined, body)).rejects.toMatchObject({ details: { reason: 'malformed' } });
    await expect(verifyInbound(ctx(), 'nobody', signPayload(inSecret, t, body), body)).rejects.toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID' });
    const junk = Buffer.from('{"id":"in-2","type":"appeal","data":{"account":"a","statement":"s","extra":1}}');
    await expect(verifyInbound(ctx(), 'provider', signPayload(inSecret, t + 2, junk), junk)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const notJson = Buffer.from('not json');
    await expect(verifyInbound(ctx(), 'provider', signPayload(inSecret, t + 3, notJson), notJson)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(setInboundSource(ctx(), '../etc', 'k')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

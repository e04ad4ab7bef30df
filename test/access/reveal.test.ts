import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeCaseLookup } from '../../src/server/case-lookup.js';
import { insertCase, listAuditRowsAfter } from '../../src/store/index.js';
import { makeEvent } from '../factories/events.js';
import { createAccessApp, type AccessApp } from './helpers.js';

const secretPrompt = 'Email the lure to ceo@victim-corp.example and call +1 415 555 0132; our key is sk-live0123456789abcdefABCDEF';

async function ingest(t: AccessApp, events: object[]): Promise<void> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/events',
    headers: { authorization: `Bearer ${t.keys.ingest}`, 'content-type': 'application/json' },
    payload: JSON.stringify(events),
  });
  expect(res.statusCode).toBe(200);
}

function caseOf(id: string, accounts: string[], state: string) {
  return {
    id,
    key: `k-${id}`,
    title: id,
    state,
    priority: 'high',
    assignee: null,
    tags: [],
    dueAt: null,
    disposition: null,
    networkId: null,
    accounts,
    actor: null,
    score: 0.9,
    snapshot: {},
    evidenceHash: 'h',
    version: 1,
    createdAt: 1,
    updatedAt: 1,
  };
}

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`prompt privacy on reads [${dialect}]`, () => {
    let t: AccessApp;
    let bare: AccessApp;
    const as = (role: 'viewer' | 'analyst' | 'lead') => ({ authorization: `Bearer ${t.keys[role]}` });

    beforeAll(async () => {
      // The real case lookup over the real cases table: one account under an open case, one whose case is closed.
      t = await createAccessApp(dialect, { cases: storeCaseLookup });
      await insertCase(t.database.db, caseOf('case-open', ['acct_open'], 'investigating'));
      await insertCase(t.database.db, caseOf('case-closed', ['acct_closed'], 'closed'));
      await ingest(t, [
        makeEvent({ id: 'rv-1', account: 'acct_open', request: { messages: [{ role: 'user', content: secretPrompt }] }, response: { content: 'reply to ceo@victim-corp.example' } }),
        makeEvent({ id: 'rv-2', account: 'acct_closed', request: { prompt: secretPrompt } }),
      ]);
      bare = await createAccessApp(dialect);
      await ingest(bare, [makeEvent({ id: 'rv-3', account: 'acct_open', request: { prompt: secretPrompt } })]);
    });
    afterAll(async () => {
      await t.close();
      await bare.close();
    });

    it('pages an account newest first with a cursor: every event once, ties by arrival, then no cursor', async () => {
      const times = ['2024-02-01T10:00:00Z', '2024-02-03T10:00:00Z', '2024-02-02T10:00:00Z', '2024-02-02T10:00:00Z', '2024-02-05T10:00:00Z', '2024-02-04T10:00:00Z', '2024-02-02T10:00:00Z'];
      await ingest(t, times.map((time, i) => makeEvent({ id: `pg-${i}`, account: 'acct_pages', time })));
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page++) {
        const url: string = `/api/v1/accounts/acct_pages/events?order=desc&limit=3${cursor === null ? '' : `&cursor=${cursor}`}`;
        const res = await t.app.inject({ url, headers: as('viewer') });
        expect(res.statusCode).toBe(200);
        const body = res.json<{ events: { event: { id: string } }[]; nextCursor: string | null }>();
        seen.push(...body.events.map((e) => e.event.id));
        cursor = body.nextCursor;
        if (!cursor) break;
      }
      // Newest first; the three events of 2024-02-02 newest-arrived first.
      expect(seen).toEqual(['pg-4', 'pg-5', 'pg-1', 'pg-6', 'pg-3', 'pg-2', 'pg-0']);
      for (const bad of ['cursor=abc', 'cursor=1.2&order=asc', 'cursor=1.2', `cursor=${'9'.repeat(40)}.1&order=desc`, 'order=sideways']) {
        const res = await t.app.inject({ url: `/api/v1/accounts/acct_pages/events?${bad}`, headers: as('viewer') });
        expect(res.statusCode, bad).toBe(400);
      }
    });

    it('masks prompt and response text by default, for every reader role', async () => {
      for (const role of ['viewer', 'analyst', 'lead'] as const) {
        const res = await t.app.inject({ url: '/api/v1/events/rv-1', headers: as(role) });
        expect(res.statusCode).toBe(200);
        const body = res.json<{ event: { request: { messages: { content: string }[] }; response: { content: string } }; masked: Record<string, number> }>();
        expect(body.event.request.messages[0]!.content).toBe('Email the lure to [email] and call [phone]; our key is [secret]');
        expect(body.event.response.content).toBe('reply to [email]');
        expect(body.masked).toEqual({ email: 2, phone: 1, card: 0, secret: 1 });
        expect(res.body).not.toContain('victim-corp');
      }
      const list = await t.app.inject({ url: '/api/v1/accounts/acct_open/events', headers: as('viewer') });
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain('victim-corp');
      expect(list.json<{ events: unknown[] }>().events).toHaveLength(1);
    });

    it('refuses a reveal to a role without prompts:reveal', async () => {
      const res = await t.app.inject({ url: '/api/v1/events/rv-1?reveal=true&reason=investigating%20the%20lure%20campaign', headers: as('viewer') });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'FORBIDDEN', details: { permission: 'prompts:reveal' } } });
    });

    it('refuses a reveal without a reason, or with a token one', async () => {
      for (const q of ['reveal=true', 'reveal=true&reason=', 'reveal=true&reason=why', `reveal=true&reason=${'%20'.repeat(30)}`]) {
        const res = await t.app.inject({ url: `/api/v1/events/rv-1?${q}`, headers: as('analyst') });
        expect(res.statusCode, q).toBe(403);
        expect(res.json()).toMatchObject({ error: { code: 'PRIVACY_REVEAL_REFUSED' } });
        expect(res.json<{ error: { message: string } }>().error.message).toMatch(/reason/);
      }
      const long = await t.app.inject({ url: `/api/v1/events/rv-1?reveal=true&reason=${'x'.repeat(2000)}`, headers: as('analyst') });
      expect(long.statusCode).toBe(400);
      const bad = await t.app.inject({ url: '/api/v1/events/rv-1?reveal=yes&reason=a%20good%20reason%20here', headers: as('analyst') });
      expect(bad.statusCode).toBe(400);
    });

    it('refuses a reveal on an account without an open case (closed counts as not open)', async () => {
      const res = await t.app.inject({ url: '/api/v1/events/rv-2?reveal=true&reason=checking%20a%20closed%20case', headers: as('analyst') });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'PRIVACY_REVEAL_REFUSED', details: { account: 'acct_closed' } } });
    });

    it('refuses every reveal, with a clear message, where case management is not wired', async () => {
      const res = await bare.app.inject({ url: '/api/v1/events/rv-3?reveal=true&reason=no%20case%20service%20here', headers: { authorization: `Bearer ${bare.keys.admin}` } });
      expect(res.statusCode).toBe(403);
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(/case management is not running/);
    });

    it('reveals raw text to an analyst on an open case, with a reason, and audits it', async () => {
      const reason = 'lure campaign against victim-corp, case-open';
      const res = await t.app.inject({ url: `/api/v1/events/rv-1?reveal=true&reason=${encodeURIComponent(reason)}`, headers: as('analyst') });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ event: { request: { messages: [{ content: secretPrompt }] } }, masked: null });
      const list = await t.app.inject({ url: `/api/v1/accounts/acct_open/events?reveal=true&reason=${encodeURIComponent(reason)}`, headers: as('lead') });
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('ceo@victim-corp.example');
      await t.audit.flush();
      const reveals = (await listAuditRowsAfter(t.database.db, 0, 100, { action: 'prompt.revealed' }));
      expect(reveals).toHaveLength(2);
      expect(reveals[0]).toMatchObject({ targetType: 'account', targetId: 'acct_open', reason });
      expect(reveals[0]!.actor).toMatch(/^key:/);
      // The audit entry names the events, never their text.
      expect(reveals.map((r) => r.details).join()).not.toContain('victim-corp.example and');
    });

    it('answers 404 for unknown events and refuses oversized ids', async () => {
      expect((await t.app.inject({ url: '/api/v1/events/nope', headers: as('viewer') })).statusCode).toBe(404);
      // Past Fastify's 100-character parameter limit the router itself answers 404; between that and 128, the route 400.
      for (const n of [99, 500]) {
        expect([400, 404]).toContain((await t.app.inject({ url: `/api/v1/events/${'x'.repeat(n)}`, headers: as('viewer') })).statusCode);
        expect([200, 400, 404]).toContain((await t.app.inject({ url: `/api/v1/accounts/${'x'.repeat(n)}/events`, headers: as('viewer') })).statusCode);
      }
      expect((await t.app.inject({ url: '/api/v1/accounts/unknown/events', headers: as('viewer') })).json()).toMatchObject({ events: [] });
    });
  });
}

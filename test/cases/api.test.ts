import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPayload, syncCasesFromReport } from '../../src/cases/index.js';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/observability/index.js';
import { createRuntime, type Runtime } from '../../src/server/index.js';
import { createApiKey } from '../../src/store/index.js';
import { report, reportAccount, reportNetwork } from './report-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-cases-api-'));

/** Bad input at the HTTP boundary of cases, actions, blocklist and webhooks: one test per kind. */
describe('cases API: malformed, oversized, duplicate and hostile input', () => {
  let rt: Runtime;
  const auth: Record<string, Record<string, string>> = {};
  let caseId = '';
  let version = 0;

  beforeAll(async () => {
    rt = await createRuntime(loadConfig({ WARDEN_DATA_DIR: dir, WARDEN_CASES_SCHEDULER_INTERVAL_MS: '3600000' }), { logger: createLogger('silent') });
    for (const role of ['ingest', 'viewer', 'analyst', 'lead', 'admin'])
      auth[role] = { authorization: `Bearer ${(await createApiKey(rt.database.db, role, role, Date.now())).secret}` };
    const events = ['api_a', 'api_b'].map((account, i) => ({ id: `api-${i}`, time: '2024-03-01T10:00:00Z', kind: 'login', account, device: 'dev-api' }));
    const ingest = await rt.app.inject({ method: 'POST', url: '/api/v1/events', headers: { ...auth.ingest, 'content-type': 'application/json' }, payload: JSON.stringify(events) });
    expect(ingest.statusCode).toBe(200);
    const sync = await syncCasesFromReport(
      { database: rt.database, config: rt.config.cases, now: Date.now },
      report([reportAccount('api_a', 'net-api', ['r@1']), reportAccount('api_b', 'net-api', ['r@1'])], [reportNetwork('net-api', ['api_a', 'api_b'], null)]),
    );
    caseId = sync.opened[0]!;
  });
  afterAll(async () => {
    await rt.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = (role: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    rt.app.inject({
      method,
      url,
      headers: { ...auth[role], ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(payload !== undefined ? { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) } : {}),
    });
  const code = (r: { json: () => unknown }) => (r.json() as { error?: { code: string } }).error?.code;

  it('gives a case with its version as ETag, and updates only with the version read', async () => {
    const got = await call('viewer', 'GET', `/api/v1/cases/${caseId}`);
    expect(got.statusCode).toBe(200);
    version = Number(JSON.parse(got.headers.etag as string));
    const noVersion = await call('analyst', 'PATCH', `/api/v1/cases/${caseId}`, { state: 'triage' });
    expect([noVersion.statusCode, code(noVersion)]).toEqual([400, 'BAD_REQUEST']);
    const ok = await call('analyst', 'PATCH', `/api/v1/cases/${caseId}`, { state: 'triage' }, { 'if-match': `"${version}"` });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.headers.etag).toBe(`"${version + 1}"`);
    const stale = await call('analyst', 'PATCH', `/api/v1/cases/${caseId}`, { priority: 'low' }, { 'if-match': `"${version}"` });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: 'CASE_VERSION_CONFLICT', details: { currentVersion: version + 1 } } });
    expect(stale.json<{ error: { message: string } }>().error.message).toContain(`version ${version + 1}`);
    const disagree = await call('analyst', 'PATCH', `/api/v1/cases/${caseId}`, { version: 1, priority: 'low' }, { 'if-match': '"2"' });
    expect(disagree.statusCode).toBe(400);
    const garbage = await call('analyst', 'PATCH', `/api/v1/cases/${caseId}`, { priority: 'low' }, { 'if-match': 'DROP TABLE cases' });
    expect(garbage.statusCode).toBe(400);
    const illegal = await call('analyst', 'PATCH', `/api/v1/cases/${caseId}`, { state: 'actioned' }, { 'if-match': `"${version + 1}"` });
    expect([illegal.statusCode, code(illegal)]).toEqual([409, 'CASE_TRANSITION_INVALID']);
  });

  it('refuses malformed, oversized and unknown fields with every issue named', async () => {
    const v = `"${version + 1}"`;
    for (const body of [
      { state: 'exploded' },
      { tags: Array.from({ length: 51 }, (_, i) => `t${i}`) },
      { note: 'x'.repeat(20_001) },
      { dueAt: 'tomorrow' },
      { assignee: 'ana', isAdmin: true },
    ]) {
      const r = await call('analyst', 'PATCH', `/api/v1/cases/${caseId}`, body, { 'if-match': v });
      expect(r.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(code(r)).toBe('VALIDATION_FAILED');
    }
    const proto = await call('analyst', 'PATCH', `/api/v1/cases/${caseId}`, '{"__proto__":{"polluted":true},"priority":"high"}', { 'if-match': v });
    expect(proto.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const notJson = await call('analyst', 'PATCH', `/api/v1/cases/${caseId}`, '{"state":', { 'if-match': v });
    expect(notJson.statusCode).toBe(400);
    expect((await call('viewer', 'GET', '/api/v1/cases?limit=0')).statusCode).toBe(400);
    expect((await call('viewer', 'GET', '/api/v1/cases?state=nope')).statusCode).toBe(400);
    expect((await call('viewer', 'GET', '/api/v1/cases/does-not-exist')).statusCode).toBe(404);
  });

  it('acting on an account that does not exist is a 404 naming it; acting twice returns the same action', async () => {
    const ghost = await call('analyst', 'POST', '/api/v1/actions', { targetType: 'account', targetId: 'acct_ghost_77', kind: 'suspend', reason: 'x' });
    expect(ghost.statusCode).toBe(404);
    expect(ghost.json()).toMatchObject({ error: { code: 'ACTION_TARGET_NOT_FOUND', details: { targetId: 'acct_ghost_77' } } });
    expect(ghost.json<{ error: { message: string } }>().error.message).toContain('acct_ghost_77');
    const body = { targetType: 'account', targetId: 'api_a', kind: 'throttle', reason: 'slow them down' };
    const first = await call('analyst', 'POST', '/api/v1/actions', body, { 'idempotency-key': 'api-throttle-1' });
    expect(first.statusCode).toBe(201);
    const again = await call('analyst', 'POST', '/api/v1/actions', body, { 'idempotency-key': 'api-throttle-1' });
    const open = await call('analyst', 'POST', '/api/v1/actions', body);
    expect([again.statusCode, open.statusCode]).toEqual([200, 200]);
    expect(new Set([first, again, open].map((r) => r.json<{ id: string }>().id)).size).toBe(1);
    const id = first.json<{ id: string }>().id;
    expect((await call('viewer', 'POST', '/api/v1/actions', body)).statusCode).toBe(403);
    expect((await call('analyst', 'POST', `/api/v1/actions/${id}/approve`, {})).statusCode).toBe(403);
    expect((await call('lead', 'POST', `/api/v1/actions/${id}/approve`, {})).json()).toMatchObject({ state: 'executed' });
    const check = await call('viewer', 'GET', '/api/v1/blocklist/check?kind=account&value=api_a');
    expect(check.json()).toMatchObject({ matches: [expect.objectContaining({ effect: 'throttle' })] });
    expect((await call('lead', 'POST', `/api/v1/actions/${id}/reverse`, {})).statusCode).toBe(400); // a reason is required
    expect((await call('lead', 'POST', '/api/v1/actions/act_nope/approve', {})).statusCode).toBe(404);
    for (const bad of [{ ...body, kind: 'nuke' }, { ...body, targetId: '' }, { ...body, reason: 'r'.repeat(2001) }, { ...body, executeAt: 'soon' }, { ...body, extra: 1 }])
      expect((await call('analyst', 'POST', '/api/v1/actions', bad)).statusCode).toBe(400);
  });

  it('measures precision per rule once cases are disposed', async () => {
    const c = (await call('viewer', 'GET', `/api/v1/cases/${caseId}`)).json<{ case: { version: number } }>();
    const d = await call('analyst', 'PATCH', `/api/v1/cases/${caseId}`, { disposition: 'true-positive', version: c.case.version });
    expect(d.statusCode).toBe(200);
    const p = await call('viewer', 'GET', '/api/v1/detectors/precision');
    expect(p.json()).toMatchObject({ judged: 1, rules: [{ rule: 'r@1', truePositives: 1, falsePositives: 0, precision: 1 }] });
  });

  it('inbound webhooks: no API key needed; forged, replayed, unsigned, oversized and non-JSON bodies are refused', async () => {
    const src = await call('admin', 'PUT', '/api/v1/webhooks/sources/provider', {});
    expect(src.statusCode).toBe(200);
    const secret = src.json<{ secret: string }>().secret;
    expect((await call('analyst', 'PUT', '/api/v1/webhooks/sources/provider', {})).statusCode).toBe(403);
    const post = (body: string, signature: string | undefined, type = 'application/json') =>
      rt.app.inject({ method: 'POST', url: '/api/v1/webhooks/inbound/provider', headers: { 'content-type': type, ...(signature ? { 'warden-signature': signature } : {}) }, payload: body });
    const now = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ id: 'prov-1', type: 'enforcement', data: { account: 'api_b', action: 'suspend', reason: 'chargeback fraud' } });
    const sig = signPayload(secret, now, body);
    const ok = await post(body, sig);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ id: 'prov-1', duplicate: false, result: 'enforcement recorded' });
    const replayed = await post(body, sig);
    expect([replayed.statusCode, code(replayed)]).toEqual([401, 'WEBHOOK_SIGNATURE_INVALID']);
    expect((await post(body, signPayload('whsec_not_the_secret_at_all', now, body))).statusCode).toBe(401);
    expect((await post(body, undefined)).statusCode).toBe(401);
    expect((await post(body, signPayload(secret, now - 3600, body))).statusCode).toBe(401);
    expect((await post(body, signPayload(secret, now + 1, body))).json()).toMatchObject({ duplicate: true });
    const big = JSON.stringify({ id: 'prov-big', type: 'appeal', data: { account: 'api_a', statement: 'x'.repeat(70_000) } });
    expect((await post(big, signPayload(secret, now, big))).statusCode).toBe(413);
    expect((await post('hello', signPayload(secret, now, 'hello'), 'text/plain')).statusCode).toBe(415);
    const appeal = JSON.stringify({ id: 'prov-2', type: 'appeal', data: { account: 'api_a', statement: 'We are a red team under contract.' } });
    const appealed = await post(appeal, signPayload(secret, now, appeal));
    expect(appealed.json<{ result: string }>().result).toMatch(/reopened|case/);
  });

  it('lists subscriptions without secrets and dead letters; replaying an unknown delivery is a 404', async () => {
    const add = await call('admin', 'POST', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/x', eventTypes: ['action.executed'] });
    expect(add.statusCode).toBe(201);
    expect((await call('admin', 'POST', '/api/v1/webhooks', { url: 'file:///etc/passwd', eventTypes: ['*'] })).statusCode).toBe(400);
    const list = await call('admin', 'GET', '/api/v1/webhooks');
    expect(list.body).not.toContain('whsec_');
    expect((await call('lead', 'GET', '/api/v1/webhooks')).statusCode).toBe(403);
    expect((await call('admin', 'GET', '/api/v1/webhooks/dead-letters')).json()).toEqual({ deliveries: [] });
    expect((await call('admin', 'POST', '/api/v1/webhooks/dead-letters/nope/replay', {})).statusCode).toBe(404);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAuditLog, verifyAuditChain, type AuditExportLine } from '../../src/audit/index.js';
import { verifySignature } from '../../src/cases/index.js';
import { loadConfig } from '../../src/config/index.js';
import { createGatewayRuntime, type GatewayRuntime } from '../../src/gateway/gateway-runtime.js';
import { createLogger } from '../../src/observability/index.js';
import { createRuntime, type Runtime } from '../../src/server/index.js';
import { createApiKey, createGatewayKey } from '../../src/store/index.js';
import { startStubUpstream, type StubUpstream } from '../gateway/upstream.js';
import { makeIdentity, makeIndicator, makeIntrusionSet, makeRelationship } from '../intel/fixtures.js';
import { evaderAccount, evaderSignup, honestAccount, networkAccounts, networkEvents, networkIntelBundle, sharedDevice, sharedPayment } from './network-fixture.js';
import { startReceiver, type WebhookReceiver } from './receiver.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-done-when-'));

/**
 * Issue 6's "done when", end to end on a real server: a detection from the linkage capability
 * becomes a case; an analyst proposes and a lead approves a network ban; the gateway refuses the
 * network's next request and the evading account's first one; the webhook reaches a receiver.
 */
describe('cases and enforcement: detection to case to ban to gateway and webhook', () => {
  let rt: Runtime;
  let gw: GatewayRuntime;
  let gwUrl: string;
  let upstream: StubUpstream;
  let receiver: WebhookReceiver;
  const auth: Record<string, Record<string, string>> = {};
  const gatewayKeys: Record<string, string> = {};
  let webhookSecret = '';

  beforeAll(async () => {
    upstream = await startStubUpstream();
    receiver = await startReceiver();
    const config = loadConfig({
      WARDEN_DATA_DIR: dir,
      WARDEN_GATEWAY_UPSTREAM: upstream.url,
      WARDEN_CASES_SCHEDULER_INTERVAL_MS: '3600000',
      WARDEN_CASES_WEBHOOK_BACKOFF_MS: '10',
    });
    const logger = createLogger('silent');
    rt = await createRuntime(config, { logger });
    for (const role of ['ingest', 'analyst', 'lead', 'admin'])
      auth[role] = { authorization: `Bearer ${(await createApiKey(rt.database.db, role, role, Date.now())).secret}` };
    for (const account of [networkAccounts[0]!, evaderAccount, honestAccount])
      gatewayKeys[account] = (await createGatewayKey(rt.database.db, { account, name: account }, Date.now())).secret;
    gw = await createGatewayRuntime({ config, database: rt.database, logger, bus: rt.enforcement.bus, spillDir: join(dir, 'spill'), onEventsCommitted: (e) => rt.analysis.add(e) });
    gwUrl = `http://127.0.0.1:${(await gw.listen(0, '127.0.0.1')).port}`;
  });

  afterAll(async () => {
    await gw?.close();
    await rt?.close();
    await upstream?.close();
    await receiver?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const api = (role: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    rt.app.inject({ method, url, headers: { ...auth[role], ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}) });
  const ingest = (events: unknown[]) =>
    rt.app.inject({ method: 'POST', url: '/api/v1/events', headers: { ...auth.ingest, 'content-type': 'application/json' }, payload: JSON.stringify(events) });
  const chat = async (account: string) => {
    const r = await request(`${gwUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gatewayKeys[account]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4', messages: [{ role: 'user', content: 'What is the capital of France?' }] }),
    });
    return { status: r.statusCode, body: await r.body.text() };
  };

  let caseId = '';
  let networkId = '';
  let actionId = '';

  it('before any decision, the gateway serves the network', async () => {
    const bundle = networkIntelBundle({ identity: makeIdentity, actor: makeIntrusionSet, indicator: makeIndicator, relationship: makeRelationship });
    const intel = await rt.app.inject({ method: 'POST', url: '/api/v1/intel/bundles', headers: { ...auth.admin, 'content-type': 'application/json' }, payload: JSON.stringify(bundle) });
    expect(intel.statusCode, intel.body).toBe(200);
    expect((await ingest(networkEvents('dw'))).statusCode).toBe(200);
    expect((await chat(networkAccounts[0]!)).status).toBe(200);
  });

  it('a detection from linkage becomes one case per network, carrying its evidence', async () => {
    const sub = await api('admin', 'POST', '/api/v1/webhooks', { url: receiver.url, eventTypes: ['*'] });
    expect(sub.statusCode).toBe(201);
    webhookSecret = sub.json<{ secret: string }>().secret;

    const report = (await api('analyst', 'GET', '/api/v1/analysis')).json<{ networks: { id: string; accounts: string[] }[] }>();
    const net = report.networks.find((n) => networkAccounts.every((a) => n.accounts.includes(a)));
    expect(net, 'the linkage stage links the three accounts').toBeDefined();
    networkId = net!.id;

    await rt.cases.tick();
    await rt.cases.tick(); // a second pass with no new evidence opens nothing
    const list = (await api('analyst', 'GET', '/api/v1/cases')).json<{ cases: { id: string; key: string; networkId: string | null; accounts: string[] }[] }>();
    const mine = list.cases.filter((c) => c.networkId === networkId);
    expect(mine).toHaveLength(1);
    caseId = mine[0]!.id;
    expect(mine[0]!.accounts).toEqual(expect.arrayContaining(networkAccounts));
    const detail = (await api('analyst', 'GET', `/api/v1/cases/${caseId}`)).json<{ snapshot: { refs: { links: unknown[]; rules: string[]; events: string[] } } }>();
    expect(detail.snapshot.refs.links.length).toBeGreaterThan(0);
    expect(detail.snapshot.refs.rules.length).toBeGreaterThan(0);
  });

  it('the blast-radius preview shows the banned values and the honest user who shares the IP range', async () => {
    const res = await api('analyst', 'POST', '/api/v1/actions/preview', { targetType: 'network', targetId: networkId, kind: 'network-ban' });
    expect(res.statusCode).toBe(200);
    const plan = res.json<{ accounts: string[]; entries: { kind: string; value: string; included: boolean }[]; collateral: { account: string; verdict: string | null; affected: boolean }[] }>();
    expect(plan.accounts).toEqual(expect.arrayContaining(networkAccounts));
    const values = plan.entries.filter((e) => e.included).map((e) => `${e.kind}:${e.value}`);
    expect(values).toEqual(expect.arrayContaining([`device:${sharedDevice}`, `payment:${sharedPayment}`, 'cidr:203.0.113.0/24', 'email-pattern:stem:ktanaka']));
    expect(plan.collateral).toContainEqual(expect.objectContaining({ account: honestAccount, verdict: null, affected: true }));
  });

  it('an analyst proposes the ban; only a lead can approve it, and approval bans the network', async () => {
    const proposed = await api('analyst', 'POST', '/api/v1/actions', {
      targetType: 'network',
      targetId: networkId,
      kind: 'network-ban',
      reason: 'Malware development and phishing from one device and card',
      idempotencyKey: 'dw-ban-1',
    });
    expect(proposed.statusCode).toBe(201);
    actionId = proposed.json<{ id: string; state: string }>().id;
    const again = await api('analyst', 'POST', '/api/v1/actions', { targetType: 'network', targetId: networkId, kind: 'network-ban', reason: 'again' });
    expect(again.statusCode).toBe(200);
    expect(again.json<{ id: string }>().id).toBe(actionId);

    expect((await api('analyst', 'POST', `/api/v1/actions/${actionId}/approve`, {})).statusCode).toBe(403);
    const approved = await api('lead', 'POST', `/api/v1/actions/${actionId}/approve`, {});
    expect(approved.statusCode).toBe(200);
    expect(approved.json<{ state: string }>().state).toBe('executed');
    const c = (await api('analyst', 'GET', `/api/v1/cases/${caseId}`)).json<{ case: { state: string } }>();
    expect(c.case.state).toBe('actioned');
  });

  it("the gateway refuses the network's next request and the evading account's first one; an honest account still passes", async () => {
    const banned = await chat(networkAccounts[0]!);
    expect(banned.status).toBeGreaterThanOrEqual(400);
    expect(banned.status).toBeLessThan(500);
    expect((await ingest([evaderSignup('dw', new Date(Date.now() + 1000).toISOString())])).statusCode).toBe(200);
    const evader = await chat(evaderAccount);
    expect(evader.status).toBeGreaterThanOrEqual(400);
    expect(evader.status).toBeLessThan(500);
    // The honest user shares the /24, but the gateway's request here comes from loopback, not that range.
    expect((await chat(honestAccount)).status).toBe(200);
  });

  it('the pipeline learns the accounts were actioned (account.enforced recorded as the provider would)', async () => {
    const report = (await api('analyst', 'GET', '/api/v1/analysis')).json<{ accounts: { account: string; evidence: { kind: string }[] }[] }>();
    for (const account of networkAccounts) {
      const a = report.accounts.find((x) => x.account === account);
      expect(a?.evidence.map((e) => e.kind), account).toContain('enforcement');
    }
  });

  it('the webhook reaches the receiver, signed, with a stable event id', async () => {
    for (let i = 0; i < 5 && !receiver.received.some((r) => r.headers['warden-event-type'] === 'action.executed'); i++) await rt.cases.tick();
    const hit = receiver.received.find((r) => r.headers['warden-event-type'] === 'action.executed');
    expect(hit).toBeDefined();
    const check = verifySignature(webhookSecret, hit!.headers['warden-signature'] as string, hit!.body, Math.floor(Date.now() / 1000), 300);
    expect(check.ok).toBe(true);
    expect(hit!.headers['warden-event-id']).toBe(`action.executed:${actionId}`);
    const body = JSON.parse(hit!.body) as { data: { accounts: string[] } };
    expect(body.data.accounts).toEqual(expect.arrayContaining(networkAccounts));
  });

  it('reversal lifts the ban at the gateway at once', async () => {
    const res = await api('lead', 'POST', `/api/v1/actions/${actionId}/reverse`, { reason: 'test reversal' });
    expect(res.json<{ state: string }>().state).toBe('reversed');
    expect((await chat(networkAccounts[0]!)).status).toBe(200);
  });

  it('every step is in the audit log, and the hash chain verifies', async () => {
    await rt.cases.tick();
    const lines: AuditExportLine[] = [];
    for await (const l of exportAuditLog(rt.database)) lines.push(l);
    const actions = lines.map((l) => l.action);
    for (const step of ['webhook.subscribed', 'case.opened', 'action.proposed', 'action.approved', 'action.executed', 'action.reversed'])
      expect(actions, step).toContain(step);
    const verified = await verifyAuditChain(rt.database);
    expect(verified).toMatchObject({ ok: true });
  });
});

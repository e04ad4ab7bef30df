import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { loadConfig } from '../../src/config/index.js';
import { blockEntrySchema } from '../../src/enforcement/index.js';
import { createGatewayRuntime, type GatewayRuntime } from '../../src/gateway/index.js';
import { createLogger } from '../../src/observability/index.js';
import { createGatewayKey } from '../../src/store/index.js';
import { createTestDatabase, type TestDatabase } from '../../src/store/testing.js';
import { freePort } from '../harness/free-port.js';
import { startStubUpstream, type StubUpstream } from './upstream.js';

/** The value of one sample of the Prometheus text format, or 0 when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

describe('gateway metrics (Prometheus, on the admin listener)', () => {
  let db: TestDatabase;
  let up: StubUpstream;
  let rt: GatewayRuntime;
  let url: string;
  let admin: string;
  let dir: string;
  const secrets: Record<string, string> = {};

  const chat = (account: string, model = 'gpt-test') =>
    request(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${secrets[account] ?? 'wgk_unknown'}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Summarise this meeting.' }] }),
    }).then(async (r) => (await r.body.dump(), r.statusCode));
  const scrape = async (path = '/metrics') => {
    const r = await request(`${admin}${path}`);
    return { status: r.statusCode, type: String(r.headers['content-type']), text: await r.body.text() };
  };

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    up = await startStubUpstream();
    dir = mkdtempSync(join(tmpdir(), 'warden-gw-metrics-'));
    const configFile = join(dir, 'gateway.json');
    writeFileSync(
      configFile,
      JSON.stringify({ routes: [{ path: '/v1/chat/completions', kind: 'chat', timeoutMs: 200 }] }),
    );
    for (const account of ['acct_ok', 'acct_banned']) {
      secrets[account] = (await createGatewayKey(db.db, { account, name: 't' }, 1)).secret;
    }
    const config = loadConfig({
      WARDEN_DATA_DIR: dir,
      WARDEN_GATEWAY_UPSTREAM: up.url,
      WARDEN_GATEWAY_CONFIG_FILE: configFile,
    });
    rt = await createGatewayRuntime({ config, database: db, logger: createLogger('silent') });
    url = `http://127.0.0.1:${(await rt.listen(0, '127.0.0.1')).port}`;
    admin = `http://127.0.0.1:${(await rt.listenAdmin(await freePort(), '127.0.0.1')).port}`;
    await rt.state.bus.publish({
      op: 'upsert',
      entry: blockEntrySchema.parse({
        id: 'ban-1',
        kind: 'account',
        value: 'acct_banned',
        effect: 'block',
        createdAt: 0,
        reason: 'test',
      }),
    });
  });

  afterAll(async () => {
    await rt.close();
    await up.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts requests by route, decision and status; reasons; added and upstream latency; upstream errors', async () => {
    const before = (await scrape()).text;
    expect(await chat('acct_ok')).toBe(200);
    expect(await chat('acct_ok')).toBe(200);
    expect(await chat('acct_banned')).toBe(403);
    expect(await chat('nobody')).toBe(401);
    expect(await chat('acct_ok', 'slow-1000')).toBe(504);
    const { status, type, text } = await scrape();
    expect(status).toBe(200);
    expect(type).toContain('text/plain');
    const route = '/v1/chat/completions';
    const moved = (name: string, labels: Record<string, string>) =>
      sample(text, name, labels) - sample(before, name, labels);
    expect(moved('warden_gateway_requests_total', { route, decision: 'allow', status: '200' })).toBe(2);
    expect(moved('warden_gateway_requests_total', { route, decision: 'block', status: '403' })).toBe(1);
    expect(
      moved('warden_gateway_requests_total', { route: 'none', decision: 'unauthenticated', status: '401' }),
    ).toBe(1);
    expect(moved('warden_gateway_requests_total', { route, decision: 'allow', status: '504' })).toBe(1);
    expect(
      moved('warden_gateway_decision_reasons_total', { source: 'ban', code: 'WARDEN_BANNED_ACCOUNT' }),
    ).toBe(1);
    // Four requests reached a route: each has its added latency observed.
    expect(moved('warden_gateway_added_latency_seconds_count', { route })).toBe(4);
    expect(sample(text, 'warden_gateway_added_latency_seconds_sum', { route })).toBeGreaterThan(0);
    expect(moved('warden_gateway_upstream_duration_seconds_count', { outcome: 'ok' })).toBe(2);
    expect(moved('warden_gateway_upstream_errors_total', { upstream: 'default', kind: 'timeout' })).toBe(1);
    // Node's process metrics ride along.
    expect(text).toContain('warden_process_resident_memory_bytes');
  });

  it('reports the event queue: depth, delivered, spill bytes, and nothing dropped', async () => {
    expect(await chat('acct_ok')).toBe(200);
    await rt.events.flush();
    const { text } = await scrape();
    expect(sample(text, 'warden_gateway_event_queue_depth')).toBe(0);
    // Every authenticated request so far became one event (a 401 does not).
    expect(sample(text, 'warden_gateway_events_delivered_total')).toBe(5);
    expect(sample(text, 'warden_gateway_event_spill_bytes')).toBe(0);
    expect(sample(text, 'warden_gateway_events_dropped_total')).toBe(0);
    expect(text).toContain('warden_gateway_events_dropped_total 0');
  });

  it('counts configuration reloads, applied and refused', async () => {
    expect(rt.reload().ok).toBe(true);
    writeFileSync(join(dir, 'gateway.json'), '{"unlistedRoutes": "sometimes"}');
    expect(rt.reload().ok).toBe(false);
    const { text } = await scrape();
    expect(sample(text, 'warden_gateway_config_reloads_total', { outcome: 'applied' })).toBe(1);
    expect(sample(text, 'warden_gateway_config_reloads_total', { outcome: 'refused' })).toBe(1);
  });

  it('serves health, refuses other methods and paths, and is not on the proxy listener', async () => {
    expect((await scrape('/healthz')).status).toBe(200);
    expect((await scrape('/readyz')).status).toBe(200);
    expect((await scrape('/nope')).status).toBe(404);
    const post = await request(`${admin}/metrics`, { method: 'POST', body: 'x' });
    await post.body.dump();
    expect(post.statusCode).toBe(405);
    // On the proxy's port, /metrics is just another client path: under the key check and policy.
    const onProxy = await request(`${url}/metrics`);
    await onProxy.body.dump();
    expect(onProxy.statusCode).toBe(401);
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { networkAccounts, networkEvents, networkIntelBundle, sharedDevice } from '../../../test/cases/network-fixture.js';
import { makeIdentity, makeIndicator, makeIntrusionSet, makeRelationship } from '../../../test/intel/fixtures.js';
import { loadConfig } from '../../config/index.js';
import { createLogger } from '../../observability/index.js';
import { createRuntime, type Runtime } from '../../server/index.js';
import { createApiKey } from '../../store/index.js';
import { insertBlockEntries } from '../../store/repos/block-entries.repo.js';
import type { GatewayHealth } from './console-health.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-console-graph-'));
let rt: Runtime;
let networkId = '';
const auth: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  rt = await createRuntime(loadConfig({ WARDEN_DATA_DIR: join(dir, 'data'), WARDEN_CASES_SCHEDULER_INTERVAL_MS: '3600000' }), { logger: createLogger('silent') });
  for (const role of ['ingest', 'viewer', 'admin']) auth[role] = { authorization: `Bearer ${(await createApiKey(rt.database.db, role, role, Date.now())).secret}` };
  const json = { ...auth.admin, 'content-type': 'application/json' };
  const bundle = networkIntelBundle({ identity: makeIdentity, actor: makeIntrusionSet, indicator: makeIndicator, relationship: makeRelationship });
  expect((await rt.app.inject({ method: 'POST', url: '/api/v1/intel/bundles', headers: json, payload: JSON.stringify(bundle) })).statusCode).toBe(200);
  expect((await rt.app.inject({ method: 'POST', url: '/api/v1/events', headers: json, payload: JSON.stringify(networkEvents('cg')) })).statusCode).toBe(200);
  networkId = (await get('/api/v1/console/networks')).json<{ networks: { id: string }[] }>().networks[0]!.id;
});

afterAll(async () => {
  await rt?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, role = 'viewer') => rt.app.inject({ method: 'GET', url, headers: auth[role] });
type Link = { a: string; b: string; via: string; value: string };
const linksOf = async (query: string) => {
  const res = await get(`/api/v1/console/networks/${networkId}${query}`);
  expect(res.statusCode, query).toBe(200);
  return res.json<{ network: { links: Link[] }; window: { links: number; total: number } | null }>();
};
const pair = (l: Link) => [l.a, l.b].sort().join('+');

describe('network in a time window', () => {
  it('keeps every link when the window spans the network, none when it lies after it', async () => {
    const all = await linksOf('');
    expect(all.window).toBeNull();
    expect(all.network.links.length).toBeGreaterThan(0);
    const span = await linksOf('?from=2024-03-01T00:00:00Z&to=2024-03-02T00:00:00Z');
    expect(span.network.links).toHaveLength(all.network.links.length);
    expect(span.window).toMatchObject({ links: all.network.links.length, total: all.network.links.length });
    const after = await linksOf('?from=2024-03-05T00:00:00Z');
    expect(after.network.links).toEqual([]);
    expect(after.window).toMatchObject({ links: 0, total: all.network.links.length });
  });

  it('keeps a link only while both accounts used its value: the first two accounts on the device first, none after its last use', async () => {
    // net_a used the device from 10:00, net_b from 10:01, net_c from 10:02 (the report keeps one link per pair, its strongest kind).
    const early = await linksOf('?to=2024-03-01T10:01:30Z');
    const device = early.network.links.filter((l) => l.via === 'device');
    expect(device.map(pair)).toEqual(['net_a+net_b']);
    expect(device[0]!.value).toBe(sharedDevice);
    const all = await linksOf('?to=2024-03-01T10:02:30Z');
    expect(all.network.links.map(pair).sort()).toEqual(['net_a+net_b', 'net_a+net_c', 'net_b+net_c']);
    // The last request on the device was at 11:22: a window after it holds no device link.
    expect((await linksOf('?from=2024-03-01T11:30:00Z&to=2024-03-01T12:00:00Z')).network.links).toEqual([]);
  });

  it('refuses a malformed or inverted window (400), never a 500', async () => {
    for (const q of ['?from=yesterday', '?to=2024-13-45', '?from=2024-03-02T00:00:00Z&to=2024-03-01T00:00:00Z', `?from=${'9'.repeat(50)}`]) {
      const res = await get(`/api/v1/console/networks/${networkId}${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('expand from a node', () => {
  type N = { incidences: { via: string; value: string; account: string }[]; verdicts: { account: string; verdict: string }[]; hubs: { accounts: number }[]; truncated: boolean };
  const expand = async (query: string) => {
    const res = await get(`/api/v1/console/neighbours${query}`);
    expect(res.statusCode, query).toBe(200);
    return res.json<N>();
  };

  it("of an account: its values and the other accounts using each, with their verdicts", async () => {
    const n = await expand('?account=net_a');
    const onDevice = n.incidences.filter((i) => i.via === 'device' && i.value === sharedDevice).map((i) => i.account);
    expect(onDevice.sort()).toEqual([...networkAccounts].sort());
    expect(n.incidences.some((i) => i.via === 'ip' && i.account === 'net_a')).toBe(true);
    expect(n.verdicts.map((v) => v.account)).toEqual(expect.arrayContaining(networkAccounts));
    expect(n.hubs).toEqual([]);
  });

  it('of a value: the accounts that used it; over the limit it is named as a hub and the answer says it is cut', async () => {
    const all = await expand(`?via=device&value=${sharedDevice}`);
    expect(all.incidences.map((i) => i.account).sort()).toEqual([...networkAccounts].sort());
    expect(all.truncated).toBe(false);
    const two = await expand(`?via=device&value=${sharedDevice}&limit=2`);
    expect(two.incidences).toHaveLength(2);
    expect(two.truncated).toBe(true);
    expect(two.hubs).toEqual([{ via: 'device', value: sharedDevice, accounts: 3 }]);
    // From an account, a value shared by more than the limit is drawn but not expanded.
    const fromAccount = await expand('?account=net_a&limit=2');
    expect(fromAccount.hubs.some((h) => h.accounts === 3)).toBe(true);
    expect(fromAccount.incidences.filter((i) => i.value === sharedDevice).map((i) => i.account)).toEqual(['net_a']);
  });

  it('honours a time window, and answers unknown nodes with nothing', async () => {
    const early = await expand(`?via=device&value=${sharedDevice}&to=2024-03-01T10:01:30Z`);
    expect(early.incidences.map((i) => i.account).sort()).toEqual(['net_a', 'net_b']);
    expect((await expand('?account=nobody')).incidences).toEqual([]);
    expect((await expand('?via=device&value=no-such-device')).incidences).toEqual([]);
  });

  it('refuses malformed, oversized, ambiguous and hostile queries with a 400', async () => {
    for (const q of [
      '',
      '?account=net_a&via=device&value=x',
      '?via=device',
      '?value=x',
      '?via=email-pattern&value=stem:ktanaka',
      `?account=${'a'.repeat(129)}`,
      `?via=device&value=${'v'.repeat(2049)}`,
      '?account=net_a&limit=0',
      '?account=net_a&limit=201',
      '?account=net_a&from=2024-03-02T00:00:00Z&to=2024-03-01T00:00:00Z',
    ]) {
      const res = await get(`/api/v1/console/neighbours${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code, q).toMatch(/^[A-Z_]+$/);
    }
    // Quotes and wildcards are values like any other.
    expect((await expand(`?account=${encodeURIComponent("x' OR '1'='1")}`)).incidences).toEqual([]);
    expect((await expand(`?via=ip&value=${encodeURIComponent('%')}`)).incidences).toEqual([]);
    expect((await rt.app.inject({ method: 'GET', url: '/api/v1/console/neighbours?account=net_a' })).statusCode).toBe(401);
    expect((await get('/api/v1/console/neighbours?account=net_a', 'ingest')).statusCode).toBe(403);
  });
});

describe('gateway health', () => {
  const health = async () => {
    const res = await get('/api/v1/console/gateway');
    expect(res.statusCode).toBe(200);
    return res.json<GatewayHealth>();
  };

  it('says nothing was served when no gateway event is stored', async () => {
    const h = await health();
    expect(h).toMatchObject({ requests: 0, replicas: [], decisions: [], lastRequestAt: null, lastBan: null, partial: false });
  });

  it("counts the last hour's gateway requests per replica and decision, and times the last ban to its first refusal", async () => {
    const now = Date.now();
    const [ban] = await insertBlockEntries(rt.database.db, [
      { id: 'be-health-1', kind: 'account', value: 'net_a', effect: 'block', reason: 'test', source: {}, shadow: false, createdAt: now - 5_000, expiresAt: null, revokedAt: null },
    ]);
    expect(ban).toBeDefined();
    const ev = (id: string, at: number, decision: string, extra: Record<string, unknown> = {}) => ({
      id,
      time: new Date(at).toISOString(),
      kind: 'request',
      account: 'net_a',
      request: { model: 'gpt-4', prompt: 'hello' },
      x_warden_gateway: { route: 'chat', method: 'POST', status: decision === 'block' ? 403 : 200, decision, enforced: decision, reasons: [], support_ref: id, latency_ms: 12, detection_ms: 1, ...extra },
    });
    const events = [
      ev('gw-aaaaaa-1', now - 60_000, 'allow'),
      ev('gw-aaaaaa-2', now - 30_000, 'allow'),
      ev('gw-bbbbbb-1', now - 3_000, 'block', { block_entries: ['be-health-1'] }),
      ev('gw-bbbbbb-2', now - 1_000, 'block', { block_entries: ['be-health-1'] }),
      // Not gateway events: an ordinary request, and one whose id only looks like a replica's.
      { id: 'plain-1', time: new Date(now).toISOString(), kind: 'request', account: 'someone', request: { prompt: 'x_warden_gateway is just text here' } },
      { id: 'gw-cccccc-1', time: new Date(now).toISOString(), kind: 'request', account: 'someone', request: { prompt: 'hello' } },
    ];
    const res = await rt.app.inject({ method: 'POST', url: '/api/v1/events', headers: { ...auth.admin, 'content-type': 'application/json' }, payload: JSON.stringify(events) });
    expect(res.statusCode).toBe(200);
    const h = await health();
    expect(h.requests).toBe(4);
    expect(h.replicas.map((r) => [r.id, r.requests])).toEqual([
      ['aaaaaa', 2],
      ['bbbbbb', 2],
    ]);
    expect(h.decisions).toEqual([
      { key: 'allow', value: 2 },
      { key: 'block', value: 2 },
    ]);
    expect(h.latencyMs).toEqual({ p50: 12, p95: 12 });
    expect(h.lastBan).toMatchObject({ id: 'be-health-1', kind: 'account', firstRefusalAfterMs: 2_000 });
    expect(h.blocklist.active).toBeGreaterThanOrEqual(1);
  });
});

describe('gateway health with raw events encrypted at rest', () => {
  it('finds gateway requests by their ids and reads them opened', async () => {
    const encDir = mkdtempSync(join(tmpdir(), 'warden-console-health-enc-'));
    const key = randomBytes(32).toString('base64');
    const enc = await createRuntime(loadConfig({ WARDEN_DATA_DIR: encDir, WARDEN_PRIVACY_ENCRYPTION_KEY: key, WARDEN_CASES_SCHEDULER_INTERVAL_MS: '3600000' }), { logger: createLogger('silent') });
    try {
      const admin = { authorization: `Bearer ${(await createApiKey(enc.database.db, 'admin', 'admin', Date.now())).secret}` };
      const event = { id: 'gw-dddddd-1', time: new Date().toISOString(), kind: 'request', account: 'acct', request: { prompt: 'hi' }, x_warden_gateway: { decision: 'allow', enforced: 'allow', latency_ms: 3 } };
      expect((await enc.app.inject({ method: 'POST', url: '/api/v1/events', headers: { ...admin, 'content-type': 'application/json' }, payload: JSON.stringify([event]) })).statusCode).toBe(200);
      const stored = await enc.database.db.selectFrom('events').select('raw').where('id', '=', 'gw-dddddd-1').executeTakeFirstOrThrow();
      expect(stored.raw).not.toContain('x_warden_gateway');
      const h = (await enc.app.inject({ method: 'GET', url: '/api/v1/console/gateway', headers: admin })).json<GatewayHealth>();
      expect(h.requests).toBe(1);
      expect(h.replicas.map((r) => r.id)).toEqual(['dddddd']);
    } finally {
      await enc.close();
      rmSync(encDir, { recursive: true, force: true });
    }
  });
});

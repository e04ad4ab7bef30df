import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { networkAccounts, networkEvents, networkIntelBundle } from '../../../test/cases/network-fixture.js';
import { makeIdentity, makeIndicator, makeIntrusionSet, makeRelationship } from '../../../test/intel/fixtures.js';
import { loadConfig } from '../../config/index.js';
import { createLogger } from '../../observability/index.js';
import { createRuntime, type Runtime } from '../../server/index.js';
import { createApiKey } from '../../store/index.js';
import { installErrorHandler } from '../error-handler.js';
import type { AppDeps } from '../deps.js';
import { consoleStaticRoutes } from './console-static.routes.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-console-routes-'));
let rt: Runtime;
const auth: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  rt = await createRuntime(loadConfig({ WARDEN_DATA_DIR: join(dir, 'data'), WARDEN_CASES_SCHEDULER_INTERVAL_MS: '3600000' }), { logger: createLogger('silent') });
  for (const role of ['ingest', 'viewer', 'analyst', 'lead', 'admin']) auth[role] = { authorization: `Bearer ${(await createApiKey(rt.database.db, role, role, Date.now())).secret}` };
  const json = { ...auth.admin, 'content-type': 'application/json' };
  const bundle = networkIntelBundle({ identity: makeIdentity, actor: makeIntrusionSet, indicator: makeIndicator, relationship: makeRelationship });
  expect((await rt.app.inject({ method: 'POST', url: '/api/v1/intel/bundles', headers: json, payload: JSON.stringify(bundle) })).statusCode).toBe(200);
  expect((await rt.app.inject({ method: 'POST', url: '/api/v1/events', headers: json, payload: JSON.stringify(networkEvents('cr')) })).statusCode).toBe(200);
  await rt.cases.tick();
});

afterAll(async () => {
  await rt?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, role = 'viewer') => rt.app.inject({ method: 'GET', url, headers: auth[role] });

describe('console read routes', () => {
  it('refuses callers without credentials (401) and roles without the permission (403)', async () => {
    for (const url of ['/api/v1/console/overview', '/api/v1/console/networks', '/api/v1/console/search?q=net', '/api/v1/console/intel']) {
      expect((await rt.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
      expect((await get(url, 'ingest')).statusCode, url).toBe(403);
    }
    const c = (await get('/api/v1/cases')).json<{ cases: { id: string }[] }>().cases[0]!;
    expect((await get(`/api/v1/console/cases/${c.id}/audit`, 'analyst')).statusCode).toBe(403);
    expect((await get(`/api/v1/console/cases/${c.id}/audit`, 'lead')).statusCode).toBe(200);
  });

  it('summarises the live pipeline for the overview', async () => {
    const res = await get('/api/v1/console/overview');
    expect(res.statusCode).toBe(200);
    const o = res.json<{ flagged: { malicious: number }; networks: { total: number; attributed: number }; cases: Record<string, number>; detections: { account: string }[] }>();
    expect(o.flagged.malicious).toBeGreaterThanOrEqual(3);
    expect(o.networks.attributed).toBe(1);
    expect(o.cases.new).toBe(1);
    expect(o.detections.map((d) => d.account)).toEqual(expect.arrayContaining(networkAccounts));
  });

  it('pages and filters networks, and returns one with its members, verdicts and case', async () => {
    const list = (await get('/api/v1/console/networks?limit=1&offset=0')).json<{ total: number; networks: { id: string; via: string[] }[] }>();
    expect(list.total).toBe(1);
    expect(list.networks[0]!.via).toContain('device');
    expect((await get('/api/v1/console/networks?via=phone')).json<{ total: number }>().total).toBe(0);
    expect((await get('/api/v1/console/networks?q=dev-shared')).json<{ total: number }>().total).toBe(1);
    const id = list.networks[0]!.id;
    const one = (await get(`/api/v1/console/networks/${id}`)).json<{ network: { accounts: string[] }; verdicts: unknown[]; cases: unknown[] }>();
    expect(one.network.accounts).toEqual(expect.arrayContaining(networkAccounts));
    expect(one.verdicts).toHaveLength(3);
    expect(one.cases).toHaveLength(1);
    expect((await get('/api/v1/console/networks/net-nope')).statusCode).toBe(404);
  });

  it('returns an account with its links and case; an account without a verdict has none of them', async () => {
    const a = (await get(`/api/v1/console/accounts/${networkAccounts[0]}`)).json<{ verdict: { verdict: string }; links: unknown[]; cases: unknown[] }>();
    expect(a.verdict.verdict).toBe('malicious');
    expect(a.links.length).toBeGreaterThan(0);
    expect(a.cases).toHaveLength(1);
    const nobody = await get('/api/v1/console/accounts/nobody');
    expect(nobody.statusCode).toBe(200);
    expect(nobody.json()).toMatchObject({ verdict: null, network: null, links: [], cases: [] });
  });

  it('searches accounts, values, networks, indicators and cases', async () => {
    const s = (await get('/api/v1/console/search?q=203.0.113.1')).json<{ values: unknown[]; indicators: unknown[] }>();
    expect(s.indicators.length).toBe(3);
    const byAccount = (await get('/api/v1/console/search?q=net_a')).json<{ accounts: { account: string }[]; cases: unknown[] }>();
    expect(byAccount.accounts.map((a) => a.account)).toContain('net_a');
    expect(byAccount.cases).toHaveLength(1);
  });

  it('answers malformed, oversized and hostile input with a 400 or 404 in the one error shape, never a 500', async () => {
    const cases: [string, number][] = [
      ['/api/v1/console/search', 400],
      ['/api/v1/console/search?q=a', 400],
      [`/api/v1/console/search?q=${'x'.repeat(201)}`, 400],
      ['/api/v1/console/search?q=x&limit=51', 400],
      ['/api/v1/console/networks?limit=0', 400],
      ['/api/v1/console/networks?limit=501', 400],
      ['/api/v1/console/networks?offset=-1', 400],
      ['/api/v1/console/networks?limit=ten', 400],
      // An id longer than the event format's 128 characters reaches the route and is refused there.
      [`/api/v1/console/networks/${'n'.repeat(129)}`, 400],
      [`/api/v1/console/accounts/${'a'.repeat(129)}`, 400],
      [`/api/v1/console/accounts/${encodeURIComponent("x' OR '1'='1")}`, 200],
      [`/api/v1/console/accounts/${encodeURIComponent('%_%')}`, 200],
      [`/api/v1/console/search?q=${encodeURIComponent("%' OR 1=1 --")}`, 200],
      [`/api/v1/console/search?q=${encodeURIComponent('<script>alert(1)</script>')}`, 200],
      [`/api/v1/console/cases/${encodeURIComponent('../../etc')}/audit`, 404],
    ];
    for (const [url, status] of cases) {
      const res = await get(url, status === 404 && url.includes('/audit') ? 'lead' : 'viewer');
      expect(res.statusCode, url).toBe(status);
      if (status >= 400) expect(res.json<{ error: { code: string } }>().error.code, url).toMatch(/^[A-Z_]+$/);
    }
    // The same query twice answers the same (no state kept between searches).
    const a = await get('/api/v1/console/search?q=net_');
    const b = await get('/api/v1/console/search?q=net_');
    expect(a.body).toBe(b.body);
  });
});

describe('console static serving', () => {
  const root = join(dir, 'dist');
  const deps = { logger: createLogger('silent') } as unknown as AppDeps;

  async function app(withRoot: string | null) {
    const a = Fastify();
    installErrorHandler(a);
    a.get('/api/v1/thing', () => ({ ok: true }));
    await a.register(consoleStaticRoutes(deps, withRoot));
    return a;
  }

  beforeAll(() => {
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(root, 'assets', 'app-1234.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'outside the console');
  });

  it('serves files, falls back to index.html for client routes, and sets CSP and caching', async () => {
    const a = await app(root);
    const asset = await a.inject('/assets/app-1234.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    for (const url of ['/', '/cases/c_1', '/networks/net-1?x=1', '/accounts/a%20b']) {
      const res = await a.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('<div id="root">');
      expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
    expect((await a.inject('/api/v1/thing')).json()).toEqual({ ok: true });
  });

  it('never serves a file outside its folder (traversal, encoded traversal, NUL), and leaves API paths JSON 404s', async () => {
    const a = await app(root);
    for (const url of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/x%00.js', '/%E0%A4%A']) {
      const res = await a.inject(url);
      expect(res.body, url).not.toContain('outside the console');
    }
    for (const url of ['/api/v1/nope', '/api', '/taxii2/x', '/metrics/x', '/healthz/x', '/v1/chat/completions']) {
      const res = await a.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json<{ error: { code: string } }>().error.code, url).toBe('NOT_FOUND');
    }
  });

  it('adds nothing when the console is not built', async () => {
    const a = await app(null);
    expect((await a.inject('/')).statusCode).toBe(404);
    expect((await a.inject('/api/v1/thing')).statusCode).toBe(200);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/index.js';
import { loadConfig } from '../../src/config/index.js';
import { createGatewayRuntime, type GatewayRuntime } from '../../src/gateway/index.js';
import { createLogger, createMetrics } from '../../src/observability/index.js';
import { createApiKey, listLiveGatewayKeys } from '../../src/store/index.js';
import { createTestDatabase, type TestDatabase } from '../../src/store/testing.js';

describe('gateway admin API', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let admin: string;
  let analyst: string;
  let gateway: GatewayRuntime;
  let gatewayUrl: string;
  let dir: string;
  let configFile: string;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'warden-gw-api-'));
    configFile = join(dir, 'gateway.json');
    writeFileSync(configFile, '{}');
    // Key polling set to an hour: only the API's refresh after a change can make a key work at once.
    const config = loadConfig({
      WARDEN_DATA_DIR: dir,
      WARDEN_GATEWAY_CONFIG_FILE: configFile,
      WARDEN_GATEWAY_KEY_REFRESH_MS: '3600000',
      WARDEN_GATEWAY_UPSTREAM: 'http://127.0.0.1:1',
    });
    const logger = createLogger('silent');
    gateway = await createGatewayRuntime({ config, database, logger });
    gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
    app = await buildApp({
      config,
      database,
      logger,
      metrics: createMetrics(),
      now: () => 1_700_000_000_000,
      gateway: { reload: () => gateway.reload(), refreshKeys: () => gateway.keys.refresh() },
    });
    admin = (await createApiKey(database.db, 'admin', 'admin', 1)).secret;
    analyst = (await createApiKey(database.db, 'analyst', 'analyst', 1)).secret;
  });
  afterAll(async () => {
    await app.close();
    await gateway.close();
    await database.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const as = (key: string) => ({ authorization: `Bearer ${key}` });

  it('creates a key once, lists it without its secret, and revokes it; the gateway re-reads keys after each change', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/gateway/keys',
      headers: as(admin),
      payload: { account: 'acct_9', org: 'org_9', name: 'prod' },
    });
    expect(created.statusCode).toBe(201);
    const { key, secret } = created.json<{
      key: { id: string; account: string; org: string };
      secret: string;
    }>();
    expect(secret).toMatch(/^wgk_/);
    expect(key).toMatchObject({ account: 'acct_9', org: 'org_9' });
    const models = () =>
      request(`${gatewayUrl}/v1/models`, { headers: as(secret) }).then(
        async (r) => (await r.body.dump(), r.statusCode),
      );
    // 502: the key is known at once and the request went on to the (absent) upstream.
    expect(await models()).toBe(502);

    const list = await app.inject({ method: 'GET', url: '/api/v1/gateway/keys', headers: as(admin) });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(secret);
    expect(list.json<{ keys: { id: string }[] }>().keys.map((k) => k.id)).toEqual([key.id]);

    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/v1/gateway/keys/${key.id}`,
      headers: as(admin),
    });
    expect(revoked.statusCode).toBe(200);
    expect(await listLiveGatewayKeys(database.db)).toEqual([]);
    expect(await models()).toBe(401);
    const again = await app.inject({
      method: 'DELETE',
      url: `/api/v1/gateway/keys/${key.id}`,
      headers: as(admin),
    });
    expect(again.statusCode).toBe(404);
  });

  it('refuses bad, duplicate-field and hostile bodies, and callers without users:admin', async () => {
    for (const payload of [
      {},
      { account: '', name: 'x' },
      { account: 'a\r\nb', name: 'x' },
      { account: 'a'.repeat(200), name: 'x' },
      { account: 'a', name: 'x', role: 'admin' },
    ]) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/gateway/keys',
        headers: as(admin),
        payload,
      });
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const raw = await app.inject({
      method: 'POST',
      url: '/api/v1/gateway/keys',
      headers: { ...as(admin), 'content-type': 'application/json' },
      payload: '{"account":"a","account":"b","name":"x"',
    });
    expect(raw.statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/v1/gateway/keys' })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/gateway/keys', headers: as(analyst) })).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/gateway/reload', headers: as(analyst) })).statusCode,
    ).toBe(403);
  });

  it('reloads the gateway and reports a refused configuration', async () => {
    const ok = await app.inject({ method: 'POST', url: '/api/v1/gateway/reload', headers: as(admin) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ reloaded: true });
    writeFileSync(configFile, '{"routes": [{"path": "/v1/x", "upstream": "nowhere"}]}');
    const bad = await app.inject({ method: 'POST', url: '/api/v1/gateway/reload', headers: as(admin) });
    expect(bad.statusCode).toBe(500);
    expect(bad.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'GATEWAY_CONFIG_INVALID',
    });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/index.js';
import { loadConfig } from '../../src/config/index.js';
import { createGatewayRuntime, type GatewayRuntime } from '../../src/gateway/index.js';
import { createLogger, createMetrics } from '../../src/observability/index.js';
import { createApiKey, createGatewayKey, listEventsOfAccount } from '../../src/store/index.js';
import { createTestDatabase, type TestDatabase } from '../../src/store/testing.js';
import { startStubUpstream, type StubUpstream } from './upstream.js';

/**
 * Scale-out: a gateway replica posts its events to a central Warden's `POST /api/v1/events`
 * with an ingest key. The central Warden here is the real API on its own database.
 */
describe('gateway events to a remote Warden', () => {
  let central: TestDatabase;
  let replicaDb: TestDatabase;
  let up: StubUpstream;
  let dir: string;
  let api: FastifyInstance;
  let apiPort: number;
  let rt: GatewayRuntime;
  let url: string;
  let secret: string;

  const startApi = async (port: number) => {
    api = await buildApp({
      config: loadConfig({}),
      database: central,
      logger: createLogger('silent'),
      metrics: createMetrics(),
      now: Date.now,
    });
    await api.listen({ host: '127.0.0.1', port });
    return (api.server.address() as AddressInfo).port;
  };

  beforeAll(async () => {
    central = await createTestDatabase('sqlite');
    replicaDb = await createTestDatabase('postgres');
    up = await startStubUpstream();
    dir = mkdtempSync(join(tmpdir(), 'warden-gw-remote-'));
    apiPort = await startApi(0);
    const ingestKey = (await createApiKey(central.db, 'gateway', 'ingest', 1)).secret;
    secret = (await createGatewayKey(replicaDb.db, { account: 'acct_remote', name: 'r' }, 1)).secret;
    const config = loadConfig({
      WARDEN_DATA_DIR: dir,
      WARDEN_GATEWAY_UPSTREAM: up.url,
      WARDEN_GATEWAY_EVENTS_URL: `http://127.0.0.1:${apiPort}`,
      WARDEN_GATEWAY_EVENTS_KEY: ingestKey,
    });
    rt = await createGatewayRuntime({
      config,
      database: replicaDb,
      logger: createLogger('silent'),
      spillDir: join(dir, 'spill'),
    });
    url = `http://127.0.0.1:${(await rt.listen(0, '127.0.0.1')).port}`;
  });
  afterAll(async () => {
    await rt.close();
    await api.close();
    await up.close();
    await central.destroy();
    await replicaDb.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const chat = async (content: string) => {
    const r = await request(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-test', messages: [{ role: 'user', content }] }),
    });
    await r.body.dump();
    return r.statusCode;
  };

  it('delivers request events to the central store, and keeps them on disk while it is down', async () => {
    expect(await chat('first')).toBe(200);
    await rt.events.flush();
    expect(await listEventsOfAccount(central.db, 'acct_remote')).toHaveLength(1);

    await api.close();
    for (const c of ['second', 'third', 'fourth']) expect(await chat(c)).toBe(200);
    // Requests are served while the central Warden is down; the queue keeps retrying.
    for (let i = 0; i < 200 && rt.events.stats.sinkFailures === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(rt.events.stats.sinkFailures).toBeGreaterThan(0);

    await startApi(apiPort);
    await rt.events.flush();
    const stored = await listEventsOfAccount(central.db, 'acct_remote');
    expect(stored).toHaveLength(4);
    const prompts = stored.map(
      (e) =>
        (JSON.parse(e.raw) as { request: { messages: { content: string }[] } }).request.messages[0]!.content,
    );
    expect(prompts.sort()).toEqual(['first', 'fourth', 'second', 'third']);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { countEvents, openDatabase } from '../../src/store/index.js';
import { exited, runCli, startCli } from '../cli/run-cli.js';
import { startStubUpstream, type StubUpstream } from './upstream.js';

describe('warden serve runs the gateway beside the API', () => {
  let dir: string;
  let up: StubUpstream;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-gw-serve-'));
    up = await startStubUpstream();
  });
  afterAll(async () => {
    await up.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves /v1 on its second port with keys made through the API, and stores the events', async () => {
    const env = { WARDEN_DATA_DIR: dir, WARDEN_GATEWAY_UPSTREAM: up.url };
    const admin = (await runCli(['keys', 'create', 'ops', '--role', 'admin'], { env })).stdout.trim();
    const { child, url, output } = await startCli(['serve', '--port', '0'], env);
    try {
      let gatewayUrl: string | undefined;
      for (let i = 0; i < 100 && !gatewayUrl; i++) {
        gatewayUrl = /gateway \(OpenAI-compatible \/v1\/\.\.\.\) on (http:\/\/\S+)/.exec(output())?.[1];
        if (!gatewayUrl) await new Promise((r) => setTimeout(r, 50));
      }
      expect(gatewayUrl).toBeDefined();
      const made = await request(`${url}/api/v1/gateway/keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ account: 'acct_serve', name: 'app' }),
      });
      expect(made.statusCode).toBe(201);
      const { secret } = (await made.body.json()) as { secret: string };
      const chat = await request(`${gatewayUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-test', messages: [{ role: 'user', content: 'hello' }] }),
      });
      expect(chat.statusCode).toBe(200);
      await chat.body.dump();
      const reload = await request(`${url}/api/v1/gateway/reload`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(reload.statusCode).toBe(200);
      await reload.body.dump();
      // In `warden serve` the gateway's metrics are on the API's /metrics, beside the API's own.
      const metrics = await (await request(`${url}/metrics`)).body.text();
      expect(metrics).toMatch(
        /warden_gateway_requests_total\{route="\/v1\/chat\/completions",decision="allow",status="200"\} 1/,
      );
      expect(metrics).toContain('warden_gateway_config_reloads_total{outcome="applied"} 1');
      expect(metrics).toContain('warden_http_request_duration_seconds');
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
    const database = openDatabase(loadConfig({ WARDEN_DATA_DIR: dir }));
    try {
      expect(await countEvents(database.db)).toBe(1);
    } finally {
      await database.close();
    }
  });
});

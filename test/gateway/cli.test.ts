import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { listEventsOfAccount, openDatabase } from '../../src/store/index.js';
import { exited, runCli, startCli } from '../cli/run-cli.js';
import { startStubUpstream, type StubUpstream } from './upstream.js';

async function statusUntil(get: () => Promise<number>, want: number): Promise<number> {
  let s = 0;
  for (let i = 0; i < 100 && s !== want; i++) {
    s = await get();
    if (s !== want) await new Promise((r) => setTimeout(r, 50));
  }
  return s;
}

describe('warden gateway and warden gateway-keys', () => {
  let dir: string;
  let up: StubUpstream;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-gw-cli-'));
    up = await startStubUpstream();
  });
  afterAll(async () => {
    await up.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('issues, lists and revokes keys; a gateway replica reloads on SIGHUP, refuses a revoked key, and stores its events on shutdown', async () => {
    const env = {
      WARDEN_DATA_DIR: dir,
      WARDEN_GATEWAY_UPSTREAM: up.url,
      WARDEN_GATEWAY_CONFIG_FILE: join(dir, 'gateway.json'),
      WARDEN_GATEWAY_KEY_REFRESH_MS: '100',
      WARDEN_GATEWAY_ADMIN_PORT: '0',
    };
    writeFileSync(env.WARDEN_GATEWAY_CONFIG_FILE, '{}');
    const bad = await runCli(['gateway-keys', 'create', 'acct\u0007x'], { env });
    expect(bad.code).toBe(2);
    const created = await runCli(['gateway-keys', 'create', 'acct_cli', '--org', 'org_cli', '--name', 'ci'], {
      env,
    });
    expect(created.code).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^wgk_/);
    const id = /created gateway key (\S+)/.exec(created.stderr)?.[1];
    const listed = await runCli(['gateway-keys', 'list'], { env });
    expect(listed.stdout).toContain(`${id}  acct_cli  org_cli  live  ci`);
    expect(listed.stdout).not.toContain(secret);

    const { child, url, output } = await startCli(['gateway', '--port', '0'], env);
    const metricsUrl = /metrics on (http:\/\/\S+\/metrics)/.exec(output())?.[1];
    expect(metricsUrl).toBeDefined();
    const metrics = () => request(metricsUrl!).then((r) => r.body.text());
    try {
      const files = () =>
        request(`${url}/v1/files`, { headers: { authorization: `Bearer ${secret}` } }).then(
          async (r) => (await r.body.dump(), r.statusCode),
        );
      expect(await files()).toBe(200);
      writeFileSync(env.WARDEN_GATEWAY_CONFIG_FILE, '{"unlistedRoutes": "not-found"}');
      child.kill('SIGHUP');
      expect(await statusUntil(files, 404)).toBe(404);
      // The admin listener's metrics saw the passthrough request and the reload.
      const text = await metrics();
      // At least the first request (the polling before the reload took effect may add more).
      expect(text).toMatch(/warden_gateway_requests_total\{route="\*",decision="allow",status="200"\} [1-9]/);
      expect(text).toContain('warden_gateway_config_reloads_total{outcome="applied"} 1');

      expect((await runCli(['gateway-keys', 'revoke', id!], { env })).code).toBe(0);
      expect(await statusUntil(files, 401)).toBe(401);
      expect((await runCli(['gateway-keys', 'revoke', id!], { env })).code).toBe(2);
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
    expect(child.exitCode).toBe(0);
    const database = openDatabase(loadConfig({ WARDEN_DATA_DIR: dir }));
    try {
      const events = await listEventsOfAccount(database.db, 'acct_cli');
      expect(events.length).toBeGreaterThanOrEqual(2);
      expect(events.every((e) => e.kind === 'request')).toBe(true);
    } finally {
      await database.close();
    }
  }, 180_000);
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, runCli, startCli } from '../cli/run-cli.js';
import { startStubUpstream, type StubUpstream } from './upstream.js';

/**
 * A `warden gateway` replica has no live pipeline: it reads the store's intel itself. Two real
 * processes on one database: the replica serving, and `warden intel import` storing a bundle;
 * the replica refuses the listed address once it has re-read the store, with no restart.
 */
describe('warden gateway replica: intel from the store, refreshed on change', () => {
  let dir: string;
  let up: StubUpstream;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-gw-replica-intel-'));
    up = await startStubUpstream();
  });
  afterAll(async () => {
    await up.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a request from an address a newly imported indicator lists, and only that one', async () => {
    const env = {
      WARDEN_DATA_DIR: dir,
      WARDEN_GATEWAY_UPSTREAM: up.url,
      WARDEN_GATEWAY_CONFIG_FILE: join(dir, 'gateway.json'),
      WARDEN_GATEWAY_POLICY_FILE: join(dir, 'policy.json'),
      WARDEN_GATEWAY_INTEL_REFRESH_MS: '100',
      WARDEN_GATEWAY_ADMIN_PORT: '0',
    };
    // The client stands behind a trusted proxy (loopback) that names its address.
    writeFileSync(
      env.WARDEN_GATEWAY_CONFIG_FILE,
      JSON.stringify({ identity: { trustedProxies: ['127.0.0.1'] } }),
    );
    writeFileSync(env.WARDEN_GATEWAY_POLICY_FILE, JSON.stringify({ intel: { action: 'block' } }));
    const created = await runCli(['gateway-keys', 'create', 'acct_replica'], { env });
    expect(created.code).toBe(0);
    const secret = created.stdout.trim();

    const { child, url } = await startCli(['gateway', '--port', '0'], env);
    const from = async (ip: string) => {
      const r = await request(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${secret}`,
          'content-type': 'application/json',
          'x-forwarded-for': ip,
        },
        body: JSON.stringify({ model: 'gpt-test', messages: [{ role: 'user', content: 'hello' }] }),
      });
      const text = await r.body.text();
      return {
        status: r.statusCode,
        code: r.statusCode === 200 ? undefined : (JSON.parse(text) as { error: { code: string } }).error.code,
      };
    };
    try {
      expect((await from('45.61.136.10')).status).toBe(200);
      // Recent, so its confidence has not decayed below the policy's minimum at the request's time.
      const at = new Date(Date.now() - 3_600_000).toISOString();
      const bundle = join(dir, 'bundle.json');
      writeFileSync(
        bundle,
        JSON.stringify({
          type: 'bundle',
          id: 'bundle--00000000-0000-4000-8000-0000000000b1',
          objects: [
            {
              type: 'indicator',
              spec_version: '2.1',
              id: 'indicator--00000000-0000-4000-8000-0000000000a1',
              created: at,
              modified: at,
              pattern: "[ipv4-addr:value = '45.61.136.10']",
              pattern_type: 'stix',
              valid_from: at,
              confidence: 90,
            },
          ],
        }),
      );
      const imported = await runCli(['intel', 'import', bundle], { env });
      expect(imported.code, imported.stderr).toBe(0);
      let refused = await from('45.61.136.10');
      for (let i = 0; i < 200 && refused.status === 200; i++) {
        await new Promise((r) => setTimeout(r, 50));
        refused = await from('45.61.136.10');
      }
      expect(refused).toEqual({ status: 403, code: 'WARDEN_INTEL_MATCH' });
      expect((await from('45.61.136.11')).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
  }, 180_000);
});

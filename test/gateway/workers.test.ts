import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { encodeChangeMessage } from '../../src/gateway/state/index.js';
import { exited, runCli, startCli } from '../cli/run-cli.js';
import { startStubUpstream, type StubUpstream } from './upstream.js';

/**
 * `warden gateway --workers 2`: two real worker processes behind one port, sharing bans over
 * a real Redis. A ban published once on the enforcement channel reaches both, and refusals
 * carry the support references of both workers (each has its own boot id).
 */
describe('warden gateway --workers', () => {
  let dir: string;
  let up: StubUpstream;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-gw-workers-'));
    up = await startStubUpstream();
  });
  afterAll(async () => {
    await up.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to start several workers without Redis', async () => {
    const r = await runCli(['gateway', '--workers', '2', '--port', '0'], {
      env: { WARDEN_DATA_DIR: dir, WARDEN_GATEWAY_UPSTREAM: up.url },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--workers needs WARDEN_REDIS_URL');
    expect((await runCli(['gateway', '--workers', 'many'], { env: { WARDEN_DATA_DIR: dir } })).code).toBe(2);
  });

  it('serves from both workers on one port, and a ban on the Redis channel reaches both', async () => {
    const env = {
      WARDEN_DATA_DIR: dir,
      WARDEN_GATEWAY_UPSTREAM: up.url,
      WARDEN_REDIS_URL: inject('redisUrl'),
      WARDEN_GATEWAY_ADMIN_PORT: '0',
    };
    const created = await runCli(['gateway-keys', 'create', 'acct_workers'], { env });
    expect(created.code).toBe(0);
    const secret = created.stdout.trim();
    const { child, url, output } = await startCli(['gateway', '--workers', '2', '--port', '0'], env);
    const metricsUrl = /metrics on (http:\/\/\S+\/metrics)/.exec(output())?.[1];
    const redis = new Redis(inject('redisUrl'));
    // A fresh connection per request, so the kernel spreads them over the workers.
    const chat = async () => {
      const agent = new Agent({ pipelining: 0 });
      try {
        const r = await request(`${url}/v1/chat/completions`, {
          method: 'POST',
          dispatcher: agent,
          headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'gpt-test', messages: [{ role: 'user', content: 'hello' }] }),
        });
        return { status: r.statusCode, text: await r.body.text() };
      } finally {
        await agent.close();
      }
    };
    try {
      expect(output()).toContain('2 workers');
      for (let i = 0; i < 10; i++) expect((await chat()).status).toBe(200);
      await redis.publish(
        'warden:enforcement',
        encodeChangeMessage('test-publisher', {
          op: 'upsert',
          entry: {
            id: 'ban-workers',
            kind: 'account',
            value: 'acct_workers',
            effect: 'block',
            reason: 'test',
            source: {},
            shadow: false,
            createdAt: Date.now(),
            expiresAt: null,
            revokedAt: null,
          },
        }),
      );
      const boots = new Set<string>();
      let refused = 0;
      for (let i = 0; i < 200 && boots.size < 2; i++) {
        const r = await chat();
        if (r.status !== 403) {
          await new Promise((res) => setTimeout(res, 20));
          continue;
        }
        refused++;
        const ref = /gw-([0-9a-f]{12})-/.exec(r.text)?.[1];
        if (ref) boots.add(ref);
      }
      expect(refused).toBeGreaterThanOrEqual(2);
      // Two workers, two boot ids: both enforce the one ban.
      expect(boots.size).toBe(2);
      // The primary's /metrics sums both workers' counters.
      const text = await (await request(metricsUrl!)).body.text();
      const served = Number(
        /warden_gateway_requests_total\{route="\/v1\/chat\/completions",decision="allow",status="200"\} (\d+)/.exec(
          text,
        )?.[1],
      );
      expect(served).toBeGreaterThanOrEqual(10);
    } finally {
      redis.disconnect();
      child.kill('SIGTERM');
      await exited(child);
    }
    expect(child.exitCode).toBe(0);
  }, 180_000);
});

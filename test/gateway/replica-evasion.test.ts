import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, runCli, startCli } from '../cli/run-cli.js';
import { startStubUpstream, type StubUpstream } from './upstream.js';

const ndjson = (events: object[]) => `${events.map((e) => JSON.stringify(e)).join('\n')}\n`;

/**
 * A `warden gateway` replica screens ban evasion without a live pipeline: when the provider
 * terminates an account (an `account.enforced` event another process stores), a running
 * replica refuses another account that signed up on the same device, with no Warden ban.
 */
describe('warden gateway replica: ban-evasion screening from the store', () => {
  let dir: string;
  let up: StubUpstream;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-gw-replica-evasion-'));
    up = await startStubUpstream();
  });
  afterAll(async () => {
    await up.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an account sharing a device with one the provider terminated, once that is stored', async () => {
    const env = {
      WARDEN_DATA_DIR: dir,
      WARDEN_GATEWAY_UPSTREAM: up.url,
      WARDEN_GATEWAY_INTEL_REFRESH_MS: '100',
      WARDEN_GATEWAY_ADMIN_PORT: '0',
    };
    const day = 86_400_000;
    const at = (ms: number) => new Date(Date.now() - ms).toISOString();
    const signups = join(dir, 'signups.ndjson');
    writeFileSync(
      signups,
      ndjson([
        {
          id: 'ev-old',
          time: at(3 * day),
          kind: 'account.created',
          account: 'acct_old',
          device: 'dev-burned-7',
        },
        {
          id: 'ev-new',
          time: at(2 * day),
          kind: 'account.created',
          account: 'acct_new',
          device: 'dev-burned-7',
        },
        {
          id: 'ev-clean',
          time: at(2 * day),
          kind: 'account.created',
          account: 'acct_clean',
          device: 'dev-clean-1',
        },
      ]),
    );
    const first = await runCli(['ingest', signups], { env });
    expect(first.code, first.stderr).toBe(0);
    const secrets: Record<string, string> = {};
    for (const account of ['acct_new', 'acct_clean']) {
      const created = await runCli(['gateway-keys', 'create', account], { env });
      expect(created.code).toBe(0);
      secrets[account] = created.stdout.trim();
    }
    const { child, url } = await startCli(['gateway', '--port', '0'], env);
    const chat = async (account: string) => {
      const r = await request(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secrets[account]}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-test', messages: [{ role: 'user', content: 'hello' }] }),
      });
      const text = await r.body.text();
      return {
        status: r.statusCode,
        code: r.statusCode === 200 ? undefined : (JSON.parse(text) as { error: { code: string } }).error.code,
      };
    };
    try {
      // Nothing is actioned yet: the shared device is no evidence of anything.
      expect((await chat('acct_new')).status).toBe(200);
      const enforced = join(dir, 'enforced.ndjson');
      writeFileSync(
        enforced,
        ndjson([
          {
            id: 'ev-terminated',
            time: at(day),
            kind: 'account.enforced',
            account: 'acct_old',
            enforcement: { action: 'terminate', reason: 'abuse' },
          },
        ]),
      );
      const second = await runCli(['ingest', enforced], { env });
      expect(second.code, second.stderr).toBe(0);
      let refused = await chat('acct_new');
      for (let i = 0; i < 200 && refused.status === 200; i++) {
        await new Promise((r) => setTimeout(r, 50));
        refused = await chat('acct_new');
      }
      expect(refused).toEqual({ status: 403, code: 'WARDEN_BAN_EVASION' });
      expect((await chat('acct_clean')).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
  }, 180_000);
});

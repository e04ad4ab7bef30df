import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { loadConfig } from '../../src/config/index.js';
import { blockEntrySchema, type BlockEntry } from '../../src/enforcement/index.js';
import { createGatewayRuntime, type GatewayRuntime } from '../../src/gateway/index.js';
import { ingestValues } from '../../src/ingest/index.js';
import { createLogger } from '../../src/observability/index.js';
import { createGatewayKey, listEventsOfAccount, revokeGatewayKey } from '../../src/store/index.js';
import { createTestDatabase, type TestDatabase } from '../../src/store/testing.js';
import { startStubUpstream, type StubUpstream } from './upstream.js';

type Ext = Record<string, unknown> & { support_ref: string; decision: string; enforced: string };

function entry(id: string, e: Partial<BlockEntry>): BlockEntry {
  return blockEntrySchema.parse({
    id,
    kind: 'account',
    value: 'x',
    effect: 'block',
    createdAt: 0,
    reason: 'test',
    ...e,
  });
}

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`gateway runtime, embedded [${dialect}]`, () => {
    let db: TestDatabase;
    let up: StubUpstream;
    let rt: GatewayRuntime;
    let url: string;
    let dir: string;
    let policyFile: string;
    let configFile: string;
    const secrets: Record<string, string> = {};
    const keyIds: Record<string, string> = {};

    const chat = (
      account: string,
      body: Record<string, unknown> = {},
      headers: Record<string, string> = {},
    ) =>
      request(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${secrets[account]}`,
          'content-type': 'application/json',
          ...headers,
        },
        body: JSON.stringify({
          model: 'gpt-test',
          messages: [{ role: 'user', content: 'Summarise this meeting for me.' }],
          ...body,
        }),
      });

    async function storedEvents(account: string): Promise<Record<string, unknown>[]> {
      await rt.events.flush();
      return (await listEventsOfAccount(db.db, account)).map(
        (e) => JSON.parse(e.raw) as Record<string, unknown>,
      );
    }

    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      up = await startStubUpstream();
      dir = mkdtempSync(join(tmpdir(), 'warden-gw-rt-'));
      policyFile = join(dir, 'policy.json');
      configFile = join(dir, 'gateway.json');
      writeFileSync(
        policyFile,
        JSON.stringify({
          rateLimits: [{ id: 'acct-burst', scope: 'account', windowS: 60, limit: 3 }],
          delay: { minMs: 20, maxMs: 30 },
          degrade: { defaultModel: 'small-model', maxTokens: 16 },
        }),
      );
      writeFileSync(configFile, JSON.stringify({ accountValues: { waitMs: 5000 } }));
      for (const account of [
        'acct_ok',
        'acct_banned',
        'acct_evader',
        'acct_rate',
        'acct_delay',
        'acct_degrade',
        'acct_shadow',
        'acct_revoked',
      ]) {
        const { key, secret } = await createGatewayKey(db.db, { account, org: 'org_t', name: 't' }, 1);
        secrets[account] = secret;
        keyIds[account] = key.id;
      }
      // The evader's sign-up used a device a banned network used before: known only from the store.
      await ingestValues({ database: db, now: Date.now }, [
        {
          id: 'ev-signup',
          time: '2026-11-01T00:00:00Z',
          kind: 'account.created',
          account: 'acct_evader',
          device: 'dev-burned',
          profile: { email: 'new@example.org' },
        },
      ]);
      const config = loadConfig({
        WARDEN_DATA_DIR: dir,
        WARDEN_GATEWAY_UPSTREAM: up.url,
        WARDEN_GATEWAY_POLICY_FILE: policyFile,
        WARDEN_GATEWAY_CONFIG_FILE: configFile,
        WARDEN_GATEWAY_KEY_REFRESH_MS: '100',
      });
      rt = await createGatewayRuntime({ config, database: db, logger: createLogger('silent') });
      url = `http://127.0.0.1:${(await rt.listen(0, '127.0.0.1')).port}`;
      for (const e of [
        entry('ban-acct', { kind: 'account', value: 'acct_banned' }),
        entry('ban-device', { kind: 'device', value: 'dev-burned' }),
        entry('delay-acct', { kind: 'account', value: 'acct_delay', effect: 'delay' }),
        entry('degrade-acct', { kind: 'account', value: 'acct_degrade', effect: 'degrade' }),
        entry('shadow-acct', { kind: 'account', value: 'acct_shadow', shadow: true }),
      ])
        await rt.state.bus.publish({ op: 'upsert', entry: e });
    });

    afterAll(async () => {
      await rt.close();
      await up.close();
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    });

    it('serves an allowed account and stores its request event through the ingest path', async () => {
      const r = await chat('acct_ok', { user: 'eu-42' });
      expect(r.statusCode).toBe(200);
      await r.body.dump();
      const [e] = await storedEvents('acct_ok');
      expect(e).toMatchObject({
        kind: 'request',
        account: 'acct_ok',
        org: 'org_t',
        end_user: 'eu-42',
        request: { model: 'gpt-test', api_key: keyIds.acct_ok },
        response: { refused: false, finish_reason: 'stop' },
        usage: { input_tokens: 11, output_tokens: 7 },
      });
      expect((e!.x_warden_gateway as Ext).decision).toBe('allow');
    });

    it('blocks a banned account with an OpenAI-style body whose support reference is on the stored event', async () => {
      const r = await chat('acct_banned');
      expect(r.statusCode).toBe(403);
      const body = (await r.body.json()) as {
        error: { code: string; message: string; type: string; param: null };
      };
      expect(body.error.type).toBe('permission_error');
      expect(body.error.code).toMatch(/^WARDEN_/);
      const [e] = await storedEvents('acct_banned');
      const ext = e!.x_warden_gateway as Ext;
      expect(body.error.message).toContain(ext.support_ref);
      expect(ext).toMatchObject({ decision: 'block', status: 403, block_entries: ['ban-acct'] });
      expect(e!.response).toEqual({ refused: true });
    });

    it('refuses a new account on its first request when a value from its history is banned (evasion)', async () => {
      const before = up.seen.length;
      const r = await chat('acct_evader');
      expect(r.statusCode).toBe(403);
      await r.body.dump();
      expect(up.seen.length).toBe(before);
      const [req] = (await storedEvents('acct_evader')).filter((x) => x.kind === 'request');
      expect((req!.x_warden_gateway as Ext).block_entries).toEqual(['ban-device']);
    });

    it('answers 429 with Retry-After once the account rate limit is spent', async () => {
      const statuses: number[] = [];
      let retryAfter: string | string[] | undefined;
      for (let i = 0; i < 5; i++) {
        const r = await chat('acct_rate');
        statuses.push(r.statusCode);
        if (r.statusCode === 429) retryAfter = r.headers['retry-after'];
        await r.body.dump();
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    });

    it('delays, then refuses; degrades the model, tools and tokens; records shadow bans without enforcing them', async () => {
      const delayed = await chat('acct_delay');
      expect(delayed.statusCode).toBe(403);
      await delayed.body.dump();

      const degraded = await chat('acct_degrade', {
        tools: [{ type: 'function', function: { name: 'f' } }],
        tool_choice: 'auto',
        max_tokens: 500,
      });
      expect(degraded.statusCode).toBe(200);
      await degraded.body.dump();
      const sent = JSON.parse(up.seen.at(-1)!.body) as Record<string, unknown>;
      expect(sent).toMatchObject({ model: 'small-model', max_tokens: 16 });
      expect(sent.tools).toBeUndefined();
      expect(sent.tool_choice).toBeUndefined();

      const shadow = await chat('acct_shadow');
      expect(shadow.statusCode).toBe(200);
      await shadow.body.dump();

      const ext = async (a: string) => (await storedEvents(a)).at(-1)!.x_warden_gateway as Ext;
      expect(await ext('acct_delay')).toMatchObject({ decision: 'delay', status: 403 });
      expect(await ext('acct_degrade')).toMatchObject({
        decision: 'degrade',
        degraded: { model: 'small-model', stripTools: true, maxTokens: 16 },
      });
      expect(await ext('acct_shadow')).toMatchObject({ decision: 'allow', shadow: { decision: 'block' } });
    });

    it('refuses a revoked key within one poll of the key table', async () => {
      const ok = await chat('acct_revoked');
      expect(ok.statusCode).toBe(200);
      await ok.body.dump();
      await revokeGatewayKey(db.db, keyIds.acct_revoked!, Date.now());
      let status = 0;
      for (let i = 0; i < 100 && status !== 401; i++) {
        await new Promise((r) => setTimeout(r, 50));
        const r = await chat('acct_revoked');
        status = r.statusCode;
        await r.body.dump();
      }
      expect(status).toBe(401);
    });

    it('fails closed (503) or open per policy when detection overruns its budget, and records which', async () => {
      writeFileSync(
        policyFile,
        JSON.stringify({ failMode: 'closed', detectionBudgetMs: 1e-9, failClosedRetryAfterS: 7 }),
      );
      expect(rt.reload()).toEqual({ ok: true });
      const closed = await chat('acct_ok');
      expect(closed.statusCode).toBe(503);
      expect(closed.headers['retry-after']).toBe('7');
      await closed.body.dump();
      writeFileSync(policyFile, JSON.stringify({ failMode: 'open', detectionBudgetMs: 1e-9 }));
      expect(rt.reload()).toEqual({ ok: true });
      const open = await chat('acct_ok');
      expect(open.statusCode).toBe(200);
      await open.body.dump();
      const events = await storedEvents('acct_ok');
      expect((events.at(-2)!.x_warden_gateway as Ext).fail_mode).toBe('closed');
      expect((events.at(-1)!.x_warden_gateway as Ext).fail_mode).toBe('open');
    });

    it('reloads routes without dropping a request in flight, and refuses a bad file whole', async () => {
      writeFileSync(policyFile, '{}');
      const slow = chat('acct_ok', { model: 'slow-300' });
      await new Promise((r) => setTimeout(r, 50));
      writeFileSync(configFile, JSON.stringify({ unlistedRoutes: 'not-found' }));
      expect(rt.reload()).toEqual({ ok: true });
      const inFlight = await slow;
      expect(inFlight.statusCode).toBe(200);
      await inFlight.body.dump();
      const unlisted = await request(`${url}/v1/files`, {
        headers: { authorization: `Bearer ${secrets.acct_ok}` },
      });
      expect(unlisted.statusCode).toBe(404);
      await unlisted.body.dump();

      writeFileSync(configFile, JSON.stringify({ routes: [{ path: '/v1/x', upstream: 'nowhere' }] }));
      const bad = rt.reload();
      expect(bad.ok).toBe(false);
      expect(!bad.ok && bad.error).toContain('nowhere');
      const still = await request(`${url}/v1/files`, {
        headers: { authorization: `Bearer ${secrets.acct_ok}` },
      });
      expect(still.statusCode).toBe(404);
      await still.body.dump();
    });
  });
}

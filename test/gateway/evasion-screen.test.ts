import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { decodeValue } from '../../src/events/index.js';
import { createGatewayRuntime, evasionScreenFrom, type GatewayRuntime } from '../../src/gateway/index.js';
import { ingestValues } from '../../src/ingest/index.js';
import { createLogger } from '../../src/observability/index.js';
import { Analysis } from '../../src/pipeline/index.js';
import { createGatewayKey, listEventsOfAccount } from '../../src/store/index.js';
import { createTestDatabase, type TestDatabase } from '../../src/store/testing.js';
import { startStubUpstream, type StubUpstream } from './upstream.js';

/**
 * An account the provider terminated outside Warden (no blocklist entry at all) comes back as a
 * new account on the same device: the live pipeline's screening catches the new account's first
 * gateway request, through the account values the gateway reads from the entity index.
 */
describe('gateway ban evasion through the pipeline screening', () => {
  let db: TestDatabase;
  let up: StubUpstream;
  let rt: GatewayRuntime;
  let dir: string;
  let url: string;
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    up = await startStubUpstream();
    dir = mkdtempSync(join(tmpdir(), 'warden-gw-evasion-'));
    const events = [
      {
        id: 'o1',
        time: '2026-10-01T00:00:00Z',
        kind: 'account.created',
        account: 'acct_old',
        device: 'dev-reused',
        profile: { email: 'old@example.org' },
      },
      {
        id: 'o2',
        time: '2026-10-02T00:00:00Z',
        kind: 'account.enforced',
        account: 'acct_old',
        enforcement: { action: 'terminate', reason: 'malware development' },
      },
      {
        id: 'n1',
        time: '2026-11-01T00:00:00Z',
        kind: 'account.created',
        account: 'acct_new',
        device: 'dev-reused',
        profile: { email: 'fresh@example.net' },
      },
      {
        id: 'c1',
        time: '2026-11-01T00:00:00Z',
        kind: 'account.created',
        account: 'acct_clean',
        device: 'dev-own',
        profile: { email: 'clean@example.com' },
      },
    ];
    await ingestValues({ database: db, now: Date.now }, events);
    const analysis = new Analysis({});
    for (const [i, e] of events.entries()) {
      const d = decodeValue(i, e);
      if (!d.ok) throw new Error(d.rejection.reason);
      analysis.add(d.value);
    }
    analysis.evaluate();
    for (const account of ['acct_new', 'acct_clean'])
      secrets[account] = (await createGatewayKey(db.db, { account, name: 't' }, 1)).secret;
    const config = loadConfig({ WARDEN_DATA_DIR: dir, WARDEN_GATEWAY_UPSTREAM: up.url });
    rt = await createGatewayRuntime({
      config,
      database: db,
      logger: createLogger('silent'),
      evasion: evasionScreenFrom(analysis),
    });
    url = `http://127.0.0.1:${(await rt.listen(0, '127.0.0.1')).port}`;
  });
  afterAll(async () => {
    await rt.close();
    await up.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const chat = async (account: string) => {
    const r = await request(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secrets[account]}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gpt-test',
        messages: [{ role: 'user', content: 'Draft a polite reminder email.' }],
      }),
    });
    return { status: r.statusCode, body: await r.body.text() };
  };

  it('refuses the evader on its first request and serves an unrelated new account', async () => {
    const evader = await chat('acct_new');
    expect(evader.status).toBe(403);
    expect(JSON.parse(evader.body)).toMatchObject({ error: { code: 'WARDEN_BAN_EVASION' } });
    expect((await chat('acct_clean')).status).toBe(200);
    await rt.events.flush();
    const [req] = (await listEventsOfAccount(db.db, 'acct_new'))
      .map((e) => JSON.parse(e.raw) as Record<string, unknown>)
      .filter((e) => e.kind === 'request');
    const reasons = (req!.x_warden_gateway as { reasons: { source: string; detail: string }[] }).reasons;
    expect(reasons.some((r) => r.source === 'evasion' && r.detail.includes('acct_old'))).toBe(true);
  });
});

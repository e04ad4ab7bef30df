import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createGatewayRuntime, intelMatchFrom, type GatewayRuntime } from '../../src/gateway/index.js';
import { analyseIndicatorPattern, createIntelPort, IntelState } from '../../src/intel/index.js';
import { createLogger } from '../../src/observability/index.js';
import { LiveAnalysis } from '../../src/server/live-analysis.js';
import { createGatewayKey, listEventsOfAccount } from '../../src/store/index.js';
import { createTestDatabase, type TestDatabase } from '../../src/store/testing.js';
import { startStubUpstream, type StubUpstream } from './upstream.js';

/** The live pipeline's intel reaches the gateway's policy: a request from a listed address is flagged. */
describe('gateway intel signal from the live pipeline', () => {
  let db: TestDatabase;
  let up: StubUpstream;
  let rt: GatewayRuntime;
  let dir: string;
  let url: string;
  let secret: string;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    up = await startStubUpstream();
    dir = mkdtempSync(join(tmpdir(), 'warden-gw-intel-'));
    const state = new IntelState();
    // Fresh: an indicator's confidence decays with age, judged at the request's time.
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const pattern = "[ipv4-addr:value = '45.61.136.10']";
    state.put({
      object: {
        type: 'indicator',
        spec_version: '2.1',
        id: 'indicator--00000000-0000-4000-8000-000000000001',
        created: at,
        modified: at,
        pattern,
        pattern_type: 'stix',
        valid_from: at,
        confidence: 90,
      },
      provenance: { source: 'test', receivedAt: at },
      support: analyseIndicatorPattern('stix', pattern),
    });
    // The test client stands behind a trusted proxy (loopback) that reports the client's address.
    const configFile = join(dir, 'gateway.json');
    writeFileSync(configFile, JSON.stringify({ identity: { trustedProxies: ['127.0.0.1'] } }));
    const live = new LiveAnalysis({ intel: createIntelPort(state) });
    secret = (await createGatewayKey(db.db, { account: 'acct_intel', name: 't' }, 1)).secret;
    rt = await createGatewayRuntime({
      config: loadConfig({
        WARDEN_DATA_DIR: dir,
        WARDEN_GATEWAY_UPSTREAM: up.url,
        WARDEN_GATEWAY_CONFIG_FILE: configFile,
      }),
      database: db,
      logger: createLogger('silent'),
      intel: intelMatchFrom(() => live.intelMatcher()),
    });
    url = `http://127.0.0.1:${(await rt.listen(0, '127.0.0.1')).port}`;
  });
  afterAll(async () => {
    await rt.close();
    await up.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('flags (serves and records) a request whose address an indicator lists', async () => {
    const r = await request(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${secret}`,
        'content-type': 'application/json',
        'x-forwarded-for': '45.61.136.10',
      },
      body: JSON.stringify({
        model: 'gpt-test',
        messages: [{ role: 'user', content: 'Draft a polite reminder email.' }],
      }),
    });
    expect(r.statusCode).toBe(200);
    await r.body.dump();
    await rt.events.flush();
    const [e] = (await listEventsOfAccount(db.db, 'acct_intel')).map(
      (x) => JSON.parse(x.raw) as Record<string, unknown>,
    );
    const ext = e!.x_warden_gateway as {
      decision: string;
      reasons: { source: string; refs?: { indicators?: string[] } }[];
    };
    expect(e!.ip).toBe('45.61.136.10');
    expect(ext.decision).toBe('flag');
    expect(ext.reasons.find((x) => x.source === 'intel')?.refs?.indicators).toEqual([
      'indicator--00000000-0000-4000-8000-000000000001',
    ]);
  });
});

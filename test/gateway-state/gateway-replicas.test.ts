import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createGateway,
  gatewayFileSchema,
  staticKeyDirectory,
  type Gateway,
} from '../../src/gateway/index.js';
import {
  decideWithinBudget,
  parseGatewayPolicy,
  recordOutcome,
  type GatewayPolicy,
} from '../../src/gateway/policy/index.js';
import { createGatewayState, type GatewayState } from '../../src/gateway/state/index.js';
import { createTestDatabase, type TestDatabase } from '../../src/store/testing.js';
import { startStubUpstream, type StubUpstream } from '../gateway/upstream.js';
import { ban, captureLogger, makeEntry, unban, uniquePrefix, waitFor } from './helpers.js';

const KEYS = {
  wgk_replica_test_one: { keyId: 'gk_r1', account: 'acct_r1', org: 'org_r' },
  wgk_replica_test_two: { keyId: 'gk_r2', account: 'acct_r2', org: 'org_r' },
};

interface Replica {
  gateway: Gateway;
  state: GatewayState;
  url: string;
}

/**
 * Two real gateway replicas over one Redis and one PostgreSQL, in front of a real upstream on
 * loopback: what issue 8 means by "run two gateway replicas".
 */
describe('two gateway replicas over one Redis and one database', () => {
  let database: TestDatabase;
  let upstream: StubUpstream;
  const replicas: Replica[] = [];
  const keyPrefix = uniquePrefix();
  // Limits small enough to reach, so the shared counters are what holds them across replicas.
  const policy: GatewayPolicy = parseGatewayPolicy({
    content: { enabled: false },
    rateLimits: [{ id: 'account-per-minute', scope: 'account', windowS: 60, limit: 10 }],
    velocity: [],
  });

  const start = async (): Promise<Replica> => {
    const state = createGatewayState({
      database,
      redisUrl: inject('redisUrl'),
      keyPrefix,
      logger: captureLogger().logger,
      now: Date.now,
      counterSyncMs: 3_600_000,
    });
    await state.ready;
    await (state.bus as unknown as { subscribed: Promise<void> }).subscribed;
    const ctx = { blocklist: state.blocklist, counters: state.counters };
    const gateway = createGateway({
      config: gatewayFileSchema.parse({}),
      defaultUpstream: upstream.url,
      keys: staticKeyDirectory(KEYS),
      decide: (facts) => decideWithinBudget(facts, ctx, policy, () => performance.now()),
      onOutcome: (o) => recordOutcome(o.facts, o, state.counters, policy),
    });
    const addr: AddressInfo = await gateway.listen(0, '127.0.0.1');
    const r = { gateway, state, url: `http://127.0.0.1:${addr.port}` };
    replicas.push(r);
    return r;
  };

  const chat = async (r: Replica, key: keyof typeof KEYS) => {
    const res = await request(`${r.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-test', messages: [{ role: 'user', content: 'hello' }] }),
    });
    const text = await res.body.text();
    return { status: res.statusCode, body: JSON.parse(text) as { error?: { code: string; type: string } } };
  };

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    upstream = await startStubUpstream();
  });
  afterAll(async () => {
    for (const r of replicas) {
      await r.gateway.close(500);
      await r.state.close();
    }
    await upstream.close();
    await database.destroy();
  });

  it('a ban published through replica A refuses the next request on replica B, and its revocation lets it through again', async () => {
    const a = await start();
    const b = await start();
    // What the bus-lag metric observes: one sample per message from another replica.
    const lagsOnB: number[] = [];
    b.state.observeBusLag((s) => lagsOnB.push(s));
    expect((await chat(b, 'wgk_replica_test_one')).status).toBe(200);
    const entry = makeEntry({ kind: 'account', value: 'acct_r1' });
    await ban(database, a.state.bus, entry);
    // A applied it before publish resolved.
    expect((await chat(a, 'wgk_replica_test_one')).status).toBe(403);
    await waitFor('B has the ban', () => b.state.blocklist.get(entry.id) !== undefined);
    const refused = await chat(b, 'wgk_replica_test_one');
    expect(refused.status).toBe(403);
    expect(lagsOnB.length).toBeGreaterThanOrEqual(1);
    expect(lagsOnB.every((s) => s >= 0 && Number.isFinite(s))).toBe(true);
    expect(refused.body.error?.type).toBe('permission_error');
    // Another account of the same org is untouched.
    expect((await chat(b, 'wgk_replica_test_two')).status).toBe(200);
    await unban(database, b.state.bus, entry.id);
    await waitFor('A lifts the ban', () => a.state.blocklist.get(entry.id) === undefined);
    expect((await chat(a, 'wgk_replica_test_one')).status).toBe(200);
    expect((await chat(b, 'wgk_replica_test_one')).status).toBe(200);
  });

  it('holds an account rate limit across replicas once their counters have synced', async () => {
    const [a, b] = replicas as [Replica, Replica];
    let admitted = 0;
    let limited = 0;
    for (let round = 0; round < 6; round++) {
      for (const r of [a, b])
        for (let i = 0; i < 2; i++) {
          const res = await chat(r, 'wgk_replica_test_two');
          if (res.status === 200) admitted++;
          else if (res.status === 429) limited++;
        }
      await a.state.syncCounters();
      await b.state.syncCounters();
      await a.state.syncCounters();
    }
    // 24 requests, limit 10 per minute per account: alone each replica would admit 10 (20 in all).
    // Shared, the cluster admits the limit plus at most what the other replica served within one
    // sync (2 here), less the one request the first test made for this account.
    expect(limited).toBeGreaterThan(0);
    expect(admitted).toBeLessThanOrEqual(10 + 2 - 1);
    expect(admitted + limited).toBe(24);
  });
});

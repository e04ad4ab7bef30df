import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createGatewayState,
  type RedisEnforcementBus,
  type GatewayState,
  type GatewayStateOptions,
} from '../../src/gateway/state/index.js';
import { insertBlockEntries } from '../../src/store/index.js';
import { createTestDatabase, type TestDatabase } from '../../src/store/testing.js';
import { ban, captureLogger, makeEntry, unban, uniquePrefix, waitFor } from './helpers.js';
import { startTcpRelay, type TcpRelay } from './tcp-proxy.js';

const refused = (state: GatewayState, account: string, now = Date.now()): boolean =>
  state.blocklist.match([{ kind: 'account', value: account }], now).length > 0;

describe('gateway state across two replicas over one Redis and one PostgreSQL', () => {
  let database: TestDatabase;
  const redisUrl = inject('redisUrl');
  const keyPrefix = uniquePrefix();
  const opened: GatewayState[] = [];
  const relays: TcpRelay[] = [];

  const replica = async (
    over: Partial<GatewayStateOptions> = {},
    waitReady = true,
  ): Promise<GatewayState> => {
    const state = createGatewayState({
      database,
      redisUrl,
      keyPrefix,
      logger: captureLogger().logger,
      now: Date.now,
      ...over,
    });
    opened.push(state);
    if (waitReady) await state.ready;
    return state;
  };

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    for (const s of opened) await s.close();
    for (const r of relays) await r.close();
    await database.destroy();
  });

  it('a ban published on replica A refuses the next request on replica B; revocation propagates', async () => {
    const a = await replica();
    const b = await replica();
    await waitFor('both subscribed', () => (a.bus as { subscribed?: unknown }).subscribed !== undefined);
    const entry = makeEntry();
    await ban(database, a.bus, entry);
    // The publishing replica enforces before publish returns.
    expect(refused(a, entry.value)).toBe(true);
    await waitFor('B refuses', () => refused(b, entry.value));
    await unban(database, b.bus, entry.id);
    expect(refused(b, entry.value)).toBe(false);
    await waitFor('A lifts', () => !refused(a, entry.value));
  });

  it('a starting replica loads the active bans from the store', async () => {
    const live = makeEntry();
    const gone = makeEntry({ expiresAt: Date.now() - 1 });
    await insertBlockEntries(database.db, [live, gone]);
    const c = await replica();
    expect(refused(c, live.value)).toBe(true);
    expect(c.blocklist.get(gone.id)).toBeUndefined();
  });

  it('an entry stops applying at its expiry on every replica, and is pruned at the next catch-up', async () => {
    const a = await replica();
    const b = await replica();
    const t0 = Date.now();
    const entry = makeEntry({ expiresAt: t0 + 60_000 });
    await ban(database, a.bus, entry);
    await waitFor('B has it', () => refused(b, entry.value, t0));
    expect(refused(b, entry.value, t0 + 60_000)).toBe(false);
    const late = await replica({ now: () => t0 + 120_000 });
    expect(late.blocklist.get(entry.id)).toBeUndefined();
  });

  it('catches up a ban published while it was cut off from Redis, once reconnected', async () => {
    const relay = await startTcpRelay(redisUrl);
    relays.push(relay);
    const a = await replica();
    const b = await replica({ redisUrl: relay.url, catchUpIntervalMs: 3_600_000 });
    await (b.bus as unknown as { subscribed: Promise<void> }).subscribed;
    // The subscription starts a catch-up from the store; let it finish, or it could read the
    // ban below from the store and B would hold it without any message.
    await b.catchUp();
    relay.cut();
    const missed = makeEntry();
    await ban(database, a.bus, missed);
    // B never received the message; it still enforces its last copy meanwhile.
    expect(refused(b, missed.value)).toBe(false);
    relay.restore();
    await waitFor('B converges after reconnecting', () => refused(b, missed.value));
  });

  it('starts with Redis unreachable: enforces the store copy, then joins the bus when Redis comes back', async () => {
    const before = makeEntry();
    await insertBlockEntries(database.db, [before]);
    const relay = await startTcpRelay(redisUrl, { startCut: true });
    relays.push(relay);
    const b = await replica({ redisUrl: relay.url, catchUpIntervalMs: 3_600_000 });
    expect(refused(b, before.value)).toBe(true);
    expect(b.counters.hit('acct:x', 1000, Date.now())).toBe(1);
    const a = await replica({ catchUpIntervalMs: 3_600_000 });
    // Banning through the cut-off replica still enforces there, and resolves instead of failing the caller.
    const local = makeEntry();
    await ban(database, b.bus, local);
    expect(refused(b, local.value)).toBe(true);
    const during = makeEntry();
    await ban(database, a.bus, during);
    relay.restore();
    await waitFor('B catches up after Redis returns', () => refused(b, during.value));
    const after = makeEntry();
    await ban(database, a.bus, after);
    await waitFor('B receives live messages again', () => refused(b, after.value));
    // B's publish never left (logged); A gets the ban from the store.
    expect((b.bus as RedisEnforcementBus).failedPublishes).toBe(1);
    await a.catchUp();
    expect(refused(a, local.value)).toBe(true);
  });

  it('rejects malformed, oversized and hostile channel messages, logs them, and keeps working', async () => {
    const cap = captureLogger();
    const b = await replica({ logger: cap.logger });
    await (b.bus as unknown as { subscribed: Promise<void> }).subscribed;
    const raw = new Redis(redisUrl);
    const channel = `${keyPrefix}enforcement`;
    const hostile = [
      'not json at all',
      '{"v":1,"origin":"x","change":{"op":"upsert"}}',
      JSON.stringify({ v: 2, origin: 'x', change: { op: 'revoke', id: 'a', revokedAt: 1 } }),
      '{"v":1,"origin":"x","change":{"op":"revoke","id":"a","revokedAt":1},"__proto__":{"polluted":true}}',
      JSON.stringify({
        v: 1,
        origin: 'x',
        change: { op: 'upsert', entry: { ...makeEntry(), value: 'v'.repeat(100_000) } },
      }),
      '['.repeat(50_000),
      '',
    ];
    for (const m of hostile) await raw.publish(channel, m);
    const entry = makeEntry();
    // A well-formed message from someone else still applies, and twice is the same as once.
    const good = JSON.stringify({ v: 1, origin: 'other', change: { op: 'upsert', entry } });
    await raw.publish(channel, good);
    await raw.publish(channel, good);
    await waitFor('the good message applies', () => refused(b, entry.value));
    raw.disconnect();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(b.blocklist.size).toBeGreaterThan(0);
    const rejected = cap.lines().filter((l) => l.msg === 'enforcement message rejected');
    expect(rejected.length).toBeGreaterThanOrEqual(1);
    // Logged without the message content.
    expect(JSON.stringify(rejected)).not.toContain('not json at all');
  });
});

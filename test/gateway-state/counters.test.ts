import { afterAll, describe, expect, inject, it } from 'vitest';
import { RedisWindowCounters } from '../../src/gateway/state/index.js';
import { captureLogger, uniquePrefix } from './helpers.js';
import { startTcpRelay, type TcpRelay } from './tcp-proxy.js';

describe('counters shared by replicas through Redis', () => {
  const redisUrl = inject('redisUrl');
  const opened: RedisWindowCounters[] = [];
  const relays: TcpRelay[] = [];
  // A fixed clock: the windows under test never slide, so every figure is exact.
  const t0 = 1_800_000_000_000;
  const make = async (keyPrefix: string, url = redisUrl): Promise<RedisWindowCounters> => {
    // A long interval: the tests drive `sync()` themselves, so what each replica has seen is known.
    const c = new RedisWindowCounters({
      redisUrl: url,
      keyPrefix,
      logger: captureLogger().logger,
      now: () => t0,
      syncIntervalMs: 3_600_000,
    });
    opened.push(c);
    await c.connected;
    return c;
  };
  afterAll(async () => {
    for (const c of opened) await c.close();
    for (const r of relays) await r.close();
  });

  it('answers from local counts at once, and each replica sees the others after a sync', async () => {
    const prefix = uniquePrefix();
    const a = await make(prefix);
    const b = await make(prefix);
    expect(a.hit('acct:1', 60_000, t0)).toBe(1);
    expect(a.hit('acct:1', 60_000, t0, 4)).toBe(5);
    expect(b.hit('acct:1', 60_000, t0)).toBe(1);
    await a.sync();
    await b.sync();
    await a.sync();
    expect(a.peek('acct:1', 60_000, t0)).toBe(6);
    expect(b.peek('acct:1', 60_000, t0)).toBe(6);
    // Syncing again without new hits changes nothing (no double counting of one's own share).
    await a.sync();
    await b.sync();
    expect(a.peek('acct:1', 60_000, t0)).toBe(6);
    expect(b.hit('acct:1', 60_000, t0)).toBe(7);
    expect(a.peek('acct:other', 60_000, t0)).toBe(0);
  });

  it('bounds over-admission: the cluster admits at most limit + what the others admitted within one sync lag', async () => {
    const prefix = uniquePrefix();
    const replicas = [await make(prefix), await make(prefix), await make(prefix)];
    const limit = 100;
    const perLag = 7; // requests each replica serves between two syncs
    let admitted = 0;
    for (let round = 0; round < 40; round++) {
      for (const r of replicas)
        for (let i = 0; i < perLag; i++) {
          if (r.peek('acct:burst', 60_000, t0) < limit) {
            r.hit('acct:burst', 60_000, t0);
            admitted++;
          }
        }
      for (const r of replicas) await r.sync();
      for (const r of replicas) await r.sync();
    }
    expect(admitted).toBeGreaterThanOrEqual(limit);
    expect(admitted).toBeLessThanOrEqual(limit + (replicas.length - 1) * perLag);
    for (const r of replicas) expect(r.peek('acct:burst', 60_000, t0)).toBe(admitted);
  });

  it('keeps counting locally while Redis is unreachable and pushes the kept counts when it returns', async () => {
    const prefix = uniquePrefix();
    const relay = await startTcpRelay(redisUrl);
    relays.push(relay);
    const cutOff = await make(prefix, relay.url);
    const other = await make(prefix);
    await cutOff.sync();
    relay.cut();
    for (let i = 0; i < 5; i++) cutOff.hit('acct:p', 60_000, t0);
    await cutOff.sync(); // fails; logged, counts kept
    expect(cutOff.peek('acct:p', 60_000, t0)).toBe(5);
    await other.sync();
    expect(other.peek('acct:p', 60_000, t0)).toBe(0);
    relay.restore();
    for (let attempt = 0; attempt < 200 && other.peek('acct:p', 60_000, t0) < 5; attempt++) {
      await cutOff.sync();
      await other.sync();
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(other.peek('acct:p', 60_000, t0)).toBe(5);
    expect(cutOff.peek('acct:p', 60_000, t0)).toBe(5);
  });

  it('takes hostile keys as opaque strings in Redis too', async () => {
    const prefix = uniquePrefix();
    const a = await make(prefix);
    const b = await make(prefix);
    const keys = ['__proto__', 'acct:*', 'a\r\nFLUSHALL\r\n', 'x'.repeat(10_000), ''];
    for (const k of keys) a.hit(k, 1000, t0);
    // A replica pulls the keys it is using: the first peek registers interest, the next sync fills it.
    for (const k of keys) expect(b.peek(k, 1000, t0)).toBe(0);
    await a.sync();
    await b.sync();
    for (const k of keys) expect(b.peek(k, 1000, t0)).toBe(1);
  });
});

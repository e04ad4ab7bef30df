import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InProcessWindowCounters } from './local-counters.js';
import { bucketWidth } from './window-buckets.js';

describe('InProcessWindowCounters', () => {
  it('counts hits within the window and forgets them after it', () => {
    const c = new InProcessWindowCounters();
    expect(c.hit('acct:a', 1000, 10_000)).toBe(1);
    expect(c.hit('acct:a', 1000, 10_500, 3)).toBe(4);
    expect(c.peek('acct:a', 1000, 10_900)).toBe(4);
    expect(c.peek('acct:a', 1000, 11_050)).toBe(4); // the oldest bucket counts whole: errs towards refusing
    expect(c.peek('acct:a', 1000, 11_100)).toBe(3);
    expect(c.peek('acct:a', 1000, 11_600)).toBe(0);
    expect(c.peek('acct:b', 1000, 10_000)).toBe(0);
  });

  it('keeps windows of different lengths and keys apart', () => {
    const c = new InProcessWindowCounters();
    c.hit('k', 1000, 0);
    c.hit('k', 60_000, 0);
    c.hit('k', 60_000, 0);
    expect(c.peek('k', 1000, 0)).toBe(1);
    expect(c.peek('k', 60_000, 0)).toBe(2);
    expect(c.peek('k\u0000x', 1000, 0)).toBe(0);
  });

  it('never under-counts the exact sliding window, and over-counts by at most one bucket', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 5000 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 5 })), {
          maxLength: 200,
        }),
        (windowMs, steps) => {
          const c = new InProcessWindowCounters();
          const log: { t: number; n: number }[] = [];
          let t = 1_000_000;
          for (const [dt, n] of steps) {
            t += dt;
            log.push({ t, n });
            const got = c.hit('k', windowMs, t, n);
            const exact = log.filter((e) => e.t > t - windowMs).reduce((s, e) => s + e.n, 0);
            const slack = log
              .filter((e) => e.t > t - windowMs - bucketWidth(windowMs))
              .reduce((s, e) => s + e.n, 0);
            expect(got).toBeGreaterThanOrEqual(exact);
            expect(got).toBeLessThanOrEqual(slack);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stays bounded under many distinct keys once they go idle', () => {
    const c = new InProcessWindowCounters();
    for (let i = 0; i < 20_000; i++) c.hit(`acct:${i}`, 1000, i);
    expect(c.size).toBeLessThan(20_000);
    for (let i = 0; i < 8192; i++) c.hit('acct:hot', 1000, 100_000 + i);
    expect(c.size).toBeLessThanOrEqual(1000 + 2);
  });

  it('takes hostile keys as opaque strings', () => {
    const c = new InProcessWindowCounters();
    for (const k of ['__proto__', 'constructor', '', 'x'.repeat(100_000)]) expect(c.hit(k, 1000, 0)).toBe(1);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

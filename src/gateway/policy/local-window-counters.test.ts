import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../errors/index.js';
import { LocalWindowCounters } from './local-window-counters.js';

describe('LocalWindowCounters', () => {
  it('counts hits within the window and forgets them after it', () => {
    const c = new LocalWindowCounters({ buckets: 10 });
    expect(c.peek('k', 60_000, 0)).toBe(0);
    expect(c.hit('k', 60_000, 1_000)).toBe(1);
    expect(c.hit('k', 60_000, 2_000, 3)).toBe(4);
    expect(c.peek('k', 60_000, 30_000)).toBe(4);
    expect(c.peek('k', 60_000, 200_000)).toBe(0);
    expect(c.hit('k', 60_000, 200_000)).toBe(1);
  });

  it('keeps one series per (key, window) and per key', () => {
    const c = new LocalWindowCounters();
    c.hit('a', 1_000, 0);
    c.hit('a', 60_000, 0);
    c.hit('a', 60_000, 0);
    c.hit('b', 60_000, 0);
    expect([c.peek('a', 1_000, 0), c.peek('a', 60_000, 0), c.peek('b', 60_000, 0)]).toEqual([1, 2, 1]);
    expect(c.size).toBe(3);
  });

  it('ignores hostile costs (negative, NaN, infinite) instead of poisoning the window', () => {
    const c = new LocalWindowCounters();
    for (const cost of [-5, NaN, Infinity, -Infinity]) c.hit('k', 1_000, 0, cost);
    expect(c.hit('k', 1_000, 0)).toBe(1);
  });

  it('refuses a window that is not a positive number of milliseconds', () => {
    const c = new LocalWindowCounters();
    for (const w of [0, -1, NaN, Infinity]) {
      let caught: unknown;
      try {
        c.hit('k', w, 0);
      } catch (err) {
        caught = err;
      }
      expect(isAppError(caught, 'INTERNAL')).toBe(true);
    }
  });

  it('a late caller (time before the newest bucket) reads the window at the newest bucket', () => {
    const c = new LocalWindowCounters({ buckets: 4 });
    c.hit('k', 4_000, 10_000);
    expect(c.hit('k', 4_000, 9_000)).toBe(2);
  });

  it('1M distinct keys keep at most maxKeys series (memory bounded), the newest kept', () => {
    const c = new LocalWindowCounters({ maxKeys: 10_000 });
    for (let i = 0; i < 1_000_000; i++) c.hit(`end-user:acct/${i}`, 60_000, i);
    expect(c.size).toBeLessThanOrEqual(10_000);
    expect(c.size).toBeGreaterThanOrEqual(5_000);
    expect(c.peek('end-user:acct/999999', 60_000, 1_000_000)).toBe(1);
    expect(c.peek('end-user:acct/0', 60_000, 1_000_000)).toBe(0);
  });

  it('a key in use survives a flood of new keys (idle ones go first)', () => {
    const c = new LocalWindowCounters({ maxKeys: 100 });
    for (let i = 0; i < 1_000; i++) {
      c.hit('hot', 60_000, i);
      c.hit(`cold-${i}`, 60_000, i);
    }
    expect(c.peek('hot', 60_000, 1_000)).toBe(1_000);
  });

  it('sweep drops idle series', () => {
    const c = new LocalWindowCounters();
    c.hit('old', 1_000, 0);
    c.hit('new', 1_000, 100_000);
    expect(c.sweep(100_000)).toBe(1);
    expect(c.size).toBe(1);
  });

  it('differential: the sliding total lies between the exact counts over the window shrunk and grown by one sub-bucket', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 10, max: 100_000 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 200 }),
        (buckets, windowMs, steps) => {
          const c = new LocalWindowCounters({ buckets });
          const bucketMs = windowMs / buckets;
          const hits: [number, number][] = [];
          let now = 0;
          for (const [gap, cost] of steps) {
            now += gap;
            const total = c.hit('k', windowMs, now, cost);
            hits.push([now, cost]);
            const exactOver = (from: number) => hits.reduce((s, [t, w]) => (t > from ? s + w : s), 0);
            expect(total).toBeGreaterThanOrEqual(exactOver(now - windowMs + bucketMs) - 1e-9);
            expect(total).toBeLessThanOrEqual(exactOver(now - windowMs - bucketMs) + 1e-9);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

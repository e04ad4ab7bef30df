import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BucketSeries, bucketIndex, bucketWidth, oldestLiveBucket } from './window-buckets.js';

/** What the shared counters answer for one replica: the bucketed sum over the window. */
function windowSum(s: BucketSeries, nowMs: number): number {
  return s.sum(oldestLiveBucket(nowMs, s.windowMs, s.width), bucketIndex(nowMs, s.width));
}

describe('bucketed windows (the shared counters’ arithmetic)', () => {
  it('never under-counts the exact sliding window, and over-counts by at most one bucket', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 5 })), {
          maxLength: 200,
        }),
        (windowMs, steps) => {
          const s = new BucketSeries(windowMs, bucketWidth(windowMs));
          const log: { t: number; n: number }[] = [];
          let t = 1_000_000;
          for (const [dt, n] of steps) {
            t += dt;
            log.push({ t, n });
            s.add(bucketIndex(t, s.width), n);
            const got = windowSum(s, t);
            const exact = log.filter((e) => e.t > t - windowMs).reduce((a, e) => a + e.n, 0);
            const slack = log.filter((e) => e.t > t - windowMs - s.width).reduce((a, e) => a + e.n, 0);
            expect(got).toBeGreaterThanOrEqual(exact);
            expect(got).toBeLessThanOrEqual(slack);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('drops buckets that left the window', () => {
    const s = new BucketSeries(1000, bucketWidth(1000));
    s.add(bucketIndex(0, s.width), 3);
    s.add(bucketIndex(950, s.width), 1);
    expect(windowSum(s, 999)).toBe(4);
    expect(windowSum(s, 1100)).toBe(1);
    expect(s.buckets.size).toBe(1);
  });
});

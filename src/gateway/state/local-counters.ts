import type { WindowCounters } from '../policy/counters.types.js';
import { BucketSeries, bucketIndex, bucketWidth, oldestLiveBucket } from './window-buckets.js';

/** After this many calls, series that have left their window are swept, bounding memory by live keys. */
const sweepEvery = 4096;

/**
 * In-process windowed counters for embedded mode: one bucketed series per (key, window),
 * answered synchronously, swept as keys go idle so memory stays proportional to live keys.
 */
export class InProcessWindowCounters implements WindowCounters {
  private readonly series = new Map<string, BucketSeries>();
  private calls = 0;

  hit(key: string, windowMs: number, nowMs: number, cost = 1): number {
    const s = this.seriesOf(key, windowMs, true)!;
    const i = bucketIndex(nowMs, s.width);
    s.add(i, cost);
    this.maybeSweep(nowMs);
    return s.sum(oldestLiveBucket(nowMs, windowMs, s.width), i);
  }

  peek(key: string, windowMs: number, nowMs: number): number {
    const s = this.seriesOf(key, windowMs, false);
    if (!s) return 0;
    return s.sum(oldestLiveBucket(nowMs, windowMs, s.width), bucketIndex(nowMs, s.width));
  }

  /** Live series count (for tests of memory bounds). */
  get size(): number {
    return this.series.size;
  }

  private seriesOf(key: string, windowMs: number, create: boolean): BucketSeries | undefined {
    const id = `${windowMs}\u0000${key}`;
    let s = this.series.get(id);
    if (!s && create) this.series.set(id, (s = new BucketSeries(windowMs, bucketWidth(windowMs))));
    return s;
  }

  private maybeSweep(nowMs: number): void {
    if (++this.calls % sweepEvery !== 0) return;
    for (const [id, s] of this.series)
      if (s.sum(oldestLiveBucket(nowMs, s.windowMs, s.width), Number.MAX_SAFE_INTEGER) === 0)
        this.series.delete(id);
  }
}

/**
 * Sliding windows approximated by fixed buckets: a window of `windowMs` is split into
 * `bucketsPerWindow` buckets and a total is the sum of every bucket that overlaps the window. The
 * oldest bucket is counted whole, so a total can exceed the exact sliding count by at most one
 * bucket's worth (1/bucketsPerWindow of the window): rate limits err towards refusing, never
 * towards admitting more than asked.
 */
export const bucketsPerWindow = 10;

/** Bucket width for a window (at least 1 ms). */
export function bucketWidth(windowMs: number): number {
  return Math.max(1, Math.floor(windowMs / bucketsPerWindow));
}

/** Index of the bucket holding `nowMs`. Indexes are absolute (epoch-based) so replicas agree on them. */
export function bucketIndex(nowMs: number, width: number): number {
  return Math.floor(nowMs / width);
}

/** The oldest bucket index that still overlaps the window `(nowMs - windowMs, nowMs]` of whole milliseconds. */
export function oldestLiveBucket(nowMs: number, windowMs: number, width: number): number {
  return Math.floor((nowMs - windowMs + 1) / width);
}

/** One counter's buckets: index → count. Old buckets are dropped as they leave the window. */
export class BucketSeries {
  readonly buckets = new Map<number, number>();

  constructor(
    readonly windowMs: number,
    readonly width: number,
  ) {}

  add(index: number, cost: number): void {
    this.buckets.set(index, (this.buckets.get(index) ?? 0) + cost);
  }

  /** Sum of buckets within [oldest, newest]; drops buckets older than `oldest`. */
  sum(oldest: number, newest: number): number {
    let total = 0;
    for (const [i, n] of this.buckets) {
      if (i < oldest) this.buckets.delete(i);
      else if (i <= newest) total += n;
    }
    return total;
  }
}

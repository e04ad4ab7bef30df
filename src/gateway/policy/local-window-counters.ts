import type { WindowCounters } from './counters.types.js';

export interface LocalWindowCountersOptions {
  /** Most (key, window) series kept; the least recently used is dropped beyond it. Default 200,000. */
  maxKeys?: number;
  /** Sub-buckets per window: more is smoother and costs memory. Default 12. */
  buckets?: number;
}

interface Series {
  counts: Float64Array;
  /** Absolute number of the newest bucket written (`floor(nowMs / bucketMs)`). */
  head: number;
  bucketMs: number;
  /** Last time the series changed; a series idle for a whole window holds nothing. */
  lastMs: number;
}

/**
 * Windowed counters held in process (embedded mode, and each replica's local view in scale-out
 * mode). A sliding window approximated by fixed sub-buckets: the window is `buckets` slices
 * plus the slice it started in, whose count is weighted by the part still inside the window, so
 * the error is bounded by one slice's share of uneven traffic.
 *
 * Memory is bounded: at most `maxKeys` series, evicted least recently used first (a `Map`
 * keeps insertion order; a touched series is moved to the end). A flood of distinct keys (one
 * end user id per request) therefore forgets the oldest idle series instead of growing — the
 * price is that a series evicted while still active restarts from zero, which a limit wide
 * enough for `maxKeys` active callers never sees.
 */
export class LocalWindowCounters implements WindowCounters {
  private readonly series = new Map<string, Series>();
  private readonly maxKeys: number;
  private readonly buckets: number;

  constructor(options: LocalWindowCountersOptions = {}) {
    this.maxKeys = Math.max(1, Math.floor(options.maxKeys ?? 200_000));
    this.buckets = Math.max(1, Math.floor(options.buckets ?? 12));
  }

  /** Series currently held (for tests and metrics). */
  get size(): number {
    return this.series.size;
  }

  hit(key: string, windowMs: number, nowMs: number, cost = 1): number {
    const id = this.idOf(key, windowMs);
    let s = this.series.get(id);
    if (s) this.series.delete(id);
    else {
      if (this.series.size >= this.maxKeys) this.evictOne();
      const bucketMs = windowMs / this.buckets;
      s = { counts: new Float64Array(this.buckets + 1), head: Math.floor(nowMs / bucketMs), bucketMs, lastMs: nowMs };
    }
    this.series.set(id, s);
    this.advance(s, nowMs);
    // Negative, NaN or infinite costs would poison the sums for the whole window.
    const c = Number.isFinite(cost) && cost > 0 ? cost : 0;
    const slot = mod(s.head, s.counts.length);
    s.counts[slot] = (s.counts[slot] as number) + c;
    s.lastMs = Math.max(s.lastMs, nowMs);
    return this.total(s, nowMs);
  }

  peek(key: string, windowMs: number, nowMs: number): number {
    const s = this.series.get(this.idOf(key, windowMs));
    if (!s) return 0;
    return this.total(s, nowMs);
  }

  /** Drops every series idle for longer than its window (they count nothing). Returns how many. */
  sweep(nowMs: number): number {
    let n = 0;
    for (const [id, s] of this.series)
      if (nowMs - s.lastMs > s.bucketMs * (this.buckets + 1)) {
        this.series.delete(id);
        n++;
      }
    return n;
  }

  private idOf(key: string, windowMs: number): string {
    if (!(windowMs > 0) || !Number.isFinite(windowMs)) throw new RangeError(`windowMs must be a positive number of milliseconds, got ${windowMs}`);
    return `${windowMs}\u0000${key}`;
  }

  /** The oldest series goes first: with LRU order it is the least recently used. */
  private evictOne(): void {
    const first = this.series.keys().next();
    if (!first.done) this.series.delete(first.value);
  }

  /** Moves the head to `nowMs`'s bucket, zeroing the slices that slid out of the window. */
  private advance(s: Series, nowMs: number): void {
    const at = Math.floor(nowMs / s.bucketMs);
    if (at <= s.head) return;
    const n = s.counts.length;
    if (at - s.head >= n) s.counts.fill(0);
    else for (let b = s.head + 1; b <= at; b++) s.counts[mod(b, n)] = 0;
    s.head = at;
  }

  /**
   * The sum over the window ending at `nowMs`, read without changing the series: slices newer
   * than the window's start count whole, the slice the window starts in by its share inside.
   * A `nowMs` earlier than the head (a late caller) reads the window at the head.
   */
  private total(s: Series, nowMs: number): number {
    const at = Math.max(Math.floor(nowMs / s.bucketMs), s.head);
    const n = s.counts.length;
    const k = this.buckets;
    let sum = 0;
    // Buckets at-k+1 … at are entirely within (nowMs - window, nowMs] except the newest's future part.
    for (let b = at - k + 1; b <= at; b++) if (b <= s.head && b > s.head - n) sum += s.counts[mod(b, n)] as number;
    const oldest = at - k;
    if (oldest <= s.head && oldest > s.head - n) {
      const frac = (Math.max(nowMs, at * s.bucketMs) - at * s.bucketMs) / s.bucketMs;
      sum += (s.counts[mod(oldest, n)] as number) * (1 - frac);
    }
    return sum;
  }
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

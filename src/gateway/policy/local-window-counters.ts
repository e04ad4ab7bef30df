import { AppError } from '../../errors/index.js';
import type { WindowCounters } from './counters.types.js';

export interface LocalWindowCountersOptions {
  /** Most (key, window) series kept; those idle longest are dropped beyond it. Default 200,000. */
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
 * Memory is bounded: at most `maxKeys` series, kept in two generations. New and touched series
 * live in the young map; when it holds half the budget, the old map is dropped and the young one
 * becomes old. A series touched within the last generation survives (a hit on an old one moves
 * it to the young map), so a flood of distinct keys (one end user id per request) forgets idle
 * series instead of growing. The price: a series idle for a whole generation restarts from
 * zero, which a budget wide enough for the active callers never shows. Two plain maps instead
 * of an ordered LRU: no per-hit reordering, and no tombstones to skip on eviction.
 */
export class LocalWindowCounters implements WindowCounters {
  private young = new Map<string, Series>();
  private old = new Map<string, Series>();
  private readonly generation: number;
  private readonly buckets: number;

  constructor(options: LocalWindowCountersOptions = {}) {
    this.generation = Math.max(1, Math.floor((options.maxKeys ?? 200_000) / 2));
    this.buckets = Math.max(1, Math.floor(options.buckets ?? 12));
  }

  /** Series currently held (for tests and metrics); never more than `maxKeys`. */
  get size(): number {
    return this.young.size + this.old.size;
  }

  hit(key: string, windowMs: number, nowMs: number, cost = 1): number {
    const id = this.idOf(key, windowMs);
    let s = this.young.get(id);
    if (!s) {
      s = this.old.get(id);
      if (s) this.old.delete(id);
      else {
        const bucketMs = windowMs / this.buckets;
        s = { counts: new Float64Array(this.buckets + 1), head: Math.floor(nowMs / bucketMs), bucketMs, lastMs: nowMs };
      }
      if (this.young.size >= this.generation) {
        this.old = this.young;
        this.young = new Map();
      }
      this.young.set(id, s);
    }
    this.advance(s, nowMs);
    // Negative, NaN or infinite costs would poison the sums for the whole window.
    const c = Number.isFinite(cost) && cost > 0 ? cost : 0;
    const slot = mod(s.head, s.counts.length);
    s.counts[slot] = (s.counts[slot] as number) + c;
    s.lastMs = Math.max(s.lastMs, nowMs);
    return this.total(s, nowMs);
  }

  peek(key: string, windowMs: number, nowMs: number): number {
    const id = this.idOf(key, windowMs);
    const s = this.young.get(id) ?? this.old.get(id);
    if (!s) return 0;
    return this.total(s, nowMs);
  }

  /** Drops every series idle for longer than its window (they count nothing). Returns how many. */
  sweep(nowMs: number): number {
    let n = 0;
    for (const m of [this.young, this.old])
      for (const [id, s] of m)
        if (nowMs - s.lastMs > s.bucketMs * (this.buckets + 1)) {
          m.delete(id);
          n++;
        }
    return n;
  }

  private idOf(key: string, windowMs: number): string {
    if (!(windowMs > 0) || !Number.isFinite(windowMs)) throw new AppError('INTERNAL', `windowMs must be a positive number of milliseconds, got ${windowMs}`);
    return `${windowMs}\u0000${key}`;
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

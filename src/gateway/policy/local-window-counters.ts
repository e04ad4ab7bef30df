import { AppError } from '../../errors/index.js';
import type { WindowCounters } from './counters.types.js';

export interface LocalWindowCountersOptions {
  /** Most (key, window) series kept; those idle longest are dropped beyond it. Default 200,000. */
  maxKeys?: number;
  /** Sub-buckets per window: more is smoother and costs memory. Default 12. */
  buckets?: number;
}

/** Per series in the slab: head bucket number, bucket width (ms), last write (ms), then the counts. */
const HEAD = 0;
const WIDTH = 1;
const LAST = 2;
const COUNTS = 3;

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
 *
 * The series themselves live in one growing Float64Array (a slot per series, reused through a
 * free list), so a new key costs a map entry and no allocation the collector has to trace.
 */
export class LocalWindowCounters implements WindowCounters {
  private young = new Map<string, number>();
  private old = new Map<string, number>();
  private readonly generation: number;
  private readonly buckets: number;
  private readonly stride: number;
  private slab: Float64Array;
  private slots = 0;
  private free: number[] = [];

  constructor(options: LocalWindowCountersOptions = {}) {
    this.generation = Math.max(1, Math.floor((options.maxKeys ?? 200_000) / 2));
    this.buckets = Math.max(1, Math.floor(options.buckets ?? 12));
    this.stride = COUNTS + this.buckets + 1;
    this.slab = new Float64Array(this.stride * Math.min(1024, this.generation * 2));
  }

  /** Series currently held (for tests and metrics); never more than `maxKeys`. */
  get size(): number {
    return this.young.size + this.old.size;
  }

  hit(key: string, windowMs: number, nowMs: number, cost = 1): number {
    const id = this.idOf(key, windowMs);
    let at = this.young.get(id);
    if (at === undefined) {
      at = this.old.get(id);
      if (at !== undefined) this.old.delete(id);
      if (this.young.size >= this.generation) this.rotate();
      if (at === undefined) at = this.allocate(windowMs / this.buckets, nowMs);
      this.young.set(id, at);
    }
    const s = this.slab;
    this.advance(at, nowMs);
    // Negative, NaN or infinite costs would poison the sums for the whole window.
    const c = Number.isFinite(cost) && cost > 0 ? cost : 0;
    const slot = at + COUNTS + mod(s[at + HEAD] as number, this.buckets + 1);
    s[slot] = (s[slot] as number) + c;
    if (nowMs > (s[at + LAST] as number)) s[at + LAST] = nowMs;
    return this.total(at, nowMs);
  }

  peek(key: string, windowMs: number, nowMs: number): number {
    const id = this.idOf(key, windowMs);
    const at = this.young.get(id) ?? this.old.get(id);
    return at === undefined ? 0 : this.total(at, nowMs);
  }

  /** Drops every series idle for longer than its window (they count nothing). Returns how many. */
  sweep(nowMs: number): number {
    let n = 0;
    const s = this.slab;
    for (const m of [this.young, this.old])
      for (const [id, at] of m)
        if (nowMs - (s[at + LAST] as number) > (s[at + WIDTH] as number) * (this.buckets + 1)) {
          m.delete(id);
          this.free.push(at);
          n++;
        }
    return n;
  }

  private idOf(key: string, windowMs: number): string {
    if (!(windowMs > 0) || !Number.isFinite(windowMs)) throw new AppError('INTERNAL', `windowMs must be a positive number of milliseconds, got ${windowMs}`);
    return `${windowMs}\u0000${key}`;
  }

  /** The old generation is forgotten: its slots go back to the free list. */
  private rotate(): void {
    for (const at of this.old.values()) this.free.push(at);
    this.old = this.young;
    this.young = new Map();
  }

  private allocate(widthMs: number, nowMs: number): number {
    let at = this.free.pop();
    if (at === undefined) {
      at = this.slots * this.stride;
      this.slots++;
      if (at + this.stride > this.slab.length) {
        const grown = new Float64Array(Math.min(this.slab.length * 2, this.stride * this.generation * 2 + this.stride));
        grown.set(this.slab);
        this.slab = grown;
      }
    }
    const s = this.slab;
    s.fill(0, at, at + this.stride);
    s[at + HEAD] = Math.floor(nowMs / widthMs);
    s[at + WIDTH] = widthMs;
    s[at + LAST] = nowMs;
    return at;
  }

  /** Moves the head to `nowMs`'s bucket, zeroing the slices that slid out of the window. */
  private advance(at: number, nowMs: number): void {
    const s = this.slab;
    const head = s[at + HEAD] as number;
    const to = Math.floor(nowMs / (s[at + WIDTH] as number));
    if (to <= head) return;
    const n = this.buckets + 1;
    if (to - head >= n) s.fill(0, at + COUNTS, at + COUNTS + n);
    else for (let b = head + 1; b <= to; b++) s[at + COUNTS + mod(b, n)] = 0;
    s[at + HEAD] = to;
  }

  /**
   * The sum over the window ending at `nowMs`, read without changing the series: slices newer
   * than the window's start count whole, the slice the window starts in by its share inside.
   * A `nowMs` earlier than the head (a late caller) reads the window at the head.
   */
  private total(at: number, nowMs: number): number {
    const s = this.slab;
    const head = s[at + HEAD] as number;
    const width = s[at + WIDTH] as number;
    const to = Math.max(Math.floor(nowMs / width), head);
    const n = this.buckets + 1;
    const k = this.buckets;
    let sum = 0;
    // Buckets to-k+1 … to lie inside (nowMs - window, nowMs]; only those still held (> head - n) count.
    for (let b = to - k + 1; b <= to; b++) if (b <= head && b > head - n) sum += s[at + COUNTS + mod(b, n)] as number;
    const oldest = to - k;
    if (oldest <= head && oldest > head - n) {
      const frac = (Math.max(nowMs, to * width) - to * width) / width;
      sum += (s[at + COUNTS + mod(oldest, n)] as number) * (1 - frac);
    }
    return sum;
  }
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

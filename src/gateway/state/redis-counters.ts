import { Redis } from 'ioredis';
import type { Logger } from '../../observability/index.js';
import type { WindowCounters } from '../policy/index.js';
import { redisRetryStrategy } from './redis-bus.js';
import { ThrottledLog } from './throttled-log.js';
import { BucketSeries, bucketIndex, bucketWidth, oldestLiveBucket } from './window-buckets.js';

export interface RedisWindowCountersOptions {
  redisUrl: string;
  logger: Logger;
  keyPrefix?: string;
  /** How often local counts are pushed and the other replicas' totals pulled. */
  syncIntervalMs?: number;
  now: () => number;
}

/** Idle series are swept, and every bucket of every live series re-read, about once a second at the default sync interval. */
const sweepEveryTicks = 100;
/** Every tenth tick pulls every live series, not only the ones used since the last tick. */
const fullPullEveryTicks = 10;
/**
 * A bucket that ended this long ago is settled: every replica pushed its share within a sync
 * interval and a round trip of the bucket's end, so re-reading it would return what was read.
 * Ticks read only unsettled buckets (one or two per series, not the window's ten); the pass
 * every `sweepEveryTicks` re-reads them all, for shares pushed late after a Redis outage.
 */
const settleMs = 1000;

/** What one sync reads: series used since the last tick, every live series, or every bucket of every series. */
type SyncScope = 'touched' | 'live' | 'all';

/**
 * Adds each delta to its bucket key and sets the expiry the first time this replica adds to it:
 * one command per sync instead of one or two per bucket (ioredis builds an object per command;
 * at 1,000 requests/s over a hundred accounts that was hundreds of commands every 10 ms).
 * KEYS: bucket keys; ARGV: delta and expiry (ms, 0 for none) per key, in order.
 */
const addScript = `for i = 1, #KEYS do
  redis.call('INCRBY', KEYS[i], ARGV[2 * i - 1])
  local ttl = tonumber(ARGV[2 * i])
  if ttl > 0 then redis.call('PEXPIRE', KEYS[i], ttl) end
end
return #KEYS`;

/** The pipeline with the counters' script defined on it (ioredis `defineCommand`). */
type CounterPipeline = ReturnType<Redis['pipeline']> & {
  wardenCounterAdd(numKeys: number, ...keysAndArgs: (string | number)[]): unknown;
};

interface Series {
  key: string;
  windowMs: number;
  width: number;
  /** Everything this replica counted, flushed or not: answered locally, never waits for Redis. */
  own: BucketSeries;
  /** Counted here, not yet added to Redis. */
  unflushed: Map<number, number>;
  /** Added to Redis by this replica, per bucket: subtracted from Redis's total to get the others' share. */
  flushedOwn: Map<number, number>;
  /** The other replicas' counts per bucket as last pulled. */
  others: Map<number, number>;
  lastUsedMs: number;
  /** False until the first successful pull, which reads every live bucket. */
  pulled: boolean;
}

/**
 * Windowed counters shared by every replica through Redis, without a round trip on the request
 * path. `hit` and `peek` answer synchronously from this replica's own counts plus the other
 * replicas' counts as last pulled; every `syncIntervalMs` a background tick adds the local
 * deltas to per-bucket Redis keys (INCRBY, expiring with the window) and reads back each live
 * bucket's cluster total (MGET) in one pipeline.
 *
 * Consistency: a replica's view of the others lags by at most one of their ticks plus one of its
 * own plus a round trip. Within a window with limit L, the cluster therefore admits at most L
 * plus what the other replicas admitted during that lag (see docs/gateway-scale-out.md). While
 * Redis is unreachable each replica keeps counting locally (its own limit still holds) and
 * pushes the deltas it kept once Redis is back, if their buckets are still in the window.
 */
export class RedisWindowCounters implements WindowCounters {
  private readonly series = new Map<string, Series>();
  private readonly dirty = new Set<Series>();
  private readonly touched = new Set<Series>();
  private ticks = 0;
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly timer: NodeJS.Timeout;
  private readonly errors: ThrottledLog;
  private inFlight: Promise<void> | undefined;
  private closed = false;
  /** Resolves on the first connection to Redis (counting works before it, locally). */
  readonly connected: Promise<void>;

  constructor(private readonly options: RedisWindowCountersOptions) {
    this.prefix = `${options.keyPrefix ?? 'warden:'}ctr:`;
    this.redis = new Redis(options.redisUrl, {
      retryStrategy: redisRetryStrategy,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    this.errors = new ThrottledLog(
      options.logger,
      'error',
      'shared counters: Redis unreachable, counting locally',
    );
    this.redis.on('error', (err: Error) => this.errors.note({ err: err.message }));
    this.redis.defineCommand('wardenCounterAdd', { lua: addScript });
    this.connected = new Promise((resolve) => this.redis.once('ready', () => resolve()));
    this.timer = setInterval(
      () =>
        void this.runExclusive(
          this.ticks % sweepEveryTicks === 0
            ? 'all'
            : this.ticks % fullPullEveryTicks === 0
              ? 'live'
              : 'touched',
        ),
      options.syncIntervalMs ?? 10,
    );
    this.timer.unref();
  }

  hit(key: string, windowMs: number, nowMs: number, cost = 1): number {
    const s = this.seriesOf(key, windowMs);
    const i = bucketIndex(nowMs, s.width);
    s.own.add(i, cost);
    s.unflushed.set(i, (s.unflushed.get(i) ?? 0) + cost);
    this.dirty.add(s);
    return this.total(s, nowMs);
  }

  peek(key: string, windowMs: number, nowMs: number): number {
    return this.total(this.seriesOf(key, windowMs), nowMs);
  }

  private seriesOf(key: string, windowMs: number): Series {
    const id = `${windowMs}\u0000${key}`;
    let s = this.series.get(id);
    if (!s) {
      const width = bucketWidth(windowMs);
      s = {
        key,
        windowMs,
        width,
        own: new BucketSeries(windowMs, width),
        unflushed: new Map(),
        flushedOwn: new Map(),
        others: new Map(),
        lastUsedMs: 0,
        pulled: false,
      };
      this.series.set(id, s);
    }
    return s;
  }

  private total(s: Series, nowMs: number): number {
    s.lastUsedMs = Math.max(s.lastUsedMs, nowMs);
    this.touched.add(s);
    const newest = bucketIndex(nowMs, s.width);
    const oldest = oldestLiveBucket(nowMs, s.windowMs, s.width);
    let total = s.own.sum(oldest, newest);
    for (const [i, n] of s.others) {
      if (i < oldest) s.others.delete(i);
      else if (i <= newest) total += n;
    }
    return total;
  }

  private redisKey(s: Series, bucket: number): string {
    return `${this.prefix}${s.windowMs}:${bucket}:${s.key}`;
  }

  /**
   * Pushes local deltas and pulls the cluster's totals now; resolves when done (or failed, which
   * is logged). The background tick calls it; tests call it to reach a known state.
   */
  sync(): Promise<void> {
    return this.runExclusive('all');
  }

  private runExclusive(scope: SyncScope): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.inFlight) return this.inFlight;
    this.inFlight = this.runSync(scope).finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /**
   * Pushes this replica's new counts (INCRBY per bucket, the expiry set by the first push) and
   * reads back the cluster's totals of the buckets that can still change, all in one pipeline
   * with a single MGET. `scope` says which series (see `SyncScope`); `all` reads every bucket.
   */
  private async runSync(scope: SyncScope): Promise<void> {
    // Not connected: keep every count for later rather than fail each command of the pipeline.
    if (this.redis.status !== 'ready') return;
    const now = this.options.now();
    if (++this.ticks % sweepEveryTicks === 0) this.sweep(now);
    const due =
      scope === 'touched' ? new Set([...this.dirty, ...this.touched]) : new Set(this.series.values());
    this.dirty.clear();
    this.touched.clear();
    if (due.size === 0) return;
    const pipeline = this.redis.pipeline() as CounterPipeline;
    const mgetKeys: string[] = [];
    const addKeys: string[] = [];
    const addArgs: number[] = [];
    const plan: {
      s: Series;
      sent: { b: number; d: number }[];
      first: number;
      count: number;
    }[] = [];
    for (const s of due) {
      const oldest = oldestLiveBucket(now, s.windowMs, s.width);
      const newest = bucketIndex(now, s.width);
      const sent: { b: number; d: number }[] = [];
      for (const [b, d] of s.unflushed) {
        if (b < oldest) continue;
        addKeys.push(this.redisKey(s, b));
        // The expiry is set once, by the replica that first adds to the bucket from here.
        addArgs.push(d, s.flushedOwn.has(b) ? 0 : s.windowMs + 2 * s.width);
        sent.push({ b, d });
      }
      s.unflushed.clear();
      // Buckets that ended more than settleMs ago hold what was last read of them.
      const from =
        scope === 'all' || !s.pulled ? oldest : Math.max(oldest, Math.floor((now - settleMs) / s.width));
      for (let b = from; b <= newest; b++) mgetKeys.push(this.redisKey(s, b));
      plan.push({ s, sent, first: from, count: newest - from + 1 });
    }
    if (addKeys.length > 0) pipeline.wardenCounterAdd(addKeys.length, ...addKeys, ...addArgs);
    if (mgetKeys.length > 0) pipeline.mget(mgetKeys);
    let results: [Error | null, unknown][] | null;
    try {
      results = await pipeline.exec();
    } catch (err) {
      results = null;
      this.errors.note({ err: (err as Error).message });
    }
    // A failed add is retried next tick; if it did reach Redis the retry counts twice, which
    // errs towards refusing, the safe side for a rate limit.
    const added = addKeys.length > 0 && results?.[0]?.[0] === null;
    for (const { s, sent } of plan) {
      for (const { b, d } of sent) {
        if (added) s.flushedOwn.set(b, (s.flushedOwn.get(b) ?? 0) + d);
        else {
          s.unflushed.set(b, (s.unflushed.get(b) ?? 0) + d);
          this.dirty.add(s);
        }
      }
    }
    const mget = results?.[addKeys.length > 0 ? 1 : 0];
    const values =
      mget && mget[0] === null && Array.isArray(mget[1]) ? (mget[1] as (string | null)[]) : undefined;
    let k = 0;
    for (const { s, first, count } of plan) {
      if (!values) {
        this.touched.add(s);
        continue;
      }
      for (let b = first; b < first + count; b++) {
        const others = Number(values[k++] ?? 0) - (s.flushedOwn.get(b) ?? 0);
        if (others > 0) s.others.set(b, others);
        else s.others.delete(b);
      }
      s.pulled = true;
      const oldest = oldestLiveBucket(now, s.windowMs, s.width);
      for (const b of s.flushedOwn.keys()) if (b < oldest) s.flushedOwn.delete(b);
    }
  }

  /** Forgets series idle for a whole window with nothing left to push: memory follows live keys. */
  private sweep(now: number): void {
    for (const [id, s] of this.series)
      if (s.lastUsedMs < now - s.windowMs && s.unflushed.size === 0 && !this.dirty.has(s))
        this.series.delete(id);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.inFlight;
    this.closed = true;
    this.redis.disconnect();
  }
}

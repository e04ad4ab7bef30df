/**
 * Windowed counters for rate limits and velocity rules. Synchronous on purpose: the request path
 * must not wait on a network round trip, so the Redis-backed implementation answers from its
 * local view and merges the other replicas' counts in the background (its documented lag is the
 * price of a sub-millisecond decision). Keys are opaque (`acct:<id>`, `org:<id>`, `eu:<id>`…).
 */
export interface WindowCounters {
  /** Adds `cost` (default 1) at `nowMs` and returns the total within the last `windowMs`, this hit included. */
  hit(key: string, windowMs: number, nowMs: number, cost?: number): number;
  /** The total within the last `windowMs` without adding to it. */
  peek(key: string, windowMs: number, nowMs: number): number;
}

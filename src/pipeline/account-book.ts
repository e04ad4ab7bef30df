import { Column } from '../linkage/index.js';
import type { IntelHit } from './ports.js';

/** An enforcement the provider recorded (`account.enforced`). */
export interface EnforcementRecord {
  action: 'warn' | 'suspend' | 'terminate' | 'reinstate';
  timeMs: number;
  eventId: string;
  reason?: string;
}

/** An intel hit with the event that produced it. */
export interface AccountIntelHit extends IntelHit {
  eventId: string;
  timeMs: number;
}

/** A request the content port scored high, kept as evidence (a few per account). */
export interface ContentExample {
  eventId: string;
  score: number;
  ttp: string | null;
  tactic: string | null;
}

const MAX_EXAMPLES = 5;
const MAX_HITS = 20;

/**
 * Per-account behaviour, folded in event by event in any order (sums, minima, maxima, counts),
 * so out-of-order and incremental input give the same totals. Dense numeric facts sit in typed
 * columns indexed by the linkage graph's account id; rare facts (enforcement, intel hits,
 * content TTPs) sit in sparse maps so a million quiet accounts cost a few dozen bytes each.
 */
export class AccountBook {
  readonly firstMs = new Column((n) => new Float64Array(n));
  readonly lastMs = new Column((n) => new Float64Array(n));
  readonly createdMs = new Column((n) => new Float64Array(n));
  readonly events = new Column((n) => new Uint32Array(n));
  readonly requests = new Column((n) => new Uint32Array(n));
  readonly refusals = new Column((n) => new Uint32Array(n));
  /** 24 UTC-hour request counts per account. */
  readonly hours = new Column((n) => new Uint32Array(n), 24 * 1024);
  readonly contentHits = new Column((n) => new Uint32Array(n));
  readonly locale = new Map<number, string>();
  readonly enforcement = new Map<number, EnforcementRecord[]>();
  readonly intel = new Map<number, AccountIntelHit[]>();
  readonly ttps = new Map<number, Map<string, number>>();
  readonly tactics = new Map<number, Map<string, number>>();
  readonly languages = new Map<number, Map<string, number>>();
  readonly examples = new Map<number, ContentExample[]>();
  /** Highest content scores per account (up to 5, descending). */
  readonly topScores = new Map<number, number[]>();

  get size(): number {
    return this.firstMs.length;
  }

  /** Makes room for account ids up to `id` (ids are dense and arrive in order). */
  ensure(id: number): void {
    while (this.firstMs.length <= id) {
      this.firstMs.push(Infinity);
      this.lastMs.push(-Infinity);
      this.createdMs.push(NaN);
      this.events.push(0);
      this.requests.push(0);
      this.refusals.push(0);
      this.contentHits.push(0);
      for (let h = 0; h < 24; h++) this.hours.push(0);
    }
  }

  seen(id: number, timeMs: number): void {
    this.events.data[id]!++;
    if (timeMs < this.firstMs.data[id]!) this.firstMs.data[id] = timeMs;
    if (timeMs > this.lastMs.data[id]!) this.lastMs.data[id] = timeMs;
  }

  created(id: number, timeMs: number): void {
    const c = this.createdMs.data[id]!;
    if (Number.isNaN(c) || timeMs < c) this.createdMs.data[id] = timeMs;
  }

  request(id: number, timeMs: number, refused: boolean): void {
    this.requests.data[id]!++;
    if (refused) this.refusals.data[id]!++;
    // UTC hour by arithmetic (no Date per event); leap seconds do not exist in epoch ms.
    this.hours.data[id * 24 + (((Math.floor(timeMs / 3_600_000) % 24) + 24) % 24)]!++;
  }

  enforce(id: number, rec: EnforcementRecord): void {
    const list = this.enforcement.get(id) ?? [];
    list.push(rec);
    this.enforcement.set(id, list);
  }

  intelHit(id: number, hit: AccountIntelHit): void {
    const list = this.intel.get(id) ?? [];
    if (
      list.length >= MAX_HITS ||
      list.some((h) => h.indicatorId === hit.indicatorId && h.value === hit.value)
    )
      return;
    list.push(hit);
    this.intel.set(id, list);
  }

  content(id: number, ex: ContentExample, language: string | undefined, hitThreshold: number): void {
    if (ex.score >= hitThreshold) {
      this.contentHits.data[id]!++;
      const list = this.examples.get(id) ?? [];
      if (list.length < MAX_EXAMPLES) list.push(ex);
      this.examples.set(id, list);
    }
    const top = this.topScores.get(id) ?? [];
    if (top.length < 5 || ex.score > top[top.length - 1]!) {
      top.push(ex.score);
      top.sort((a, b) => b - a);
      if (top.length > 5) top.pop();
      this.topScores.set(id, top);
    }
    if (ex.ttp && ex.score >= 0.3) bump(this.ttps, id, ex.ttp);
    if (ex.tactic && ex.score >= 0.3) bump(this.tactics, id, ex.tactic);
    if (language) bump(this.languages, id, language);
  }

  /** The action in force after all enforcement events, by event time (reinstate undoes). */
  actioned(id: number): EnforcementRecord | undefined {
    const list = this.enforcement.get(id);
    if (!list) return undefined;
    let current: EnforcementRecord | undefined;
    for (const r of [...list].sort((a, b) => a.timeMs - b.timeMs)) {
      if (r.action === 'terminate' || r.action === 'suspend') current ??= r;
      else if (r.action === 'reinstate') current = undefined;
    }
    return current;
  }

  hourHistogram(id: number): Uint32Array {
    return this.hours.data.subarray(id * 24, id * 24 + 24);
  }
}

function bump(m: Map<number, Map<string, number>>, id: number, key: string): void {
  let inner = m.get(id);
  if (!inner) m.set(id, (inner = new Map<string, number>()));
  inner.set(key, (inner.get(key) ?? 0) + 1);
}

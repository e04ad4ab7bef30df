import { Column, Interner } from './interner.js';
import { PairMap } from './pair-map.js';
import { defaultKindPolicies, linkKinds, specificity, type KindPolicy, type LinkKind } from './kinds.js';
import { hamming64, simhash64, simhashBand } from './simhash.js';

/** Tells whether a value is on a warninglist (a VPN range, a webmail domain…): its list's name. */
export type WarninglistCheck = (kind: LinkKind, value: string) => string | undefined;

/** Options of the entity graph; every field has a default in {@link defaultLinkageOptions}. */
export interface LinkageOptions {
  policies: Readonly<Record<LinkKind, KindPolicy>>;
  /**
   * A value shared by more accounts than this is a hub: it never produces pairwise edges (its
   * specificity is near zero anyway) so a value on 500k accounts costs O(500k), not O(500k²).
   */
  hubCap: number;
  /** Contributions lighter than this are dropped rather than stored. */
  minContribution: number;
  /** Distinct prompt fingerprints kept per account (the first ones seen). */
  maxPromptsPerAccount: number;
  /** Largest Hamming distance (of 64 bits) at which two prompts count as the same. */
  promptMaxHamming: number;
  warninglist?: WarninglistCheck;
}

export const defaultLinkageOptions: LinkageOptions = {
  policies: defaultKindPolicies,
  hubCap: 64,
  minContribution: 0.05,
  maxPromptsPerAccount: 8,
  promptMaxHamming: 3,
};

const kindIndex = new Map<LinkKind, number>(linkKinds.map((k, i) => [k, i]));

/**
 * Distinct values, one id space across kinds: a map per kind (no key concatenation per event,
 * which at 10M events was the largest source of garbage) and columns of text and kind.
 */
export class ValueTable {
  private readonly maps: Map<string, number>[] = linkKinds.map(() => new Map<string, number>());
  private readonly texts: string[] = [];
  private readonly kinds = new Column((n) => new Uint32Array(n));

  get size(): number {
    return this.texts.length;
  }

  intern(kind: number, value: string): number {
    const m = this.maps[kind]!;
    let v = m.get(value);
    if (v === undefined) {
      v = this.texts.length;
      m.set(value, v);
      this.texts.push(value);
      this.kinds.push(kind);
    }
    return v;
  }

  find(kind: number, value: string): number {
    return this.maps[kind]?.get(value) ?? -1;
  }

  text(v: number): string {
    return this.texts[v]!;
  }

  kind(v: number): number {
    return this.kinds.data[v]!;
  }
}
/** Keys pack (a, b) or (account, value) as a·2^26 + b, exact in a double while both < 2^26. */
const PACK = 2 ** 26;

/** One weighted edge between two accounts; evidence is its strongest shared value. */
export interface EdgeView {
  a: number;
  b: number;
  weight: number;
  /** Value id of the heaviest contribution. */
  bestValue: number;
  bestWeight: number;
  contributions: number;
}

/** Counts that show the hub cap and warninglists at work. */
export interface LinkageStats {
  accounts: number;
  values: number;
  observations: number;
  edges: number;
  hubsSkipped: number;
  largestHub: number;
  warninglisted: number;
  pairsConsidered: number;
}

/**
 * The account–value graph, held as typed columns over interned ids. Feed it observations in any
 * time order (first/last use per account and value are kept), then {@link buildEdges}. Folding
 * new events in is the same `observe` call followed by a rebuild of the edges, which costs far
 * less than re-reading history (see bench/analyze-incremental.ts).
 */
export class LinkageGraph {
  readonly accounts = new Interner();
  readonly values = new ValueTable();
  private readonly obsIndex = new PairMap(1 << 16);
  private readonly obsAccount = new Column((n) => new Uint32Array(n));
  private readonly obsValue = new Column((n) => new Uint32Array(n));
  private readonly obsFirst = new Column((n) => new Float64Array(n));
  private readonly obsLast = new Column((n) => new Float64Array(n));
  private readonly prompts: (number[] | undefined)[] = [];

  private edgeIndex = new PairMap(1 << 10);
  private eA = new Column((n) => new Uint32Array(n));
  private eB = new Column((n) => new Uint32Array(n));
  private eLog = new Column((n) => new Float64Array(n));
  private eBestValue = new Column((n) => new Uint32Array(n));
  private eBestW = new Column((n) => new Float32Array(n));
  private eCount = new Column((n) => new Uint32Array(n));
  private byValueStart: Uint32Array = new Uint32Array(1);
  private byValueObs: Uint32Array = new Uint32Array(0);
  private byAccountStart: Uint32Array = new Uint32Array(1);
  private byAccountObs: Uint32Array = new Uint32Array(0);
  stats: LinkageStats = {
    accounts: 0,
    values: 0,
    observations: 0,
    edges: 0,
    hubsSkipped: 0,
    largestHub: 0,
    warninglisted: 0,
    pairsConsidered: 0,
  };

  constructor(readonly options: LinkageOptions = defaultLinkageOptions) {}

  /** The dense id of an account, interning it on first sight. */
  accountId(account: string): number {
    const id = this.accounts.intern(account);
    if (id >= PACK) throw new RangeError(`more than ${PACK} accounts in one graph`);
    return id;
  }

  /** Records that `account` used `value` (of `kind`) at `timeMs`. */
  observe(account: number, kind: LinkKind, value: string, timeMs: number): void {
    const v = this.values.intern(kindIndex.get(kind)!, value);
    if (v >= PACK) throw new RangeError(`more than ${PACK} distinct values in one graph`);
    const packed = account * PACK + v;
    const o = this.obsIndex.get(packed);
    if (o < 0) {
      this.obsIndex.set(packed, this.obsAccount.length);
      this.obsAccount.push(account);
      this.obsValue.push(v);
      this.obsFirst.push(timeMs);
      this.obsLast.push(timeMs);
      return;
    }
    if (timeMs < this.obsFirst.data[o]!) this.obsFirst.data[o] = timeMs;
    if (timeMs > this.obsLast.data[o]!) this.obsLast.data[o] = timeMs;
  }

  /** Keeps a prompt's SimHash for near-duplicate linking (bounded per account). */
  observePrompt(account: number, text: string): void {
    let list = this.prompts[account];
    // Checked before hashing: an account with 100k requests hashes only its first few prompts.
    if (list && list.length >= this.options.maxPromptsPerAccount * 2) return;
    const [hi, lo] = simhash64(text);
    if (hi === 0 && lo === 0) return;
    if (!list) this.prompts[account] = list = [];
    for (let i = 0; i < list.length; i += 2) if (list[i] === hi && list[i + 1] === lo) return;
    list.push(hi, lo);
  }

  /** The id of a value, or -1 when no account used it. */
  findValue(kind: LinkKind, value: string): number {
    return this.values.find(kindIndex.get(kind)!, value);
  }

  /** Kind and text of a value id. */
  describeValue(v: number): { kind: LinkKind; value: string } {
    return { kind: linkKinds[this.values.kind(v)]!, value: this.values.text(v) };
  }

  /** Number of accounts that used a value. */
  valueDegree(v: number): number {
    const s = this.byValueStart[v];
    const e = this.byValueStart[v + 1];
    return s === undefined || e === undefined ? 0 : e - s;
  }

  /** Values an account used, with first and last use (ms). Valid after {@link buildEdges}. */
  *accountValues(account: number): Generator<{ value: number; first: number; last: number }> {
    const s = this.byAccountStart[account] ?? 0;
    const e = this.byAccountStart[account + 1] ?? s;
    for (let i = s; i < e; i++) {
      const o = this.byAccountObs[i]!;
      yield { value: this.obsValue.data[o]!, first: this.obsFirst.data[o]!, last: this.obsLast.data[o]! };
    }
  }

  /** Accounts that used a value. Valid after {@link buildEdges}. */
  *valueAccounts(v: number): Generator<number> {
    for (let i = this.byValueStart[v]!; i < this.byValueStart[v + 1]!; i++)
      yield this.obsAccount.data[this.byValueObs[i]!]!;
  }

  /** Builds CSR indexes (value → observations, account → observations) by counting sort. */
  private index(): void {
    const nObs = this.obsAccount.length;
    const nVal = this.values.size;
    const nAcc = this.accounts.size;
    const vs = new Uint32Array(nVal + 1);
    const as = new Uint32Array(nAcc + 1);
    for (let o = 0; o < nObs; o++) {
      vs[this.obsValue.data[o]! + 1]!++;
      as[this.obsAccount.data[o]! + 1]!++;
    }
    for (let i = 0; i < nVal; i++) vs[i + 1]! += vs[i]!;
    for (let i = 0; i < nAcc; i++) as[i + 1]! += as[i]!;
    const vo = new Uint32Array(nObs);
    const ao = new Uint32Array(nObs);
    const vfill = vs.slice(0, nVal);
    const afill = as.slice(0, nAcc);
    for (let o = 0; o < nObs; o++) {
      vo[vfill[this.obsValue.data[o]!]!++] = o;
      ao[afill[this.obsAccount.data[o]!]!++] = o;
    }
    this.byValueStart = vs;
    this.byValueObs = vo;
    this.byAccountStart = as;
    this.byAccountObs = ao;
  }

  private resetEdges(): void {
    this.edgeIndex = new PairMap(Math.max(1 << 10, this.eA.length));
    this.eA = new Column((n) => new Uint32Array(n));
    this.eB = new Column((n) => new Uint32Array(n));
    this.eLog = new Column((n) => new Float64Array(n));
    this.eBestValue = new Column((n) => new Uint32Array(n));
    this.eBestW = new Column((n) => new Float32Array(n));
    this.eCount = new Column((n) => new Uint32Array(n));
  }

  /** Adds one contribution `w` (0–1) of value `v` to the edge a–b (noisy-OR combination). */
  addContribution(a: number, b: number, v: number, w: number): void {
    if (a === b || w < this.options.minContribution) return;
    if (a > b) [a, b] = [b, a];
    const key = a * PACK + b;
    let e = this.edgeIndex.get(key);
    if (e < 0) {
      e = this.eA.length;
      this.edgeIndex.set(key, e);
      this.eA.push(a);
      this.eB.push(b);
      this.eLog.push(0);
      this.eBestValue.push(v);
      this.eBestW.push(0);
      this.eCount.push(0);
    }
    this.eLog.data[e]! += Math.log1p(-Math.min(w, 0.999));
    this.eCount.data[e]!++;
    if (w > this.eBestW.data[e]!) {
      this.eBestW.data[e] = w;
      this.eBestValue.data[e] = v;
    }
  }

  /**
   * Turns shared values into weighted edges: for each value shared by 2..hubCap accounts, each
   * pair whose uses fall within the kind's window gets policy weight × specificity × decay.
   * Rebuilds from the observations every time, so it is safe after more `observe` calls.
   */
  buildEdges(): void {
    this.index();
    this.resetEdges();
    const { hubCap, warninglist, policies } = this.options;
    const stats: LinkageStats = {
      accounts: this.accounts.size,
      values: this.values.size,
      observations: this.obsAccount.length,
      edges: 0,
      hubsSkipped: 0,
      largestHub: 0,
      warninglisted: 0,
      pairsConsidered: 0,
    };
    const first = this.obsFirst.data;
    const last = this.obsLast.data;
    const acc = this.obsAccount.data;
    for (let v = 0; v < this.values.size; v++) {
      const s = this.byValueStart[v]!;
      const df = this.byValueStart[v + 1]! - s;
      if (df < 2) continue;
      if (df > stats.largestHub) stats.largestHub = df;
      if (df > hubCap) {
        stats.hubsSkipped++;
        continue;
      }
      const kind = linkKinds[this.values.kind(v)]!;
      if (warninglist) {
        const { value } = this.describeValue(v);
        if (warninglist(kind, value) !== undefined) {
          stats.warninglisted++;
          continue;
        }
      }
      const policy = policies[kind];
      const base = policy.weight * specificity(df);
      if (base < this.options.minContribution) continue;
      for (let i = s; i < s + df; i++) {
        const oi = this.byValueObs[i]!;
        for (let j = i + 1; j < s + df; j++) {
          const oj = this.byValueObs[j]!;
          stats.pairsConsidered++;
          const gap = Math.max(0, Math.max(first[oi]!, first[oj]!) - Math.min(last[oi]!, last[oj]!)) / 1000;
          if (policy.windowSec > 0 && gap > policy.windowSec) continue;
          const w = policy.decaySec > 0 ? base * Math.exp(-gap / policy.decaySec) : base;
          this.addContribution(acc[oi]!, acc[oj]!, v, w);
        }
      }
    }
    stats.edges = this.eA.length;
    this.stats = stats;
  }

  /**
   * Links accounts whose prompts are near-duplicates of a seed account's prompts. Only seeds are
   * indexed (the accounts other signals already single out), so the band index stays small and
   * chance collisions among a million honest accounts' prompts are never enumerated. A seed
   * prompt that more than `hubCap / 8` accounts share is a common question, not a fingerprint,
   * and links nobody; the others weigh like any shared value, by specificity.
   */
  addPromptEdges(seeds: Iterable<number>): number {
    // Seed prompts are grouped by fingerprint: many seeds send the same template, and probing each
    // copy repeated the same comparisons. Band keys are 18 bits (band number and 16 bits of hash),
    // so flat arrays index them; `bandLoad` still counts every seed prompt, copies included, so a
    // band is skipped as a template exactly as before.
    const bands: (number[] | undefined)[] = new Array<number[] | undefined>(4 << 16);
    const bandLoad = new Uint32Array(4 << 16);
    const fingerprintIndex = new Map<number, number>();
    const fingerprints: { hi: number; lo: number }[] = [];
    const seedPrompts: { seed: number; fingerprint: number }[] = [];
    for (const s of seeds) {
      const list = this.prompts[s];
      if (!list) continue;
      for (let i = 0; i < list.length; i += 2) {
        const hi = list[i]!;
        const lo = list[i + 1]!;
        const key = hi * 2 ** 32 + lo;
        let f = fingerprintIndex.get(key);
        if (f === undefined) {
          f = fingerprints.length;
          fingerprintIndex.set(key, f);
          fingerprints.push({ hi, lo });
          for (let k = 0; k < 4; k++) {
            const band = simhashBand(hi, lo, k);
            const b = bands[band];
            if (b) b.push(f);
            else bands[band] = [f];
          }
        }
        for (let k = 0; k < 4; k++) bandLoad[simhashBand(hi, lo, k)]!++;
        seedPrompts.push({ seed: s, fingerprint: f });
      }
    }
    if (seedPrompts.length === 0) return 0;
    const cap = Math.max(2, Math.floor(this.options.hubCap / 8));
    const templateLoad = 4 * this.options.hubCap;
    // Fingerprint → accounts with a near-duplicate (null once past the cap: a common prompt).
    const sharers: (number[] | null)[] = fingerprints.map(() => []);
    const seen = new Set<number>();
    for (let a = 0; a < this.prompts.length; a++) {
      const list = this.prompts[a];
      if (!list) continue;
      seen.clear();
      for (let i = 0; i < list.length; i += 2) {
        const hi = list[i]!;
        const lo = list[i + 1]!;
        for (let k = 0; k < 4; k++) {
          const band = simhashBand(hi, lo, k);
          const bucket = bands[band];
          // A band value shared by many seed prompts is a template, not a fingerprint.
          if (!bucket || bandLoad[band]! > templateLoad) continue;
          for (const f of bucket) {
            if (seen.has(f)) continue;
            const fp = fingerprints[f]!;
            if (hamming64(hi, lo, fp.hi, fp.lo) > this.options.promptMaxHamming) continue;
            seen.add(f);
            const sh = sharers[f];
            if (!sh) continue;
            if (sh.length >= cap) sharers[f] = null;
            else sh.push(a);
          }
        }
      }
    }
    const policy = this.options.policies.prompt;
    let added = 0;
    for (const { seed, fingerprint } of seedPrompts) {
      const accounts = sharers[fingerprint];
      if (!accounts || accounts.length < 2) continue;
      const fp = fingerprints[fingerprint]!;
      const v = this.promptValue(fp.hi, fp.lo);
      const w = policy.weight * specificity(accounts.length);
      for (const a of accounts) {
        if (a === seed) continue;
        this.addContribution(a, seed, v, w);
        added++;
      }
    }
    this.stats.edges = this.eA.length;
    return added;
  }

  /** A value id standing for a prompt fingerprint, so prompt links carry evidence like others. */
  private promptValue(hi: number, lo: number): number {
    return this.values.intern(
      kindIndex.get('prompt')!,
      `simhash:${hi.toString(16).padStart(8, '0')}${lo.toString(16).padStart(8, '0')}`,
    );
  }

  get edgeCount(): number {
    return this.eA.length;
  }

  /** Edge `e` with its combined weight 1 − Π(1 − wᵢ). */
  edge(e: number): EdgeView {
    return {
      a: this.eA.data[e]!,
      b: this.eB.data[e]!,
      weight: -Math.expm1(this.eLog.data[e]!),
      bestValue: this.eBestValue.data[e]!,
      bestWeight: this.eBestW.data[e]!,
      contributions: this.eCount.data[e]!,
    };
  }

  /** Raw columns for linear passes (components, propagation) without allocating per edge. */
  edgeColumns(): { a: Uint32Array; b: Uint32Array; weight: Float64Array; count: number } {
    const n = this.eA.length;
    const weight = new Float64Array(n);
    for (let e = 0; e < n; e++) weight[e] = -Math.expm1(this.eLog.data[e]!);
    return { a: this.eA.data.subarray(0, n), b: this.eB.data.subarray(0, n), weight, count: n };
  }

  /** Edge index between two accounts, or -1. */
  findEdge(a: number, b: number): number {
    if (a > b) [a, b] = [b, a];
    return this.edgeIndex.get(a * PACK + b);
  }
}

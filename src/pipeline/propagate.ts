/** What propagation found for every account. */
export interface Propagation {
  /** Own score combined with what arrived along links. */
  score: Float64Array;
  /** Neighbour on the strongest path (−1 when nothing arrived). */
  bestFrom: Int32Array;
  /** The source account at the end of the strongest path (−1 when nothing arrived). */
  bestOrigin: Int32Array;
  /** The source of the second contribution: another account, through another neighbour (−1 when none). */
  secondOrigin: Int32Array;
  /** What arrived along links (before combining with the account's own score). */
  received: Float64Array;
}

/** Options of {@link propagate}. */
export interface PropagationOptions {
  /** Edges lighter than this carry nothing. */
  threshold: number;
  /** Share of a neighbour's score that crosses an edge of weight 1. */
  damping: number;
  /**
   * Passes over the edges. A pass relaxes edges in order, so it may carry suspicion several hops;
   * further passes only matter where edge order worked against a path.
   */
  rounds: number;
  /** Accounts whose source score reaches this spread suspicion. */
  minSource: number;
  /** Weight of the second-best contribution from an independent source (0 = best path only). */
  secondSource: number;
}

/**
 * Spreads suspicion along strong links inside a network. An account receives, from its
 * strongest path to a flagged account, damping × edge weight per hop × the source's score
 * (max-product paths, `rounds` relaxation passes), plus — discounted by `secondSource` — the strongest
 * path from a *different* source account arriving through a *different* neighbour; both combine with its own evidence by noisy-OR.
 *
 * Why two sources and not a sum: an actor cell's new account that shares devices with several
 * independently flagged members is more certainly one of them than one that shares a device with
 * one; a family or a team with one flagged member gets one source and no more. Paths never return
 * to the account they start from, so two members cannot lift each other by feeding back, and
 * `sourceScore` (the caller passes own evidence without link-derived findings such as ban
 * evasion) keeps an evader from handing its banned sibling's suspicion back to it. Edges between
 * communities carry nothing, so one shared exit address does not hand an actor's score to an
 * office behind the same NAT.
 */
export function propagate(
  own: Float64Array,
  sourceScore: Float64Array,
  labels: Int32Array,
  edges: { a: Uint32Array; b: Uint32Array; weight: Float64Array; count: number },
  opts: PropagationOptions,
): Propagation {
  const n = own.length;
  // Top two contributions per account from distinct origins (never the account itself).
  const v1 = new Float64Array(n);
  const o1 = new Int32Array(n).fill(-1);
  const from1 = new Int32Array(n).fill(-1);
  const v2 = new Float64Array(n);
  const o2 = new Int32Array(n).fill(-1);
  const from2 = new Int32Array(n).fill(-1);
  const self = new Float64Array(n);
  for (let i = 0; i < n; i++) self[i] = sourceScore[i]! >= opts.minSource ? sourceScore[i]! : 0;

  /**
   * Offers `value` from `origin`, arriving through neighbour `via`, to account `to`. The second
   * entry must differ from the first in both origin and neighbour: two sources behind one shared
   * value are one link, not two. True when either entry changed.
   */
  const offer = (to: number, value: number, origin: number, via: number): boolean => {
    if (origin === to || value <= 1e-12) return false;
    const c = [
      { v: v1[to]!, o: o1[to]!, f: from1[to]! },
      { v: v2[to]!, o: o2[to]!, f: from2[to]! },
      { v: value, o: origin, f: via },
    ].filter((x) => x.o >= 0);
    c.sort((x, y) => y.v - x.v);
    const first = c[0]!;
    const second = c.find((x) => x.o !== first.o && x.f !== first.f);
    const changed =
      first.v > v1[to]! + 1e-12 ||
      first.o !== o1[to] ||
      (second?.o ?? -1) !== o2[to] ||
      (second !== undefined && second.v > v2[to]! + 1e-12);
    if (!changed) return false;
    v1[to] = first.v;
    o1[to] = first.o;
    from1[to] = first.f;
    v2[to] = second?.v ?? 0;
    o2[to] = second?.o ?? -1;
    from2[to] = second?.f ?? -1;
    return true;
  };

  /** Passes what `x` holds (its own source score and what it received) across an edge to `y`. */
  const pass = (x: number, y: number, f: number): boolean => {
    let changed = false;
    if (self[x]! > 0) changed = offer(y, f * self[x]!, x, x) || changed;
    if (o1[x]! >= 0) changed = offer(y, f * v1[x]!, o1[x]!, x) || changed;
    if (o2[x]! >= 0) changed = offer(y, f * v2[x]!, o2[x]!, x) || changed;
    return changed;
  };

  for (let r = 0; r < opts.rounds; r++) {
    let changed = false;
    for (let e = 0; e < edges.count; e++) {
      const w = edges.weight[e]!;
      if (w < opts.threshold) continue;
      const a = edges.a[e]!;
      const b = edges.b[e]!;
      if (labels[a]! < 0 || labels[a] !== labels[b]) continue;
      const f = opts.damping * w;
      if (pass(b, a, f)) changed = true;
      if (pass(a, b, f)) changed = true;
    }
    if (!changed) break;
  }
  const score = new Float64Array(n);
  const received = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    received[i] = 1 - (1 - v1[i]!) * (1 - opts.secondSource * v2[i]!);
    score[i] = 1 - (1 - own[i]!) * (1 - received[i]!);
  }
  return { score, bestFrom: from1, bestOrigin: o1, secondOrigin: o2, received };
}

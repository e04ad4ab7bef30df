import type { Evidence, EvidenceKind, DetectorMeta } from './evidence.js';
import { noisyOr, ruleRef } from './evidence.js';

/**
 * Network corroboration: an actor cell rarely has one member who is clearly malicious alone.
 * More often one matched a partner indicator, another was banned for a cyber operation, a third
 * asked for malware help — each under the threshold, all sharing devices and cards. Independent
 * *kinds* of evidence, held by different members of one tightly linked network, corroborate each
 * other; many members with the same kind of evidence do not (a security team all asks about
 * attacks, which is one signal, not several).
 */
export const corroborationDetector: DetectorMeta = {
  id: 'network-corroboration',
  version: 1,
  name: 'Corroborated network',
  description:
    'The account links strongly to members of its network who, between them, hold at least two independent kinds of evidence (intel, content, a provider ban not for spam).',
  severity: 'medium',
};

/**
 * Evidence groups that count as independent. Refusals go with content (the same asks cause both);
 * ban evasion is left out, because its weight is derived from the banned member's own evidence.
 */
const groupOf: Partial<Record<EvidenceKind, number>> = {
  'indicator-match': 0,
  content: 1,
  behaviour: 1,
  enforcement: 2,
};
const groupNames = ['intel', 'content', 'provider ban'] as const;
const GROUPS = groupNames.length;

/** Options of {@link corroborate}. */
export interface CorroborationOptions {
  /** Edges lighter than this carry nothing. */
  threshold: number;
  damping: number;
  /** A piece of evidence lighter than this (a spam ban, a low-specificity match) is not counted. */
  minEvidence: number;
  /** Members holding evidence the account must link to directly (edges are deduplicated pairs). */
  minHolders: number;
}

/** What corroboration adds to one account. */
export interface CorroborationFinding {
  account: number;
  weight: number;
  evidence: Evidence;
}

/**
 * For each community, the strongest evidence per group held by its members; each member linked
 * (by edges of at least `threshold`) to at least `minHolders` members holding evidence receives damping × its
 * strongest such edge × noisy-OR of the per-group maxima over *other* members, when those come
 * from at least two groups and two members. Linear in edges plus evidence.
 */
export function corroborate(
  labels: Int32Array,
  edges: { a: Uint32Array; b: Uint32Array; weight: Float64Array; count: number },
  evidence: ReadonlyMap<number, readonly Evidence[]>,
  accountName: (id: number) => string,
  opts: CorroborationOptions,
): CorroborationFinding[] {
  // Per member: its strongest weight in each group.
  const held = new Map<number, Float64Array>();
  for (const [id, list] of evidence) {
    if (labels[id]! < 0) continue;
    let g: Float64Array | undefined;
    for (const e of list) {
      const k = groupOf[e.kind];
      if (k === undefined || e.weight < opts.minEvidence) continue;
      g ??= new Float64Array(GROUPS);
      if (e.weight > g[k]!) g[k] = e.weight;
    }
    if (g) held.set(id, g);
  }
  // Per community and group: the two strongest members (so "others" excludes the account itself).
  interface Top {
    w1: number;
    m1: number;
    w2: number;
    m2: number;
  }
  const tops = new Map<number, Top[]>();
  for (const [id, g] of held) {
    const label = labels[id]!;
    let t = tops.get(label);
    if (!t) tops.set(label, (t = Array.from({ length: GROUPS }, () => ({ w1: 0, m1: -1, w2: 0, m2: -1 }))));
    for (let k = 0; k < GROUPS; k++) {
      const w = g[k]!;
      const top = t[k]!;
      if (w <= 0) continue;
      if (w > top.w1) {
        top.w2 = top.w1;
        top.m2 = top.m1;
        top.w1 = w;
        top.m1 = id;
      } else if (w > top.w2) {
        top.w2 = w;
        top.m2 = id;
      }
    }
  }
  // Strongest edge from each account to another member holding evidence, and how many such
  // members it links to: an account attached by one edge (a mailbox it happens to share) is not
  // embedded in the network, and the network's combined evidence is not its own.
  const linkTo = new Map<number, number>();
  const holders = new Map<number, number>();
  for (let e = 0; e < edges.count; e++) {
    const w = edges.weight[e]!;
    if (w < opts.threshold) continue;
    const a = edges.a[e]!;
    const b = edges.b[e]!;
    if (labels[a]! < 0 || labels[a] !== labels[b] || !tops.has(labels[a]!)) continue;
    if (held.has(b)) {
      holders.set(a, (holders.get(a) ?? 0) + 1);
      if (w > (linkTo.get(a) ?? 0)) linkTo.set(a, w);
    }
    if (held.has(a)) {
      holders.set(b, (holders.get(b) ?? 0) + 1);
      if (w > (linkTo.get(b) ?? 0)) linkTo.set(b, w);
    }
  }
  const out: CorroborationFinding[] = [];
  for (const [id, link] of [...linkTo].sort((x, y) => x[0] - y[0])) {
    if (holders.get(id)! < opts.minHolders) continue;
    const t = tops.get(labels[id]!)!;
    const weights: number[] = [];
    const members = new Set<number>();
    const parts: string[] = [];
    for (let k = 0; k < GROUPS; k++) {
      const top = t[k]!;
      const [w, m] = top.m1 === id ? [top.w2, top.m2] : [top.w1, top.m1];
      if (m < 0 || w <= 0) continue;
      weights.push(w);
      members.add(m);
      parts.push(`${groupNames[k]} ${w.toFixed(2)} (${accountName(m)})`);
    }
    if (weights.length < 2 || members.size < 2) continue;
    const network = noisyOr(weights);
    const weight = opts.damping * link * network;
    out.push({
      account: id,
      weight,
      evidence: {
        kind: 'link',
        detail: `linked to ${holders.get(id)} members holding evidence (strongest edge ${link.toFixed(2)}) in a network whose other members hold ${weights.length} independent kinds of evidence: ${parts.join(', ')}; combined ${network.toFixed(2)}`,
        rule: ruleRef(corroborationDetector),
        weight,
        refs: { accounts: [...members].sort((x, y) => x - y).map(accountName) },
      },
    });
  }
  return out;
}

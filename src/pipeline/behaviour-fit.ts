import type { LinkageGraph } from '../linkage/index.js';
import type { AccountBook } from './account-book.js';
import { ruleRef, type DetectorMeta, type Evidence } from './evidence.js';

/**
 * Behavioural fit to a flagged network. A careful operator keeps its own device, card and mailbox
 * and only uses commercial VPN exits, so no infrastructure ties it in; what it asks (near-duplicate
 * prompts, the same rare topics), whether those asks are malicious, and the language it asks in
 * still do. The rule wants all three, because each alone is common among honest users: security
 * staff ask what actors ask, and millions of people write in Russian or Korean.
 *
 * Active hours were measured too (cosine of 24-hour histograms) and did not separate careful
 * operators from honest users on the tuning worlds — a handful of requests gives a noisy
 * histogram — so they are reported in the detail, not scored.
 */
export const behaviourFitDetector: DetectorMeta = {
  id: 'behaviour-network-fit',
  version: 1,
  name: 'Behaves like a flagged network',
  description:
    'Near-duplicate prompts or shared rare topics with members of a flagged network, at least two malicious requests with an operational (not only development, scripting or translation) TTP, and most requests in the network’s own non-English language.',
  severity: 'medium',
};

/** Options of {@link behaviourFit}. */
export interface BehaviourFitOptions {
  /** Noisy-OR of the content links (prompt, topic) to the network's flagged members. */
  minLink: number;
  /** Requests classified malicious, at least. */
  minHits: number;
  /** Share of the account's language-detected requests in the network's main non-English language. */
  minLanguageShare: number;
  /** Share of the network's requests in that language for it to count as the network's own. */
  minNetworkLanguageShare: number;
  damping: number;
}

/** A behavioural-fit finding: the account and the community it joins. */
export interface BehaviourFitFinding {
  account: number;
  label: number;
  weight: number;
  evidence: Evidence;
}

const contentKinds = new Set(['prompt', 'topic']);

/**
 * TTPs of ordinary productivity work (the February 2024 reports describe much of the actors' use
 * as scripting, development and translation help). An account whose flagged asks are only these
 * looks like a developer; a fit needs at least one operational TTP besides.
 */
const dualUseTtps: ReadonlySet<string> = new Set([
  'llm-aided-development',
  'llm-enhanced-scripting',
  'llm-aided-technical-translation',
]);

function hasOperationalTtp(book: AccountBook, id: number): boolean {
  for (const t of book.ttps.get(id)?.keys() ?? []) if (!dualUseTtps.has(t)) return true;
  return false;
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < 24; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * Finds unlisted accounts that fit a flagged network (a community with two or more listed
 * members) by content links, malicious asks and language. Weight: damping × the network's
 * strongest member score × link × min(1, language share / 0.5) × min(1, hits / 3).
 */
export function behaviourFit(
  graph: LinkageGraph,
  book: AccountBook,
  labels: Int32Array,
  score: Float64Array,
  threshold: number,
  edges: { a: Uint32Array; b: Uint32Array; weight: Float64Array; count: number },
  opts: BehaviourFitOptions,
): BehaviourFitFinding[] {
  const n = score.length;
  // Flagged networks: listed members per community, their strongest score, hours and languages.
  const nets = new Map<
    number,
    { members: number; top: number; hours: Float64Array; langs: Map<string, number> }
  >();
  for (let id = 0; id < n; id++) {
    if (score[id]! < threshold || labels[id]! < 0) continue;
    const l = labels[id]!;
    let net = nets.get(l);
    if (!net)
      nets.set(
        l,
        (net = { members: 0, top: 0, hours: new Float64Array(24), langs: new Map<string, number>() }),
      );
    net.members++;
    net.top = Math.max(net.top, score[id]!);
    const h = book.hourHistogram(id);
    for (let i = 0; i < 24; i++) net.hours[i]! += h[i]!;
    for (const [k, v] of book.languages.get(id) ?? []) net.langs.set(k, (net.langs.get(k) ?? 0) + v);
  }
  const language = new Map<number, { lang: string; share: number }>();
  for (const [l, net] of nets) {
    if (net.members < 2) continue;
    let total = 0;
    let best: [string, number] | undefined;
    for (const [k, v] of net.langs) {
      total += v;
      if (k !== 'en' && (!best || v > best[1] || (v === best[1] && k < best[0]))) best = [k, v];
    }
    if (best && total > 0 && best[1] / total >= opts.minNetworkLanguageShare)
      language.set(l, { lang: best[0], share: best[1] / total });
  }
  if (language.size === 0) return [];

  // Content links from unlisted accounts to listed members of those networks, by noisy-OR.
  const keep = new Map<number, Map<number, { keep: number; with: Set<number> }>>();
  for (let e = 0; e < edges.count; e++) {
    const a = edges.a[e]!;
    const b = edges.b[e]!;
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      if (score[x]! >= threshold || score[y]! < threshold || !language.has(labels[y]!)) continue;
      const kind = graph.describeValue(graph.edge(e).bestValue).kind;
      if (!contentKinds.has(kind)) continue;
      if (book.contentHits.data[x]! < opts.minHits || !hasOperationalTtp(book, x)) continue;
      let byNet = keep.get(x);
      if (!byNet) keep.set(x, (byNet = new Map<number, { keep: number; with: Set<number> }>()));
      const cur = byNet.get(labels[y]!) ?? { keep: 1, with: new Set<number>() };
      cur.keep *= 1 - edges.weight[e]!;
      cur.with.add(y);
      byNet.set(labels[y]!, cur);
    }
  }

  const out: BehaviourFitFinding[] = [];
  for (const [x, byNet] of [...keep].sort((p, q) => p[0] - q[0])) {
    let best: BehaviourFitFinding | undefined;
    for (const [l, { keep: k, with: mates }] of [...byNet].sort((p, q) => p[0] - q[0])) {
      const link = 1 - k;
      if (link < opts.minLink) continue;
      const { lang, share: netShare } = language.get(l)!;
      const langs = book.languages.get(x);
      let total = 0;
      for (const v of langs?.values() ?? []) total += v;
      const share = total > 0 ? (langs?.get(lang) ?? 0) / total : 0;
      if (share < opts.minLanguageShare) continue;
      const hits = book.contentHits.data[x]!;
      const net = nets.get(l)!;
      const weight = opts.damping * net.top * link * Math.min(1, share / 0.5) * Math.min(1, hits / 3);
      if (best && best.weight >= weight) continue;
      const hours = cosine(book.hourHistogram(x), net.hours);
      best = {
        account: x,
        label: l,
        weight,
        evidence: {
          kind: 'behaviour',
          detail: `asks what a flagged network asks (content links ${link.toFixed(2)} to ${mates.size} member${mates.size > 1 ? 's' : ''}), ${hits} malicious request${hits > 1 ? 's' : ''}, ${Math.round(100 * share)}% of requests in ${lang} (the network's language, ${Math.round(100 * netShare)}% of its requests); active-hours similarity ${hours.toFixed(2)} (not scored)`,
          rule: ruleRef(behaviourFitDetector),
          weight,
          refs: {
            accounts: [...mates]
              .sort((p, q) => p - q)
              .slice(0, 10)
              .map((m) => graph.accounts.value(m)),
          },
        },
      };
    }
    if (best) out.push(best);
  }
  return out;
}

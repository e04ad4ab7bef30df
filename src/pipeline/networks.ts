import {
  inferUtcOffset,
  type ActorHypothesis,
  type AttributionEvidence,
  type ConfidenceLevel,
  type NetworkFacts,
} from '../attribution/index.js';
import { stableNetworkId, type LinkKind } from '../linkage/index.js';
import type { Analysis } from './analysis.js';

/** One link of a network, as the contract's `links[]`. */
export interface NetworkLink {
  a: string;
  b: string;
  via: LinkKind;
  value: string;
  weight: number;
  /** Every kind of value the pair shares (the strongest is `via`). */
  shared: number;
}

/** What a network looks like as a whole. */
export interface NetworkSummary {
  size: number;
  first_seen: string;
  last_seen: string;
  /** Values used by two or more members: kind, value, members using it. */
  shared_infrastructure: { via: LinkKind; value: string; members: number }[];
  ttps: Record<string, number>;
  languages: Record<string, number>;
  /** Requests per UTC hour, 0–23. */
  active_hours_utc: number[];
  likely_utc_offset: number | null;
  /** Most members created within one hour of each other. */
  burst_signups: number;
}

/** A network in the report, with its attribution and why each member belongs to it. */
export interface NetworkResult {
  id: string;
  accounts: string[];
  actor: (ActorHypothesis & { level: ConfidenceLevel; alternatives: ActorHypothesis[] }) | null;
  links: NetworkLink[];
  summary: NetworkSummary;
  /** Why each member is in the network: its strongest link inside it. */
  members: { account: string; why: string }[];
  attributionEvidence: AttributionEvidence[];
}

const MAX_LINKS = 200;
const INFRA_KINDS: ReadonlySet<LinkKind> = new Set([
  'ip',
  'ip-prefix',
  'email-domain',
  'email-pattern',
  'device',
  'payment',
  'user-agent',
  'phone',
]);

function addAll(into: Map<string, number>, from: ReadonlyMap<string, number> | undefined): void {
  if (from) for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
}

/** Facts the attribution stage needs about a group of accounts. */
function factsFor(an: Analysis, id: string, members: readonly number[]): NetworkFacts {
  const { book, graph } = an;
  const ttps = new Map<string, number>();
  const languages = new Map<string, number>();
  const topics = new Map<string, number>();
  const hours = new Array<number>(24).fill(0);
  const infrastructure = new Set<string>();
  const intelHits: NetworkFacts['intelHits'][number][] = [];
  for (const m of members) {
    addAll(ttps, book.ttps.get(m));
    addAll(languages, book.languages.get(m));
    const loc = book.locale.get(m);
    if (loc) languages.set(loc, (languages.get(loc) ?? 0) + 1);
    const h = book.hourHistogram(m);
    for (let i = 0; i < 24; i++) hours[i]! += h[i]!;
    for (const { value } of graph.accountValues(m)) {
      const d = graph.describeValue(value);
      if (d.kind === 'topic') topics.set(d.value, (topics.get(d.value) ?? 0) + 1);
      else if (INFRA_KINDS.has(d.kind) && graph.valueDegree(value) <= graph.options.hubCap)
        infrastructure.add(`${d.kind}:${d.value}`);
    }
    for (const hit of book.intel.get(m) ?? []) {
      if (hit.specificity === 'none' || hit.specificity === 'low') continue;
      intelHits.push({
        indicatorId: hit.indicatorId,
        value: hit.value,
        confidence: hit.confidence,
        account: graph.accounts.value(m),
        actorKeys: hit.actors.map((a) => a.stixId),
        range: hit.pattern.includes('/') || hit.field === 'email_domain',
      });
    }
  }
  return {
    id,
    accounts: members.map((m) => graph.accounts.value(m)),
    intelHits,
    ttps,
    topics,
    languages,
    hours,
    infrastructure: [...infrastructure],
  };
}

/** Attribution facts for a listed account that belongs to no network. */
export function factsForSingleton(an: Analysis, id: number): NetworkFacts {
  return factsFor(an, `account:${an.graph.accounts.value(id)}`, [id]);
}

/**
 * Builds the report's networks: every community holding at least one listed account, with a
 * stable id, its links (strongest first), a summary and each member's reason for being there.
 */
export function buildNetworks(
  an: Analysis,
  labels: Int32Array,
  listed: readonly number[],
  edges: { a: Uint32Array; b: Uint32Array; weight: Float64Array; count: number },
): { networks: NetworkResult[]; facts: NetworkFacts[]; networkOf: Map<number, string> } {
  const { graph, book, config } = an;
  const wanted = new Set<number>();
  for (const id of listed) if (labels[id]! >= 0) wanted.add(labels[id]!);
  const members = new Map<number, number[]>();
  for (let id = 0; id < labels.length; id++) {
    const l = labels[id]!;
    if (!wanted.has(l)) continue;
    const list = members.get(l) ?? [];
    list.push(id);
    members.set(l, list);
  }
  const links = new Map<number, { e: number; w: number }[]>();
  for (let e = 0; e < edges.count; e++) {
    const w = edges.weight[e]!;
    if (w < config.linkage.linkThreshold) continue;
    const l = labels[edges.a[e]!]!;
    if (!wanted.has(l) || labels[edges.b[e]!] !== l) continue;
    const list = links.get(l) ?? [];
    list.push({ e, w });
    links.set(l, list);
  }

  const networks: NetworkResult[] = [];
  const facts: NetworkFacts[] = [];
  const networkOf = new Map<number, string>();
  for (const [l, ids] of members) {
    if (ids.length < 2) continue;
    const id = stableNetworkId(
      ids.map((m) => ({ account: graph.accounts.value(m), firstSeenMs: book.firstMs.data[m]! })),
    );
    for (const m of ids) networkOf.set(m, id);
    const netLinks = (links.get(l) ?? []).sort((x, y) => y.w - x.w || x.e - y.e);
    const strongest = new Map<number, { other: number; e: number }>();
    for (const { e } of netLinks) {
      const { a, b } = graph.edge(e);
      if (!strongest.has(a)) strongest.set(a, { other: b, e });
      if (!strongest.has(b)) strongest.set(b, { other: a, e });
    }
    const reportLinks: NetworkLink[] = netLinks.slice(0, MAX_LINKS).map(({ e }) => {
      const v = graph.edge(e);
      const { kind, value } = graph.describeValue(v.bestValue);
      return {
        a: graph.accounts.value(v.a),
        b: graph.accounts.value(v.b),
        via: kind,
        value,
        weight: Math.round(v.weight * 1000) / 1000,
        shared: v.contributions,
      };
    });
    const why = ids.map((m) => {
      const s = strongest.get(m);
      if (!s) return { account: graph.accounts.value(m), why: 'joined by community detection' };
      const v = graph.edge(s.e);
      const { kind, value } = graph.describeValue(v.bestValue);
      return {
        account: graph.accounts.value(m),
        why: `shares ${kind} ${value} with ${graph.accounts.value(s.other)} (edge weight ${v.weight.toFixed(2)}, ${v.contributions} shared value${v.contributions > 1 ? 's' : ''})`,
      };
    });
    const f = factsFor(an, id, ids);
    facts.push(f);
    networks.push({
      id,
      accounts: ids.map((m) => graph.accounts.value(m)).sort(),
      actor: null,
      links: reportLinks,
      summary: summarise(an, ids, f),
      members: why,
      attributionEvidence: [],
    });
  }
  networks.sort((x, y) => x.id.localeCompare(y.id));
  return { networks, facts, networkOf };
}

function summarise(an: Analysis, ids: readonly number[], f: NetworkFacts): NetworkSummary {
  const { graph, book } = an;
  let first = Infinity;
  let last = -Infinity;
  const created: number[] = [];
  const shared = new Map<number, number>();
  for (const m of ids) {
    first = Math.min(first, book.firstMs.data[m]!);
    last = Math.max(last, book.lastMs.data[m]!);
    const c = book.createdMs.data[m]!;
    if (!Number.isNaN(c)) created.push(c);
    for (const { value } of graph.accountValues(m)) shared.set(value, (shared.get(value) ?? 0) + 1);
  }
  created.sort((a, b) => a - b);
  let burst = created.length > 0 ? 1 : 0;
  for (let i = 0, j = 0; i < created.length; i++) {
    while (created[i]! - created[j]! > 3_600_000) j++;
    burst = Math.max(burst, i - j + 1);
  }
  const infra = [...shared]
    .filter(([, c]) => c >= 2)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 10)
    .map(([v, c]) => ({ ...renameValue(graph.describeValue(v)), members: c }));
  const tz = inferUtcOffset(f.hours);
  return {
    size: ids.length,
    first_seen: new Date(first).toISOString(),
    last_seen: new Date(last).toISOString(),
    shared_infrastructure: infra,
    ttps: Object.fromEntries(f.ttps),
    languages: Object.fromEntries(f.languages),
    active_hours_utc: Array.from(f.hours),
    likely_utc_offset: tz?.offset ?? null,
    burst_signups: burst,
  };
}

function renameValue(d: { kind: LinkKind; value: string }): { via: LinkKind; value: string } {
  return { via: d.kind, value: d.value };
}

import {
  attributeNetworks,
  buildCandidates,
  type Attribution,
  type NetworkFacts,
} from '../attribution/index.js';
import { detectCommunities } from '../linkage/index.js';
import type { Analysis } from './analysis.js';
import { accountDetectors, type AccountContext } from './detectors.js';
import { noisyOr, type Evidence } from './evidence.js';
import { behaviourFit } from './behaviour-fit.js';
import { corroborate } from './corroborate.js';
import { detectEvasion } from './evasion.js';
import { buildNetworks, factsForSingleton, type NetworkResult } from './networks.js';
import { propagate } from './propagate.js';

/** The actor named on an account (the network's best hypothesis, without alternatives). */
export interface AccountActor {
  name: string;
  stix_id: string;
  confidence: number;
  level: 'low' | 'moderate' | 'high';
}

/** One listed account: judged malicious or suspicious, with the evidence for it. */
export interface AccountVerdict {
  account: string;
  verdict: 'malicious' | 'suspicious';
  score: number;
  network: string | null;
  actor: AccountActor | null;
  ttps: string[];
  evidence: Evidence[];
}

/** What one evaluation found. */
export interface AnalysisResult {
  accounts: AccountVerdict[];
  networks: NetworkResult[];
  stats: {
    accounts: number;
    events: number;
    edges: number;
    promptLinks: number;
    hubsSkipped: number;
    largestHub: number;
    warninglisted: number;
    communities: number;
  };
  ports: { intel: string | null; content: string | null };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * Runs linkage, account detectors, ban evasion, score propagation within networks, verdicts and
 * attribution over everything an {@link Analysis} holds. Pure with respect to its input: the
 * same events give the same result whatever order they arrived in.
 */
export function evaluateAnalysis(an: Analysis): AnalysisResult {
  const { graph, book, config, deps } = an;
  graph.buildEdges();
  const n = graph.accounts.size;

  const degreeOf: AccountContext['degreeOf'] = (kind, value) => {
    if (kind === 'account') return 1;
    const v = graph.findValue(kind, value);
    return v < 0 ? 0 : graph.valueDegree(v);
  };
  const reach = new Map<string, number>();
  for (const hits of book.intel.values())
    for (const id of new Set(hits.map((h) => h.indicatorId))) reach.set(id, (reach.get(id) ?? 0) + 1);
  const indicatorReach = (indicatorId: string) => reach.get(indicatorId) ?? 0;
  const own = new Float64Array(n);
  const ownWithoutEnforcement = new Float64Array(n);
  const evidence = new Map<number, Evidence[]>();
  const candidates = new Set<number>([
    ...book.intel.keys(),
    ...book.enforcement.keys(),
    ...book.topScores.keys(),
  ]);
  for (let id = 0; id < n; id++) if (book.refusals.data[id]! >= 3) candidates.add(id);
  for (const id of candidates) {
    const ctx: AccountContext = { id, book, graph, degreeOf, indicatorReach };
    const found = accountDetectors.flatMap((d) => d.evaluate(ctx));
    if (found.length === 0) continue;
    evidence.set(id, found);
    own[id] = noisyOr(found.map((f) => f.weight));
    ownWithoutEnforcement[id] = noisyOr(found.filter((f) => f.kind !== 'enforcement').map((f) => f.weight));
  }

  const seeds: number[] = [];
  for (let id = 0; id < n; id++)
    if (own[id]! >= config.linkage.seedScore || book.actioned(id)) seeds.push(id);
  const promptLinks = graph.addPromptEdges(seeds);
  const edges = graph.edgeColumns();

  // Propagation sources count own evidence only: ban evasion is itself a link to the banned
  // account, and must not flow back to it as fresh suspicion.
  const sourceScore = Float64Array.from(own);
  for (const f of detectEvasion(an, edges, ownWithoutEnforcement)) {
    const list = evidence.get(f.account) ?? [];
    list.push(f.evidence);
    evidence.set(f.account, list);
    own[f.account] = 1 - (1 - own[f.account]!) * (1 - f.evidence.weight);
  }

  const labels = detectCommunities(n, edges, {
    linkThreshold: config.linkage.linkThreshold,
    splitAbove: config.linkage.splitAbove,
    resolution: 1,
  });
  const prop = propagate(own, sourceScore, labels, edges, {
    threshold: config.linkage.linkThreshold,
    damping: config.propagation.damping,
    rounds: config.propagation.rounds,
    minSource: config.verdict.suspicious,
    secondSource: config.propagation.secondSource,
  });

  const score = Float64Array.from(prop.score);
  const corroborations = corroborate(labels, edges, evidence, (id) => graph.accounts.value(id), {
    threshold: config.linkage.linkThreshold,
    damping: config.propagation.damping,
    minEvidence: config.corroboration.minEvidence,
    minHolders: config.corroboration.minHolders,
  });
  // Propagation and corroboration travel the same links: the stronger of the two counts, not both.
  const corroborated = new Map<number, Evidence>();
  for (const c of corroborations) {
    if (c.weight <= prop.received[c.account]!) continue;
    score[c.account] = 1 - (1 - own[c.account]!) * (1 - c.weight);
    corroborated.set(c.account, { ...c.evidence, weight: round(score[c.account]! - own[c.account]!) });
  }

  // Careful operators: no shared infrastructure, but the asks, their harm and their language fit a
  // flagged network. An account that fits joins that network (and its attribution).
  const fits = behaviourFit(graph, book, labels, score, config.verdict.suspicious, edges, {
    ...config.behaviourFit,
    damping: config.propagation.damping,
  });
  const fitEvidence = new Map<number, Evidence>();
  for (const f of fits) {
    const before = score[f.account]!;
    score[f.account] = 1 - (1 - before) * (1 - f.weight);
    if (score[f.account]! < config.verdict.suspicious) continue;
    labels[f.account] = f.label;
    fitEvidence.set(f.account, { ...f.evidence, weight: round(score[f.account]! - before) });
  }

  const listed: number[] = [];
  for (let id = 0; id < n; id++) {
    const s = score[id]!;
    if (s < config.verdict.suspicious) continue;
    listed.push(id);
    const from = prop.bestFrom[id]!;
    // When corroboration counted instead (it is the stronger of the two), it is the evidence.
    if (from >= 0 && prop.score[id]! - own[id]! > 0.01 && !corroborated.has(id)) {
      const e = graph.edge(graph.findEdge(id, from));
      const { kind, value } = graph.describeValue(e.bestValue);
      const origin = prop.bestOrigin[id]!;
      const second = prop.secondOrigin[id]!;
      const sources = [origin, ...(second >= 0 && config.propagation.secondSource > 0 ? [second] : [])];
      const list = evidence.get(id) ?? [];
      list.push({
        kind: 'link',
        detail: `linked to ${graph.accounts.value(from)} (score ${prop.score[from]!.toFixed(2)}) via ${kind} ${value}, edge weight ${e.weight.toFixed(2)} from ${e.contributions} shared value${e.contributions > 1 ? 's' : ''}${origin !== from ? `; suspicion from ${graph.accounts.value(origin)}` : ''}${sources.length > 1 ? `; also from ${graph.accounts.value(second)}, an independent flagged account` : ''}`,
        rule: 'link-propagation@2',
        weight: round(prop.score[id]! - own[id]!),
        refs: {
          accounts: [...new Set([from, ...sources])].map((x) => graph.accounts.value(x)),
          value,
          via: kind,
        },
      });
      evidence.set(id, list);
    }
  }
  for (const [id, e] of fitEvidence) {
    const list = evidence.get(id) ?? [];
    list.push(e);
    evidence.set(id, list);
  }
  for (const [id, e] of corroborated) {
    if (score[id]! < config.verdict.suspicious) continue;
    const list = evidence.get(id) ?? [];
    list.push(e);
    evidence.set(id, list);
  }

  const { networks, facts, networkOf } = buildNetworks(an, labels, listed, edges);
  const { candidates: actors, keyOf } = buildCandidates(
    deps.profiles ?? [],
    deps.intel?.actors() ?? [],
    deps.catalogue,
  );
  const singletonFacts: NetworkFacts[] = [];
  for (const id of listed)
    if (networkOf.get(id) === undefined) singletonFacts.push(factsForSingleton(an, id));
  const allFacts = [...facts, ...singletonFacts].map((f) => ({
    ...f,
    intelHits: f.intelHits.map((h) => ({ ...h, actorKeys: h.actorKeys.map((k) => keyOf.get(k) ?? k) })),
  }));
  const attributions = new Map<string, Attribution>();
  for (const a of attributeNetworks(allFacts, actors, config.attribution)) attributions.set(a.network, a);

  for (const net of networks) {
    const a = attributions.get(net.id);
    net.actor = a?.actor ?? null;
    net.attributionEvidence = a?.evidence ?? [];
  }

  const accounts: AccountVerdict[] = listed.map((id) => {
    const name = graph.accounts.value(id);
    const netId = networkOf.get(id) ?? null;
    const attr = attributions.get(netId ?? `account:${name}`);
    const actor = attr?.actor
      ? {
          name: attr.actor.name,
          stix_id: attr.actor.stix_id,
          confidence: attr.actor.confidence,
          level: attr.actor.level,
        }
      : null;
    const ttpCounts = book.ttps.get(id);
    const ttps = ttpCounts
      ? [...ttpCounts].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).map(([t]) => t)
      : [];
    const final = score[id]!;
    const ev = (evidence.get(id) ?? []).map((e) => ({ ...e, weight: round(e.weight) }));
    if (attr?.actor) ev.push(...attr.evidence.map((e) => ({ ...e })));
    return {
      account: name,
      verdict: final >= config.verdict.malicious ? 'malicious' : 'suspicious',
      score: round(final),
      network: netId,
      actor,
      ttps,
      evidence: ev,
    };
  });
  accounts.sort((x, y) => y.score - x.score || x.account.localeCompare(y.account));

  return {
    accounts,
    networks,
    stats: {
      accounts: n,
      events: an.eventsAdded,
      edges: graph.edgeCount,
      promptLinks,
      hubsSkipped: graph.stats.hubsSkipped,
      largestHub: graph.stats.largestHub,
      warninglisted: graph.stats.warninglisted,
      communities: new Set(labels.filter((l) => l >= 0)).size,
    },
    ports: { intel: deps.intel?.source ?? null, content: deps.content?.source ?? null },
  };
}

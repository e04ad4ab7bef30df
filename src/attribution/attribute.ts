import { createHash } from 'node:crypto';
import { inferUtcOffset, languageFit, timezoneFit, topicFit, ttpFit } from './fit.js';
import type { ActorProfileData } from './profiles.schema.js';

/** Evidence behind an attribution; structurally the pipeline's `Evidence`. */
export interface AttributionEvidence {
  kind: 'indicator-match' | 'infrastructure' | 'profile';
  detail: string;
  rule: string;
  weight: number;
  refs?: { indicator?: string; accounts?: string[]; value?: string };
}

/** An actor the run can attribute to: a profiled actor, an actor named by intel, or both. */
export interface ActorCandidate {
  /** Stable key: the catalogue id when known, else the intel STIX id. */
  key: string;
  name: string;
  stixId: string;
  profile?: ActorProfileData;
  /** True when intel names this actor but Warden has no profile or catalogue entry for it. */
  unknownToWarden: boolean;
}

/** An intel hit seen inside a network, with the actors its indicator points at (keys). */
export interface NetworkIntelHit {
  indicatorId: string;
  value: string;
  confidence: number | undefined;
  account: string;
  actorKeys: readonly string[];
  /** True when the indicator is a range or a whole domain rather than one address or mailbox. */
  range?: boolean;
}

/** What the attribution stage needs to know about one suspicious network. */
export interface NetworkFacts {
  id: string;
  accounts: readonly string[];
  intelHits: readonly NetworkIntelHit[];
  ttps: ReadonlyMap<string, number>;
  topics: ReadonlyMap<string, number>;
  languages: ReadonlyMap<string, number>;
  /** Requests per UTC hour. */
  hours: ArrayLike<number>;
  /** Infrastructure keys (`kind:value`) the network used: IPs, prefixes, domains, devices. */
  infrastructure: readonly string[];
}

export interface AttributionOptions {
  minConfidence: number;
  high: number;
  moderate: number;
}

export type ConfidenceLevel = 'low' | 'moderate' | 'high';

export interface ActorHypothesis {
  name: string;
  stix_id: string;
  confidence: number;
}

/** The attribution of one network: `actor` null means unattributed. */
export interface Attribution {
  network: string;
  actor: (ActorHypothesis & { level: ConfidenceLevel; alternatives: ActorHypothesis[] }) | null;
  evidence: AttributionEvidence[];
}

/** Largest confidence behaviour alone can give: below `moderate`, so a profile fit never names an actor by itself at the default threshold. */
const PROFILE_SHARE = 0.45;
/** A profile fit below this contradicts the actor rather than merely failing to support it. */
const CONTRADICTS = 0.3;
const RULE_INTEL = 'attribution-intel@1';
const RULE_INFRA = 'attribution-infrastructure@1';
const RULE_PROFILE = 'attribution-profile@1';

/** A deterministic STIX id for a profiled actor that intel did not name (UUIDv5-shaped). */
export function stixIdFor(key: string): string {
  const h = createHash('sha256').update(`warden-actor:${key}`).digest('hex');
  return `intrusion-set--${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * How much sharing one kind of infrastructure with an attributed network says. Hosting /24s and
 * user agents are shared by unrelated customers of one provider; a device or card is not.
 */
const infraKindWeight: Readonly<Record<string, number>> = {
  device: 0.4,
  payment: 0.4,
  phone: 0.3,
  'email-domain': 0.3,
  'email-pattern': 0.2,
  ip: 0.15,
  'ip-prefix': 0.03,
  'user-agent': 0.02,
};

function infraWeight(key: string): number {
  return infraKindWeight[key.slice(0, key.indexOf(':'))] ?? 0.05;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function levelOf(c: number, o: AttributionOptions): ConfidenceLevel {
  return c >= o.high ? 'high' : c >= o.moderate ? 'moderate' : 'low';
}

interface Score {
  intel: number;
  infra: number;
  profile: number;
  /** Fit over the components the network showed (TTPs, targets, hours, languages); undefined when none. */
  informedFit: number | undefined;
  /** The worse of time-zone and language fit, where known. */
  habitFit: number | undefined;
  evidence: AttributionEvidence[];
}

/** Intel overlap: each distinct indicator pointing at the actor, split when it points at several. */
function intelScore(
  net: NetworkFacts,
  key: string,
  names: ReadonlyMap<string, string>,
): { score: number; evidence: AttributionEvidence[] } {
  const seen = new Set<string>();
  let keep = 1;
  const evidence: AttributionEvidence[] = [];
  for (const h of net.intelHits) {
    if (!h.actorKeys.includes(key) || seen.has(h.indicatorId)) continue;
    seen.add(h.indicatorId);
    const share = 1 / h.actorKeys.length;
    const w = 0.7 * ((h.confidence ?? 70) / 100) * share * (h.range ? 0.6 : 1);
    keep *= 1 - w;
    const others = h.actorKeys.filter((k) => k !== key).map((k) => names.get(k) ?? k);
    evidence.push({
      kind: 'indicator-match',
      detail: `${h.value} (account ${h.account}) matched ${h.indicatorId}, attributed to ${names.get(key) ?? key}${others.length ? `; contradictory: also attributed to ${others.join(', ')}, weight split ${h.actorKeys.length} ways` : ''}`,
      rule: RULE_INTEL,
      weight: round(w),
      refs: { indicator: h.indicatorId, value: h.value, accounts: [h.account] },
    });
  }
  return { score: 1 - keep, evidence };
}

/** Behavioural fit to a profile: TTPs 0.4, targets 0.2, time zone 0.2, language 0.2; unknown counts 0. */
function profileScore(
  net: NetworkFacts,
  c: ActorCandidate,
): { score: number; informedFit?: number; habitFit?: number; evidence: AttributionEvidence[] } {
  const p = c.profile;
  if (!p) return { score: 0, evidence: [] };
  const ttp = ttpFit(net.ttps, p.ttps);
  const topic = topicFit(net.topics, p.topics);
  const tz = inferUtcOffset(net.hours);
  const tzFit = tz ? timezoneFit(tz.offset, p.utc_offsets) : undefined;
  const lang = languageFit(net.languages, p.languages);
  const score = 0.4 * (ttp ?? 0) + 0.2 * (topic ?? 0) + 0.2 * (tzFit ?? 0) + 0.2 * (lang ?? 0);
  // Fit over what the network showed: what is unknown (no content stage, no TTPs) neither
  // supports nor contradicts the profile.
  const parts4 = [
    [0.4, ttp],
    [0.2, topic],
    [0.2, tzFit],
    [0.2, lang],
  ] as const;
  const known = parts4.reduce((acc, [w, v]) => acc + (v === undefined ? 0 : w), 0);
  const informedFit =
    known === 0 ? undefined : parts4.reduce((acc, [w, v]) => acc + (v === undefined ? 0 : w * v), 0) / known;
  const parts: string[] = [];
  if (ttp !== undefined) parts.push(`TTP similarity ${ttp.toFixed(2)}`);
  if (topic !== undefined) parts.push(`target fit ${topic.toFixed(2)}`);
  if (tz && tzFit !== undefined)
    parts.push(
      `active hours suggest UTC${tz.offset >= 0 ? '+' : ''}${tz.offset} (profile ${p.utc_offsets.join('/')}, fit ${tzFit.toFixed(2)})`,
    );
  if (lang !== undefined) parts.push(`language fit ${lang.toFixed(2)} (profile ${p.languages.join(', ')})`);
  if (parts.length === 0 || informedFit === undefined) return { score: 0, evidence: [] };
  // Hours and language are the hardest habits to change: a clear miss on either contradicts.
  const habits = [tzFit, lang].filter((v): v is number => v !== undefined);
  return {
    score,
    informedFit,
    ...(habits.length > 0 ? { habitFit: Math.min(...habits) } : {}),
    evidence: [
      { kind: 'profile', detail: `${c.name}: ${parts.join('; ')}`, rule: RULE_PROFILE, weight: round(score) },
    ],
  };
}

/**
 * Scores every suspicious network against every candidate actor and keeps the best, with the
 * runner-up hypotheses. Intel overlap is strongest; infrastructure shared with a network that
 * intel already attributed in this run (or `priorInfrastructure` from earlier runs) comes next;
 * behavioural fit to a profile alone can reach at most 0.45, so by itself it never reaches
 * the default `minConfidence`: it ranks hypotheses and strengthens intel, it does not name.
 * Below `minConfidence` the network is left unattributed rather than guessed.
 */
export function attributeNetworks(
  networks: readonly NetworkFacts[],
  candidates: readonly ActorCandidate[],
  opts: AttributionOptions,
  priorInfrastructure: ReadonlyMap<string, string> = new Map(),
): Attribution[] {
  const names = new Map(candidates.map((c) => [c.key, c.name]));
  const scores = networks.map((net) =>
    candidates.map((c): Score => {
      const intel = intelScore(net, c.key, names);
      const prof = profileScore(net, c);
      return {
        intel: intel.score,
        infra: 0,
        profile: prof.score,
        informedFit: prof.informedFit,
        habitFit: prof.habitFit,
        evidence: [...intel.evidence, ...prof.evidence],
      };
    }),
  );

  // Infrastructure: values of networks that intel attributes (moderate or better) point at that actor.
  const infraOwner = new Map(priorInfrastructure);
  networks.forEach((net, i) => {
    const row = scores[i]!;
    let best = -1;
    row.forEach((s, j) => {
      if (s.intel >= 0.5 && (best < 0 || s.intel > row[best]!.intel)) best = j;
    });
    if (best >= 0)
      for (const k of net.infrastructure) if (!infraOwner.has(k)) infraOwner.set(k, candidates[best]!.key);
  });
  networks.forEach((net, i) => {
    const shared = new Map<string, string[]>();
    for (const k of net.infrastructure) {
      const owner = infraOwner.get(k);
      if (owner === undefined) continue;
      const list = shared.get(owner) ?? [];
      list.push(k);
      shared.set(owner, list);
    }
    candidates.forEach((c, j) => {
      const keys = shared.get(c.key);
      if (!keys) return;
      const s = scores[i]![j]!;
      if (s.intel >= 0.5) return; // its own infrastructure, already counted as intel
      s.infra = Math.min(0.6, 1 - keys.reduce((keep, k) => keep * (1 - infraWeight(k)), 1));
      // Neighbouring actors share exits and hosting: infrastructure only names the actor whose
      // profile the network fits best (or nearly); otherwise it is a weak hint.
      const bestProfile = Math.max(...scores[i]!.map((x) => x.profile));
      if (s.profile < bestProfile - 0.05) s.infra *= 0.3;
      if (s.infra < 0.05) return;
      s.evidence.push({
        kind: 'infrastructure',
        detail: `shares ${keys.length} value${keys.length > 1 ? 's' : ''} (${keys.slice(0, 3).join(', ')}) with infrastructure attributed to ${c.name}`,
        rule: RULE_INFRA,
        weight: round(s.infra),
      });
    });
  });

  return networks.map((net, i) => {
    const ranked = candidates
      .map((c, j) => {
        const s = scores[i]![j]!;
        let confidence = 1 - (1 - s.intel) * (1 - s.infra) * (1 - PROFILE_SHARE * s.profile);
        // Behaviour that contradicts the profile (other TTPs, hours, languages) weakens intel:
        // partner feeds carry stale or shared infrastructure, and a crime group renting the
        // same hosting range as an actor must not inherit its name.
        if (c.profile && s.informedFit !== undefined && s.informedFit < CONTRADICTS)
          confidence *= 0.5 + s.informedFit;
        if (c.profile && s.habitFit !== undefined && s.habitFit < CONTRADICTS) confidence *= 0.5 + s.habitFit;
        return { c, s, confidence };
      })
      .filter((r) => r.confidence > 0)
      .sort((a, b) => b.confidence - a.confidence || a.c.name.localeCompare(b.c.name));
    const top = ranked[0];
    const alternatives = ranked
      .slice(1, 3)
      .map((r) => ({ name: r.c.name, stix_id: r.c.stixId, confidence: round(r.confidence) }));
    if (!top || top.confidence < opts.minConfidence) {
      const evidence: AttributionEvidence[] = top
        ? [
            {
              kind: 'profile',
              detail: `unattributed: best hypothesis ${top.c.name} at ${top.confidence.toFixed(2)} is below ${opts.minConfidence}`,
              rule: RULE_PROFILE,
              weight: round(top.confidence),
            },
          ]
        : [];
      return { network: net.id, actor: null, evidence };
    }
    const evidence = [...top.s.evidence];
    if (top.c.unknownToWarden) {
      evidence.push({
        kind: 'indicator-match',
        detail: `${top.c.name} is named by intel but absent from Warden's catalogue and profiles; attributed on intel alone`,
        rule: RULE_INTEL,
        weight: 0,
      });
    }
    return {
      network: net.id,
      actor: {
        name: top.c.name,
        stix_id: top.c.stixId,
        confidence: round(top.confidence),
        level: levelOf(top.confidence, opts),
        alternatives,
      },
      evidence,
    };
  });
}

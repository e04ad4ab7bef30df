import { resolveActorName, type ActorCatalogue } from '../intel/index.js';
import { TTPS, isTtpId } from '../content/index.js';
import type { AnalyzeReport } from '../pipeline/index.js';
import type { Pseudonymiser } from './pseudonymise.js';

/** An enforcement action on one account within the period (`account.enforced` events, Warden's own actions). */
export interface ActionRecord {
  account: string;
  /** `warn`, `suspend`, `terminate`, `reinstate` (the event format), or a Warden action such as `network-ban`. */
  action: string;
  /** Epoch ms. */
  at: number;
}

/** What an actor sought: the topics its networks' prompts named, with counts. */
export type TopicCounts = ReadonlyMap<string, ReadonlyMap<string, number>>;

export interface TransparencyInput {
  period: { from: string; to: string };
  analysis: AnalyzeReport;
  actions: readonly ActionRecord[];
  catalogue: ActorCatalogue;
  /** Actor name → topic → count, gathered by the shell from the networks' prompts. */
  topics?: TopicCounts;
  pseudonymise: Pseudonymiser;
  /** Who publishes it, for the title. */
  publisher?: string;
}

export interface ReportTtp {
  id: string;
  label: string;
  tactic: string | null;
  techniques: readonly string[];
  /** Requests tagged with it across the actor's networks. */
  requests: number;
}

export interface ReportActor {
  name: string;
  aliases: string[];
  country: string | null;
  sponsor: string | null;
  mitreId: string | null;
  /** The strongest attribution level among its networks. */
  confidence: 'high' | 'moderate' | 'low';
  networks: number;
  accounts: number;
  accountsActioned: number;
  ttps: ReportTtp[];
  topics: { topic: string; count: number }[];
  languages: Record<string, number>;
  detectedBy: Record<string, number>;
  /** Pseudonymised network ids, for the case report and the STIX bundle. */
  networkRefs: string[];
}

export interface TransparencyReport {
  title: string;
  period: { from: string; to: string };
  generatedAt: string;
  totals: {
    actors: number;
    networks: number;
    accountsFlagged: number;
    accountsActioned: number;
    actionsByKind: Record<string, number>;
  };
  actors: ReportActor[];
  /** TTPs across every attributed network, most frequent first. */
  ttps: ReportTtp[];
  /** Evidence kind → actioned accounts whose verdict it supported: how Warden found them. */
  detectionMethods: Record<string, number>;
  /** ATLAS techniques that describe any use of a model service by an actor (ttps.md). */
  atlas: readonly string[];
  unattributed: { networks: number; accounts: number };
}

/** ATLAS anchors that every attributed use of the service illustrates (ttps.md). */
export const ATLAS_ANCHORS = ['AML.T0040', 'AML.T0016.002'] as const;

function inPeriod(at: number, from: number, to: number): boolean {
  return at >= from && at < to;
}

function add(into: Record<string, number>, key: string, n = 1): void {
  into[key] = (into[key] ?? 0) + n;
}

/** TTP rows from request counts per TTP id: known ids only, most requested first. */
export function ttpRows(counts: Record<string, number>): ReportTtp[] {
  return Object.entries(counts)
    .filter(([id]) => isTtpId(id))
    .map(([id, requests]) => {
      const info = TTPS[id as keyof typeof TTPS];
      return { id, label: info.label, tactic: info.defaultTactic, techniques: info.techniques, requests };
    })
    .sort((a, b) => b.requests - a.requests || a.id.localeCompare(b.id));
}

/**
 * Builds the transparency report for a period, in the shape of the February 2024 public reports:
 * which actors were disrupted, how many accounts and networks were actioned, what they sought,
 * their TTPs mapped to ATT&CK and ATLAS, their country or sponsor, and how they were detected.
 * Account and network identifiers are pseudonymised; counts are exact. Pure: the shell gathers
 * the analysis, the actions and the topics.
 */
export function buildTransparencyReport(input: TransparencyInput, generatedAt: string): TransparencyReport {
  const from = Date.parse(input.period.from);
  const to = Date.parse(input.period.to);
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from)
    throw new RangeError(`The period must be two RFC 3339 times with from < to (got ${input.period.from} – ${input.period.to}).`);

  const lastAction = new Map<string, ActionRecord>();
  const actionsByKind: Record<string, number> = {};
  for (const a of input.actions) {
    if (!inPeriod(a.at, from, to)) continue;
    add(actionsByKind, a.action);
    const prev = lastAction.get(a.account);
    if (!prev || prev.at <= a.at) lastAction.set(a.account, a);
  }
  // An account reinstated later in the period is not counted as actioned: the report says what stands.
  const actioned = new Set([...lastAction].filter(([, a]) => a.action !== 'reinstate' && a.action !== 'warn').map(([acc]) => acc));

  const accountRows = new Map(input.analysis.accounts.map((a) => [a.account, a]));
  const byActor = new Map<string, ReportActor>();
  const allTtps: Record<string, number> = {};
  const detectionMethods: Record<string, number> = {};
  let unattributedNetworks = 0;
  let unattributedAccounts = 0;

  for (const net of input.analysis.networks) {
    if (!net.actor) {
      unattributedNetworks++;
      unattributedAccounts += net.accounts.length;
      continue;
    }
    const name = net.actor.name;
    let row = byActor.get(name);
    if (!row) {
      // Intel may name the actor by any vendor's alias; the catalogue's resolver knows them all.
      const resolved = resolveActorName(input.catalogue, name);
      const cat = resolved.kind === 'match' ? resolved.actor : undefined;
      row = {
        name,
        aliases: cat ? [...cat.aliases] : [],
        country: cat?.country ?? null,
        sponsor: cat?.sponsor ?? null,
        mitreId: cat?.mitre_id ?? null,
        confidence: net.actor.level,
        networks: 0,
        accounts: 0,
        accountsActioned: 0,
        ttps: [],
        topics: [],
        languages: {},
        detectedBy: {},
        networkRefs: [],
      };
      byActor.set(name, row);
    }
    row.networks++;
    row.accounts += net.accounts.length;
    row.networkRefs.push(input.pseudonymise('network', net.id));
    if (rank(net.actor.level) > rank(row.confidence)) row.confidence = net.actor.level;
    const ttps: Record<string, number> = Object.fromEntries(row.ttps.map((t) => [t.id, t.requests]));
    for (const [id, n] of Object.entries(net.summary.ttps)) {
      add(ttps, id, n);
      add(allTtps, id, n);
    }
    row.ttps = ttpRows(ttps);
    for (const [lang, n] of Object.entries(net.summary.languages)) add(row.languages, lang, n);
    for (const acc of net.accounts) {
      if (!actioned.has(acc)) continue;
      row.accountsActioned++;
      // Counted once per account and kind: "how many accounts did intel find", not how many hits.
      for (const kind of new Set((accountRows.get(acc)?.evidence ?? []).map((ev) => ev.kind))) {
        add(row.detectedBy, kind);
        add(detectionMethods, kind);
      }
    }
  }
  for (const row of byActor.values()) {
    const topics = input.topics?.get(row.name);
    row.topics = topics
      ? [...topics].map(([topic, count]) => ({ topic, count })).sort((a, b) => b.count - a.count || a.topic.localeCompare(b.topic)).slice(0, 10)
      : [];
  }
  const actors = [...byActor.values()].sort((a, b) => b.accounts - a.accounts || a.name.localeCompare(b.name));
  return {
    title: `${input.publisher ?? 'Warden'} transparency report: threat actors' use of our AI service, ${input.period.from.slice(0, 10)} to ${input.period.to.slice(0, 10)}`,
    period: input.period,
    generatedAt,
    totals: {
      actors: actors.length,
      networks: actors.reduce((s, a) => s + a.networks, 0),
      accountsFlagged: input.analysis.accounts.length,
      accountsActioned: actioned.size,
      actionsByKind,
    },
    actors,
    ttps: ttpRows(allTtps),
    detectionMethods,
    atlas: actors.length > 0 ? ATLAS_ANCHORS : [],
    unattributed: { networks: unattributedNetworks, accounts: unattributedAccounts },
  };
}

function rank(level: string): number {
  return level === 'high' ? 3 : level === 'moderate' ? 2 : level === 'low' ? 1 : 0;
}

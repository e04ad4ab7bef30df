import { createHash } from 'node:crypto';
import type { AnalyzeReport } from '../pipeline/index.js';
import type { CaseActor, CasePriority } from './case.schema.js';

type ReportAccount = AnalyzeReport['accounts'][number];
type ReportNetwork = AnalyzeReport['networks'][number];

/**
 * What a case keeps of the detection: the report's entries for its network and accounts as they
 * were (so the case reads the same after the live pipeline moves on), plus the references an
 * analyst follows — events, indicators, TTPs, links — and the `ruleId@version` of every detector
 * whose evidence it carries, which is what dispositions are counted against.
 */
export interface CaseSnapshot {
  reportAt: string;
  network: ReportNetwork | null;
  accounts: ReportAccount[];
  refs: {
    events: string[];
    indicators: string[];
    ttps: string[];
    links: { a: string; b: string; via: string; value: string }[];
    rules: string[];
  };
}

/** A case as the detections describe it, before workflow fields are added. */
export interface CaseDraft {
  key: string;
  title: string;
  priority: CasePriority;
  networkId: string | null;
  accounts: string[];
  actor: CaseActor | null;
  score: number;
  snapshot: CaseSnapshot;
  /** Changes when the evidence changes, not when the report is merely regenerated. */
  evidenceHash: string;
}

const MAX_REFS = 500;

function priorityOf(actor: CaseActor | null, verdicts: ReportAccount[]): CasePriority {
  if (actor?.level === 'high') return 'critical';
  if (verdicts.some((a) => a.verdict === 'malicious')) return 'high';
  return actor ? 'high' : 'medium';
}

function refsOf(network: ReportNetwork | null, accounts: ReportAccount[]): CaseSnapshot['refs'] {
  const events = new Set<string>();
  const indicators = new Set<string>();
  const ttps = new Set<string>();
  const rules = new Set<string>();
  for (const a of accounts) {
    for (const t of a.ttps) ttps.add(t);
    for (const e of a.evidence) {
      rules.add(e.rule);
      for (const id of e.refs?.events ?? []) if (events.size < MAX_REFS) events.add(id);
      if (e.refs?.indicator) indicators.add(e.refs.indicator);
    }
  }
  for (const e of network?.attribution_evidence ?? []) {
    rules.add(e.rule);
    if (e.refs?.indicator) indicators.add(e.refs.indicator);
  }
  const links = (network?.links ?? []).map((l) => ({ a: l.a, b: l.b, via: l.via, value: l.value }));
  return { events: [...events].sort(), indicators: [...indicators].sort(), ttps: [...ttps].sort(), links, rules: [...rules].sort() };
}

function actorOf(a: { name: string; stix_id?: string; confidence: number; level: string } | null | undefined): CaseActor | null {
  if (!a) return null;
  return { name: a.name, ...(a.stix_id ? { stix_id: a.stix_id } : {}), confidence: a.confidence, level: a.level };
}

function hashOf(x: unknown): string {
  return createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 32);
}

/**
 * One draft per network with at least one listed account, and one per listed account outside
 * any network: the unit an analyst decides on. Keys are stable (`network:<id>`, `account:<id>`),
 * so the same detection re-read later updates its case instead of opening another.
 */
export function draftCases(report: AnalyzeReport): CaseDraft[] {
  const byAccount = new Map(report.accounts.map((a) => [a.account, a]));
  const out: CaseDraft[] = [];
  const inNetwork = new Set<string>();
  for (const n of report.networks) {
    const listed = n.accounts.map((a) => byAccount.get(a)).filter((a): a is ReportAccount => a !== undefined);
    if (listed.length === 0) continue;
    for (const a of n.accounts) inNetwork.add(a);
    const actor = actorOf(n.actor);
    const snapshot: CaseSnapshot = { reportAt: report.generated_at, network: n, accounts: listed, refs: refsOf(n, listed) };
    out.push({
      key: `network:${n.id}`,
      title: `Network ${n.id}: ${n.accounts.length} accounts${actor ? `, ${actor.name} (${actor.level})` : ''}`,
      priority: priorityOf(actor, listed),
      networkId: n.id,
      accounts: [...n.accounts].sort(),
      actor,
      score: Math.max(...listed.map((a) => a.score)),
      snapshot,
      evidenceHash: hashOf({
        accounts: [...n.accounts].sort(),
        actor: actor && [actor.name, actor.level],
        rules: snapshot.refs.rules,
        verdicts: listed.map((a) => [a.account, a.verdict]).sort(),
        indicators: snapshot.refs.indicators,
      }),
    });
  }
  for (const a of report.accounts) {
    if (inNetwork.has(a.account) || a.network !== null) continue;
    const actor = actorOf(a.actor);
    const snapshot: CaseSnapshot = { reportAt: report.generated_at, network: null, accounts: [a], refs: refsOf(null, [a]) };
    out.push({
      key: `account:${a.account}`,
      title: `Account ${a.account}: ${a.verdict}${actor ? `, ${actor.name} (${actor.level})` : ''}`,
      priority: priorityOf(actor, [a]),
      networkId: null,
      accounts: [a.account],
      actor,
      score: a.score,
      snapshot,
      evidenceHash: hashOf({ verdict: a.verdict, actor: actor && [actor.name, actor.level], rules: snapshot.refs.rules, indicators: snapshot.refs.indicators }),
    });
  }
  return out;
}

import { resolveActorName, type ActorCatalogue, type TlpLevel } from '../intel/index.js';
import type { AnalyzeReport } from '../pipeline/index.js';
import type { Pseudonymiser } from './pseudonymise.js';
import { DEFAULT_SHARE, kindOfValue, Redactor, type ShareKind } from './redact.js';
import { tlpLabel, TLP_MEANING } from './tlp.js';
import { ATLAS_ANCHORS, ttpRows, type ReportTtp } from './transparency.js';

type SnapshotAccount = AnalyzeReport['accounts'][number];
type SnapshotNetwork = AnalyzeReport['networks'][number];

/** The case as the shell reads it from the store (the cases folder's view, structurally). */
export interface CaseReportCase {
  id: string;
  title: string;
  state: string;
  priority: string;
  disposition: string | null;
  createdAt: string;
  updatedAt: string;
  accounts: readonly string[];
  networkId: string | null;
  actor: { name: string; confidence: number; level: string } | null;
}

/** What the case kept of its detection (`CaseSnapshot` in src/cases). */
export interface CaseReportSnapshot {
  reportAt: string;
  network: SnapshotNetwork | null;
  accounts: readonly SnapshotAccount[];
  refs: { indicators: readonly string[]; ttps: readonly string[] };
}

/** A note on the case's timeline; `kind` is `system`, `change`, `note` or `appeal`. */
export interface CaseReportNote {
  kind: string;
  body: string;
  at: number;
}

/** An enforcement action on the case. */
export interface CaseReportAction {
  kind: string;
  targetType: string;
  targetId: string;
  state: string;
  reason: string;
  /** Accounts the action's plan covers. */
  accounts: number;
  createdAt: number;
  executedAt: number | null;
  reversedAt: number | null;
}

export interface CaseReportInput {
  case: CaseReportCase;
  snapshot: CaseReportSnapshot | null;
  notes: readonly CaseReportNote[];
  actions: readonly CaseReportAction[];
  catalogue: ActorCatalogue;
  tlp: TlpLevel;
  pseudonymise: Pseudonymiser;
  /** Kinds of value printed in clear (default `DEFAULT_SHARE`). */
  share?: readonly ShareKind[];
  /** Print account ids and every value in clear: only on an explicit, audited request. */
  includeIdentifiers?: boolean;
  publisher?: string;
}

/** The prefix that marks an analyst's note as fit to share with partners. */
export const SHAREABLE_NOTE_PREFIX = '[shareable]';

export interface CaseReport {
  title: string;
  publisher: string;
  generatedAt: string;
  tlp: { level: TlpLevel; label: string; meaning: string };
  identifiers: 'pseudonymised' | 'included';
  /** Kinds of value printed in clear; everything else is a keyed hash. */
  shared: string[];
  case: { id: string; network: string | null; state: string; priority: string; disposition: string | null; openedAt: string };
  summary: {
    text: string;
    accounts: number;
    accountsActioned: number;
    firstSeen: string | null;
    lastSeen: string | null;
    languages: Record<string, number>;
    likelyUtcOffset: number | null;
  };
  timeline: { at: string; event: string }[];
  accounts: { ref: string; verdict: string; score: number; ttps: string[]; evidence: Record<string, number>; why: string | null }[];
  infrastructure: { kind: string; values: { value: string; members: number; pseudonymised: boolean }[] }[];
  indicators: { id: string; value: string; pseudonymised: boolean; accounts: number; detail: string }[];
  ttps: ReportTtp[];
  atlas: readonly string[];
  attribution: {
    actor: { name: string; aliases: string[]; country: string | null; sponsor: string | null; mitreId: string | null; level: string; confidence: number } | null;
    alternatives: { name: string; confidence: number }[];
    evidence: { kind: string; detail: string; weight: number; rule: string }[];
  };
  actions: { kind: string; target: string; state: string; reason: string; accounts: number; proposedAt: string; executedAt: string | null; reversedAt: string | null }[];
  notes: { at: string; body: string }[];
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Registers every identifier the case holds with the redactor before any free text is redacted. */
function registerIdentifiers(r: Redactor, input: CaseReportInput): void {
  const net = input.snapshot?.network ?? null;
  for (const a of input.case.accounts) r.account(a);
  for (const a of input.snapshot?.accounts ?? []) r.account(a.account);
  if (net) {
    r.network(net.id);
    for (const a of net.accounts) r.account(a);
    for (const l of net.links) {
      r.account(l.a);
      r.account(l.b);
      r.value(l.via, l.value);
    }
    for (const s of net.summary.shared_infrastructure) r.value(s.via, s.value);
  }
  if (input.case.networkId) r.network(input.case.networkId);
  const evidence = [...(input.snapshot?.accounts ?? []).flatMap((a) => a.evidence), ...(net?.attribution_evidence ?? [])];
  for (const e of evidence) {
    for (const a of e.refs?.accounts ?? []) r.account(a);
    const v = e.refs?.value;
    if (v !== undefined) r.value((e.refs as { via?: string } | undefined)?.via ?? kindOfValue(v), v);
  }
  for (const a of input.actions) if (a.targetType === 'account') r.account(a.targetId);
}

function summaryText(input: CaseReportInput, r: CaseReportReportParts): string {
  const actor = r.attribution.actor;
  const who = actor ? `attributed to ${actor.name} (${actor.level} confidence)` : 'not attributed to a tracked actor';
  const what = r.ttps.length > 0 ? ` Their requests served ${r.ttps.slice(0, 3).map((t) => t.label).join(', ')}.` : '';
  const done = r.accountsActioned > 0 ? ` ${r.accountsActioned} of them ${r.accountsActioned === 1 ? 'was' : 'were'} actioned.` : ' No enforcement action has been executed yet.';
  const span = r.firstSeen && r.lastSeen ? ` between ${r.firstSeen.slice(0, 10)} and ${r.lastSeen.slice(0, 10)}` : '';
  const unit = input.snapshot?.network ? `a network of ${r.accounts} linked account${r.accounts === 1 ? '' : 's'}` : `${r.accounts} account${r.accounts === 1 ? '' : 's'}`;
  return `We detected ${unit}${span}, ${who}.${what}${done}`;
}

type CaseReportReportParts = Pick<CaseReport, 'ttps' | 'attribution'> & { accounts: number; accountsActioned: number; firstSeen: string | null; lastSeen: string | null };

/** State changes, as the case's change notes record them (`state: "new" → "triage"`). */
function stateChange(body: string): string | null {
  const m = /state: "([a-z-]+)" → "([a-z-]+)"/.exec(body);
  return m ? `Case moved from ${m[1]} to ${m[2]}` : null;
}

/**
 * Builds the case report a provider sends a partner about one case: summary, timeline, the
 * network's accounts, shared infrastructure by kind, indicators matched, TTPs (mapped to ATT&CK
 * and ATLAS), attribution hypotheses with their evidence, actions taken and shareable notes,
 * under one TLP marking. Account ids are always pseudonymised with the keyed hash unless the
 * caller includes identifiers; values by kind per the share policy, including inside free text.
 * Analyst notes are left out unless an analyst started one with `[shareable]`; system, change
 * and appeal notes never go out (appeals are the user's own words). Pure.
 */
export function buildCaseReport(input: CaseReportInput, generatedAt: string): CaseReport {
  const share = new Set(input.share ?? DEFAULT_SHARE);
  const r = new Redactor(input.pseudonymise, share, input.includeIdentifiers === true);
  registerIdentifiers(r, input);
  const snap = input.snapshot;
  const net = snap?.network ?? null;
  const accountsAll = net ? net.accounts : input.case.accounts;

  const actioned = new Set<string>();
  for (const a of input.actions) {
    if (a.state !== 'executed') continue;
    if (a.targetType === 'account') actioned.add(a.targetId);
    else if (a.targetType === 'network') for (const acc of accountsAll) actioned.add(acc);
  }
  const why = new Map((net?.members ?? []).map((m) => [m.account, m.why]));
  const accounts = (snap?.accounts ?? [])
    .map((a) => {
      const evidence: Record<string, number> = {};
      for (const e of a.evidence) evidence[e.kind] = (evidence[e.kind] ?? 0) + 1;
      const w = why.get(a.account);
      return { ref: r.account(a.account), verdict: a.verdict, score: a.score, ttps: [...a.ttps], evidence, why: w ? r.text(w) : null };
    })
    .sort((a, b) => b.score - a.score || a.ref.localeCompare(b.ref));

  const infraByKind = new Map<string, CaseReport['infrastructure'][number]['values']>();
  for (const s of net?.summary.shared_infrastructure ?? []) {
    const list = infraByKind.get(s.via) ?? [];
    list.push({ value: r.value(s.via, s.value), members: s.members, pseudonymised: !r.shares(s.via) });
    infraByKind.set(s.via, list);
  }
  const infrastructure = [...infraByKind]
    .map(([kind, values]) => ({ kind, values: values.sort((a, b) => b.members - a.members || a.value.localeCompare(b.value)) }))
    .sort((a, b) => a.kind.localeCompare(b.kind));

  const indicatorRows = new Map<string, { id: string; value: string; pseudonymised: boolean; accounts: Set<string>; detail: string }>();
  for (const a of snap?.accounts ?? [])
    for (const e of a.evidence) {
      if (e.kind !== 'indicator-match' || !e.refs?.indicator || e.rule.startsWith('attribution-')) continue;
      const raw = e.refs.value ?? '';
      const kind = kindOfValue(raw);
      const key = `${e.refs.indicator}|${raw}`;
      const row = indicatorRows.get(key) ?? { id: e.refs.indicator, value: raw ? r.value(kind, raw) : '', pseudonymised: raw !== '' && !r.shares(kind), accounts: new Set<string>(), detail: r.text(e.detail) };
      row.accounts.add(a.account);
      indicatorRows.set(key, row);
    }
  for (const id of snap?.refs.indicators ?? [])
    if (![...indicatorRows.values()].some((x) => x.id === id)) indicatorRows.set(id, { id, value: '', pseudonymised: false, accounts: new Set(), detail: 'named by attribution evidence' });
  const indicators = [...indicatorRows.values()]
    .map((x) => ({ id: x.id, value: x.value, pseudonymised: x.pseudonymised, accounts: x.accounts.size, detail: x.detail }))
    .sort((a, b) => b.accounts - a.accounts || a.id.localeCompare(b.id) || a.value.localeCompare(b.value));

  const ttpCounts: Record<string, number> = { ...(net?.summary.ttps ?? {}) };
  if (!net) for (const a of snap?.accounts ?? []) for (const t of a.ttps) ttpCounts[t] = (ttpCounts[t] ?? 0) + 1;
  const ttps = ttpRows(ttpCounts);

  const hyp = net?.actor ?? snap?.accounts[0]?.actor ?? input.case.actor;
  const resolved = hyp ? resolveActorName(input.catalogue, hyp.name) : null;
  const cat = resolved?.kind === 'match' ? resolved.actor : undefined;
  const attribution: CaseReport['attribution'] = {
    actor: hyp
      ? {
          name: hyp.name,
          aliases: cat ? [...cat.aliases] : [],
          country: cat?.country ?? null,
          sponsor: cat?.sponsor ?? null,
          mitreId: cat?.mitre_id ?? null,
          level: hyp.level,
          confidence: hyp.confidence,
        }
      : null,
    alternatives: (net?.actor?.alternatives ?? []).map((a) => ({ name: a.name, confidence: a.confidence })),
    evidence: (net?.attribution_evidence ?? []).map((e) => ({ kind: e.kind, detail: r.text(e.detail), weight: e.weight, rule: e.rule })),
  };

  const target = (a: CaseReportAction): string =>
    a.targetType === 'account' ? `account ${r.account(a.targetId)}` : a.targetType === 'network' ? `network ${r.network(a.targetId)}` : `${a.targetType} ${r.value(a.targetType, a.targetId)}`;
  const actions = input.actions
    .filter((a) => a.state === 'executed' || a.state === 'reversed' || a.state === 'expired')
    .map((a) => ({
      kind: a.kind,
      target: target(a),
      state: a.state,
      reason: r.text(a.reason),
      accounts: a.accounts,
      proposedAt: iso(a.createdAt),
      executedAt: a.executedAt === null ? null : iso(a.executedAt),
      reversedAt: a.reversedAt === null ? null : iso(a.reversedAt),
    }))
    .sort((a, b) => a.proposedAt.localeCompare(b.proposedAt));

  const notes = input.notes
    .filter((n) => n.kind === 'note' && n.body.trimStart().toLowerCase().startsWith(SHAREABLE_NOTE_PREFIX))
    .map((n) => ({ at: iso(n.at), body: r.text(n.body.trimStart().slice(SHAREABLE_NOTE_PREFIX.length).trim()) }));

  const firstSeen = net?.summary.first_seen ?? null;
  const lastSeen = net?.summary.last_seen ?? null;
  const timeline: CaseReport['timeline'] = [];
  if (firstSeen) timeline.push({ at: firstSeen, event: 'First activity of the network' });
  if (lastSeen && lastSeen !== firstSeen) timeline.push({ at: lastSeen, event: 'Last activity of the network seen by the detection' });
  timeline.push({ at: input.case.createdAt, event: 'Case opened from a detection' });
  for (const n of input.notes) {
    const change = n.kind === 'change' ? stateChange(n.body) : null;
    if (change) timeline.push({ at: iso(n.at), event: change });
  }
  for (const a of actions) {
    if (a.executedAt) timeline.push({ at: a.executedAt, event: `${a.kind} executed on ${a.target} (${a.accounts} account${a.accounts === 1 ? '' : 's'})` });
    if (a.reversedAt) timeline.push({ at: a.reversedAt, event: `${a.kind} on ${a.target} reversed` });
  }
  for (const n of notes) timeline.push({ at: n.at, event: 'Analyst note (below)' });
  timeline.sort((a, b) => a.at.localeCompare(b.at));

  const parts: CaseReportReportParts = { ttps, attribution, accounts: accountsAll.length, accountsActioned: [...actioned].filter((a) => accountsAll.includes(a)).length, firstSeen, lastSeen };
  const publisher = input.publisher ?? 'Warden';
  return {
    title: `${publisher} case report: ${attribution.actor ? attribution.actor.name : 'unattributed activity'}, ${accountsAll.length} account${accountsAll.length === 1 ? '' : 's'}`,
    publisher,
    generatedAt,
    tlp: { level: input.tlp, label: tlpLabel(input.tlp), meaning: TLP_MEANING[input.tlp] },
    identifiers: r.includeIdentifiers ? 'included' : 'pseudonymised',
    shared: r.includeIdentifiers ? ['all'] : [...share].sort(),
    case: {
      id: input.case.id,
      network: net ? r.network(net.id) : input.case.networkId ? r.network(input.case.networkId) : null,
      state: input.case.state,
      priority: input.case.priority,
      disposition: input.case.disposition,
      openedAt: input.case.createdAt,
    },
    summary: {
      text: summaryText(input, parts),
      accounts: accountsAll.length,
      accountsActioned: parts.accountsActioned,
      firstSeen,
      lastSeen,
      languages: { ...(net?.summary.languages ?? {}) },
      likelyUtcOffset: net?.summary.likely_utc_offset ?? null,
    },
    timeline,
    accounts,
    infrastructure,
    indicators,
    ttps,
    atlas: ATLAS_ANCHORS,
    attribution,
    actions,
    notes,
  };
}

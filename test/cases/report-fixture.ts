import type { AnalyzeReport } from '../../src/pipeline/index.js';

type Account = AnalyzeReport['accounts'][number];
type Network = AnalyzeReport['networks'][number];

/** A report account entry with one piece of evidence per rule given. */
export function reportAccount(account: string, network: string | null, rules: string[], over: Partial<Account> = {}): Account {
  return {
    account,
    verdict: 'malicious',
    score: 0.9,
    network,
    actor: null,
    ttps: ['llm-informed-reconnaissance'],
    evidence: rules.map((rule, i) => ({ kind: 'indicator-match', detail: `fixture ${rule}`, rule, weight: 0.5, refs: { events: [`ev-${account}-${i}`], indicator: `indicator--${i}` } })),
    ...over,
  };
}

/** A network entry; `level` sets the attribution confidence level (null: unattributed). */
export function reportNetwork(id: string, accounts: string[], actor: { name: string; level: 'low' | 'moderate' | 'high' } | null): Network {
  return {
    id,
    accounts,
    actor: actor && { name: actor.name, stix_id: 'intrusion-set--00000000-0000-4000-8000-000000000001', confidence: actor.level === 'high' ? 0.9 : 0.6, level: actor.level, alternatives: [] },
    links: accounts.slice(1).map((b) => ({ a: accounts[0]!, b, via: 'device' as const, value: 'dev-1', weight: 0.8, shared: 1 })),
    summary: { size: accounts.length, first_seen: '2024-03-01T00:00:00Z', last_seen: '2024-03-02T00:00:00Z', shared_infrastructure: [], ttps: {}, languages: {}, active_hours_utc: [], likely_utc_offset: null, burst_signups: 0 },
    members: accounts.map((a) => ({ account: a, why: 'shares dev-1' })),
    attribution_evidence: [],
  };
}

/** A whole report of the given entries (counts and stage fields are not read by cases). */
export function report(accounts: Account[], networks: Network[]): AnalyzeReport {
  return { generated_at: '2024-03-03T00:00:00Z', events: { read: 1, accepted: 1, rejected: 0 }, accounts, networks, stats: {}, stages: {} } as unknown as AnalyzeReport;
}

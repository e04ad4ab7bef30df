import { describe, expect, it } from 'vitest';
import type { AnalyzeReport } from './report.schema.js';
import { buildActorResolver, scoreAnalyzeReport, scoreLinkage } from './score.js';
import { TRUTH_FORMAT, type Truth, type TruthAccount } from './truth.schema.js';

function account(id: string, over: Partial<TruthAccount> = {}): TruthAccount {
  return {
    account: id,
    label: 'honest',
    kind: 'individual',
    hard_negative: false,
    hard_negative_reason: null,
    actor: null,
    network: null,
    group: null,
    ban_evasion: false,
    evades: null,
    banned: false,
    covered_by_intel: false,
    created: '2024-01-08',
    ...over,
  };
}

const fb = { label: 'malicious' as const, kind: 'state-actor', actor: 'Forest Blizzard', network: 'net-fb' };
const truth: Truth = {
  format: TRUTH_FORMAT,
  seed: 1,
  accounts_requested: 10,
  start: '2024-01-08',
  days: 28,
  events: 100,
  actors: [
    { name: 'Forest Blizzard', partner_name: 'APT28', aliases: ['APT28', 'Fancy Bear'], stix_id: 'intrusion-set--1', networks: ['net-fb'] },
    { name: 'Emerald Sleet', partner_name: 'Kimsuky', aliases: ['Kimsuky'], stix_id: 'intrusion-set--2', networks: ['net-es'] },
  ],
  networks: [],
  accounts: [
    account('a1', { ...fb, covered_by_intel: true }),
    account('a2', { ...fb, careful_operator: true }),
    account('a3', { ...fb, ban_evasion: true, evades: 'a1' }),
    account('b1', { label: 'malicious', kind: 'state-actor', actor: 'Emerald Sleet', network: 'net-es' }),
    account('c1', { label: 'malicious', kind: 'cybercrime', network: 'net-crime' }),
    account('h1'),
    account('h2'),
    account('h3', { kind: 'red-teamer', hard_negative: true, hard_negative_reason: 'content' }),
    account('h4', { kind: 'red-teamer', hard_negative: true, hard_negative_reason: 'content' }),
    account('h5', { kind: 'vpn-user', hard_negative: true, hard_negative_reason: 'infrastructure' }),
  ],
};

const entry = (id: string, verdict: string, actor: string | null = null, network: string | null = null) => ({
  account: id,
  verdict,
  network,
  actor: actor === null ? null : { name: actor },
});

describe('scoreAnalyzeReport', () => {
  it('scores a perfect report as perfect', () => {
    const report: AnalyzeReport = {
      accounts: [entry('a1', 'malicious', 'Forest Blizzard'), entry('a2', 'malicious', 'APT28'), entry('a3', 'malicious', 'fancy bear'), entry('b1', 'malicious', 'Kimsuky'), entry('c1', 'malicious')],
    };
    const s = scoreAnalyzeReport(report, truth);
    expect(s.flagged).toMatchObject({ true_positives: 5, false_positives: 0, false_negatives: 0, precision: 1, recall: 1, f1: 1 });
    expect(s.false_positive_rate.honest).toEqual({ accounts: 5, flagged: 0, rate: 0 });
    expect(s.attribution).toMatchObject({ flagged_actor_accounts: 4, attributed: 4, correct: 4, accuracy: 1, false_attributions_to_untracked: 0 });
    expect(s.ban_evasion).toEqual({ accounts: 1, flagged: 1, rate: 1 });
  });

  it('treats an empty report as flagging nothing: recall 0, precision undefined, no false positives', () => {
    const s = scoreAnalyzeReport({ accounts: [] }, truth);
    expect(s.flagged).toMatchObject({ true_positives: 0, false_negatives: 5, precision: null, recall: 0, f1: 0 });
    expect(s.false_positive_rate.hard_negatives).toEqual({ accounts: 3, flagged: 0, rate: 0 });
    expect(s.attribution.accuracy).toBeNull();
    expect(s.ban_evasion.rate).toBe(0);
  });

  it('counts suspicious as flagged but not as malicious-only, and splits hard-negative false positives by kind', () => {
    const report: AnalyzeReport = {
      accounts: [entry('a1', 'malicious'), entry('a2', 'suspicious'), entry('h3', 'suspicious'), entry('h5', 'malicious'), entry('h1', 'suspicious')],
    };
    const s = scoreAnalyzeReport(report, truth);
    expect(s.flagged).toMatchObject({ true_positives: 2, false_positives: 3, false_negatives: 3 });
    expect(s.flagged.precision).toBeCloseTo(0.4);
    expect(s.flagged.recall).toBeCloseTo(0.4);
    expect(s.malicious_only).toMatchObject({ true_positives: 1, false_positives: 1, false_negatives: 4 });
    expect(s.false_positive_rate.honest).toEqual({ accounts: 5, flagged: 3, rate: 0.6 });
    expect(s.false_positive_rate.hard_negatives.flagged).toBe(2);
    expect(s.false_positive_rate.by_kind['red-teamer']).toEqual({ accounts: 2, flagged: 1, rate: 0.5 });
    expect(s.false_positive_rate.by_kind['vpn-user']).toEqual({ accounts: 1, flagged: 1, rate: 1 });
    expect(s.false_positive_rate.by_reason.content?.flagged).toBe(1);
    expect(s.recall_by.intel.covered).toEqual({ accounts: 1, flagged: 1, rate: 1 });
    expect(s.ban_evasion.flagged).toBe(0);
    expect(s.recall_by.careful_operators).toEqual({ accounts: 1, flagged: 1, rate: 1 });
  });

  it('ignores accounts the truth does not know, counts duplicates once, and counts other verdicts as not flagged', () => {
    const report: AnalyzeReport = {
      accounts: [entry('zz', 'malicious'), entry('a1', 'malicious'), entry('a1', 'benign'), entry('a2', 'benign')],
    };
    const s = scoreAnalyzeReport(report, truth);
    expect(s.report).toEqual({ accounts: 3, unknown_accounts: 1, duplicate_accounts: 1, other_verdicts: 1 });
    expect(s.flagged.true_positives).toBe(1);
    expect(s.flagged.false_positives).toBe(0);
  });

  it('takes the network’s actor when the account has none, and reports wrong and missing attributions', () => {
    const report: AnalyzeReport = {
      accounts: [entry('a1', 'malicious', null, 'n1'), entry('a2', 'malicious', 'Kimsuky'), entry('a3', 'malicious'), entry('c1', 'malicious', 'APT28')],
      networks: [{ id: 'n1', actor: { name: 'Sofacy' } }],
    };
    // Without the extra bundle, "Sofacy" is unknown; with it, it resolves through the bundle's aliases.
    const plain = scoreAnalyzeReport(report, truth);
    expect(plain.attribution).toMatchObject({ flagged_actor_accounts: 3, attributed: 2, correct: 0, accuracy: 0 });
    const withBundle = scoreAnalyzeReport(report, truth, [['Sofacy', 'APT28', 'Pawn Storm']]);
    expect(withBundle.attribution).toMatchObject({ attributed: 2, correct: 1, false_attributions_to_untracked: 1 });
    expect(withBundle.attribution.accuracy).toBeCloseTo(1 / 3);
    expect(withBundle.attribution.precision).toBeCloseTo(1 / 2);
    expect(withBundle.attribution.confusions).toEqual([
      { truth: 'Forest Blizzard', reported: 'Kimsuky', accounts: 1 },
      { truth: 'Forest Blizzard', reported: null, accounts: 1 },
    ]);
  });
});

describe('buildActorResolver', () => {
  it('matches names regardless of case, spaces and punctuation, and refuses ambiguous names', () => {
    const resolve = buildActorResolver(truth, [['Shared Name', 'APT28'], ['Shared Name', 'Kimsuky']]);
    expect(resolve('apt-28')).toBe('Forest Blizzard');
    expect(resolve('FANCY BEAR')).toBe('Forest Blizzard');
    expect(resolve('Emerald Sleet')).toBe('Emerald Sleet');
    expect(resolve('Shared Name')).toBeNull();
    expect(resolve('Lazarus')).toBeNull();
  });
});

describe('scoreLinkage', () => {
  it('measures how much of each truth network is found together and how pure the reported networks are', () => {
    const report: AnalyzeReport = {
      accounts: [entry('a1', 'malicious', null, 'n1'), entry('a2', 'suspicious', null, 'n1'), entry('a3', 'malicious', null, 'n2')],
      // The network lists an honest member the accounts array does not flag.
      networks: [{ id: 'n1', accounts: ['a1', 'a2', 'h1'], actor: null }, { id: 'n9', accounts: ['h2', 'h3'], actor: null }],
    };
    const l = scoreLinkage(report, truth);
    expect(l.truth_networks).toBe(1); // net-fb; single-account networks are not counted
    expect(l.mean_completeness).toBeCloseTo(2 / 3);
    expect(l.reported_networks).toBe(2); // n1 and n2; n9 holds no malicious account
    expect(l.worst_purity).toBeCloseTo(2 / 3);
    expect(l.mean_purity).toBeCloseTo((2 / 3 + 1) / 2);
    expect(l.honest_in_malicious_networks).toBe(1);
  });

  it('gives nulls, not zeros, when the report has no networks', () => {
    const l = scoreLinkage({ accounts: [] }, truth);
    expect(l).toMatchObject({ truth_networks: 1, mean_completeness: 0, reported_networks: 0, mean_purity: null, honest_in_malicious_networks: 0 });
  });
});

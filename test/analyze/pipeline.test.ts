import { describe, expect, it } from 'vitest';
import { Analysis } from '../../src/pipeline/index.js';
import { analyze, decodeAll, decodeFixture } from './helpers.js';

const small = decodeFixture('small.ndjson');

interface Case {
  name: string;
  intel: string[];
  flagged: string[];
  benign: string[];
  actors: Record<string, string | null>;
  evidence: Record<string, string[]>;
}

const cases: Case[] = [
  {
    name: 'small world with partner intel',
    intel: ['intel.json'],
    flagged: ['acct_81', 'acct_90', 'acct_99'],
    benign: ['fam_1', 'fam_2'],
    actors: { acct_81: 'Forest Blizzard', acct_99: 'Forest Blizzard' },
    evidence: {
      acct_81: ['indicator-match', 'enforcement'],
      acct_99: ['evasion', 'link'],
      acct_90: ['link'],
    },
  },
  {
    // The provider's ban alone is not a Warden verdict (providers ban spam too), and evasion of a
    // ban weighs by Warden's own evidence against the banned account: with no intel and no
    // content stage, nothing here reaches the suspicious threshold.
    name: 'small world without intel or content',
    intel: [],
    flagged: [],
    benign: ['acct_81', 'acct_90', 'acct_99', 'fam_1', 'fam_2'],
    actors: {},
    evidence: {},
  },
];

describe.each(cases)('analyze: $name', (c) => {
  const report = analyze(small, { intel: c.intel });
  const byAccount = new Map(report.accounts.map((a) => [a.account, a]));

  it('flags the actor accounts and leaves the family alone', () => {
    for (const a of c.flagged) expect(byAccount.has(a), a).toBe(true);
    for (const a of c.benign) expect(byAccount.has(a), a).toBe(false);
  });

  it('attributes as expected', () => {
    for (const [a, actor] of Object.entries(c.actors))
      expect(byAccount.get(a)?.actor?.name ?? null, a).toBe(actor);
  });

  it('cites the expected kinds of evidence, each with a rule', () => {
    for (const [a, kinds] of Object.entries(c.evidence)) {
      const got = byAccount.get(a)!.evidence;
      for (const k of kinds)
        expect(
          got.map((e) => e.kind),
          `${a} ${k}`,
        ).toContain(k);
      for (const e of got) expect(e.rule).toMatch(/^[a-z-]+@\d+$/);
    }
  });

  it('sorts accounts by score and lists only networks with a listed account', () => {
    const scores = report.accounts.map((a) => a.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    for (const n of report.networks) expect(n.accounts.some((a) => byAccount.has(a))).toBe(true);
    for (const n of report.networks)
      for (const l of n.links)
        expect([
          'device',
          'payment',
          'email',
          'email-pattern',
          'email-domain',
          'ip',
          'ip-prefix',
          'phone',
          'api-key',
          'org',
          'end-user',
          'user-agent',
          'prompt',
          'topic',
        ]).toContain(l.via);
  });
});

describe('analyze: edge cases', () => {
  it('returns an empty report for empty input', () => {
    const report = analyze([]);
    expect(report.accounts).toEqual([]);
    expect(report.networks).toEqual([]);
  });

  it('gives the same report whatever the order of events', () => {
    const forward = analyze(small, { intel: ['intel.json'] });
    const backward = analyze([...small].reverse(), { intel: ['intel.json'] });
    const strip = (r: typeof forward) =>
      r.accounts.map((a) => [
        a.account,
        a.verdict,
        a.score,
        a.network,
        a.actor?.name ?? null,
        a.evidence.map((e) => e.kind).sort(),
      ]);
    expect(strip(backward)).toEqual(strip(forward));
    expect(backward.networks.map((n) => n.id)).toEqual(forward.networks.map((n) => n.id));
  });

  it('handles an account with 100k events in bounded time', () => {
    const base = Date.parse('2024-01-09T00:00:00Z');
    const events = decodeAll(
      Array.from({ length: 100_000 }, (_, i) => ({
        id: `busy-${i}`,
        time: new Date(base + i * 1000).toISOString(),
        kind: 'request',
        account: 'busy',
        ip: `10.1.${(i >> 8) & 255}.${i & 255}`,
        request: { prompt: `Summarise ticket number ${i % 50} for the support queue please` },
      })),
    );
    // Bounded work, not a timing threshold: the run completes inside the test's time budget.
    const an = new Analysis({});
    for (const d of events) an.add(d);
    const result = an.evaluate();
    expect(result.stats.accounts).toBe(1);
    expect(result.accounts).toEqual([]);
  });

  it('flags ban evasion live, at the sign-up event, once an actioned account is known', () => {
    const an = new Analysis({});
    for (const d of small.filter((d) => d.event.account !== 'acct_99')) an.add(d);
    an.evaluate();
    const [signup] = decodeAll([
      {
        id: 'new-1',
        time: '2024-02-01T00:00:00Z',
        kind: 'account.created',
        account: 'acct_new',
        device: 'd-77f1',
      },
    ]);
    const alert = an.screen(signup!);
    expect(alert).toMatchObject({
      account: 'acct_new',
      actionedAccount: 'acct_81',
      via: 'device',
      value: 'd-77f1',
    });
    an.add(signup!);
    expect(an.alerts.get(an.graph.accounts.find('acct_new'))?.eventId).toBe('new-1');
    // Before the ban, the same device is no evasion.
    const [early] = decodeAll([
      {
        id: 'old-1',
        time: '2024-01-09T00:00:00Z',
        kind: 'account.created',
        account: 'acct_old',
        device: 'd-77f1',
      },
    ]);
    expect(an.screen(early!)).toBeUndefined();
  });

  it('weighs a provider ban by its stated reason: a spam ban is not a cyber verdict', () => {
    const withReason = (reason: string) =>
      analyze(
        small.map((d) =>
          d.event.kind === 'account.enforced' && d.event.enforcement
            ? { ...d, event: { ...d.event, enforcement: { ...d.event.enforcement, reason } } }
            : d,
        ),
        { intel: ['intel.json'] },
      );
    const cyber = withReason('malware development');
    const spam = withReason('Usage policy violation: spam');
    const ev = (r: typeof cyber, account: string, kind: string) =>
      r.accounts.find((a) => a.account === account)?.evidence.find((e) => e.kind === kind);
    expect(ev(cyber, 'acct_81', 'enforcement')?.rule).toBe('provider-enforcement@2');
    expect(ev(cyber, 'acct_81', 'enforcement')?.detail).toMatch(/names a cyber operation/);
    // Intel (0.42) and a cyber ban list acct_81; intel and a spam ban do not.
    expect(cyber.accounts.map((a) => a.account)).toContain('acct_81');
    expect(spam.accounts.map((a) => a.account)).not.toContain('acct_81');
    // Evading a spam ban weighs only what Warden itself holds against the banned account.
    const cyberEvasion = ev(cyber, 'acct_99', 'evasion')!;
    const spamEvasion = ev(spam, 'acct_99', 'evasion');
    expect(cyberEvasion.rule).toBe('ban-evasion@2');
    expect(spamEvasion === undefined || spamEvasion.weight < cyberEvasion.weight).toBe(true);
  });

  it('splits contradictory intel and still attributes an actor Warden does not know', () => {
    const report = analyze(small, { intel: ['intel-contradictory.json'] });
    const evidence = report.networks.flatMap((n) => n.attribution_evidence).map((e) => e.detail);
    expect(evidence.some((d) => /contradictory/.test(d))).toBe(true);
    const named = report.networks.map((n) => n.actor?.name);
    expect(named).toContain('Quartz Mantis');
    expect(
      report.networks.flatMap((n) => n.attribution_evidence).some((e) => /absent from Warden/.test(e.detail)),
    ).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { report, reportAccount, reportNetwork } from '../../test/cases/report-fixture.js';
import { canTransition, caseStates, caseTransitions } from './case.schema.js';
import { draftCases } from './snapshot.js';

describe('draftCases', () => {
  it('drafts one case per network with listed accounts and one per lone account, with stable keys', () => {
    const r = report(
      [reportAccount('a', 'net-1', ['x@1']), reportAccount('b', 'net-1', ['y@2']), reportAccount('c', null, ['x@1'])],
      [reportNetwork('net-1', ['a', 'b', 'quiet'], { name: 'APT28', level: 'high' }), reportNetwork('net-empty', ['q1', 'q2'], null)],
    );
    const drafts = draftCases(r);
    expect(drafts.map((d) => d.key)).toEqual(['network:net-1', 'account:c']);
    const net = drafts[0]!;
    expect(net).toMatchObject({ priority: 'critical', networkId: 'net-1', accounts: ['a', 'b', 'quiet'] });
    expect(net.snapshot.refs.rules).toEqual(['x@1', 'y@2']);
    expect(net.snapshot.refs.links).toHaveLength(2);
    expect(drafts[1]).toMatchObject({ priority: 'high', networkId: null, accounts: ['c'] });
  });

  it('keeps the evidence hash when only the report time changes, and changes it with new evidence', () => {
    const r1 = report([reportAccount('a', null, ['x@1'])], []);
    const r2 = { ...r1, generated_at: '2030-01-01T00:00:00Z' };
    const r3 = report([reportAccount('a', null, ['x@1', 'z@1'])], []);
    const [h1, h2, h3] = [r1, r2, r3].map((r) => draftCases(r)[0]!.evidenceHash);
    expect(h1).toBe(h2);
    expect(h3).not.toBe(h1);
  });
});

describe('case transitions', () => {
  it('reach every state from new, never leave closed except by reopening, and never stay put', () => {
    const seen = new Set<string>(['new']);
    const queue = ['new'] as (typeof caseStates)[number][];
    while (queue.length) for (const to of caseTransitions[queue.shift()!]) if (!seen.has(to) && seen.add(to)) queue.push(to);
    expect([...seen].sort()).toEqual([...caseStates].sort());
    expect(caseTransitions.closed).toEqual(['reopened']);
    for (const s of caseStates) expect(canTransition(s, s)).toBe(false);
  });
});

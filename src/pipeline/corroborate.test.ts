import { describe, expect, it } from 'vitest';
import { corroborate, type CorroborationOptions } from './corroborate.js';
import type { Evidence, EvidenceKind } from './evidence.js';

const opts: CorroborationOptions = { threshold: 0.35, damping: 0.9, minEvidence: 0.15, minHolders: 1 };
const name = (id: number) => `acct_${id}`;

function edges(list: [number, number, number][]) {
  return {
    a: Uint32Array.from(list.map((e) => e[0])),
    b: Uint32Array.from(list.map((e) => e[1])),
    weight: Float64Array.from(list.map((e) => e[2])),
    count: list.length,
  };
}
const ev = (kind: EvidenceKind, weight: number): Evidence => ({ kind, weight, detail: kind, rule: 'x@1' });

describe('corroborate', () => {
  it('lifts a member linked into a network whose other members hold two kinds of evidence', () => {
    // 0: intel, 1: content, 2: nothing of its own, linked to both.
    const evidence = new Map([
      [0, [ev('indicator-match', 0.3)]],
      [1, [ev('content', 0.35)]],
    ]);
    const found = corroborate(
      Int32Array.from([0, 0, 0]),
      edges([
        [0, 2, 0.9],
        [1, 2, 0.7],
        [0, 1, 0.8],
      ]),
      evidence,
      name,
      opts,
    );
    const f = found.find((x) => x.account === 2)!;
    expect(f.weight).toBeCloseTo(0.9 * 0.9 * (1 - 0.7 * 0.65), 6);
    expect(f.evidence.rule).toBe('network-corroboration@1');
    expect(f.evidence.refs?.accounts).toEqual(['acct_0', 'acct_1']);
    // 0 and 1 each see only the other's single kind: no corroboration for them.
    expect(found.some((x) => x.account === 0 || x.account === 1)).toBe(false);
  });

  it('does not count many members with one kind (a security team asking about attacks)', () => {
    const evidence = new Map([
      [0, [ev('content', 0.35), ev('behaviour', 0.3)]],
      [1, [ev('content', 0.33)]],
      [2, [ev('content', 0.3)]],
    ]);
    expect(
      corroborate(
        Int32Array.from([0, 0, 0, 0]),
        edges([
          [0, 3, 0.9],
          [1, 3, 0.9],
          [2, 3, 0.9],
        ]),
        evidence,
        name,
        opts,
      ),
    ).toEqual([]);
  });

  it('ignores a spam ban, ban evasion and weak evidence, other communities and light edges', () => {
    const evidence = new Map([
      [0, [ev('enforcement', 0.1), ev('evasion', 0.6)]],
      [1, [ev('content', 0.35)]],
      [4, [ev('indicator-match', 0.5)]],
    ]);
    const labels = Int32Array.from([0, 0, 0, 1, 1]);
    // 2 links to 0 and 1 (only content counts); 3 is in another community with intel member 4;
    // the 0–3 edge crosses communities.
    const found = corroborate(
      labels,
      edges([
        [0, 2, 0.9],
        [1, 2, 0.9],
        [0, 3, 0.9],
        [4, 3, 0.2],
      ]),
      evidence,
      name,
      opts,
    );
    expect(found).toEqual([]);
  });

  it('needs two members: one account holding two kinds lifts nobody alone', () => {
    const evidence = new Map([[0, [ev('indicator-match', 0.4), ev('content', 0.35)]]]);
    expect(corroborate(Int32Array.from([0, 0]), edges([[0, 1, 0.95]]), evidence, name, opts)).toEqual([]);
  });

  it('with minHolders 2, lifts an embedded member but not one attached by a single shared value', () => {
    // 0: intel, 1: content; 2 links to both, 3 (a stranger sharing a mailbox) only to 0.
    const evidence = new Map([
      [0, [ev('indicator-match', 0.3)]],
      [1, [ev('content', 0.35)]],
    ]);
    const found = corroborate(
      Int32Array.from([0, 0, 0, 0]),
      edges([
        [0, 2, 0.9],
        [1, 2, 0.7],
        [0, 1, 0.8],
        [0, 3, 0.95],
      ]),
      evidence,
      name,
      { ...opts, minHolders: 2 },
    );
    expect(found.map((f) => f.account)).toEqual([2]);
    expect(found[0]!.evidence.detail).toMatch(/linked to 2 members holding evidence/);
  });

  it('handles empty input and singletons (label −1)', () => {
    expect(corroborate(new Int32Array(0), edges([]), new Map(), name, opts)).toEqual([]);
    const evidence = new Map([
      [0, [ev('indicator-match', 0.4)]],
      [1, [ev('content', 0.35)]],
    ]);
    expect(
      corroborate(
        Int32Array.from([-1, -1, -1]),
        edges([
          [0, 2, 0.9],
          [1, 2, 0.9],
        ]),
        evidence,
        name,
        opts,
      ),
    ).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { propagate, type PropagationOptions } from './propagate.js';

const opts: PropagationOptions = {
  threshold: 0.35,
  damping: 0.9,
  rounds: 3,
  minSource: 0.5,
  secondSource: 0.75,
};

/** Edge columns from [a, b, weight] triples. */
function edges(list: [number, number, number][]) {
  return {
    a: Uint32Array.from(list.map((e) => e[0])),
    b: Uint32Array.from(list.map((e) => e[1])),
    weight: Float64Array.from(list.map((e) => e[2])),
    count: list.length,
  };
}

describe('propagate', () => {
  it('hands a damped share of a source score along a strong edge', () => {
    const own = Float64Array.from([0.8, 0]);
    const p = propagate(own, own, Int32Array.from([0, 0]), edges([[0, 1, 0.9]]), opts);
    expect(p.score[1]).toBeCloseTo(0.9 * 0.9 * 0.8, 6);
    expect(p.bestFrom[1]).toBe(0);
    expect(p.bestOrigin[1]).toBe(0);
    expect(p.secondOrigin[1]).toBe(-1);
    expect(p.score[0]).toBeCloseTo(0.8, 6);
  });

  it('adds a discounted second path only from another source through another neighbour', () => {
    // 2 is linked to sources 0 and 1 directly: two independent links.
    const own = Float64Array.from([0.6, 0.6, 0]);
    const labels = Int32Array.from([0, 0, 0]);
    const two = propagate(
      own,
      own,
      labels,
      edges([
        [0, 2, 0.8],
        [1, 2, 0.8],
      ]),
      opts,
    );
    const one = 0.9 * 0.8 * 0.6;
    expect(two.score[2]).toBeCloseTo(1 - (1 - one) * (1 - 0.75 * one), 6);
    expect(new Set([two.bestOrigin[2], two.secondOrigin[2]])).toEqual(new Set([0, 1]));
    // 3 reaches both sources only through 2: one link, one contribution.
    const own4 = Float64Array.from([0.6, 0.6, 0, 0]);
    const chain = propagate(
      own4,
      own4,
      Int32Array.from([0, 0, 0, 0]),
      edges([
        [0, 2, 0.8],
        [1, 2, 0.8],
        [2, 3, 0.9],
      ]),
      opts,
    );
    expect(chain.secondOrigin[3]).toBe(-1);
    expect(chain.score[3]).toBeCloseTo(0.9 * 0.9 * one, 6);
  });

  it('does not let two members feed each other back over the threshold', () => {
    const own = Float64Array.from([0.45, 0.45]);
    const p = propagate(own, own, Int32Array.from([0, 0]), edges([[0, 1, 1]]), opts);
    expect(p.score[0]).toBeCloseTo(0.45, 6);
    expect(p.score[1]).toBeCloseTo(0.45, 6);
  });

  it('uses the source score, not the final own score, to decide who spreads', () => {
    // 1 is an evader: own 0.6 from ban evasion, source score 0 — it must not lift 0 back.
    const own = Float64Array.from([0.4, 0.6]);
    const source = Float64Array.from([0.4, 0]);
    const p = propagate(own, source, Int32Array.from([0, 0]), edges([[0, 1, 0.95]]), opts);
    expect(p.score[0]).toBeCloseTo(0.4, 6);
  });

  it('carries nothing across communities, through light edges, or with no rounds', () => {
    const own = Float64Array.from([0.9, 0, 0, 0, 0, 0]);
    const labels = Int32Array.from([0, 1, 0, 0, 0, 0]);
    const p = propagate(
      own,
      own,
      labels,
      edges([
        [0, 1, 0.9],
        [0, 2, 0.2],
        [0, 3, 0.9],
        [3, 4, 0.9],
        [4, 5, 0.9],
      ]),
      opts,
    );
    expect(p.score[1]).toBe(0);
    expect(p.score[2]).toBe(0);
    // Max-product: each hop multiplies by damping × edge weight.
    expect(p.score[4]).toBeCloseTo(0.81 * 0.81 * 0.9, 6);
    expect(p.score[5]).toBeCloseTo(0.81 * 0.81 * 0.81 * 0.9, 6);
    const still = propagate(own, own, labels, edges([[0, 3, 0.9]]), { ...opts, rounds: 0 });
    expect(still.score[3]).toBe(0);
  });

  it('handles an empty graph and duplicate edges', () => {
    const none = propagate(new Float64Array(0), new Float64Array(0), new Int32Array(0), edges([]), opts);
    expect(none.score.length).toBe(0);
    const own = Float64Array.from([0.8, 0]);
    const dup = propagate(
      own,
      own,
      Int32Array.from([0, 0]),
      edges([
        [0, 1, 0.9],
        [0, 1, 0.9],
        [1, 0, 0.9],
      ]),
      opts,
    );
    expect(dup.score[1]).toBeCloseTo(0.9 * 0.9 * 0.8, 6);
  });
});

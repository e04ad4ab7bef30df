import { describe, expect, it } from 'vitest';
import { fmix32, mixSeed, Rng } from './prng.js';

describe('Rng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 20 }, (() => { const r = new Rng(seed); return () => r.uint32(); })());
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('keeps draws inside their ranges', () => {
    const r = new Rng(7);
    for (let i = 0; i < 10_000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const n = r.int(3, 9);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(9);
      expect(r.pareto(2, 1.5, 50)).toBeLessThanOrEqual(50);
    }
  });

  it('picks by weight roughly in proportion', () => {
    const r = new Rng(11);
    let a = 0;
    for (let i = 0; i < 20_000; i++) if (r.weighted([['a', 3], ['b', 1]] as const) === 'a') a++;
    expect(a / 20_000).toBeGreaterThan(0.72);
    expect(a / 20_000).toBeLessThan(0.78);
  });

  it('makes version-4 UUIDs and samples without repeats', () => {
    const r = new Rng(5);
    expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const s = r.sample([1, 2, 3, 4, 5, 6], 4);
    expect(new Set(s).size).toBe(4);
  });
});

describe('fmix32 and mixSeed', () => {
  it('fmix32 never maps two of many inputs to one output (it is a bijection)', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) seen.add(fmix32(i));
    expect(seen.size).toBe(100_000);
  });

  it('mixSeed depends on every argument', () => {
    const base = mixSeed(1, 2, 3, 4);
    expect(mixSeed(1, 2, 3, 4)).toBe(base);
    for (const other of [mixSeed(9, 2, 3, 4), mixSeed(1, 9, 3, 4), mixSeed(1, 2, 9, 4), mixSeed(1, 2, 3, 9)]) expect(other).not.toBe(base);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairMap } from './pair-map.js';

describe('PairMap', () => {
  it('behaves like a Map on pair keys (differential)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 2 ** 26 - 1 }),
            fc.integer({ min: 0, max: 2 ** 26 - 1 }),
            fc.nat(),
          ),
          { maxLength: 3000 },
        ),
        (ops) => {
          const ref = new Map<number, number>();
          const m = new PairMap(4);
          for (const [a, b, v] of ops) {
            const key = a * 2 ** 26 + b;
            ref.set(key, v);
            m.set(key, v);
          }
          for (const [key, v] of ref) expect(m.get(key)).toBe(v);
          expect(m.size).toBe(ref.size);
          expect(m.get(2 ** 52 + 7)).toBe(-1);
        },
      ),
      { numRuns: 50 },
    );
  });
});

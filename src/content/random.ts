/**
 * Seeded pseudo-random numbers (mulberry32) and string hashing, so that corpus generation and
 * training give byte-identical results from the same seed on every machine.
 */

export { seededRandom } from '../util/seeded-random.js';

/** FNV-1a over UTF-16 code units: a stable 32-bit hash of a string. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Fisher–Yates shuffle in place with the given generator. */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
  return items;
}

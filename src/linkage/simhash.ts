/**
 * 64-bit SimHash of a prompt over word bigrams, split into two 32-bit halves. Near-duplicate
 * prompts (a template with its slots changed) differ in few bits; Hamming distance ≤ 3 of 64 is
 * treated as the same prompt. Four 16-bit bands index them: two prompts within distance 3 share
 * at least one band exactly (pigeonhole), so candidates are found without comparing all pairs.
 */

function fnv1a(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Lower case, digits folded to 0, punctuation dropped: what varies between template fills. */
export function normalisePrompt(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/\d+/g, '0')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** SimHash as [hi, lo] unsigned 32-bit halves; [0, 0] for text with fewer than 4 words. */
export function simhash64(text: string): [number, number] {
  const words = normalisePrompt(text);
  if (words.length < 4) return [0, 0];
  const acc = new Int32Array(64);
  for (let i = 0; i + 1 < words.length; i++) {
    const g = `${words[i]} ${words[i + 1]}`;
    const a = fnv1a(g, 0);
    const b = fnv1a(g, 0x9e3779b9);
    for (let bit = 0; bit < 32; bit++) {
      acc[bit]! += (a >>> bit) & 1 ? 1 : -1;
      acc[32 + bit]! += (b >>> bit) & 1 ? 1 : -1;
    }
  }
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (acc[bit]! > 0) hi |= 1 << bit;
    if (acc[32 + bit]! > 0) lo |= 1 << bit;
  }
  return [hi >>> 0, lo >>> 0];
}

function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Hamming distance between two 64-bit hashes given as halves. */
export function hamming64(aHi: number, aLo: number, bHi: number, bLo: number): number {
  return popcount32((aHi ^ bHi) >>> 0) + popcount32((aLo ^ bLo) >>> 0);
}

/** The four 16-bit band keys of a hash, each tagged with its band number (0–3). */
export function simhashBands(hi: number, lo: number): [number, number, number, number] {
  return [(hi >>> 16) | 0x00000, (hi & 0xffff) | 0x10000, (lo >>> 16) | 0x20000, (lo & 0xffff) | 0x30000];
}

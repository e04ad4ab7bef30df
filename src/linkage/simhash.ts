/**
 * 64-bit SimHash of a prompt over word bigrams, split into two 32-bit halves. Near-duplicate
 * prompts (a template with its slots changed) differ in few bits; Hamming distance ≤ 3 of 64 is
 * treated as the same prompt. Four 16-bit bands index them: two prompts within distance 3 share
 * at least one band exactly (pigeonhole), so candidates are found without comparing all pairs.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SEED_B = 0x9e3779b9;
const SPACE = 0x20;
const ZERO = 0x30;

/** Lower case, digits folded to 0, punctuation dropped: what varies between template fills. */
export function normalisePrompt(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/\d+/g, '0')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

const WORD_CHAR = /^[\p{L}\p{N}]$/u;
/** Whether each BMP code point is a letter or number: 0 not yet known, 1 yes, 2 no. */
const bmpWordChar = new Uint8Array(0x10000);

function isWordCodePoint(cp: number): boolean {
  if (cp >= 0x10000) return WORD_CHAR.test(String.fromCodePoint(cp));
  let known = bmpWordChar[cp]!;
  if (known === 0) bmpWordChar[cp] = known = WORD_CHAR.test(String.fromCharCode(cp)) ? 1 : 2;
  return known === 1;
}

const acc = new Int32Array(64);

/**
 * SimHash as [hi, lo] unsigned 32-bit halves; [0, 0] for text with fewer than 4 words.
 *
 * Each bigram's two FNV-1a hashes (seeds 0 and 0x9e3779b9) are taken over
 * `${word} ${next}` of {@link normalisePrompt}'s words, but computed in one pass over the
 * lower-cased text without building the words or the bigram strings: FNV-1a is sequential, so
 * the bigram hash continues from the first word's state. At 10M events this was the linkage
 * fold-in's largest cost in allocations.
 */
export function simhash64(text: string): [number, number] {
  const s = text.toLowerCase();
  acc.fill(0);
  let words = 0;
  let inWord = false;
  let prevDigit = false;
  // The current word hashed from each seed, and the bigram (previous word, space, current word).
  let wA = 0;
  let wB = 0;
  let bA = 0;
  let bB = 0;
  for (let i = 0; i <= s.length; i++) {
    let c = i < s.length ? s.charCodeAt(i) : -1;
    let units = 1;
    let word: boolean;
    let digit = false;
    if (c < 0) word = false;
    else if (c < 0x80) {
      digit = c >= 0x30 && c <= 0x39;
      word = digit || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
    } else {
      const cp = s.codePointAt(i)!;
      if (cp > 0xffff) units = 2;
      word = isWordCodePoint(cp);
    }
    if (!word) {
      if (inWord && words >= 2) accumulate(bA, bB);
      inWord = false;
      prevDigit = false;
      i += units - 1;
      continue;
    }
    if (!inWord) {
      inWord = true;
      words++;
      bA = Math.imul(wA ^ SPACE, FNV_PRIME) >>> 0;
      bB = Math.imul(wB ^ SPACE, FNV_PRIME) >>> 0;
      wA = FNV_OFFSET;
      wB = (FNV_OFFSET ^ SEED_B) >>> 0;
    }
    if (digit) {
      // A run of ASCII digits reads as one '0'.
      if (prevDigit) continue;
      prevDigit = true;
      c = ZERO;
    } else prevDigit = false;
    for (let u = 0; u < units; u++) {
      const unit = u === 0 ? c : s.charCodeAt(i + 1);
      wA = Math.imul(wA ^ unit, FNV_PRIME) >>> 0;
      wB = Math.imul(wB ^ unit, FNV_PRIME) >>> 0;
      bA = Math.imul(bA ^ unit, FNV_PRIME) >>> 0;
      bB = Math.imul(bB ^ unit, FNV_PRIME) >>> 0;
    }
    i += units - 1;
  }
  if (words < 4) return [0, 0];
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (acc[bit]! > 0) hi |= 1 << bit;
    if (acc[32 + bit]! > 0) lo |= 1 << bit;
  }
  return [hi >>> 0, lo >>> 0];
}

function accumulate(a: number, b: number): void {
  for (let bit = 0; bit < 32; bit++) {
    acc[bit]! += (((a >>> bit) & 1) << 1) - 1;
    acc[32 + bit]! += (((b >>> bit) & 1) << 1) - 1;
  }
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

/** Band `k` (0–3) of a hash: its k-th 16 bits tagged with k, as {@link simhashBands} lists them. */
export function simhashBand(hi: number, lo: number, k: number): number {
  const half = k < 2 ? hi : lo;
  return ((k & 1 ? half & 0xffff : half >>> 16) | (k << 16)) >>> 0;
}

/** The four 16-bit band keys of a hash, each tagged with its band number (0–3). */
export function simhashBands(hi: number, lo: number): [number, number, number, number] {
  return [(hi >>> 16) | 0x00000, (hi & 0xffff) | 0x10000, (lo >>> 16) | 0x20000, (lo & 0xffff) | 0x30000];
}

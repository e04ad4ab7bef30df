/**
 * Text → hashed features: word unigrams and bigrams (character unigrams and bigrams inside runs
 * of Chinese or Japanese script, which have no spaces) and character 4-grams over the
 * normalised text. Written as one pass over UTF-16 code units into reusable typed arrays,
 * because this loop is the classifier's hot path.
 */

/** Default number of text characters classified; longer texts are truncated and say so. */
export const DEFAULT_MAX_CHARS = 4096;

export interface FeatureSet {
  /** Hash bucket of each feature, in [0, 2^bits). */
  buckets: Int32Array;
  /** Index of the word each feature belongs to (for explanations); -1 when none. */
  words: Int32Array;
  count: number;
  /**
   * Features [0, wordFeatures) are word-level (words, bigrams, CJK characters) and feed every
   * head; the character 4-grams after them feed only the malicious score (they make the score
   * robust to morphology and spelling; the TTP and tactic heads do as well on words alone, at a
   * fraction of the cost).
   */
  wordFeatures: number;
  /** The normalised text as code units: lower case, runs of separators collapsed to one space. */
  codes: Uint16Array;
  length: number;
  /** Start and end offsets (in `codes`) of each word. */
  wordStarts: Int32Array;
  wordEnds: Int32Array;
  /** FNV-1a hash of each word (as `hashString` computes it), for stop-word lookups. */
  wordHashes: Uint32Array;
  wordCount: number;
  truncated: boolean;
}

/** Allocates buffers big enough for texts of up to `maxChars` characters. */
export function createFeatureSet(maxChars = DEFAULT_MAX_CHARS): FeatureSet {
  const n = maxChars + 2;
  return {
    buckets: new Int32Array(n * 5),
    words: new Int32Array(n * 5),
    count: 0,
    wordFeatures: 0,
    codes: new Uint16Array(n),
    length: 0,
    wordStarts: new Int32Array(n),
    wordEnds: new Int32Array(n),
    wordHashes: new Uint32Array(n),
    wordCount: 0,
    truncated: false,
  };
}

/** True for a code unit that belongs inside a word (letters, digits, marks, ZWNJ). */
export function isWordCode(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
  if (c < 0xc0) return false;
  if (c === 0xd7 || c === 0xf7) return false;
  if (c >= 0x2000 && c <= 0x206f) return c === 0x200c || c === 0x200d;
  if (c >= 0x3000 && c <= 0x303f) return false;
  if (c >= 0xd800 && c <= 0xdfff) return false; // astral symbols (emoji): treated as separators
  if (c >= 0xfe30 && c <= 0xfe4f) return false;
  if (c >= 0xff00 && c <= 0xff0f) return false;
  if (c >= 0xff1a && c <= 0xff20) return false;
  if (c === 0x060c || c === 0x061b || c === 0x061f || c === 0x06d4 || (c >= 0x066a && c <= 0x066d)) return false;
  if (c >= 0x2190 && c <= 0x2bff) return false; // arrows, maths, box drawing, shapes
  if (c === 0xfffd || c === 0xfeff) return false;
  return true;
}

/** True for Han, kana and CJK compatibility ideographs: scripts written without spaces. */
export function isCjkCode(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x3040 && c <= 0x30ff) || (c >= 0xf900 && c <= 0xfaff);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Final avalanche so that neighbouring hashes land in unrelated buckets. */
function finish(h: number, salt: number, shift: number): number {
  h ^= salt;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> shift;
}

const SALT_WORD = 0x9e3779b1;
const SALT_BIGRAM = 0x7f4a7c15;
const SALT_CHAR4 = 0x6c8e9cf5;
const SALT_CJK = 0x1b873593;

/**
 * Fills `out` with the features of `text` hashed into 2^bits buckets. Only the first
 * `maxChars` characters are read (`out.truncated` says when more were present).
 */
export function extractFeatures(text: string, bits: number, out: FeatureSet, maxChars = DEFAULT_MAX_CHARS): FeatureSet {
  const shift = 32 - bits;
  const limit = Math.min(text.length, maxChars, out.codes.length - 2);
  out.truncated = text.length > limit;
  const lower = (limit < text.length ? text.slice(0, limit) : text).toLowerCase();
  const codes = out.codes;
  const buckets = out.buckets;
  const words = out.words;
  // 1. Normalise: lower case, separators collapsed, a space at each end; record words.
  let len = 0;
  let wordCount = 0;
  codes[len++] = 0x20;
  let inWord = false;
  const n = Math.min(lower.length, codes.length - 2);
  for (let i = 0; i < n; i++) {
    let c = lower.charCodeAt(i);
    // Characters used to split words invisibly ("key\u200Blogger") are dropped, and fullwidth
    // Latin letters and digits ("ｋｅｙｌｏｇｇｅｒ") are read as ASCII: cheap evasions undone.
    if (c === 0x200b || c === 0x2060 || c === 0xfeff || c === 0xad || c === 0x180e) continue;
    if (c >= 0xff10 && c <= 0xff5a && isWordCode(c - 0xfee0)) c = (c - 0xfee0) | 0x20;
    if (isWordCode(c)) {
      if (!inWord) {
        out.wordStarts[wordCount] = len;
        inWord = true;
      }
      codes[len++] = c;
    } else if (inWord) {
      out.wordEnds[wordCount++] = len;
      codes[len++] = 0x20;
      inWord = false;
    }
  }
  if (inWord) {
    out.wordEnds[wordCount++] = len;
    codes[len++] = 0x20;
  }
  if (len === 1) codes[len++] = 0x20;
  out.length = len;
  out.wordCount = wordCount;

  // 2. Word features. A run of CJK characters gives character unigrams and bigrams instead.
  let count = 0;
  let prevWordHash = 0;
  let hasPrev = false;
  const cap = buckets.length - 4;
  for (let w = 0; w < wordCount && count < cap; w++) {
    const start = out.wordStarts[w] as number;
    const end = out.wordEnds[w] as number;
    let h = FNV_OFFSET;
    let cjk = false;
    for (let i = start; i < end; i++) {
      const c = codes[i] as number;
      h = Math.imul(h ^ c, FNV_PRIME);
      if (isCjkCode(c)) cjk = true;
    }
    out.wordHashes[w] = h >>> 0;
    if (cjk) {
      for (let i = start; i < end && count < cap; i++) {
        const c = codes[i] as number;
        const u = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
        buckets[count] = finish(u, SALT_CJK, shift);
        words[count++] = w;
        if (i + 1 < end) {
          buckets[count] = finish(Math.imul(u ^ (codes[i + 1] as number), FNV_PRIME), SALT_CJK, shift);
          words[count++] = w;
        }
      }
    }
    buckets[count] = finish(h, SALT_WORD, shift);
    words[count++] = w;
    if (hasPrev) {
      buckets[count] = finish(Math.imul(prevWordHash ^ (h >>> 7), FNV_PRIME) ^ h, SALT_BIGRAM, shift);
      words[count++] = w;
    }
    prevWordHash = h;
    hasPrev = true;
  }

  out.wordFeatures = count;

  // 3. Character 4-grams over the normalised text (spaces included, so word edges count).
  let word = -1;
  let nextWord = 0;
  for (let i = 0; i + 3 <= len && count < cap; i++) {
    if (nextWord < wordCount && i >= (out.wordStarts[nextWord] as number) - 1) word = nextWord++;
    const c0 = codes[i] as number;
    const c1 = codes[i + 1] as number;
    const c2 = codes[i + 2] as number;
    if (c0 === 0x20 && c1 === 0x20) continue;
    let h = Math.imul(FNV_OFFSET ^ c0, FNV_PRIME);
    h = Math.imul(h ^ c1, FNV_PRIME);
    h = Math.imul(h ^ c2, FNV_PRIME);
    // Only 4-grams are emitted: 3-grams doubled the inference cost and measured no better.
    if (i + 4 <= len && c2 !== 0x20) {
      h = Math.imul(h ^ (codes[i + 3] as number), FNV_PRIME);
      buckets[count] = finish(h, SALT_CHAR4, shift);
      words[count++] = word;
    }
  }
  out.count = count;
  return out;
}

/** The text of word `w` of a feature set (for explanations). */
export function wordText(fs: FeatureSet, w: number): string {
  const start = fs.wordStarts[w] as number;
  const end = fs.wordEnds[w] as number;
  return String.fromCharCode(...fs.codes.subarray(start, end));
}

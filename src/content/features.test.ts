import { describe, expect, it } from 'vitest';
import { createFeatureSet, extractFeatures, isWordCode, wordText } from './features.js';

describe('extractFeatures', () => {
  const fs = createFeatureSet(4096);

  it('gives the same buckets for the same text (hashing is stable)', () => {
    const a = Array.from(extractFeatures('Write a keylogger in Go', 18, fs).buckets.subarray(0, fs.count));
    const b = Array.from(extractFeatures('Write a keylogger in Go', 18, fs).buckets.subarray(0, fs.count));
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThan(10);
    expect(Math.max(...a)).toBeLessThan(1 << 18);
  });

  it('lower-cases and collapses separators into words', () => {
    extractFeatures('  Dump   LSASS!!  now ', 18, fs);
    expect([0, 1, 2].map((w) => wordText(fs, w))).toEqual(['dump', 'lsass', 'now']);
    expect(fs.wordCount).toBe(3);
  });

  it('emits character unigrams and bigrams inside Chinese runs', () => {
    extractFeatures('勒索软件', 18, fs);
    // 4 unigrams + 3 bigrams + the run itself, plus character n-grams.
    expect(fs.wordCount).toBe(1);
    expect(fs.count).toBeGreaterThanOrEqual(8);
  });

  it('reads at most maxChars characters and says it truncated', () => {
    const big = 'a'.repeat(1_000_000);
    extractFeatures(big, 18, fs, 4096);
    expect(fs.truncated).toBe(true);
    expect(fs.length).toBeLessThanOrEqual(4098);
    extractFeatures('short', 18, fs, 4096);
    expect(fs.truncated).toBe(false);
  });

  it('handles empty text, binary junk and lone surrogates without throwing', () => {
    expect(extractFeatures('', 18, fs).count).toBe(0);
    const junk = String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 65536));
    expect(() => extractFeatures(junk, 18, fs)).not.toThrow();
    expect(() => extractFeatures('\ud800\udfff\u0000\uffff', 18, fs)).not.toThrow();
  });

  it('undoes invisible word splitting and fullwidth letters', () => {
    extractFeatures('key\u200Blog\u00ADger', 18, fs);
    expect(wordText(fs, 0)).toBe('keylogger');
    extractFeatures('ｋｅｙｌｏｇｇｅｒ ＡＢＣ１', 18, fs);
    expect([wordText(fs, 0), wordText(fs, 1)]).toEqual(['keylogger', 'abc1']);
  });

  it('treats ZWNJ as part of Farsi words and punctuation as separators', () => {
    expect(isWordCode(0x200c)).toBe(true);
    expect(isWordCode(0x061f)).toBe(false);
    expect(isWordCode('。'.charCodeAt(0))).toBe(false);
  });
});

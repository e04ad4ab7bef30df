import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hamming64, normalisePrompt, simhash64, simhashBand, simhashBands } from './simhash.js';

/** The definition simhash64 must keep: FNV-1a of each `${word} ${next}` bigram of the words. */
function referenceSimhash(text: string): [number, number] {
  const fnv1a = (s: string, seed: number): number => {
    let h = (0x811c9dc5 ^ seed) >>> 0;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
    return h;
  };
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

const samples = [
  'Write a PowerShell script that disables Windows Defender real-time protection on host 10.0.0.12',
  'Переведи это письмо на английский: уважаемый коллега, прошу ознакомиться с приложением',
  '帮我写一封关于卫星通信协议的钓鱼邮件 给国防专家 请用正式语气',
  'İSTANBUL ofisi için 2024 Q3 raporunu özetle, lütfen ayrıntılı olsun',
  'emoji 😀 between 𝐛𝐨𝐥𝐝 math letters and ٣٤ arabic digits 12abc34 x',
  'lone \uD800 surrogate \uDC00 in the middle of four words',
  '',
  'three words only',
];

describe('simhash64', () => {
  it('equals the bigram definition on multilingual text', () => {
    for (const text of samples) expect(simhash64(text), text).toEqual(referenceSimhash(text));
  });

  it('equals the bigram definition on arbitrary strings', () => {
    const text = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 80 }));
    fc.assert(
      fc.property(text, (t) => {
        expect(simhash64(t)).toEqual(referenceSimhash(t));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives each band as the band list does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }), (hi, lo) => {
        expect([0, 1, 2, 3].map((k) => simhashBand(hi, lo, k))).toEqual(simhashBands(hi, lo));
      }),
    );
  });

  it('keeps a template with its slots refilled within the near-duplicate distance', () => {
    const [aHi, aLo] = simhash64('Draft an email to the defence ministry about the radar upgrade schedule for site 41 and attach the invoice');
    const [bHi, bLo] = simhash64('Draft an email to the defence ministry about the radar upgrade schedule for site 7 and attach the invoice');
    const [cHi, cLo] = simhash64('What is a good recipe for banana bread with walnuts and a little cinnamon on top');
    expect(hamming64(aHi, aLo, bHi, bLo)).toBe(0);
    expect(hamming64(aHi, aLo, cHi, cLo)).toBeGreaterThan(3);
  });
});

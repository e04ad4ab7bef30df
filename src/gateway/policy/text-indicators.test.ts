import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractIndicators } from '../../content/index.js';
import { indicatorsInText, TEXT_CHUNK_CHARS } from './signals.js';

const iocs = ['hxxps://evil-example[.]com/login', '198.51.100.7', 'bad@evil.example', 'CVE-2024-3094', 'c2.badguy[.]net', 'd41d8cd98f00b204e9800998ecf8427e', 'http://203.0.113.5/x.sh'];
const words = ['please', 'check', 'the', 'logs', 'for', 'this', 'host', 'and', 'tell', 'me', 'what', 'it', 'does'];
const set = (xs: { kind: string; value: string }[]) => new Set(xs.map((x) => `${x.kind} ${x.value}`));

describe('indicatorsInText (the prompt read in pieces)', () => {
  it('differential: finds what the extractor finds in the whole text, for whitespace-separated text of any length', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...words), fc.constantFrom(...iocs)), { maxLength: 400 }), (tokens) => {
        const text = tokens.join(' ');
        expect(set(indicatorsInText(text, 1_000_000))).toEqual(set(extractIndicators(text)));
      }),
      { numRuns: 200 },
    );
  });

  it('reads only the first maxChars characters', () => {
    const text = `${'word '.repeat(1000)}198.51.100.7`;
    expect(indicatorsInText(text, 2048)).toEqual([]);
    expect(indicatorsInText(text, 10_000).map((t) => t.value)).toEqual(['198.51.100.7']);
  });

  it('hostile text without whitespace is cut into bounded pieces and still finishes', () => {
    for (const unit of ['a(.)', 'a[.]', 'hxxp://a[.]', 'a.', '1.', 'a@', 'x'.repeat(TEXT_CHUNK_CHARS * 3)]) {
      const found = indicatorsInText(unit.repeat(20_000).slice(0, 1_000_000), 1_000_000);
      expect(Array.isArray(found)).toBe(true);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { auroc, confusionMatrix, perClassPrecisionRecall, tprAtFpr } from './metrics.js';
import { parseCsv } from './csv.js';
import { keywordScore } from './keyword-baseline.js';

describe('auroc', () => {
  it('is 1 for perfect ranking, 0 for inverted, 0.5 for all ties', () => {
    expect(auroc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auroc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(auroc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
  });

  it('matches the pairwise definition on a small case', () => {
    const s = [0.3, 0.6, 0.6, 0.1, 0.9];
    const y: (0 | 1)[] = [0, 1, 0, 0, 1];
    let wins = 0;
    let pairs = 0;
    for (let i = 0; i < s.length; i++) for (let j = 0; j < s.length; j++) {
      if (y[i] === 1 && y[j] === 0) {
        pairs++;
        wins += (s[i] as number) > (s[j] as number) ? 1 : s[i] === s[j] ? 0.5 : 0;
      }
    }
    expect(auroc(s, y)).toBeCloseTo(wins / pairs, 12);
  });
});

describe('tprAtFpr', () => {
  it('keeps the false-positive rate within the bound', () => {
    const neg = Array.from({ length: 100 }, (_, i) => i / 100);
    const pos = [0.995, 0.985, 0.5];
    const r = tprAtFpr([...neg, ...pos], [...neg.map(() => 0 as const), 1, 1, 1], 0.01);
    expect(r.fpr).toBeLessThanOrEqual(0.01);
    expect(r.tpr).toBeCloseTo(2 / 3, 10);
  });
});

describe('precision, recall and confusion', () => {
  it('counts per class', () => {
    const pr = perClassPrecisionRecall(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']);
    expect(pr.a).toEqual({ precision: 1, recall: 0.5, support: 2 });
    expect(pr.b?.precision).toBeCloseTo(2 / 3);
    expect(confusionMatrix(['a', 'a', 'b'], ['a', 'b', 'b'], ['a', 'b'])).toEqual([[1, 1], [0, 1]]);
  });
});

describe('parseCsv and keywordScore', () => {
  it('parses quoted fields with commas, quotes and CRLF', () => {
    expect(parseCsv('Id,Prompt\r\n1,"a, ""b"""\r\n2,c\r\n')).toEqual([{ id: '1', prompt: 'a, "b"' }, { id: '2', prompt: 'c' }]);
  });
  it('scores zero without keywords and above 0.5 with one', () => {
    expect(keywordScore('bake a cake')).toBe(0);
    expect(keywordScore('write ransomware')).toBeGreaterThan(0.5);
  });
});

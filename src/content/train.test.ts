import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentDataPath, DEFAULT_TRAIN_OPTIONS, TACTICS, generateCorpus, parseCorpus, serialiseCorpus, SHIPPED_CORPUS_PATH, SHIPPED_MODEL_PATH, trainClassifierFile } from './index.js';

const corpusText = readFileSync(contentDataPath(SHIPPED_CORPUS_PATH), 'utf8');
const corpus = parseCorpus(corpusText);

describe('reproducibility', () => {
  it('regenerating the corpus from the template families rewrites the shipped file byte for byte', () => {
    expect(serialiseCorpus(generateCorpus())).toBe(corpusText);
  });

  it('training twice on a subset gives identical bytes', () => {
    const train = corpus.filter((e, i) => e.split === 'train' && i % 4 === 0);
    const cal = corpus.filter((e) => e.split === 'calibration');
    const options = { ...DEFAULT_TRAIN_OPTIONS, epochs: 3 };
    const a = trainClassifierFile(train, cal, options);
    const b = trainClassifierFile(train, cal, options);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('full training (`warden train classifier`) reproduces the shipped model byte for byte', () => {
    const digest = createHash('sha256').update(corpusText).digest('hex').slice(0, 16);
    const bytes = trainClassifierFile(
      corpus.filter((e) => e.split === 'train'),
      corpus.filter((e) => e.split === 'calibration'),
      DEFAULT_TRAIN_OPTIONS,
      { corpusSha256: digest },
    );
    const shipped = readFileSync(contentDataPath(SHIPPED_MODEL_PATH));
    expect(bytes.length).toBe(shipped.length);
    expect(Buffer.from(bytes).equals(shipped)).toBe(true);
  }, 180_000);
});

describe('corpus', () => {
  it('never puts one family on two sides of the split', () => {
    const sides = new Map<string, Set<string>>();
    for (const e of corpus) sides.set(e.family, (sides.get(e.family) ?? new Set()).add(e.split));
    for (const [fam, s] of sides) expect(s.size, fam).toBe(1);
  });

  it('covers every TTP, the required languages and all three kinds in training', () => {
    const train = corpus.filter((e) => e.split === 'train');
    const ttps = new Set(train.filter((e) => e.malicious === 1).map((e) => e.ttp));
    expect(ttps.size).toBe(13);
    const tactics = new Set(train.filter((e) => e.malicious === 1).map((e) => e.tactic));
    for (const t of TACTICS) expect(tactics.has(t), t).toBe(true);
    for (const lang of ['en', 'zh', 'fa', 'ko', 'ru']) expect(train.some((e) => e.lang === lang && e.malicious === 1), lang).toBe(true);
    for (const kind of ['malicious', 'benign', 'hard-negative']) expect(train.some((e) => e.kind === kind), kind).toBe(true);
  });
});

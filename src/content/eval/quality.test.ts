import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../util/package-root.js';
import { contentDataPath, createClassifier, evaluateClassifier, harmBenchCyber, humanEval, jailbreakBenchBenign, jailbreakBenchMalware, loadClassifierModel, parseCorpus, SHIPPED_CORPUS_PATH, xstestSafe } from '../index.js';

/**
 * Quality floors, set a little below what the shipped model measures (see
 * docs/content-analysis.md), so that a change that makes detection worse fails here.
 */
const FLOORS = {
  devAuroc: 0.955,
  devTprAt1PctFpr: 0.57,
  devHardNegativeFprMax: 0.16,
  devTtpAccuracy: 0.49,
  externalCyberFlaggedMin: 0.8,
  xstestFlaggedMax: 0.18,
};

const clf = createClassifier(loadClassifierModel());
const corpus = parseCorpus(readFileSync(contentDataPath(SHIPPED_CORPUS_PATH), 'utf8'));
const development = corpus.filter((e) => e.split === 'development');

describe('development quality (families never seen in training)', () => {
  const report = evaluateClassifier(clf, development);

  it('keeps AUROC, TPR at 1% FPR and hard-negative FPR at their floors', () => {
    expect(report.development.model.auroc).toBeGreaterThanOrEqual(FLOORS.devAuroc);
    expect(report.development.model.tprAt1PctFpr).toBeGreaterThanOrEqual(FLOORS.devTprAt1PctFpr);
    expect(report.development.model.hardNegativeFprAtThreshold).toBeLessThanOrEqual(FLOORS.devHardNegativeFprMax);
    expect(report.development.ttpAccuracy).toBeGreaterThanOrEqual(FLOORS.devTtpAccuracy);
  });

  it('beats the keyword baseline measured in the same run', () => {
    expect(report.development.model.auroc).toBeGreaterThan(report.development.keywordBaseline.auroc + 0.1);
    expect(report.development.model.tprAt1PctFpr).toBeGreaterThan(report.development.keywordBaseline.tprAt1PctFpr);
  });

  it('reports every language of the development split', () => {
    for (const lang of ['en', 'zh', 'ru', 'fa', 'ko']) expect(report.development.perLanguage[lang]?.examples, lang).toBeGreaterThan(0);
  });
});

describe('external sets (../shared/data, never trained on)', () => {
  const dir = resolve(packageRoot(), '..', 'shared', 'data');

  it('are present', () => {
    expect(existsSync(dir), `${dir} is missing: the external evaluation sets are read from ../shared/data`).toBe(true);
  });

  it('flag most public cyber-attack requests and keep XSTest safe prompts mostly unflagged', () => {
    if (!existsSync(dir)) throw new Error(`${dir} is missing: cannot evaluate on the external sets`);
    const read = (...p: string[]): string => readFileSync(join(dir, ...p), 'utf8');
    const report = evaluateClassifier(clf, [], [
      xstestSafe(read('xstest', 'xstest_prompts.csv')),
      jailbreakBenchBenign(read('jailbreakbench', 'benign-behaviors.csv')),
      humanEval(gunzipSync(readFileSync(join(dir, 'humaneval', 'HumanEval.jsonl.gz'))).toString('utf8')),
      harmBenchCyber(read('harmbench', 'harmbench_behaviors_text_all.csv')),
      jailbreakBenchMalware(read('jailbreakbench', 'harmful-behaviors.from-artifacts.csv')),
    ]);
    const byName = new Map(report.external.map((e) => [e.name, e]));
    expect(byName.get('harmbench-cybercrime')?.examples).toBe(67);
    expect(byName.get('harmbench-cybercrime')?.flaggedRate).toBeGreaterThanOrEqual(FLOORS.externalCyberFlaggedMin);
    expect(byName.get('xstest-safe')?.examples).toBe(250);
    expect(byName.get('xstest-safe')?.flaggedRate).toBeLessThanOrEqual(FLOORS.xstestFlaggedMax);
  });
});

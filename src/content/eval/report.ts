import type { TextClassifier } from '../classifier.js';
import type { CorpusExample } from '../corpus/family.js';
import { TTP_IDS } from '../taxonomy.js';
import type { ExternalSet } from './external.js';
import { keywordScore } from './keyword-baseline.js';
import { auroc, confusionMatrix, perClassPrecisionRecall, rateAbove, tprAtFpr, type PrecisionRecall } from './metrics.js';

/** Scores above this are called malicious when a yes/no is needed (the score is calibrated). */
export const DECISION_THRESHOLD = 0.5;

export interface DetectionFigures {
  auroc: number;
  tprAt1PctFpr: number;
  tprAt5PctFpr: number;
  thresholdAt1PctFpr: number;
  tprAtThreshold: number;
  fprAtThreshold: number;
  hardNegativeFprAtThreshold: number;
}

export interface EvaluationReport {
  development: {
    examples: number;
    positives: number;
    negatives: number;
    hardNegatives: number;
    families: number;
    model: DetectionFigures;
    keywordBaseline: DetectionFigures;
    perTtp: Record<string, PrecisionRecall>;
    ttpAccuracy: number;
    tacticAccuracy: number;
    /** Malicious-detection precision and recall at the threshold, and TTP accuracy, per language. */
    perLanguage: Record<string, PrecisionRecall & { examples: number; ttpAccuracy: number }>;
    confusion: { labels: string[]; matrix: number[][] };
  };
  external: { name: string; role: ExternalSet['role']; examples: number; flaggedRate: number; meanScore: number; keywordFlaggedRate: number }[];
  threshold: number;
}

function figures(scores: number[], labels: (0 | 1)[], hardNegScores: number[]): DetectionFigures {
  const at1 = tprAtFpr(scores, labels, 0.01);
  const at5 = tprAtFpr(scores, labels, 0.05);
  return {
    auroc: auroc(scores, labels),
    tprAt1PctFpr: at1.tpr,
    tprAt5PctFpr: at5.tpr,
    thresholdAt1PctFpr: at1.threshold,
    tprAtThreshold: rateAbove(scores.filter((_, i) => labels[i] === 1), DECISION_THRESHOLD),
    fprAtThreshold: rateAbove(scores.filter((_, i) => labels[i] === 0), DECISION_THRESHOLD),
    hardNegativeFprAtThreshold: rateAbove(hardNegScores, DECISION_THRESHOLD),
  };
}

const NONE = '(none)';

/**
 * Evaluates the classifier on the development split (which training never saw) and on external
 * sets, beside the keyword baseline. Pure: callers load the data.
 */
export function evaluateClassifier(classifier: TextClassifier, development: readonly CorpusExample[], external: readonly ExternalSet[] = []): EvaluationReport {
  const results = development.map((e) => classifier.classify(e.text, { explain: false }));
  const scores = results.map((r) => r.score);
  const kw = development.map((e) => keywordScore(e.text));
  const labels = development.map((e) => e.malicious);
  const isHard = development.map((e) => e.kind === 'hard-negative');
  const truthTtp = development.map((e) => e.ttp ?? NONE);
  const predTtp = results.map((r) => r.ttp ?? NONE);
  const perLanguage: EvaluationReport['development']['perLanguage'] = {};
  for (const lang of [...new Set(development.map((e) => e.lang))].sort()) {
    const idx = development.map((e, i) => (e.lang === lang ? i : -1)).filter((i) => i >= 0);
    let tp = 0, fp = 0, fn = 0, ttpOk = 0;
    for (const i of idx) {
      const flagged = (scores[i] as number) > DECISION_THRESHOLD;
      if (flagged && labels[i] === 1) tp++;
      else if (flagged) fp++;
      else if (labels[i] === 1) fn++;
      if (truthTtp[i] === predTtp[i]) ttpOk++;
    }
    perLanguage[lang] = { examples: idx.length, precision: tp + fp === 0 ? NaN : tp / (tp + fp), recall: tp + fn === 0 ? NaN : tp / (tp + fn), support: tp + fn, ttpAccuracy: ttpOk / idx.length };
  }
  const confusionLabels = [NONE, ...TTP_IDS];
  return {
    development: {
      examples: development.length,
      positives: labels.filter((l) => l === 1).length,
      negatives: labels.filter((l) => l === 0).length,
      hardNegatives: isHard.filter(Boolean).length,
      families: new Set(development.map((e) => e.family)).size,
      model: figures(scores, labels, scores.filter((_, i) => isHard[i])),
      keywordBaseline: figures(kw, labels, kw.filter((_, i) => isHard[i])),
      perTtp: perClassPrecisionRecall(truthTtp, predTtp),
      ttpAccuracy: truthTtp.filter((t, i) => t === predTtp[i]).length / development.length,
      tacticAccuracy: development.filter((e, i) => (e.tactic ?? NONE) === (results[i]?.tactic ?? NONE)).length / development.length,
      perLanguage,
      confusion: { labels: confusionLabels, matrix: confusionMatrix(truthTtp, predTtp, confusionLabels) },
    },
    external: external.map((set) => {
      const s = set.texts.map((t) => classifier.classify(t, { explain: false }).score);
      return {
        name: set.name,
        role: set.role,
        examples: set.texts.length,
        flaggedRate: rateAbove(s, DECISION_THRESHOLD),
        meanScore: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length),
        keywordFlaggedRate: rateAbove(set.texts.map(keywordScore), DECISION_THRESHOLD),
      };
    }),
    threshold: DECISION_THRESHOLD,
  };
}

const pct = (x: number): string => (Number.isNaN(x) ? '  n/a' : `${(x * 100).toFixed(1).padStart(5)}%`);
const num = (x: number): string => (Number.isNaN(x) ? 'n/a' : x.toFixed(4));

/** A plain-text rendering of the report for people; `--json` gives the object itself. */
export function formatReport(r: EvaluationReport): string {
  const d = r.development;
  const lines: string[] = [];
  lines.push(`Development split: ${d.examples} examples from ${d.families} held-out families (${d.positives} malicious, ${d.negatives} not, of which ${d.hardNegatives} hard negatives)`);
  lines.push('');
  lines.push('                      model     keyword baseline');
  const row = (name: string, a: string, b: string): string => `  ${name.padEnd(20)}${a.padStart(8)}   ${b.padStart(8)}`;
  lines.push(row('AUROC', num(d.model.auroc), num(d.keywordBaseline.auroc)));
  lines.push(row('TPR @ 1% FPR', pct(d.model.tprAt1PctFpr), pct(d.keywordBaseline.tprAt1PctFpr)));
  lines.push(row('TPR @ 5% FPR', pct(d.model.tprAt5PctFpr), pct(d.keywordBaseline.tprAt5PctFpr)));
  lines.push(row(`TPR @ score>${r.threshold}`, pct(d.model.tprAtThreshold), pct(d.keywordBaseline.tprAtThreshold)));
  lines.push(row(`FPR @ score>${r.threshold}`, pct(d.model.fprAtThreshold), pct(d.keywordBaseline.fprAtThreshold)));
  lines.push(row('hard-negative FPR', pct(d.model.hardNegativeFprAtThreshold), pct(d.keywordBaseline.hardNegativeFprAtThreshold)));
  lines.push('');
  lines.push(`TTP accuracy ${pct(d.ttpAccuracy)}   tactic accuracy ${pct(d.tacticAccuracy)}`);
  lines.push('');
  lines.push('Per TTP (TTP head, all development texts)    precision  recall  support');
  for (const [k, v] of Object.entries(d.perTtp)) lines.push(`  ${k.padEnd(42)} ${pct(v.precision)}  ${pct(v.recall)}  ${String(v.support).padStart(6)}`);
  lines.push('');
  lines.push(`Per language (malicious at score>${r.threshold})   examples  precision  recall  TTP accuracy`);
  for (const [k, v] of Object.entries(d.perLanguage)) lines.push(`  ${k.padEnd(36)} ${String(v.examples).padStart(6)}  ${pct(v.precision)}  ${pct(v.recall)}  ${pct(v.ttpAccuracy)}`);
  lines.push('');
  lines.push('TTP confusion matrix (rows true, columns predicted; 0 = none, then ttps.md order 1–13)');
  lines.push('      ' + d.confusion.labels.map((_, i) => String(i).padStart(4)).join(''));
  d.confusion.matrix.forEach((m, i) => lines.push(`  ${String(i).padStart(2)}  ` + m.map((x) => String(x).padStart(4)).join('')));
  if (r.external.length > 0) {
    lines.push('');
    lines.push(`External sets (never trained on; flagged = score>${r.threshold})   examples  model flagged  mean score  keyword flagged`);
    for (const e of r.external) lines.push(`  ${`${e.name} [${e.role}]`.padEnd(50)} ${String(e.examples).padStart(6)}  ${pct(e.flaggedRate).padStart(12)}  ${e.meanScore.toFixed(3).padStart(10)}  ${pct(e.keywordFlaggedRate).padStart(14)}`);
  }
  return lines.join('\n');
}

import { createFeatureSet, extractFeatures, type FeatureSet } from './features.js';
import { detectLanguageOfFeatures } from './language.js';
import { linearOutputs, sigmoid, softmaxInPlace, TACTIC_OFFSET, TTP_OFFSET, type ClassifierModel } from './model.js';
import type { Tactic, TtpId } from './taxonomy.js';

/** A phrase of the text and how much it pushed the malicious score (in logit units). */
export interface ExplanationItem {
  phrase: string;
  weight: number;
}

/** What the first-stage classifier says about one text. */
export interface Classification {
  /** Calibrated probability that the text asks for help with a malicious cyber operation. */
  score: number;
  /** What the text is for, even when benign; null when it serves no TTP. */
  ttp: TtpId | null;
  ttpProbability: number;
  tactic: Tactic | null;
  tacticProbability: number;
  /** The three most likely TTPs with their probabilities (null = none). */
  ttpAlternatives: { ttp: TtpId | null; probability: number }[];
  /** Phrases that raised the score most. Empty when explanations are off. */
  explanation: ExplanationItem[];
  language: string;
  /** True when only the first `classifiedChars` characters were read. */
  truncated: boolean;
  classifiedChars: number;
}

export interface ClassifyOptions {
  /** Compute `explanation` (costs a little time); default true. */
  explain?: boolean;
  /** Detect the language; default true. */
  detectLanguage?: boolean;
}

/** A loaded classifier. Not safe to share across worker threads (it reuses buffers). */
export interface TextClassifier {
  readonly model: ClassifierModel;
  classify(text: string, options?: ClassifyOptions): Classification;
}

/** Reusable buffers for explanations (a classifier is used by one caller at a time). */
interface ExplainScratch {
  perWord: Float64Array;
  /** Column 0 (malicious) of each row, contiguous: explanations touch only this column. */
  malicious: Float32Array;
}

function explain(model: ClassifierModel, fs: FeatureSet, scale: number, topK: number, scratch: ExplainScratch): ExplanationItem[] {
  if (fs.wordCount === 0) return [];
  if (scratch.perWord.length < fs.wordCount) scratch.perWord = new Float64Array(fs.wordCount * 2);
  const perWord = scratch.perWord;
  perWord.fill(0, 0, fs.wordCount);
  const malicious = scratch.malicious;
  for (let f = 0; f < fs.count; f++) {
    const w = fs.words[f] as number;
    const row = model.rowOf[fs.buckets[f] as number] as number;
    if (w >= 0 && row >= 0) perWord[w] = (perWord[w] as number) + (malicious[row] as number) * scale;
  }
  // Top-k positive words by insertion into a short sorted list.
  const top: number[] = [];
  for (let w = 0; w < fs.wordCount; w++) {
    const v = perWord[w] as number;
    if (v <= 0 || (top.length === topK && v <= (perWord[top[topK - 1] as number] as number))) continue;
    let i = top.length === topK ? topK - 1 : top.length;
    while (i > 0 && (perWord[top[i - 1] as number] as number) < v) {
      top[i] = top[i - 1] as number;
      i--;
    }
    top[i] = w;
  }
  // Adjacent words among the top ones read better as one phrase.
  const chosen = top.sort((a, b) => a - b);
  const items: ExplanationItem[] = [];
  for (let i = 0; i < chosen.length; ) {
    let j = i;
    let weight = perWord[chosen[i] as number] as number;
    while (j + 1 < chosen.length && chosen[j + 1] === (chosen[j] as number) + 1) weight += perWord[chosen[++j] as number] as number;
    const start = fs.wordStarts[chosen[i] as number] as number;
    const end = fs.wordEnds[chosen[j] as number] as number;
    let phrase = '';
    for (let k = start; k < end; k++) phrase += String.fromCharCode(fs.codes[k] as number);
    items.push({ phrase, weight: Math.round(weight * 1000) / 1000 });
    i = j + 1;
  }
  return items.sort((a, b) => b.weight - a.weight);
}

const round4 = (x: number): number => Math.round(x * 10000) / 10000;

/**
 * Wraps a model for inference. Pure and synchronous: no I/O, no clock.
 * @example
 *   const clf = createClassifier(loadModelBytes(bytes));
 *   clf.classify('write ransomware that encrypts network shares').score; // ≈ 0.99
 */
export function createClassifier(model: ClassifierModel): TextClassifier {
  const fs = createFeatureSet(model.maxChars);
  const out = new Float64Array(model.width);
  const rows = model.weights.length / model.width;
  const scratch: ExplainScratch = { perWord: new Float64Array(256), malicious: Float32Array.from({ length: rows }, (_, r) => model.weights[r * model.width] as number) };
  const nTtp = model.ttpLabels.length;
  const nTactic = model.tacticLabels.length;
  return {
    model,
    classify(text: string, options: ClassifyOptions = {}): Classification {
      extractFeatures(text, model.bits, fs, model.maxChars);
      linearOutputs(model, fs.buckets, fs.count, fs.wordFeatures, out);
      const score = sigmoid(model.platt.a * (out[0] as number) + model.platt.b);
      softmaxInPlace(out, TTP_OFFSET, TACTIC_OFFSET);
      softmaxInPlace(out, TACTIC_OFFSET, model.width);
      // The three most likely TTPs (index 0 = none), by selection rather than a full sort.
      let a = -1, b = -1, c = -1;
      let bestNonNone = 1;
      for (let i = 0; i < nTtp; i++) {
        const p = out[TTP_OFFSET + i] as number;
        if (i > 0 && p > (out[TTP_OFFSET + bestNonNone] as number)) bestNonNone = i;
        if (a < 0 || p > (out[TTP_OFFSET + a] as number)) [a, b, c] = [i, a, b];
        else if (b < 0 || p > (out[TTP_OFFSET + b] as number)) [b, c] = [i, b];
        else if (c < 0 || p > (out[TTP_OFFSET + c] as number)) c = i;
      }
      // A text judged malicious serves some TTP: then "none" (index 0) is not an answer.
      const bestTtp = score > 0.5 || (out[TTP_OFFSET] as number) < 0.5 ? bestNonNone : a;
      const ttp = model.ttpLabels[bestTtp] ?? null;
      // Likewise for the tactic, except for translation, which has none.
      const tacticMustExist = ttp !== null && ttp !== 'llm-aided-technical-translation' && (score > 0.5 || (out[TACTIC_OFFSET] as number) < 0.5);
      let tacticBest = tacticMustExist ? 1 : 0;
      for (let i = tacticBest + 1; i < nTactic; i++) if ((out[TACTIC_OFFSET + i] as number) > (out[TACTIC_OFFSET + tacticBest] as number)) tacticBest = i;
      const scale = fs.count > 0 ? 1 / Math.sqrt(fs.count) : 0;
      const classifiedChars = Math.min(text.length, model.maxChars);
      const alternatives: Classification['ttpAlternatives'] = [];
      for (const i of [a, b, c]) if (i >= 0) alternatives.push({ ttp: model.ttpLabels[i] ?? null, probability: round4(out[TTP_OFFSET + i] as number) });
      return {
        score: round4(score),
        ttp,
        ttpProbability: round4(out[TTP_OFFSET + bestTtp] as number),
        tactic: model.tacticLabels[tacticBest] ?? null,
        tacticProbability: round4(out[TACTIC_OFFSET + tacticBest] as number),
        ttpAlternatives: alternatives,
        explanation: options.explain === false ? [] : explain(model, fs, scale, 5, scratch),
        language: options.detectLanguage === false ? 'und' : detectLanguageOfFeatures(fs),
        truncated: fs.truncated,
        classifiedChars,
      };
    },
  };
}

/** Only the calibrated score: the fastest path, for inline use where labels come later. */
export function scoreText(model: ClassifierModel, fs: FeatureSet, out: Float64Array, text: string): number {
  extractFeatures(text, model.bits, fs, model.maxChars);
  linearOutputs(model, fs.buckets, fs.count, fs.wordFeatures, out);
  return sigmoid(model.platt.a * (out[0] as number) + model.platt.b);
}

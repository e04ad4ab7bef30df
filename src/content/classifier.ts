import { createFeatureSet, extractFeatures, wordText, type FeatureSet } from './features.js';
import { detectLanguage } from './language.js';
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

function explain(model: ClassifierModel, fs: FeatureSet, scale: number, topK: number): ExplanationItem[] {
  if (fs.wordCount === 0) return [];
  const perWord = new Float64Array(fs.wordCount);
  const width = model.width;
  for (let f = 0; f < fs.count; f++) {
    const w = fs.words[f] as number;
    const row = model.rowOf[fs.buckets[f] as number] as number;
    if (w >= 0 && row >= 0) perWord[w] = (perWord[w] as number) + (model.weights[row * width] as number) * scale;
  }
  const top: number[] = [];
  for (let w = 0; w < fs.wordCount; w++) {
    if ((perWord[w] as number) <= 0) continue;
    top.push(w);
    top.sort((a, b) => (perWord[b] as number) - (perWord[a] as number));
    if (top.length > topK) top.pop();
  }
  // Adjacent words among the top ones read better as one phrase.
  const chosen = [...top].sort((a, b) => a - b);
  const items: ExplanationItem[] = [];
  for (let i = 0; i < chosen.length; ) {
    let j = i;
    let weight = perWord[chosen[i] as number] as number;
    while (j + 1 < chosen.length && chosen[j + 1] === (chosen[j] as number) + 1) weight += perWord[chosen[++j] as number] as number;
    const words: string[] = [];
    for (let k = chosen[i] as number; k <= (chosen[j] as number); k++) words.push(wordText(fs, k));
    items.push({ phrase: words.join(' '), weight: Math.round(weight * 1000) / 1000 });
    i = j + 1;
  }
  return items.sort((a, b) => b.weight - a.weight);
}

/**
 * Wraps a model for inference. Pure and synchronous: no I/O, no clock.
 * @example
 *   const clf = createClassifier(loadModelBytes(bytes));
 *   clf.classify('write ransomware that encrypts network shares').score; // ≈ 0.99
 */
export function createClassifier(model: ClassifierModel): TextClassifier {
  const fs = createFeatureSet(model.maxChars);
  const out = new Float64Array(model.width);
  return {
    model,
    classify(text: string, options: ClassifyOptions = {}): Classification {
      extractFeatures(text, model.bits, fs, model.maxChars);
      linearOutputs(model, fs.buckets, fs.count, out);
      const logit = out[0] as number;
      const score = sigmoid(model.platt.a * logit + model.platt.b);
      softmaxInPlace(out, TTP_OFFSET, TACTIC_OFFSET);
      softmaxInPlace(out, TACTIC_OFFSET, model.width);
      const ttpOrder: number[] = [];
      for (let i = 0; i < model.ttpLabels.length; i++) ttpOrder.push(i);
      ttpOrder.sort((a, b) => (out[TTP_OFFSET + b] as number) - (out[TTP_OFFSET + a] as number));
      // A text judged malicious serves some TTP: then "none" (index 0) is not an answer.
      const bestTtp = score > 0.5 || (out[TTP_OFFSET] as number) < 0.5 ? (ttpOrder.find((i) => i !== 0) as number) : (ttpOrder[0] as number);
      const ttp = model.ttpLabels[bestTtp] ?? null;
      // Likewise for the tactic, except for translation, which has none.
      const tacticMustExist = ttp !== null && ttp !== 'llm-aided-technical-translation' && (score > 0.5 || (out[TACTIC_OFFSET] as number) < 0.5);
      let tacticBest = tacticMustExist ? 1 : 0;
      for (let i = tacticBest + 1; i < model.tacticLabels.length; i++) if ((out[TACTIC_OFFSET + i] as number) > (out[TACTIC_OFFSET + tacticBest] as number)) tacticBest = i;
      const round = (x: number): number => Math.round(x * 10000) / 10000;
      const scale = fs.count > 0 ? 1 / Math.sqrt(fs.count) : 0;
      const classifiedChars = Math.min(text.length, model.maxChars);
      return {
        score: round(score),
        ttp,
        ttpProbability: round(out[TTP_OFFSET + bestTtp] as number),
        tactic: model.tacticLabels[tacticBest] ?? null,
        tacticProbability: round(out[TACTIC_OFFSET + tacticBest] as number),
        ttpAlternatives: ttpOrder.slice(0, 3).map((i) => ({ ttp: model.ttpLabels[i] ?? null, probability: round(out[TTP_OFFSET + i] as number) })),
        explanation: options.explain === false ? [] : explain(model, fs, scale, 5),
        language: options.detectLanguage === false ? 'und' : detectLanguage(text.length > classifiedChars ? text.slice(0, classifiedChars) : text),
        truncated: fs.truncated,
        classifiedChars,
      };
    },
  };
}

/** Only the calibrated score: the fastest path, for inline use where labels come later. */
export function scoreText(model: ClassifierModel, fs: FeatureSet, out: Float64Array, text: string): number {
  extractFeatures(text, model.bits, fs, model.maxChars);
  linearOutputs(model, fs.buckets, fs.count, out);
  return sigmoid(model.platt.a * (out[0] as number) + model.platt.b);
}

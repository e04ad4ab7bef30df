import { fitPlatt } from './calibrate.js';
import { createFeatureSet, DEFAULT_MAX_CHARS, extractFeatures } from './features.js';
import { createEmptyModel, linearOutputs, OUTPUT_WIDTH, sigmoid, softmaxInPlace, TACTIC_LABELS, TACTIC_OFFSET, TTP_LABELS, TTP_OFFSET, type ClassifierModel } from './model.js';
import { decodeModel, encodeModel } from './model-file.js';
import { seededRandom, shuffleInPlace } from './random.js';
import type { Tactic, TtpId } from './taxonomy.js';

/** What training needs of an example. */
export interface TrainingExample {
  text: string;
  malicious: 0 | 1;
  ttp: TtpId | null;
  tactic: Tactic | null;
}

export interface TrainOptions {
  seed: number;
  bits: number;
  epochs: number;
  learningRate: number;
  /** L2 penalty, applied to a bucket's row each time the bucket is touched (lazy weight decay). */
  l2: number;
  /** Buckets seen in fewer training texts are dropped: they generalise poorly and bloat the file. */
  minDocumentFrequency: number;
  maxChars: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { seed: 7, bits: 18, epochs: 12, learningRate: 1.0, l2: 3e-4, minDocumentFrequency: 2, maxChars: DEFAULT_MAX_CHARS };

interface Encoded {
  buckets: Int32Array;
  /** Features [0, words) are word-level; the rest are character 4-grams (malicious head only). */
  words: number;
  y: 0 | 1;
  ttp: number;
  tactic: number;
}

function featurise(examples: readonly TrainingExample[], options: TrainOptions): Encoded[] {
  const fs = createFeatureSet(options.maxChars);
  const ttpIndex = new Map(TTP_LABELS.map((l, i) => [l, i]));
  const tacticIndex = new Map(TACTIC_LABELS.map((l, i) => [l, i]));
  const encoded = examples.map((e) => {
    extractFeatures(e.text, options.bits, fs, options.maxChars);
    return { buckets: fs.buckets.slice(0, fs.count), words: fs.wordFeatures, y: e.malicious, ttp: ttpIndex.get(e.ttp) ?? 0, tactic: tacticIndex.get(e.tactic) ?? 0 };
  });
  // Document frequency per bucket; rare buckets are removed from every example.
  const df = new Uint32Array(1 << options.bits);
  for (const e of encoded) for (const b of new Set(e.buckets)) df[b] = (df[b] as number) + 1;
  const keep = (b: number): boolean => (df[b] as number) >= options.minDocumentFrequency;
  return encoded.map((e) => {
    const words = e.buckets.subarray(0, e.words).filter(keep);
    const chars = e.buckets.subarray(e.words).filter(keep);
    const buckets = new Int32Array(words.length + chars.length);
    buckets.set(words);
    buckets.set(chars, words.length);
    return { ...e, buckets, words: words.length };
  });
}

/**
 * Trains the three heads jointly by stochastic gradient descent on the logistic (malicious)
 * and softmax cross-entropy (TTP, tactic) losses. Example order is shuffled with the seed, so the
 * same corpus and options give the same weights bit for bit.
 */
export function trainLinearModel(examples: readonly TrainingExample[], options: TrainOptions = DEFAULT_TRAIN_OPTIONS): ClassifierModel {
  const model = createEmptyModel(options.bits, options.maxChars);
  const data = featurise(examples, options);
  const random = seededRandom(options.seed);
  const nPos = data.filter((d) => d.y === 1).length;
  const nNeg = data.length - nPos;
  // Balance the malicious head so the minority class is not drowned; calibration restores priors.
  const negWeight = nNeg > 0 ? Math.max(1, nPos / nNeg) : 1;
  const order = data.map((_, i) => i);
  const out = new Float64Array(OUTPUT_WIDTH);
  const grad = new Float64Array(OUTPUT_WIDTH);
  const width = OUTPUT_WIDTH;
  const w = model.weights;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    const lr = options.learningRate / (1 + epoch * 0.3);
    for (const idx of order) {
      const ex = data[idx] as Encoded;
      const n = ex.buckets.length;
      linearOutputs(model, ex.buckets, n, ex.words, out);
      grad[0] = (sigmoid(out[0] as number) - ex.y) * (ex.y === 1 ? 1 : negWeight);
      softmaxInPlace(out, TTP_OFFSET, TACTIC_OFFSET);
      softmaxInPlace(out, TACTIC_OFFSET, width);
      for (let k = TTP_OFFSET; k < width; k++) grad[k] = out[k] as number;
      grad[TTP_OFFSET + ex.ttp] = (grad[TTP_OFFSET + ex.ttp] as number) - 1;
      grad[TACTIC_OFFSET + ex.tactic] = (grad[TACTIC_OFFSET + ex.tactic] as number) - 1;
      const scaleAll = n > 0 ? lr / Math.sqrt(n) : 0;
      const scaleWords = ex.words > 0 ? lr / Math.sqrt(ex.words) : 0;
      const decay = 1 - lr * options.l2;
      for (let f = 0; f < n; f++) {
        const base = (ex.buckets[f] as number) * width;
        w[base] = (w[base] as number) * decay - scaleAll * grad[0];
        if (f >= ex.words) continue;
        for (let k = 1; k < width; k++) w[base + k] = (w[base + k] as number) * decay - scaleWords * (grad[k] as number);
      }
      for (let k = 0; k < width; k++) model.bias[k] = (model.bias[k] as number) - lr * 0.1 * (grad[k] as number);
    }
  }
  return model;
}

/** The uncalibrated malicious logit of each text under `model`. */
export function maliciousLogits(model: ClassifierModel, texts: readonly string[]): number[] {
  const fs = createFeatureSet(model.maxChars);
  const out = new Float64Array(model.width);
  return texts.map((t) => {
    extractFeatures(t, model.bits, fs, model.maxChars);
    return linearOutputs(model, fs.buckets, fs.count, fs.wordFeatures, out)[0] as number;
  });
}

/**
 * The whole recipe behind the shipped model: train on `train`, quantise as the file stores it,
 * then fit Platt scaling on `calibration` logits of the quantised model. Returns the file bytes.
 */
export function trainClassifierFile(
  train: readonly TrainingExample[],
  calibration: readonly TrainingExample[],
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
  provenance: Record<string, string | number> = {},
): Uint8Array {
  const raw = trainLinearModel(train, options);
  const quantised = decodeModel(encodeModel(raw));
  const logits = maliciousLogits(quantised, calibration.map((e) => e.text));
  quantised.platt = fitPlatt(logits, calibration.map((e) => e.malicious));
  quantised.provenance = { ...provenance, seed: options.seed, bits: options.bits, epochs: options.epochs, train: train.length, calibration: calibration.length };
  return encodeModel(quantised);
}

import { TACTICS, TTP_IDS, type Tactic, type TtpId } from './taxonomy.js';

/**
 * The classifier's parameters: one linear layer over hashed features with three heads laid out
 * side by side in each bucket's row: [malicious logit | TTP classes | tactic classes]. Class 0 of
 * each softmax head is "none" (the text serves no TTP / no tactic).
 */
export interface ClassifierModel {
  formatVersion: 1;
  /** log2 of the number of hash buckets. */
  bits: number;
  /** Outputs per bucket: 1 + ttpLabels.length + tacticLabels.length. */
  width: number;
  ttpLabels: readonly (TtpId | null)[];
  tacticLabels: readonly (Tactic | null)[];
  /**
   * Row of each hash bucket in `weights`, or -1 for a bucket with no weights. Shipped models keep
   * only the rows they use, so the table stays small enough for the CPU cache (inference is
   * memory-bound); a model being trained has one row per bucket.
   */
  rowOf: Int32Array;
  /** Weights, row-major: weights[rowOf[bucket] * width + output] (as float; used in training and explanations). */
  weights: Float32Array;
  /**
   * The same weights as stored in the file, 8 bits each, with one scale per output column:
   * weight = quantised * columnScale. A quarter of the memory of `weights`, which is what makes
   * inference fast (it is bound by memory, not arithmetic). Absent while training.
   */
  quantised?: { values: Int8Array; columnScale: Float32Array };
  bias: Float32Array;
  /** Platt scaling of the malicious logit: p = sigmoid(a * logit + b). */
  platt: { a: number; b: number };
  maxChars: number;
  /** Where the model came from (corpus digest, seed, counts); informational. */
  provenance: Record<string, string | number>;
}

export const TTP_LABELS: readonly (TtpId | null)[] = [null, ...TTP_IDS];
export const TACTIC_LABELS: readonly (Tactic | null)[] = [null, ...TACTICS];
export const OUTPUT_WIDTH = 1 + TTP_LABELS.length + TACTIC_LABELS.length;

/** Offset of the first TTP output and of the first tactic output inside a bucket row. */
export const TTP_OFFSET = 1;
export const TACTIC_OFFSET = 1 + TTP_LABELS.length;

/** An untrained model with all weights zero. */
export function createEmptyModel(bits: number, maxChars: number): ClassifierModel {
  return {
    formatVersion: 1,
    bits,
    width: OUTPUT_WIDTH,
    ttpLabels: TTP_LABELS,
    tacticLabels: TACTIC_LABELS,
    rowOf: Int32Array.from({ length: 1 << bits }, (_, i) => i),
    weights: new Float32Array((1 << bits) * OUTPUT_WIDTH),
    bias: new Float32Array(OUTPUT_WIDTH),
    platt: { a: 1, b: 0 },
    maxChars,
    provenance: {},
  };
}

/** Logistic function, safe for large magnitudes. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** In-place softmax of `v[from, to)`. */
export function softmaxInPlace(v: Float64Array, from: number, to: number): void {
  let max = -Infinity;
  for (let i = from; i < to; i++) if ((v[i] as number) > max) max = v[i] as number;
  let sum = 0;
  for (let i = from; i < to; i++) {
    const e = Math.exp((v[i] as number) - max);
    v[i] = e;
    sum += e;
  }
  for (let i = from; i < to; i++) v[i] = (v[i] as number) / sum;
}

/**
 * Raw outputs for a feature list. Word features (the first `wordCount`) add their whole row;
 * character features add only the malicious column. Each head is scaled by 1/√(its feature
 * count), so long and short texts give logits of the same size:
 * `out[0] = bias[0] + Σ_all w[·][0] / √count`, `out[k] = bias[k] + Σ_words w[·][k] / √wordCount`.
 */
export function linearOutputs(model: ClassifierModel, buckets: Int32Array, count: number, wordCount: number, out: Float64Array): Float64Array {
  if (model.quantised) return quantisedOutputs(model, model.quantised.values, model.quantised.columnScale, buckets, count, wordCount, out);
  const width = model.width;
  const w = model.weights;
  const rowOf = model.rowOf;
  out.fill(0);
  for (let f = 0; f < count; f++) {
    const row = rowOf[buckets[f] as number] as number;
    if (row < 0) continue;
    const base = row * width;
    if (f < wordCount) for (let k = 0; k < width; k++) out[k] = (out[k] as number) + (w[base + k] as number);
    else out[0] = (out[0] as number) + (w[base] as number);
  }
  const scaleAll = count > 0 ? 1 / Math.sqrt(count) : 0;
  const scaleWords = wordCount > 0 ? 1 / Math.sqrt(wordCount) : 0;
  out[0] = (model.bias[0] as number) + (out[0] as number) * scaleAll;
  for (let k = 1; k < width; k++) out[k] = (model.bias[k] as number) + (out[k] as number) * scaleWords;
  return out;
}

// Scratch for row offsets. Safe to share: inference is synchronous and never re-entered.
let rowBases = new Int32Array(4096);

/** `linearOutputs` over 8-bit weights: integer sums per column, scaled once at the end. */
function quantisedOutputs(model: ClassifierModel, q: Int8Array, columnScale: Float32Array, buckets: Int32Array, count: number, wordCount: number, out: Float64Array): Float64Array {
  const width = model.width;
  const rowOf = model.rowOf;
  if (rowBases.length < count) rowBases = new Int32Array(count * 2);
  const bases = rowBases;
  let nWords = 0;
  let malicious = 0;
  for (let f = 0; f < count; f++) {
    const row = rowOf[buckets[f] as number] as number;
    if (row < 0) continue;
    const base = row * width;
    malicious += q[base] as number;
    if (f < wordCount) bases[nWords++] = base;
  }
  const scaleAll = count > 0 ? 1 / Math.sqrt(count) : 0;
  const scaleWords = wordCount > 0 ? 1 / Math.sqrt(wordCount) : 0;
  out[0] = (model.bias[0] as number) + malicious * (columnScale[0] as number) * scaleAll;
  for (let k = 1; k < width; k++) {
    let sum = 0;
    for (let i = 0; i < nWords; i++) sum = (sum + (q[(bases[i] as number) + k] as number)) | 0;
    out[k] = (model.bias[k] as number) + sum * (columnScale[k] as number) * scaleWords;
  }
  return out;
}

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
  /** Dense weights, bucket-major: weights[bucket * width + output]. */
  weights: Float32Array;
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
 * Raw outputs for a feature list: `out[k] = bias[k] + scale * Σ weights[bucket*width + k]`, with
 * scale 1/√count so long and short texts give logits of the same size.
 */
export function linearOutputs(model: ClassifierModel, buckets: Int32Array, count: number, out: Float64Array): Float64Array {
  const width = model.width;
  const w = model.weights;
  out.fill(0);
  for (let f = 0; f < count; f++) {
    const base = (buckets[f] as number) * width;
    for (let k = 0; k < width; k++) out[k] = (out[k] as number) + (w[base + k] as number);
  }
  const scale = count > 0 ? 1 / Math.sqrt(count) : 0;
  for (let k = 0; k < width; k++) out[k] = (model.bias[k] as number) + (out[k] as number) * scale;
  return out;
}

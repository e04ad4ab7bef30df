/**
 * Evaluation metrics over scores and labels. Ties are handled exactly (AUROC counts a tie as
 * half), so results do not depend on input order.
 */

/** Area under the ROC curve: probability a random positive outscores a random negative. */
export function auroc(scores: readonly number[], labels: readonly (0 | 1)[]): number {
  const idx = scores.map((_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let nPos = 0;
  let nNeg = 0;
  let rankSumPos = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1] as number] === scores[idx[i] as number]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[idx[k] as number] === 1) {
        nPos++;
        rankSumPos += avgRank;
      } else nNeg++;
    }
    i = j + 1;
  }
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/**
 * True-positive rate at the strictest threshold whose false-positive rate is at most `maxFpr`
 * (a text is flagged when its score is strictly above the threshold).
 */
export function tprAtFpr(scores: readonly number[], labels: readonly (0 | 1)[], maxFpr: number): { tpr: number; threshold: number; fpr: number } {
  const neg = scores.filter((_, i) => labels[i] === 0).sort((a, b) => b - a);
  const pos = scores.filter((_, i) => labels[i] === 1);
  if (neg.length === 0 || pos.length === 0) return { tpr: NaN, threshold: NaN, fpr: NaN };
  const allowed = Math.floor(maxFpr * neg.length);
  // Threshold = the (allowed+1)-th highest negative score: at most `allowed` negatives lie above it.
  const threshold = neg[allowed] as number;
  const fp = neg.filter((s) => s > threshold).length;
  const tp = pos.filter((s) => s > threshold).length;
  return { tpr: tp / pos.length, threshold, fpr: fp / neg.length };
}

/** Share of `scores` strictly above `threshold`. */
export function rateAbove(scores: readonly number[], threshold: number): number {
  return scores.length === 0 ? NaN : scores.filter((s) => s > threshold).length / scores.length;
}

export interface PrecisionRecall {
  precision: number;
  recall: number;
  support: number;
}

/** Per-class precision and recall of predicted labels against true ones. */
export function perClassPrecisionRecall(truth: readonly string[], predicted: readonly string[]): Record<string, PrecisionRecall> {
  const classes = [...new Set([...truth, ...predicted])].sort();
  const out: Record<string, PrecisionRecall> = {};
  for (const c of classes) {
    let tp = 0, fp = 0, fn = 0;
    for (let i = 0; i < truth.length; i++) {
      const t = truth[i] === c;
      const p = predicted[i] === c;
      if (t && p) tp++;
      else if (p) fp++;
      else if (t) fn++;
    }
    out[c] = { precision: tp + fp === 0 ? NaN : tp / (tp + fp), recall: tp + fn === 0 ? NaN : tp / (tp + fn), support: tp + fn };
  }
  return out;
}

/** Confusion matrix: rows are true labels, columns predicted, in the order of `labels`. */
export function confusionMatrix(truth: readonly string[], predicted: readonly string[], labels: readonly string[]): number[][] {
  const index = new Map(labels.map((l, i) => [l, i]));
  const m = labels.map(() => labels.map(() => 0));
  for (let i = 0; i < truth.length; i++) {
    const r = index.get(truth[i] as string);
    const c = index.get(predicted[i] as string);
    if (r !== undefined && c !== undefined) (m[r] as number[])[c] = ((m[r] as number[])[c] as number) + 1;
  }
  return m;
}

import { sigmoid } from './model.js';

/**
 * Platt scaling (Platt 1999, with the target smoothing of Lin, Lin & Weng 2007): fits
 * p = sigmoid(a·x + b) to held-out logits by Newton's method. Deterministic; no randomness.
 * Classes are weighted to equal total mass, so the score does not inherit the corpus's share of
 * malicious texts (which says nothing about real traffic): 0.5 means "as likely either way".
 */
export function fitPlatt(logits: readonly number[], labels: readonly (0 | 1)[]): { a: number; b: number } {
  const nPos = labels.filter((y) => y === 1).length;
  const nNeg = labels.length - nPos;
  const weight = (y: 0 | 1): number => (y === 1 ? labels.length / (2 * nPos) : labels.length / (2 * nNeg));
  if (nPos === 0 || nNeg === 0) return { a: 1, b: 0 };
  const hi = (nPos + 1) / (nPos + 2);
  const lo = 1 / (nNeg + 2);
  const t = labels.map((y) => (y === 1 ? hi : lo));
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let g1 = 0, g2 = 0, h11 = 1e-9, h22 = 1e-9, h21 = 0;
    for (let i = 0; i < logits.length; i++) {
      const x = logits[i] as number;
      const p = sigmoid(a * x + b);
      const wt = weight(labels[i] as 0 | 1);
      const d = (p - (t[i] as number)) * wt;
      const s = p * (1 - p) * wt;
      g1 += x * d;
      g2 += d;
      h11 += x * x * s;
      h22 += s;
      h21 += x * s;
    }
    const det = h11 * h22 - h21 * h21;
    if (Math.abs(det) < 1e-12) break;
    const da = (h22 * g1 - h21 * g2) / det;
    const db = (-h21 * g1 + h11 * g2) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
  }
  return { a, b };
}

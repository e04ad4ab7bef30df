/**
 * Spreads suspicion along strong links inside a network: each round, an account's score is the
 * noisy-OR of its own evidence and, for each linked neighbour in the same community,
 * damping × edge weight × the neighbour's score. A few rounds reach members two or three hops
 * from the evidence while each hop loses strength; edges between communities carry nothing,
 * which is what keeps a family or a NAT'd office from inheriting an actor's score through one
 * shared exit address.
 */
export function propagate(
  own: Float64Array,
  labels: Int32Array,
  edges: { a: Uint32Array; b: Uint32Array; weight: Float64Array; count: number },
  threshold: number,
  damping: number,
  rounds: number,
): { score: Float64Array; bestFrom: Int32Array } {
  const n = own.length;
  let score = Float64Array.from(own);
  const bestFrom = new Int32Array(n).fill(-1);
  const best = new Float64Array(n);
  const keep = new Float64Array(n);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < n; i++) keep[i] = 1 - own[i]!;
    best.fill(0);
    for (let e = 0; e < edges.count; e++) {
      const w = edges.weight[e]!;
      if (w < threshold) continue;
      const a = edges.a[e]!;
      const b = edges.b[e]!;
      if (labels[a]! < 0 || labels[a] !== labels[b]) continue;
      const ca = damping * w * score[b]!;
      const cb = damping * w * score[a]!;
      keep[a]! *= 1 - ca;
      keep[b]! *= 1 - cb;
      if (ca > best[a]!) {
        best[a] = ca;
        bestFrom[a] = b;
      }
      if (cb > best[b]!) {
        best[b] = cb;
        bestFrom[b] = a;
      }
    }
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) next[i] = 1 - keep[i]!;
    score = next;
  }
  return { score, bestFrom };
}

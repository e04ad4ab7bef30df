/**
 * Spreads suspicion along strong links inside a network. An account receives, from its
 * strongest path to a flagged account, damping × edge weight per hop × the source's own score
 * (max-product paths, `rounds` hops at most), combined with its own evidence by noisy-OR.
 *
 * Two choices keep honest groups out: only accounts whose *own* evidence reaches `minSource`
 * are sources, and paths are not summed, so two weakly suspicious members of a family or a
 * security team cannot lift each other over the threshold by feeding back. Edges between
 * communities carry nothing, so one shared exit address does not hand an actor's score to an
 * office behind the same NAT.
 */
export function propagate(
  own: Float64Array,
  labels: Int32Array,
  edges: { a: Uint32Array; b: Uint32Array; weight: Float64Array; count: number },
  threshold: number,
  damping: number,
  rounds: number,
  minSource: number,
): { score: Float64Array; bestFrom: Int32Array } {
  const n = own.length;
  // reach[i]: best decayed source score arriving at i (its own score when it is a source).
  const reach = new Float64Array(n);
  for (let i = 0; i < n; i++) reach[i] = own[i]! >= minSource ? own[i]! : 0;
  const bestFrom = new Int32Array(n).fill(-1);
  const via = new Float64Array(n);
  for (let r = 0; r < rounds; r++) {
    let changed = false;
    for (let e = 0; e < edges.count; e++) {
      const w = edges.weight[e]!;
      if (w < threshold) continue;
      const a = edges.a[e]!;
      const b = edges.b[e]!;
      if (labels[a]! < 0 || labels[a] !== labels[b]) continue;
      const toA = damping * w * reach[b]!;
      const toB = damping * w * reach[a]!;
      if (toA > via[a]! + 1e-12) {
        via[a] = toA;
        bestFrom[a] = b;
        if (toA > reach[a]!) {
          reach[a] = toA;
          changed = true;
        }
      }
      if (toB > via[b]! + 1e-12) {
        via[b] = toB;
        bestFrom[b] = a;
        if (toB > reach[b]!) {
          reach[b] = toB;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) score[i] = 1 - (1 - own[i]!) * (1 - via[i]!);
  return { score, bestFrom };
}

import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';

// The package is CommonJS typed as an ES default export; under NodeNext the callable sits on
// `.default` at type level but is the module itself at run time.
const louvain = ((louvainModule as unknown as { default?: unknown }).default ?? louvainModule) as (
  g: UndirectedGraph,
  o: { getEdgeWeight: string; resolution: number; rng: () => number },
) => Record<string, number>;

/** How accounts are grouped into networks. */
export interface CommunityOptions {
  /** Edges lighter than this do not join two accounts into one network. */
  linkThreshold: number;
  /**
   * Components larger than this are split with Louvain (modularity), because a chain of
   * individually plausible links can join unrelated cells into one sprawling component.
   */
  splitAbove: number;
  /** Louvain resolution; above 1 favours smaller communities. */
  resolution: number;
}

export const defaultCommunityOptions: CommunityOptions = {
  linkThreshold: 0.35,
  splitAbove: 40,
  resolution: 1,
};

function find(parent: Int32Array, x: number): number {
  while (parent[x] !== x) {
    const p = parent[x]!;
    parent[x] = parent[p]!;
    x = p;
  }
  return x;
}

/** A deterministic RNG so that Louvain gives the same split on every run (stable network ids). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Weighted components by union-find (O(E·α)) over edges at or above the threshold, then Louvain
 * only inside components above `splitAbove`. Returns a community label per account (labels are
 * arbitrary; -1 for an account with no qualifying edge). Union-find first keeps a million-node
 * graph in typed arrays; Louvain's object graph is only built for the few large components.
 */
export function detectCommunities(
  nAccounts: number,
  edges: { a: Uint32Array; b: Uint32Array; weight: Float64Array; count: number },
  opts: CommunityOptions = defaultCommunityOptions,
): Int32Array {
  const parent = new Int32Array(nAccounts);
  for (let i = 0; i < nAccounts; i++) parent[i] = i;
  const linked = new Uint8Array(nAccounts);
  for (let e = 0; e < edges.count; e++) {
    if (edges.weight[e]! < opts.linkThreshold) continue;
    const a = edges.a[e]!;
    const b = edges.b[e]!;
    linked[a] = 1;
    linked[b] = 1;
    const ra = find(parent, a);
    const rb = find(parent, b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const label = new Int32Array(nAccounts).fill(-1);
  const size = new Map<number, number>();
  for (let i = 0; i < nAccounts; i++) {
    if (!linked[i]) continue;
    const r = find(parent, i);
    label[i] = r;
    size.set(r, (size.get(r) ?? 0) + 1);
  }
  const big = new Set([...size].filter(([, n]) => n > opts.splitAbove).map(([r]) => r));
  if (big.size === 0) return label;

  const graphs = new Map<number, UndirectedGraph>();
  for (const r of big) graphs.set(r, new UndirectedGraph());
  for (let e = 0; e < edges.count; e++) {
    const w = edges.weight[e]!;
    if (w < opts.linkThreshold) continue;
    const a = edges.a[e]!;
    const g = graphs.get(label[a]!);
    if (!g) continue;
    const b = edges.b[e]!;
    g.mergeNode(String(a));
    g.mergeNode(String(b));
    g.mergeEdge(String(a), String(b), { weight: w });
  }
  let next = nAccounts;
  for (const [, g] of graphs) {
    const parts = louvain(g, {
      getEdgeWeight: 'weight',
      resolution: opts.resolution,
      rng: mulberry32(g.order),
    });
    const remap = new Map<number, number>();
    for (const [node, c] of Object.entries(parts)) {
      let l = remap.get(c);
      if (l === undefined) remap.set(c, (l = next++));
      label[Number(node)] = l;
    }
  }
  return label;
}

import Graph from 'graphology';
import { useEffect, useRef, useState } from 'react';
import type Sigma from 'sigma';
import type ForceAtlas2 from 'graphology-layout-forceatlas2';
import type { NetworkLink } from '../types.js';
import { kindColour } from './kinds.js';

export { kindColour } from './kinds.js';

/**
 * sigma.js (WebGL) and ForceAtlas2 load with the first graph, not with the console: pages
 * without a graph (the overview, the queue) never download them.
 */
const loadRenderer = () => Promise.all([import('sigma'), import('graphology-layout-forceatlas2')]);

const noIncidences: readonly Incidence[] = [];
const accountColour = { malicious: '#dc2626', suspicious: '#f59e0b', unflagged: '#94a3b8' };

export type Selection =
  { type: 'account'; id: string } | { type: 'value'; via: string; value: string } | null;

/** One edge of the bipartite graph: an account used a value (what "expand from a node" adds). */
export interface Incidence {
  via: string;
  value: string;
  account: string;
}

/**
 * Accounts and the values that link them as one bipartite graph: each link of the report
 * (`a`, `b`, `via`, `value`, `weight`) becomes two edges through a value node, so a device
 * shared by five accounts reads as one hub rather than ten pairwise lines. Rendered with
 * sigma.js (WebGL); laid out with ForceAtlas2, synchronously, before the first frame. Without
 * WebGL it says so and the page's tables carry the same links.
 */
export function NetworkGraph({
  links,
  extra = noIncidences,
  verdicts,
  onSelect,
  selected,
  onReady,
}: {
  links: NetworkLink[];
  /** Edges added by expanding nodes, merged into the graph (drawn thinner: not links of the report). */
  extra?: readonly Incidence[];
  verdicts: ReadonlyMap<string, { verdict: string; score: number }>;
  onSelect: (s: Selection) => void;
  selected: Selection;
  onReady?: (nodes: number) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const sigmaRef = useRef<Sigma | null>(null);
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;
  const [failed, setFailed] = useState<string | null>(null);
  const [drawn, setDrawn] = useState(0);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const g = new Graph({ type: 'undirected', multi: false });
    const addAccount = (a: string) => {
      if (g.hasNode(`a:${a}`)) return;
      const v = verdicts.get(a);
      g.addNode(`a:${a}`, {
        label: a,
        size: v ? 5 + v.score * 6 : 4,
        color: v
          ? v.verdict === 'malicious'
            ? accountColour.malicious
            : accountColour.suspicious
          : accountColour.unflagged,
        kind: 'account',
      });
    };
    for (const l of links) {
      addAccount(l.a);
      addAccount(l.b);
      const vid = `v:${l.via}:${l.value}`;
      if (!g.hasNode(vid))
        g.addNode(vid, {
          label: `${l.via}: ${l.value}`,
          size: 3,
          color: kindColour[l.via] ?? '#475569',
          kind: 'value',
          via: l.via,
          value: l.value,
        });
      g.mergeNode(vid, { size: Math.min(12, (g.getNodeAttribute(vid, 'size') as number) + 0.6) });
      for (const acc of [l.a, l.b]) {
        const key = `${vid}|${acc}`;
        if (!g.hasEdge(key))
          g.addEdgeWithKey(key, vid, `a:${acc}`, {
            size: 0.5 + l.weight * 3,
            weight: l.weight,
            color: '#cbd5e1',
          });
      }
    }
    // Deterministic start (a circle), then ForceAtlas2: the same network draws the same way twice.
    for (const x of extra) {
      addAccount(x.account);
      const vid = `v:${x.via}:${x.value}`;
      if (!g.hasNode(vid))
        g.addNode(vid, {
          label: `${x.via}: ${x.value}`,
          size: 3,
          color: kindColour[x.via] ?? '#475569',
          kind: 'value',
          via: x.via,
          value: x.value,
        });
      const key = `${vid}|${x.account}`;
      if (!g.hasEdge(key))
        g.addEdgeWithKey(key, vid, `a:${x.account}`, { size: 0.5, weight: 0, color: '#e2e8f0' });
    }
    let cancelled = false;
    let renderer: Sigma | undefined;
    el.dataset.ready = 'false';
    if (typeof WebGL2RenderingContext === 'undefined' && typeof WebGLRenderingContext === 'undefined') {
      // No WebGL at all (a locked-down browser, a remote desktop): say so rather than load sigma.
      el.dataset.nodes = String(g.order);
      setFailed('WebGL is not available');
      return;
    }
    void loadRenderer()
      .then(([{ default: SigmaRenderer }, { default: forceAtlas2 }]) => {
        if (cancelled) return;
        draw(SigmaRenderer, forceAtlas2);
      })
      .catch((e: unknown) => {
        // No WebGL (a locked-down browser, a remote desktop): the tables carry the same links.
        if (cancelled) return;
        el.dataset.nodes = String(g.order);
        setFailed(e instanceof Error ? e.message : String(e));
      });
    const draw = (
      SigmaRenderer: typeof Sigma,
      forceAtlas2: typeof ForceAtlas2,
    ) => {
      const n = g.order;
      let i = 0;
      g.forEachNode((node) => {
        const t = (2 * Math.PI * i++) / Math.max(1, n);
        g.mergeNodeAttributes(node, { x: Math.cos(t) * 100, y: Math.sin(t) * 100 });
      });
      forceAtlas2.assign(g, {
        iterations: n > 300 ? 120 : 200,
        settings: { ...forceAtlas2.inferSettings(g), barnesHutOptimize: n > 300, edgeWeightInfluence: 1 },
      });

      try {
        renderer = new SigmaRenderer(g, el, {
          renderEdgeLabels: false,
          labelRenderedSizeThreshold: 7,
          labelSize: 11,
          labelFont: 'Inter, system-ui, sans-serif',
          defaultEdgeColor: '#cbd5e1',
          zIndex: true,
        });
      } catch (e) {
        // No WebGL (a locked-down browser, a remote desktop): the tables carry the same links.
        el.dataset.nodes = String(g.order);
        setFailed(e instanceof Error ? e.message : String(e));
        return;
      }
      setFailed(null);
      sigmaRef.current = renderer;
      renderer.on('clickNode', ({ node }) => {
        const attrs = g.getNodeAttributes(node) as { kind: string; via?: string; value?: string };
        if (attrs.kind === 'account') selectRef.current({ type: 'account', id: node.slice(2) });
        else selectRef.current({ type: 'value', via: attrs.via ?? '', value: attrs.value ?? '' });
      });
      renderer.on('clickStage', () => selectRef.current(null));
      el.dataset.nodes = String(g.order);
      el.dataset.edges = String(g.size);
      el.dataset.ready = 'true';
      setDrawn((d) => d + 1);
      onReady?.(g.order);
    };
    return () => {
      cancelled = true;
      renderer?.kill();
      sigmaRef.current = null;
      el.dataset.ready = 'false';
    };
    // The graph is rebuilt only when its data changes; selection is applied by the effect below.
  }, [links, extra, verdicts]);

  useEffect(() => {
    const r = sigmaRef.current;
    if (!r) return;
    const focus =
      selected === null
        ? null
        : selected.type === 'account'
          ? `a:${selected.id}`
          : `v:${selected.via}:${selected.value}`;
    const g = r.getGraph();
    const near = new Set<string>();
    if (focus && g.hasNode(focus)) {
      near.add(focus);
      g.forEachNeighbor(focus, (nb) => near.add(nb));
    }
    r.setSetting('nodeReducer', (node, data) =>
      focus && !near.has(node)
        ? { ...data, color: '#e2e8f0', label: '' }
        : node === focus
          ? { ...data, highlighted: true }
          : data,
    );
    r.setSetting('edgeReducer', (edge, data) => {
      if (!focus) return data;
      const [s, t] = g.extremities(edge);
      return s === focus || t === focus ? { ...data, color: '#334155' } : { ...data, hidden: true };
    });
  }, [selected, drawn]);

  return (
    <div
      ref={container}
      className="graph"
      data-testid="network-graph"
      role="img"
      aria-label={`Network graph: ${links.length} links between accounts and shared values${extra.length ? `, ${extra.length} expanded` : ''}. The tables list the same links.`}
    >
      {failed ? (
        <p className="graph-fallback">
          The graph cannot be drawn in this browser ({failed}). The tables list the same links and accounts.
        </p>
      ) : null}
    </div>
  );
}

export function Legend({ kinds }: { kinds: string[] }) {
  return (
    <ul className="legend" aria-label="Legend">
      <li>
        <span className="dot" style={{ background: accountColour.malicious }} /> malicious account
      </li>
      <li>
        <span className="dot" style={{ background: accountColour.suspicious }} /> suspicious
      </li>
      <li>
        <span className="dot" style={{ background: accountColour.unflagged }} /> not flagged
      </li>
      {kinds.map((k) => (
        <li key={k}>
          <span className="dot square" style={{ background: kindColour[k] ?? '#475569' }} /> {k}
        </li>
      ))}
    </ul>
  );
}

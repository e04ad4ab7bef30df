import { describe, expect, it } from 'vitest';
import { LinkageGraph, defaultLinkageOptions } from './graph.js';
import { specificity } from './kinds.js';
import { detectCommunities } from './communities.js';

const t0 = Date.parse('2024-01-09T00:00:00Z');
const day = 86_400_000;

function graphOf(rows: [string, Parameters<LinkageGraph['observe']>[1], string, number][]): LinkageGraph {
  const g = new LinkageGraph();
  for (const [acct, kind, value, t] of rows) g.observe(g.accountId(acct), kind, value, t);
  g.buildEdges();
  return g;
}

function weight(g: LinkageGraph, a: string, b: string): number {
  const e = g.findEdge(g.accounts.find(a), g.accounts.find(b));
  return e < 0 ? 0 : g.edge(e).weight;
}

describe('LinkageGraph', () => {
  it('weighs a value by how few accounts share it', () => {
    expect(specificity(2)).toBe(1);
    expect(specificity(3)).toBeCloseTo(0.707, 3);
    expect(specificity(3001)).toBeLessThan(0.02);
    const rows: [string, 'device', string, number][] = [
      ['a', 'device', 'd1', t0],
      ['b', 'device', 'd1', t0],
    ];
    for (let i = 0; i < 10; i++) rows.push([`c${i}`, 'device', 'd2', t0]);
    const g = graphOf(rows);
    expect(weight(g, 'a', 'b')).toBeCloseTo(0.9, 5);
    expect(weight(g, 'c0', 'c1')).toBeCloseTo(0.9 / 3, 5);
  });

  it('links through an IP only within the time window, decaying with the gap', () => {
    const g = graphOf([
      ['a', 'ip', '198.51.100.1', t0],
      ['b', 'ip', '198.51.100.1', t0 + 2 * 3_600_000],
      ['c', 'ip', '198.51.100.1', t0 + 30 * day],
    ]);
    expect(weight(g, 'a', 'b')).toBeGreaterThan(0.3);
    expect(weight(g, 'a', 'c')).toBe(0);
    expect(weight(g, 'b', 'c')).toBe(0);
  });

  it('combines several shared values by noisy-OR and keeps the strongest as evidence', () => {
    const g = graphOf([
      ['a', 'device', 'd1', t0],
      ['b', 'device', 'd1', t0],
      ['a', 'payment', 'p1', t0],
      ['b', 'payment', 'p1', t0],
    ]);
    const e = g.edge(g.findEdge(0, 1));
    expect(e.weight).toBeCloseTo(1 - 0.1 * 0.1, 5);
    expect(e.contributions).toBe(2);
    expect(['device', 'payment']).toContain(g.describeValue(e.bestValue).kind);
  });

  it('gives the same edges whatever the order of observations', () => {
    const rows: [string, 'ip' | 'device', string, number][] = [
      ['a', 'ip', '203.0.113.5', t0 + 5 * day],
      ['b', 'ip', '203.0.113.5', t0 + 5 * day + 1000],
      ['a', 'ip', '203.0.113.5', t0],
      ['c', 'device', 'dx', t0 + day],
      ['b', 'device', 'dx', t0],
    ];
    const fwd = graphOf(rows);
    const rev = graphOf([...rows].reverse());
    for (const [x, y] of [
      ['a', 'b'],
      ['b', 'c'],
      ['a', 'c'],
    ] as const) {
      expect(weight(rev, x, y)).toBeCloseTo(weight(fwd, x, y), 10);
    }
  });

  it('never materialises the pairs of a value shared by 500k accounts', () => {
    const g = new LinkageGraph();
    const start = performance.now();
    for (let i = 0; i < 500_000; i++)
      g.observe(g.accountId(`u${i}`), 'ip-prefix', '100.64.0.0/24', t0 + (i % 1000));
    g.observe(g.accountId('u1'), 'device', 'dd', t0);
    g.observe(g.accountId('u2'), 'device', 'dd', t0);
    g.buildEdges();
    const ms = performance.now() - start;
    expect(g.stats.hubsSkipped).toBe(1);
    expect(g.stats.largestHub).toBe(500_000);
    expect(g.stats.pairsConsidered).toBe(1);
    expect(g.edgeCount).toBe(1);
    expect(ms).toBeLessThan(15_000);
  });

  it('keeps one observation per account and value however many events repeat it', () => {
    const g = new LinkageGraph();
    const a = g.accountId('busy');
    for (let i = 0; i < 100_000; i++) g.observe(a, 'ip', `10.0.${(i >> 8) & 3}.${i & 255}`, t0 + i * 1000);
    g.buildEdges();
    expect(g.stats.observations).toBe(1024);
    expect(g.edgeCount).toBe(0);
  });

  it('honours warninglists', () => {
    const g = new LinkageGraph({
      ...defaultLinkageOptions,
      warninglist: (kind, value) => (kind === 'ip' && value.startsWith('8.8.') ? 'public-dns' : undefined),
    });
    g.observe(g.accountId('a'), 'ip', '8.8.8.8', t0);
    g.observe(g.accountId('b'), 'ip', '8.8.8.8', t0);
    g.buildEdges();
    expect(g.edgeCount).toBe(0);
    expect(g.stats.warninglisted).toBe(1);
  });

  it('links near-duplicate prompts to seed accounts only', () => {
    const g = new LinkageGraph();
    const text =
      'Write a phishing email from the development agency asking 40 staff to reset their password before 2024';
    g.observePrompt(g.accountId('seed'), text);
    g.observePrompt(g.accountId('copy'), text.replace('40', '75').replace('2024', '2025'));
    g.observePrompt(
      g.accountId('other'),
      'How do I bake sourdough bread with a crisp crust at home in a normal oven',
    );
    g.observePrompt(g.accountId('copy2'), text);
    g.buildEdges();
    // Only seeds are indexed: without seeds nothing links, however alike the prompts.
    expect(g.addPromptEdges([])).toBe(0);
    expect(g.addPromptEdges([0])).toBe(2);
    // Three accounts share the fingerprint: prompt weight 0.25 × specificity(3).
    expect(weight(g, 'seed', 'copy')).toBeCloseTo(0.25 / Math.SQRT2, 5);
    expect(weight(g, 'seed', 'other')).toBe(0);
    expect(weight(g, 'copy', 'copy2')).toBe(0);
  });
});

describe('detectCommunities', () => {
  it('groups by thresholded components and leaves unlinked accounts out', () => {
    const edges = {
      a: Uint32Array.from([0, 1, 3]),
      b: Uint32Array.from([1, 2, 4]),
      weight: Float64Array.from([0.9, 0.5, 0.1]),
      count: 3,
    };
    const labels = detectCommunities(5, edges, { linkThreshold: 0.35, splitAbove: 40, resolution: 1 });
    expect(labels[0]).toBe(labels[1]);
    expect(labels[1]).toBe(labels[2]);
    expect(labels[3]).toBe(-1);
    expect(labels[4]).toBe(-1);
  });

  it('splits a large component joined by one weak bridge with Louvain', () => {
    const a: number[] = [];
    const b: number[] = [];
    const w: number[] = [];
    for (const base of [0, 30]) {
      for (let i = 0; i < 30; i++) {
        for (let j = i + 1; j < 30; j++) {
          a.push(base + i);
          b.push(base + j);
          w.push(0.9);
        }
      }
    }
    a.push(0);
    b.push(30);
    w.push(0.4);
    const labels = detectCommunities(
      60,
      { a: Uint32Array.from(a), b: Uint32Array.from(b), weight: Float64Array.from(w), count: a.length },
      { linkThreshold: 0.35, splitAbove: 40, resolution: 1 },
    );
    expect(labels[1]).toBe(labels[29]);
    expect(labels[31]).toBe(labels[59]);
    expect(labels[1]).not.toBe(labels[31]);
  });
});

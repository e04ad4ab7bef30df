import { describe, expect, it } from 'vitest';
import { LinkageGraph } from '../linkage/index.js';
import { AccountBook } from './account-book.js';
import { behaviourFit, type BehaviourFitOptions } from './behaviour-fit.js';

const opts: BehaviourFitOptions = {
  minLink: 0.6,
  minHits: 2,
  minLanguageShare: 0.4,
  minNetworkLanguageShare: 0.2,
  damping: 0.9,
};
const t0 = Date.parse('2024-01-09T06:00:00Z');

interface Acct {
  name: string;
  topics: string[];
  /** Requests as [language, content score]. */
  asks: [string, number][];
  /** TTP of its malicious asks (reconnaissance unless given). */
  ttp?: string;
}

/** A real graph and book over accounts that share topics (content links) and ask in languages. */
function world(accts: Acct[]) {
  const graph = new LinkageGraph();
  const book = new AccountBook();
  for (const a of accts) {
    const id = graph.accountId(a.name);
    book.ensure(id);
    for (const t of a.topics) graph.observe(id, 'topic', t, t0);
    a.asks.forEach(([lang, s], i) => {
      book.request(id, t0 + i * 60_000, false);
      const ttp = s >= 0.5 ? (a.ttp ?? 'llm-informed-reconnaissance') : null;
      book.content(id, { eventId: `${a.name}-${i}`, score: s, ttp, tactic: null }, lang, 0.5);
    });
  }
  graph.buildEdges();
  return { graph, book, edges: graph.edgeColumns() };
}

const network: Acct[] = [
  {
    name: 'n0',
    topics: ['t1', 't2', 't3', 'x'],
    asks: [
      ['ru', 0.9],
      ['ru', 0.9],
      ['en', 0.1],
    ],
  },
  {
    name: 'n1',
    topics: ['t4', 't5', 't6', 'x'],
    asks: [
      ['ru', 0.9],
      ['en', 0.2],
    ],
  },
];

function run(candidate: Acct) {
  const { graph, book, edges } = world([...network, candidate]);
  // n0 and n1 are a flagged network (community 0); the candidate is a singleton.
  const labels = Int32Array.from([0, 0, -1]);
  const score = Float64Array.from([0.9, 0.8, 0]);
  return behaviourFit(graph, book, labels, score, 0.5, edges, opts);
}

describe('behaviourFit', () => {
  it('joins a careful operator: content links, malicious asks, the network’s language', () => {
    const found = run({
      name: 'c',
      topics: ['t1', 't2', 't3', 't4', 't5', 't6'],
      asks: [
        ['ru', 0.9],
        ['ru', 0.8],
        ['ru', 0.7],
        ['en', 0.1],
      ],
    });
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.label).toBe(0);
    expect(f.evidence.rule).toBe('behaviour-network-fit@1');
    expect(f.evidence.kind).toBe('behaviour');
    expect(f.weight).toBeGreaterThan(0.5);
    expect(f.evidence.refs?.accounts).toEqual(['n0', 'n1']);
  });

  it('leaves a developer whose flagged asks are only scripting and development help alone', () => {
    expect(
      run({
        name: 'c',
        topics: ['t1', 't2', 't3', 't4', 't5', 't6'],
        asks: [
          ['ru', 0.9],
          ['ru', 0.8],
          ['ru', 0.7],
        ],
        ttp: 'llm-enhanced-scripting',
      }),
    ).toEqual([]);
  });

  it('leaves an English-speaking security analyst with the same asks alone', () => {
    expect(
      run({
        name: 'c',
        topics: ['t1', 't2', 't3', 't4', 't5', 't6'],
        asks: [
          ['en', 0.9],
          ['en', 0.8],
          ['en', 0.7],
        ],
      }),
    ).toEqual([]);
  });

  it('leaves a Russian speaker with one malicious ask, or with no content links, alone', () => {
    expect(
      run({
        name: 'c',
        topics: ['t1', 't2', 't3', 't4', 't5', 't6'],
        asks: [
          ['ru', 0.9],
          ['ru', 0.1],
          ['ru', 0.1],
        ],
      }),
    ).toEqual([]);
    expect(
      run({
        name: 'c',
        topics: ['other'],
        asks: [
          ['ru', 0.9],
          ['ru', 0.9],
          ['ru', 0.9],
        ],
      }),
    ).toEqual([]);
  });

  it('does nothing without a flagged network of two, or on empty input', () => {
    const { graph, book, edges } = world(network);
    expect(
      behaviourFit(graph, book, Int32Array.from([0, 0]), Float64Array.from([0.9, 0.1]), 0.5, edges, opts),
    ).toEqual([]);
    const empty = world([]);
    expect(
      behaviourFit(empty.graph, empty.book, new Int32Array(0), new Float64Array(0), 0.5, empty.edges, opts),
    ).toEqual([]);
  });
});

/**
 * `npm run bench:analyze-errors`: error analysis on tuning worlds (never the held-out seeds
 * 201–205). Lists every false positive and false negative with its truth class and the evidence
 * (rule ids) that fired, and counts them by category, so fixes target causes, not thresholds.
 */
import { accountDetectors } from '../src/pipeline/index.js';
import { buildWorld, fullVariant, runVariant, scoreWithSim } from './analyze-world.js';

const seeds = (process.env.SEEDS ?? '101,102').split(',').map(Number);
const accounts = Number(process.env.ACCOUNTS ?? 5000);
const verbose = process.env.VERBOSE === '1';
if (seeds.some((s) => s >= 201 && s <= 205))
  throw new Error('seeds 201–205 are held out: never analyse errors on them');

const cats = new Map<string, number>();
const bump = (k: string) => cats.set(k, (cats.get(k) ?? 0) + 1);
for (const seed of seeds) {
  const w = buildWorld(seed, accounts);
  const { result, analysis } = runVariant(w, fullVariant);
  const listed = new Map(result.accounts.map((a) => [a.account, a]));
  const sc = scoreWithSim(result, w);
  console.log(
    `seed ${seed}: precision ${(sc.flagged.precision ?? 1).toFixed(4)} recall ${(sc.flagged.recall ?? 1).toFixed(4)} hard-neg FPR ${(sc.false_positive_rate.hard_negatives.rate ?? 0).toFixed(4)} attribution ${(sc.attribution.accuracy ?? 1).toFixed(4)} evasion ${(sc.ban_evasion.rate ?? 1).toFixed(4)}`,
  );
  const book = analysis.book;
  for (const t of w.truth) {
    const got = listed.get(t.account);
    const id = analysis.graph.accounts.find(t.account);
    const req = id >= 0 ? book.requests.data[id]! : 0;
    const hits = id >= 0 ? book.contentHits.data[id]! : 0;
    const rec = t as typeof t & {
      careful_operator?: boolean;
      hard_negative_reason?: string | null;
      group?: string | null;
      banned?: boolean;
    };
    if (t.label === 'malicious' && !got) {
      const cat = `FN ${t.kind}${rec.careful_operator ? ' careful' : ''}${t.ban_evasion ? ' evasion' : ''}`;
      bump(cat);
      if (verbose) {
        const g = analysis.graph;
        const own =
          id < 0
            ? []
            : accountDetectors.flatMap((d) =>
                d.evaluate({ id, book, graph: g, degreeOf: () => 1, indicatorReach: () => 1 }),
              );
        // Strongest edges to accounts of the same truth network, and whether those are flagged.
        const mates = w.truth.filter(
          (x) =>
            x.network !== null &&
            x.network === (rec as { network?: string | null }).network &&
            x.account !== t.account,
        );
        const links = mates
          .map((m) => {
            const e = g.findEdge(id, g.accounts.find(m.account));
            if (e < 0) return null;
            const ev = g.edge(e);
            return `${listed.has(m.account) ? '+' : '-'}${ev.weight.toFixed(2)}:${g.describeValue(ev.bestValue).kind}`;
          })
          .filter(Boolean);
        console.log(
          seed,
          cat,
          t.account,
          `req ${req} hits ${hits} refusals ${id >= 0 ? book.refusals.data[id] : 0} banned ${rec.banned} intel ${rec.covered_by_intel} mates ${mates.filter((m) => listed.has(m.account)).length}/${mates.length}`,
          own.map((e) => `${e.rule}:${e.weight.toFixed(2)}`).join(' '),
          '| links',
          links.join(' '),
        );
      }
    } else if (t.label === 'honest' && got) {
      const cat = `FP ${t.kind}${t.hard_negative ? ` hn:${rec.hard_negative_reason}` : ''}`;
      bump(cat);
      if (verbose)
        console.log(
          seed,
          cat,
          t.account,
          rec.group,
          `score ${got.score} req ${req} hits ${hits}`,
          got.evidence.map((e) => `${e.rule}:${e.weight}`).join(' '),
        );
    } else if (t.label === 'malicious' && got && (got.actor?.name ?? null) !== t.actor) {
      bump(`ATTR ${t.kind} truth=${t.actor} got=${got.actor?.name ?? null}`);
    }
  }
}
for (const [k, v] of [...cats].sort((a, b) => b[1] - a[1])) console.log(String(v).padStart(4), k);

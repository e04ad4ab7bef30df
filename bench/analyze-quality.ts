/**
 * `npm run bench:analyze-quality`: the whole pipeline over 5 seeded worlds of 5,000 accounts,
 * scored by the simulator's scorer (src/sim, the same as `warden eval analyze`). Seeds 101–110
 * were used while tuning (error analysis: `npm run bench:analyze-errors`); the reported figures
 * come from seeds 201–205, never used for tuning. Writes bench/out/analyze-quality.json.
 * Ablations drop intel, device and payment links, content, or all linkage (the baseline the
 * ratios are against, measured in the same run).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { linkKinds } from '../src/linkage/index.js';
import { buildWorld, fullVariant, runVariant, scoreWithSim, type Variant } from './analyze-world.js';

const seeds = (process.env.SEEDS ?? '201,202,203,204,205').split(',').map(Number);
const accounts = Number(process.env.ACCOUNTS ?? 5000);

const variants: Variant[] = [
  fullVariant,
  { name: 'no-intel', intel: false, content: true, ignoreKinds: [] },
  { name: 'no-device-payment', intel: true, content: true, ignoreKinds: ['device', 'payment'] },
  { name: 'no-content', intel: true, content: false, ignoreKinds: [] },
  { name: 'baseline-no-linkage', intel: true, content: true, ignoreKinds: [...linkKinds] },
  // Community detection choice: plain thresholded components (no Louvain split) vs the default.
  {
    name: 'components-only',
    intel: true,
    content: true,
    ignoreKinds: [],
    config: { linkage: { linkThreshold: 0.35, hubCap: 64, splitAbove: 1_000_000, seedScore: 0.3 } },
  },
];

interface Row {
  precision: number;
  recall: number;
  hnFpr: number;
  attribution: number;
  evasion: number;
  ms: number;
}

const only = process.env.VARIANTS?.split(',');
const chosen = only ? variants.filter((v) => only.includes(v.name)) : variants;
const rows = new Map<string, Row[]>();
const fmt = (x: number) => x.toFixed(4);
for (const seed of seeds) {
  const w = buildWorld(seed, accounts);
  for (const v of chosen) {
    const { result, ms } = runVariant(w, v);
    const s = scoreWithSim(result, w);
    const row: Row = {
      precision: s.flagged.precision ?? 1,
      recall: s.flagged.recall ?? 1,
      hnFpr: s.false_positive_rate.hard_negatives.rate ?? 0,
      attribution: s.attribution.accuracy ?? 1,
      evasion: s.ban_evasion.rate ?? 1,
      ms,
    };
    rows.set(v.name, [...(rows.get(v.name) ?? []), row]);
    console.log(
      `seed ${seed} ${v.name.padEnd(20)} precision ${fmt(row.precision)} recall ${fmt(row.recall)} hard-neg FPR ${fmt(row.hnFpr)} attribution ${fmt(row.attribution)} evasion recall ${fmt(row.evasion)} (${s.truth.malicious} malicious, ${s.flagged.true_positives + s.flagged.false_positives} flagged, ${Math.round(ms)} ms)`,
    );
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(
  `\nseeds ${seeds.join(', ')} (${accounts} accounts each); goals: recall ≥ 0.95, precision ≥ 0.99, hard-negative FPR ≤ 0.001, attribution ≥ 0.95`,
);
console.log(
  'variant'.padEnd(22),
  'precision mean/worst',
  ' recall mean/worst ',
  ' hard-neg FPR mean/worst',
  ' attribution mean/worst',
  ' evasion mean',
);
for (const [name, rs] of rows) {
  const col = (k: keyof Row, worst: (xs: number[]) => number) =>
    `${fmt(mean(rs.map((r) => r[k])))} / ${fmt(worst(rs.map((r) => r[k])))}`;
  const min = (xs: number[]) => Math.min(...xs);
  const max = (xs: number[]) => Math.max(...xs);
  console.log(
    name.padEnd(22),
    col('precision', min).padEnd(20),
    col('recall', min).padEnd(20),
    col('hnFpr', max).padEnd(24),
    col('attribution', min).padEnd(22),
    fmt(mean(rs.map((r) => r.evasion))),
  );
}
const full = rows.get('full');
const base = rows.get('baseline-no-linkage');
if (full && base)
  console.log(
    `\nratio full / baseline-no-linkage (same run): recall ×${(mean(full.map((r) => r.recall)) / Math.max(1e-9, mean(base.map((r) => r.recall)))).toFixed(2)}, attribution ×${(mean(full.map((r) => r.attribution)) / Math.max(1e-9, mean(base.map((r) => r.attribution)))).toFixed(2)}`,
  );

const out = join(import.meta.dirname, 'out');
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'analyze-quality.json'),
  JSON.stringify({ seeds, accounts, loadavg: loadavg(), variants: Object.fromEntries(rows) }, null, 2) + '\n',
);

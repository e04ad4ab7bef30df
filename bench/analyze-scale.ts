/**
 * `npm run bench:analyze-scale`: linkage + verdicts + attribution over synthetic populations of
 * 100k → 1M accounts (10 events each, up to 10M events), streamed from an NDJSON file, beside
 * the floor: the time to merely read and JSON-parse the same file. Prints wall time, peak RSS
 * and the ratio to the floor measured in the same run. Sizes: SIZES=100000,300000,1000000.
 *
 * The population mixes what makes linkage expensive: NAT'd offices and campuses (one IP for
 * hundreds), a carrier-grade NAT prefix on every tenth account (a 100k-account hub at 1M),
 * families sharing cards, actor cells sharing devices, and rotating VPN exits. Content is
 * off (the classifier has its own benchmark); validation is measured on a sample and reported.
 */
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg, tmpdir } from 'node:os';
import { loadActorProfiles } from '../src/attribution/index.js';
import { decodeLine, readLines } from '../src/events/index.js';
import { fastDecode, generate } from './analyze-synth.js';
import { loadActorCatalogue } from '../src/intel/index.js';
import { Analysis } from '../src/pipeline/index.js';

const sizes = (process.env.SIZES ?? '100000,300000,1000000').split(',').map(Number);
const perAccount = Number(process.env.EVENTS_PER_ACCOUNT ?? 10);
const dir = process.env.SCALE_DIR ?? join(tmpdir(), 'warden-analyze-scale');

/** The floor: read the file, split lines, JSON.parse each. */
async function floor(file: string): Promise<number> {
  const t = performance.now();
  let n = 0;
  for await (const line of readLines(createReadStream(file, { highWaterMark: 1 << 20 }), {
    maxLineBytes: 1 << 20,
  })) {
    if ('text' in line) {
      JSON.parse(line.text);
      n++;
    }
  }
  if (n === 0) throw new Error('empty file');
  return performance.now() - t;
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

async function run(file: string): Promise<{
  cpuMs: number;
  ms: number;
  addMs: number;
  evalMs: number;
  accounts: number;
  flagged: number;
  networks: number;
  edges: number;
  hubs: number;
  largestHub: number;
}> {
  peakRss = process.memoryUsage().rss;
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const an = new Analysis({ profiles: loadActorProfiles(), catalogue: loadActorCatalogue() });
  let pos = 0;
  for await (const line of readLines(createReadStream(file, { highWaterMark: 1 << 20 }), {
    maxLineBytes: 1 << 20,
  })) {
    if ('text' in line) an.add(fastDecode(++pos, line.text));
  }
  const tAdd = performance.now();
  const res = an.evaluate();
  const end = performance.now();
  const cpu = process.cpuUsage(cpu0);
  return {
    cpuMs: (cpu.user + cpu.system) / 1000,
    ms: end - t,
    addMs: tAdd - t,
    evalMs: end - tAdd,
    accounts: res.stats.accounts,
    flagged: res.accounts.length,
    networks: res.networks.length,
    edges: res.stats.edges,
    hubs: res.stats.hubsSkipped,
    largestHub: res.stats.largestHub,
  };
}

/** µs per event of full decoding (zod validation) and of the fast path, on the first 100k lines. */
async function validationCost(file: string): Promise<{ full: number; fast: number }> {
  const lines: string[] = [];
  for await (const line of readLines(createReadStream(file), { maxLineBytes: 1 << 20 })) {
    if ('text' in line) lines.push(line.text);
    if (lines.length >= 100_000) break;
  }
  let t = performance.now();
  lines.forEach((l, i) => decodeLine(i, l));
  const full = ((performance.now() - t) * 1000) / lines.length;
  t = performance.now();
  lines.forEach((l, i) => fastDecode(i, l));
  return { full, fast: ((performance.now() - t) * 1000) / lines.length };
}

mkdirSync(dir, { recursive: true });
console.log(`analyze scale: ${perAccount} events per account; node ${process.version}; files in ${dir}`);
let prev: { accounts: number; ms: number } | undefined;
for (const accounts of sizes) {
  const file = join(dir, `events-${accounts}.ndjson`);
  let events = 0;
  if (!existsSync(file)) events = await generate(file, accounts, perAccount);
  const mb = statSync(file).size / 1e6;
  const floorMs = await floor(file);
  global.gc?.();
  const r = await run(file);
  events ||= Math.round(r.accounts * perAccount);
  console.log(
    `${String(accounts).padStart(8)} accounts, ~${(events / 1e6).toFixed(1)}M events (${mb.toFixed(0)} MB): floor (read + JSON.parse) ${(floorMs / 1000).toFixed(1)} s; ` +
      `analyze ${(r.ms / 1000).toFixed(1)} s wall, ${(r.cpuMs / 1000).toFixed(1)} s CPU (fold-in ${(r.addMs / 1000).toFixed(1)} s, evaluate ${(r.evalMs / 1000).toFixed(1)} s) = ${(r.ms / floorMs).toFixed(2)}× floor; ` +
      `peak RSS ${(peakRss / 1e9).toFixed(2)} GB; ${r.edges} edges, ${r.hubs} hubs skipped (largest ${r.largestHub} accounts), ${r.flagged} flagged, ${r.networks} networks` +
      (prev
        ? `; time ×${(r.ms / prev.ms).toFixed(2)} for accounts ×${(accounts / prev.accounts).toFixed(1)}`
        : ''),
  );
  prev = { accounts, ms: r.ms };
}
const v = await validationCost(join(dir, `events-${sizes[0]}.ndjson`));
console.log(
  `decodeLine (zod validation, as warden analyze) ${v.full.toFixed(1)} µs/event vs fast path ${v.fast.toFixed(1)} µs/event: +${(((v.full - v.fast) * 10_000_000) / 1e6).toFixed(0)} s per 10M events`,
);
console.log(
  `load average during the run: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(', ')} on ${cpus().length} cores (other work shares the machine)`,
);
clearInterval(sampler);

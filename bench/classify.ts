/**
 * Content classifier benchmark: `npm run bench:classify`.
 *
 * Prints model size and load time, single-core throughput and per-prompt latency (p50/p99) on
 * 500-character prompts for the full classification (scores, labels, explanation, language) and
 * for the score-only path, beside two baselines measured in the same run (the tokenise-only loop
 * and the keyword baseline), and the quality figures of the development split. Timings are
 * printed, never asserted: the machine is shared.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { createClassifier, createFeatureSet, extractFeatures, contentDataPath, decodeModel, evaluateClassifier, jailbreakBenchBenign, keywordScore, parseCorpus, scoreText, SHIPPED_CORPUS_PATH, SHIPPED_MODEL_PATH, xstestSafe, type ExternalSet } from '../src/content/index.js';
import { packageRoot } from '../src/util/package-root.js';

const PROMPT_CHARS = 500;
const CALLS = Number(process.env.BENCH_CALLS ?? 30_000);
const WARM_UP = 10_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function percentile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

/** Runs `fn` over the prompts: returns prompts/s and per-call latency percentiles (µs). */
function measure(prompts: readonly string[], fn: (text: string) => unknown): { perSecond: number; perCpuSecond: number; p50: number; p99: number } {
  for (let i = 0; i < WARM_UP; i++) fn(prompts[i % prompts.length] as string); // warm up the JIT
  const started = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < CALLS; i++) fn(prompts[i % prompts.length] as string);
  const elapsedNs = Number(process.hrtime.bigint() - started);
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const lat = new Float64Array(CALLS);
  for (let i = 0; i < CALLS; i++) {
    const t0 = process.hrtime.bigint();
    fn(prompts[i % prompts.length] as string);
    lat[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  lat.sort();
  return { perSecond: CALLS / (elapsedNs / 1e9), perCpuSecond: CALLS / cpuSeconds, p50: percentile(lat, 0.5), p99: percentile(lat, 0.99) };
}

const modelPath = contentDataPath(SHIPPED_MODEL_PATH);
const loadTimes: number[] = [];
let model = decodeModel(readFileSync(modelPath));
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  model = decodeModel(readFileSync(modelPath));
  createClassifier(model);
  loadTimes.push(performance.now() - t0);
}
const classifier = createClassifier(model);

// 500-character prompts built from development texts (all languages), padded with more of them.
const corpus = parseCorpus(readFileSync(contentDataPath(SHIPPED_CORPUS_PATH), 'utf8'));
const development = corpus.filter((e) => e.split === 'development');
const texts = development.map((e) => e.text);
const prompts = texts.map((_, i) => {
  let s = '';
  for (let j = i; s.length < PROMPT_CHARS; j++) s += `${texts[j % texts.length] as string} `;
  return s.slice(0, PROMPT_CHARS);
});

const fs = createFeatureSet(model.maxChars);
const out = new Float64Array(model.width);
// A first untimed pass over everything, so that no variant pays for JIT tiering or GC warm-up.
for (let i = 0; i < WARM_UP; i++) classifier.classify(prompts[i % prompts.length] as string);
const full = measure(prompts, (t) => classifier.classify(t));
const noExplain = measure(prompts, (t) => classifier.classify(t, { explain: false, detectLanguage: false }));
const scoreOnly = measure(prompts, (t) => scoreText(model, fs, out, t));
const tokenise = measure(prompts, (t) => extractFeatures(t, model.bits, fs, model.maxChars).count);
const keywords = measure(prompts, (t) => keywordScore(t));

const sharedData = resolve(packageRoot(), '..', 'shared', 'data');
const external: ExternalSet[] = existsSync(sharedData)
  ? [xstestSafe(readFileSync(join(sharedData, 'xstest', 'xstest_prompts.csv'), 'utf8')), jailbreakBenchBenign(readFileSync(join(sharedData, 'jailbreakbench', 'benign-behaviors.csv'), 'utf8'))]
  : [];
const report = evaluateClassifier(classifier, development, external);
const m = report.development.model;
const kb = report.development.keywordBaseline;

const row = (name: string, r: { perSecond: number; perCpuSecond: number; p50: number; p99: number }): string =>
  `  ${name.padEnd(48)} ${Math.round(r.perSecond).toString().padStart(7)}/s wall ${Math.round(r.perCpuSecond).toString().padStart(7)}/s CPU   p50 ${r.p50.toFixed(1).padStart(6)} µs   p99 ${r.p99.toFixed(1).padStart(7)} µs   ${(tokenise.perSecond / r.perSecond).toFixed(2)}× tokenise-only`;

console.log(`Warden content classifier benchmark (Node ${process.version}, one core, ${CALLS} calls on ${PROMPT_CHARS}-character prompts)`);
console.log(`  machine load        ${loadavg().map((x) => x.toFixed(1)).join(' / ')} (1/5/15 min) on ${availableParallelism()} cores: wall-clock figures suffer when others share the CPU; "/s CPU" counts this process's CPU time only`);
console.log(`  model file          ${(statSync(modelPath).size / 1024 / 1024).toFixed(2)} MB (${modelPath})`);
console.log(`  model load          ${median(loadTimes).toFixed(1)} ms (median of 5: read, decode, build classifier)`);
console.log('');
console.log(row('classify: score, TTP, tactic, explanation, lang', full));
console.log(row('classify: score, TTP, tactic (no explanation)', noExplain));
console.log(row('score only', scoreOnly));
console.log(row('baseline: tokenise + hash only', tokenise));
console.log(row('baseline: keyword matcher', keywords));
console.log(`  goal: ≥ 20000 prompts/s and p99 ≤ 500 µs for the full classify → wall ${full.perSecond >= 20_000 ? 'met' : 'NOT met'}, CPU ${full.perCpuSecond >= 20_000 ? 'met' : 'NOT met'} / p99 ${full.p99 <= 500 ? 'met' : 'NOT met'}`);
console.log('');
console.log(`Quality on the development split (${report.development.examples} texts, held-out families)`);
console.log(`  model:            AUROC ${m.auroc.toFixed(4)}   TPR@1%FPR ${(m.tprAt1PctFpr * 100).toFixed(1)}%   TPR@5%FPR ${(m.tprAt5PctFpr * 100).toFixed(1)}%   hard-negative FPR ${(m.hardNegativeFprAtThreshold * 100).toFixed(1)}%`);
console.log(`  keyword baseline: AUROC ${kb.auroc.toFixed(4)}   TPR@1%FPR ${(kb.tprAt1PctFpr * 100).toFixed(1)}%   TPR@5%FPR ${(kb.tprAt5PctFpr * 100).toFixed(1)}%   hard-negative FPR ${(kb.hardNegativeFprAtThreshold * 100).toFixed(1)}%`);
for (const e of report.external) console.log(`  external hard negatives ${e.name}: flagged ${(e.flaggedRate * 100).toFixed(1)}% (keyword baseline ${(e.keywordFlaggedRate * 100).toFixed(1)}%)`);
if (external.length === 0) console.log(`  external hard negatives: skipped (${sharedData} not found)`);

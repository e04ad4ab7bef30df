/**
 * The gateway policy's cost per decision: `evaluateRequest` with the full policy (blocklist of
 * 100k entries, intel with 100k indicators, the shipped inline classifier, the default rate and
 * velocity counters) against the same requests under an empty policy (nothing enabled, empty
 * blocklist), measured in the same run. Also each signal alone, the classifier's own cost, and
 * what the shipped per-TTP thresholds do on the corpus's development split.
 *
 * `npm run bench:gateway-policy [-- --requests 100000 --rounds 3 --entries 100000 --indicators 100000 --cidrs 1000]`
 * Figures: decisions/s, p50/p90/p99 µs per decision (each call timed with hrtime), ratios to the baseline.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  createClassifier,
  loadClassifierModel,
  parseCorpus,
  contentDataPath,
  SHIPPED_CORPUS_PATH,
} from '../src/content/index.js';
import { Blocklist, type BlockEntry, type BlockProbe } from '../src/enforcement/index.js';
import { analyseIndicatorPattern } from '../src/intel/pattern/support.js';
import { compileMatcher, IntelState, loadWarninglists } from '../src/intel/index.js';
import {
  DEFAULT_GATEWAY_POLICY,
  evaluateRequest,
  inlineContentPort,
  LocalWindowCounters,
  parseGatewayPolicy,
  type GatewayPolicy,
  type GatewayPolicyInput,
  type PolicyContext,
  type RequestFacts,
} from '../src/gateway/policy/index.js';
import { seededRandom } from '../src/util/seeded-random.js';
import { arg, fmt, report } from './harness.js';

const REQUESTS = Number(arg('requests', '100000'));
const ROUNDS = Number(arg('rounds', '3'));
const ENTRIES = Number(arg('entries', '100000'));
const INDICATORS = Number(arg('indicators', '100000'));
const CIDRS = Number(arg('cidrs', '1000'));
const NOW = Date.parse('2026-11-22T12:00:00Z');

const rand = seededRandom(8);
const int = (n: number) => Math.floor(rand() * n);
const ipOf = (n: number) => `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
const randomIp = () => ipOf((int(0xdf000000) + 0x01000000) >>> 0);

// ---- state: blocklist, intel, classifier -------------------------------------------------

const banned = {
  accounts: [] as string[],
  ips: [] as string[],
  devices: [] as string[],
  payments: [] as string[],
};
function buildBlocklist(): Blocklist {
  const entries: BlockEntry[] = [];
  const base = { reason: '', createdAt: NOW - 86_400_000, expiresAt: null, revokedAt: null, shadow: false };
  for (let i = 0; i < ENTRIES; i++) {
    const r = i % 20;
    const source = i % 3 === 0 ? { caseId: `case-${i % 5000}` } : {};
    let e: BlockEntry;
    if (i < CIDRS) {
      const prefix = 16 + int(13);
      const net = (((int(0xdf000000) + 0x01000000) >>> 0) & (0xffffffff << (32 - prefix))) >>> 0;
      e = { ...base, id: `b${i}`, kind: 'cidr', value: `${ipOf(net)}/${prefix}`, effect: 'block', source };
    } else if (r < 8) {
      const v = `acct_banned_${i}`;
      banned.accounts.push(v);
      e = {
        ...base,
        id: `b${i}`,
        kind: 'account',
        value: v,
        effect: i % 10 === 0 ? 'delay' : 'block',
        source,
      };
    } else if (r < 13) {
      const v = randomIp();
      banned.ips.push(v);
      e = { ...base, id: `b${i}`, kind: 'ip', value: v, effect: 'block', source };
    } else if (r < 16) {
      const v = `dev-${i}`;
      banned.devices.push(v);
      e = { ...base, id: `b${i}`, kind: 'device', value: v, effect: 'block', source };
    } else if (r < 18) {
      const v = `pf-${i}`;
      banned.payments.push(v);
      e = { ...base, id: `b${i}`, kind: 'payment', value: v, effect: 'block', source };
    } else if (r < 19)
      e = { ...base, id: `b${i}`, kind: 'email', value: `x${i}@banned.example`, effect: 'block', source };
    else e = { ...base, id: `b${i}`, kind: 'email-pattern', value: `stem:user${i}`, effect: 'flag', source };
    entries.push(e);
  }
  return new Blocklist(entries);
}

const intelIps: string[] = [];
function buildIntel() {
  const state = new IntelState();
  const provenance = { source: 'bench', receivedAt: '2026-01-01T00:00:00.000Z' };
  for (let i = 0; i < INDICATORS; i++) {
    const r = i % 10;
    let pattern: string;
    if (r < 4) {
      const ip = randomIp();
      intelIps.push(ip);
      pattern = `[ipv4-addr:value = '${ip}']`;
    } else if (r < 5) {
      const prefix = 24 + int(7);
      const net = (((int(0xdf000000) + 0x01000000) >>> 0) & (0xffffffff << (32 - prefix))) >>> 0;
      pattern = `[ipv4-addr:value ISSUBSET '${ipOf(net)}/${prefix}']`;
    } else if (r < 8) pattern = `[domain-name:value = 'h${i}.example-${i % 97}.net']`;
    else if (r < 9) pattern = `[email-addr:value = 'u${i}@mail-${i % 89}.example.org']`;
    else pattern = `[x-warden-device:fingerprint = 'idev-${i}']`;
    const id = `indicator--00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
    const object = {
      type: 'indicator',
      spec_version: '2.1',
      id,
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
      pattern,
      pattern_type: 'stix',
      valid_from: '2026-01-01T00:00:00.000Z',
      confidence: 80,
    };
    state.put({ object, provenance, support: analyseIndicatorPattern('stix', pattern) });
  }
  return compileMatcher(state, { warninglists: loadWarninglists() });
}

const corpus = parseCorpus(readFileSync(contentDataPath(SHIPPED_CORPUS_PATH), 'utf8'));
const prompts = corpus.map((c) => c.text);

// ---- requests -----------------------------------------------------------------------------

function makeRequests(n: number): RequestFacts[] {
  const out: RequestFacts[] = [];
  for (let i = 0; i < n; i++) {
    const special = rand();
    // About 1% each: a banned account, a banned IP, a banned device among the account's values, an intel IP.
    const account = special < 0.01 ? banned.accounts[int(banned.accounts.length)]! : `acct_${int(50_000)}`;
    const ip =
      special >= 0.01 && special < 0.02
        ? banned.ips[int(banned.ips.length)]!
        : special >= 0.03 && special < 0.04
          ? intelIps[int(intelIps.length)]!
          : randomIp();
    const values: BlockProbe[] = [
      {
        kind: 'device',
        value:
          special >= 0.02 && special < 0.03
            ? banned.devices[int(banned.devices.length)]!
            : `dev-fresh-${int(1e6)}`,
      },
      { kind: 'payment', value: `pf-fresh-${int(1e6)}` },
      { kind: 'email', value: `user${int(1e6)}@corp${int(500)}.example.com` },
      { kind: 'email-pattern', value: `stem:user${int(1e6)}` },
    ];
    out.push({
      identity: {
        keyId: `key_${account}`,
        account,
        org: `org_${int(5_000)}`,
        ...(rand() < 0.3 ? { endUser: `eu_${int(100_000)}` } : {}),
        ip,
        device: `dev-req-${int(1e6)}`,
      },
      route: rand() < 0.9 ? '/v1/chat/completions' : '/v1/embeddings',
      model: 'gpt-4o',
      text: prompts[int(prompts.length)]!,
      stream: false,
      hasTools: rand() < 0.2,
      nowMs: NOW + i * 2,
      accountValues: values,
      estimatedTokens: 200 + int(2000),
    });
  }
  return out;
}

// ---- measurement --------------------------------------------------------------------------

interface Figures {
  decisionsPerS: number;
  p50Us: number;
  p90Us: number;
  p99Us: number;
  meanUs: number;
  /** CPU time (user + system) per decision: what the decision costs when this process is not descheduled. */
  cpuUs: number;
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

function measure(
  requests: readonly RequestFacts[],
  makeCtx: () => PolicyContext,
  policy: GatewayPolicy,
): Figures {
  const ctx = makeCtx();
  for (let i = 0; i < Math.min(5_000, requests.length); i++) evaluateRequest(requests[i]!, ctx, policy);
  const fresh = makeCtx();
  const times = new Float64Array(requests.length);
  let sink = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < requests.length; i++) {
    const t0 = process.hrtime.bigint();
    const d = evaluateRequest(requests[i]!, fresh, policy);
    times[i] = Number(process.hrtime.bigint() - t0) / 1000;
    sink += d.reasons.length;
  }
  const wall = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  if (sink < 0) console.log(sink);
  times.sort();
  let sum = 0;
  for (const t of times) sum += t;
  return {
    decisionsPerS: requests.length / wall,
    p50Us: quantile(times, 0.5),
    p90Us: quantile(times, 0.9),
    p99Us: quantile(times, 0.99),
    meanUs: sum / times.length,
    cpuUs: (cpu.user + cpu.system) / requests.length,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
function medianFigures(runs: Figures[]): Figures {
  return {
    decisionsPerS: median(runs.map((r) => r.decisionsPerS)),
    p50Us: median(runs.map((r) => r.p50Us)),
    p90Us: median(runs.map((r) => r.p90Us)),
    p99Us: median(runs.map((r) => r.p99Us)),
    meanUs: median(runs.map((r) => r.meanUs)),
    cpuUs: median(runs.map((r) => r.cpuUs)),
  };
}

function main(): void {
  let t = performance.now();
  const blocklist = buildBlocklist();
  const intel = buildIntel();
  const classifier = createClassifier(loadClassifierModel());
  const content = inlineContentPort(classifier);
  const buildS = (performance.now() - t) / 1000;
  const requests = makeRequests(REQUESTS);
  // Prompts built to be expensive: defanged-looking runs the indicator extractor is slow on,
  // indicator-dense text, and text longer than the classifier reads.
  const hostileTexts = [
    'a(.)'.repeat(4096),
    'a[.]'.repeat(4096),
    'hxxp://' + 'a[.]'.repeat(4000),
    'check 198.51.100.7 and hxxps://evil[.]example/x and bad@evil.example now '.repeat(220),
    'x'.repeat(16_384),
  ];
  const hostile = requests.slice(0, Math.min(REQUESTS, 20_000)).map((r, i) => ({ ...r, text: hostileTexts[i % hostileTexts.length]! }));
  console.log(
    `state: ${fmt(blocklist.size)} block entries (${fmt(CIDRS)} ranges), ${fmt(intel.stats.indicators)} indicators, shipped classifier; built in ${fmt(buildS, 1)} s`,
  );
  console.log(
    `${fmt(REQUESTS)} requests × ${ROUNDS} rounds, prompts from the shipped corpus (${fmt(prompts.length)}); load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores\n`,
  );

  const off = { enabled: false };
  const empty = parseGatewayPolicy({
    bans: off,
    evasion: off,
    intel: off,
    content: off,
    rateLimits: [],
    velocity: [],
  });
  const only = (input: GatewayPolicyInput) =>
    parseGatewayPolicy({
      bans: off,
      evasion: off,
      intel: off,
      content: off,
      rateLimits: [],
      velocity: [],
      ...input,
    });
  const emptyBlocklist = new Blocklist();
  const withoutRanges = new Blocklist([...blocklist.entries()].filter((e) => e.kind !== 'cidr'));
  const configs: { name: string; policy: GatewayPolicy; ctx: () => PolicyContext }[] = [
    {
      name: 'baseline: empty policy',
      policy: empty,
      ctx: () => ({ blocklist: emptyBlocklist, counters: new LocalWindowCounters() }),
    },
    {
      name: 'full policy',
      policy: DEFAULT_GATEWAY_POLICY,
      ctx: () => ({ blocklist, counters: new LocalWindowCounters(), intel, content }),
    },
    {
      name: 'bans + evasion only',
      policy: only({ bans: { enabled: true }, evasion: { enabled: true } }),
      ctx: () => ({ blocklist, counters: new LocalWindowCounters() }),
    },
    {
      // The same entries without the ranges: Blocklist.match scans every range for an IP probe.
      name: 'bans, no range entries',
      policy: only({ bans: { enabled: true }, evasion: { enabled: true } }),
      ctx: () => ({ blocklist: withoutRanges, counters: new LocalWindowCounters() }),
    },
    {
      name: 'intel only',
      policy: only({ intel: { enabled: true } }),
      ctx: () => ({ blocklist: emptyBlocklist, counters: new LocalWindowCounters(), intel }),
    },
    {
      name: 'classifier only',
      policy: only({ content: { enabled: true } }),
      ctx: () => ({ blocklist: emptyBlocklist, counters: new LocalWindowCounters(), content }),
    },
    {
      name: 'rate + velocity only',
      policy: only({
        rateLimits: DEFAULT_GATEWAY_POLICY.rateLimits,
        velocity: DEFAULT_GATEWAY_POLICY.velocity,
      }),
      ctx: () => ({ blocklist: emptyBlocklist, counters: new LocalWindowCounters() }),
    },
  ];
  const runs = new Map<string, Figures[]>(configs.map((c) => [c.name, []]));
  runs.set('full, hostile prompts', []);
  for (let r = 0; r < ROUNDS; r++) {
    for (const c of configs) runs.get(c.name)!.push(measure(requests, c.ctx, c.policy));
    runs.get('full, hostile prompts')!.push(measure(hostile, configs[1]!.ctx, configs[1]!.policy));
  }
  configs.push({ name: 'full, hostile prompts', policy: configs[1]!.policy, ctx: configs[1]!.ctx });
  const results = configs.map((c) => ({ name: c.name, ...medianFigures(runs.get(c.name)!) }));
  const baseline = results[0]!;
  console.log(
    'config                     decisions/s    p50 µs   p90 µs   p99 µs   mean µs   × base   CPU µs   × base p50',
  );
  for (const r of results)
    console.log(
      `${r.name.padEnd(26)} ${fmt(r.decisionsPerS).padStart(11)} ${fmt(r.p50Us, 2).padStart(9)} ${fmt(r.p90Us, 2).padStart(8)} ${fmt(r.p99Us, 2).padStart(8)} ${fmt(r.meanUs, 2).padStart(9)} ${fmt(r.meanUs / baseline.meanUs, 1).padStart(8)} ${fmt(r.cpuUs, 2).padStart(8)} ${fmt(r.p50Us / baseline.p50Us, 1).padStart(12)}`,
    );

  // The classifier's own cost, without the policy around it: score + TTP, no explanation, no language.
  t = performance.now();
  const n = Math.min(REQUESTS, 50_000);
  for (let i = 0; i < n; i++)
    classifier.classify(requests[i]!.text!, { explain: false, detectLanguage: false });
  const classifyUs = ((performance.now() - t) * 1000) / n;
  t = performance.now();
  for (let i = 0; i < n; i++) classifier.classify(requests[i]!.text!);
  const classifyFullUs = ((performance.now() - t) * 1000) / n;
  console.log(
    `\nclassify: ${fmt(classifyUs, 1)} µs per prompt inline (no explanation, no language) vs ${fmt(classifyFullUs, 1)} µs with both (${fmt(classifyFullUs / classifyUs, 1)}×)`,
  );

  // What the shipped thresholds do on held-out prompts (quality, not time).
  const dev = corpus.filter((c) => c.split === 'development');
  const tally = (rows: typeof dev) => {
    const counts: Record<string, number> = { allow: 0, flag: 0, degrade: 0, delay: 0, block: 0 };
    for (const c of rows) {
      const d = evaluateRequest(
        { ...requests[0]!, identity: { keyId: 'k', account: 'q' }, accountValues: [], text: c.text },
        { blocklist: emptyBlocklist, counters: new LocalWindowCounters(), content },
        only({ content: { enabled: true } }),
      );
      counts[d.action] = (counts[d.action] ?? 0) + 1;
    }
    return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, rows.length ? v / rows.length : 0]));
  };
  const benign = tally(dev.filter((c) => c.malicious === 0));
  const malicious = tally(dev.filter((c) => c.malicious === 1));
  const pct = (x: number | undefined) => `${fmt((x ?? 0) * 100, 1)}%`;
  console.log(
    `shipped content rules on the corpus development split (${dev.filter((c) => c.malicious === 0).length} benign, ${dev.filter((c) => c.malicious === 1).length} malicious):\n` +
      `  benign:    block ${pct(benign.block)}, degrade ${pct(benign.degrade)}, flag ${pct(benign.flag)}, allow ${pct(benign.allow)}\n` +
      `  malicious: block ${pct(malicious.block)}, degrade ${pct(malicious.degrade)}, flag ${pct(malicious.flag)}, allow ${pct(malicious.allow)}`,
  );

  report('gateway-policy', {
    requests: REQUESTS,
    rounds: ROUNDS,
    blockEntries: blocklist.size,
    cidrEntries: CIDRS,
    indicators: intel.stats.indicators,
    results,
    fullOverBaselineMean: results[1]!.meanUs / baseline.meanUs,
    fullOverBaselineP50: results[1]!.p50Us / baseline.p50Us,
    fullOverBaselineCpu: results[1]!.cpuUs / baseline.cpuUs,
    loadAverage: loadavg(),
    classifyInlineUs: classifyUs,
    classifyWithExplanationUs: classifyFullUs,
    contentRulesOnDevelopmentSplit: { benign, malicious },
  });
}

main();

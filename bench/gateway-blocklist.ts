/**
 * The blocklist's IP-range lookup at scale (issue 8, finding 3 of bench/NOTES-gateway.md):
 * `Blocklist.match` for one `ip` probe with `--ranges` banned ranges (default 50,000: IPv4
 * prefixes of every length from /16 to /32 and IPv6 ones from /32 to /128) beside the same
 * blocklist's exact entries only (the baseline, same run), and beside a scan of every range in
 * turn (the reference the trie replaced; on a sample of probes, since it is slow).
 * `--probes` addresses (default 200,000; ~1% inside a banned range), `--rounds` (default 3),
 * medians. Writes bench/out/gateway-blocklist.json. Run: `npm run bench:gateway-blocklist`.
 */
import { performance } from 'node:perf_hooks';
import { Blocklist, type BlockEntry } from '../src/enforcement/index.js';
import { networkContains, parseIpNetwork } from '../src/intel/index.js';
import { arg, fmt, report } from './harness.js';
import { median } from './gateway-common.js';

const rangeCount = Number(arg('ranges', '50000'));
const exactCount = Number(arg('exact', '50000'));
const probeCount = Number(arg('probes', '200000'));
const rounds = Number(arg('rounds', '3'));

// A fixed generator (mulberry32): every run bans and probes the same addresses.
let seed = 0x5eed;
const rand = (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const octet = () => Math.floor(rand() * 256);
const ipv4 = () => `${1 + Math.floor(rand() * 222)}.${octet()}.${octet()}.${octet()}`;
const hex = () => Math.floor(rand() * 65536).toString(16);
// Global unicast (2000::/3), every hextet random.
const ipv6 = () =>
  `${(0x2000 + Math.floor(rand() * 0x2000)).toString(16)}:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}`;

const entry = (id: string, kind: BlockEntry['kind'], value: string): BlockEntry => ({
  id,
  kind,
  value,
  effect: 'block',
  reason: 'bench',
  source: {},
  shadow: false,
  createdAt: 0,
  expiresAt: null,
  revokedAt: null,
});

const exact: BlockEntry[] = Array.from({ length: exactCount }, (_, i) =>
  i % 2 === 0 ? entry(`x${i}`, 'ip', ipv4()) : entry(`x${i}`, 'account', `acct_banned_${i}`),
);
// Lengths as bans use them: mostly /24 to /32 (a host, a hosting block), some /17 to /23, a few
// /16 (a provider's allocation); IPv6 /32 to /128. Every length in those spans is in use.
const v4Length = (): number => {
  const x = rand();
  return x < 0.7 ? 24 + Math.floor(rand() * 9) : x < 0.97 ? 17 + Math.floor(rand() * 7) : 16;
};
const ranges: BlockEntry[] = Array.from({ length: rangeCount }, (_, i) =>
  i % 10 === 9
    ? entry(`r${i}`, 'cidr', `${ipv6()}/${32 + Math.floor(rand() * 97)}`)
    : entry(`r${i}`, 'cidr', `${ipv4()}/${v4Length()}`),
);
// Mostly unrelated addresses, as real traffic is; every hundredth inside a banned range.
const probes = Array.from({ length: probeCount }, (_, i) => {
  if (i % 100 === 0) {
    const r = ranges[Math.floor(rand() * rangeCount)]!;
    return { kind: 'ip' as const, value: r.value.split('/')[0]!, inside: true };
  }
  return { kind: 'ip' as const, value: i % 10 === 9 ? ipv6() : ipv4(), inside: false };
});

const withRanges = new Blocklist([...exact, ...ranges]);
const exactOnly = new Blocklist(exact);
const now = Date.now();

function timePerProbe(list: Blocklist): { ns: number; hits: number } {
  let hits = 0;
  const t0 = performance.now();
  for (const p of probes) hits += list.match([p], now).length;
  return { ns: ((performance.now() - t0) * 1e6) / probes.length, hits };
}

// The reference: every banned range checked in turn, as `match` did before the buckets.
const parsedRanges = ranges.map((r) => parseIpNetwork(r.value)!);
function scanPerProbe(sample: number): number {
  let hits = 0;
  const t0 = performance.now();
  for (let i = 0; i < sample; i++) {
    const addr = parseIpNetwork(probes[i]!.value)!;
    for (const net of parsedRanges) if (networkContains(net, addr)) hits++;
  }
  if (hits < 0) throw new Error('unreachable'); // keeps the loop from being optimised away
  return ((performance.now() - t0) * 1e6) / sample;
}

// Warm-up: the JIT sees both paths before anything is timed.
timePerProbe(exactOnly);
timePerProbe(withRanges);
const perRound: { exactOnlyNs: number; rangesNs: number; scanNs: number; hits: number }[] = [];
for (let r = 0; r < rounds; r++) {
  const base = timePerProbe(exactOnly);
  const full = timePerProbe(withRanges);
  const scanNs = scanPerProbe(200);
  perRound.push({ exactOnlyNs: base.ns, rangesNs: full.ns, scanNs, hits: full.hits });
  console.log(
    `round ${r + 1}/${rounds}: exact only ${fmt(base.ns)} ns/probe | with ${fmt(rangeCount)} ranges ${fmt(full.ns)} ns/probe (${fmt(full.hits)} hits) | scan of every range ${fmt(scanNs)} ns/probe`,
  );
}
const med = {
  exactOnlyNs: median(perRound.map((r) => r.exactOnlyNs)),
  rangesNs: median(perRound.map((r) => r.rangesNs)),
  scanNs: median(perRound.map((r) => r.scanNs)),
};
const expectedInside = probes.filter((p) => p.inside).length;
console.log(
  `\nmedians over ${rounds} rounds, ${fmt(probeCount)} probes, ${fmt(exactCount)} exact entries:` +
    `\n  exact only (baseline)          ${fmt(med.exactOnlyNs)} ns per probe` +
    `\n  + ${fmt(rangeCount)} ranges (trie)       ${fmt(med.rangesNs)} ns per probe: ${fmt(med.rangesNs / med.exactOnlyNs, 2)}× the baseline` +
    `\n  scan of every range (reference) ${fmt(med.scanNs)} ns per probe: ${fmt(med.scanNs / med.rangesNs, 0)}× the trie` +
    `\n  probes inside a banned range: ${fmt(expectedInside)}; hits ${fmt(perRound[0]!.hits)} (a probe can sit in several ranges)`,
);
report('gateway-blocklist', {
  ranges: rangeCount,
  exact: exactCount,
  probes: probeCount,
  rounds,
  median: med,
  perRound,
});

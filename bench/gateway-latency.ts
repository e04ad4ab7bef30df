/**
 * Added latency of the gateway at a fixed offered rate (issue 8): open-loop load at `--rate`
 * req/s (default 1,000) against the stub directly, through Warden (full policy; as a scale-out
 * replica and as the embedded server) and through Portkey's gateway, `--rounds` times (default
 * 5) for `--seconds` each (default 10), in rotation so drift on the shared machine falls on all
 * alike. The stub, each gateway and this load generator are separate processes. Added = a
 * path's quantile − direct's quantile in the same round; the figures are medians over rounds.
 */
import { arg, fmt, report } from './harness.js';
import { median, openLoop, quantile, startContenders, contenderNames } from './gateway-common.js';

const rate = Number(arg('rate', '1000'));
const rounds = Number(arg('rounds', '5'));
const seconds = Number(arg('seconds', '10'));
const stubDelay = Number(arg('stub-delay-ms', '2'));

const only = arg('only', contenderNames.join(',')).split(',').filter(Boolean);
const contenders = await startContenders(stubDelay, 100, only);
const { targets } = contenders;
try {
  console.log(`${targets.map((t) => t.name).join(', ')} all answer with the stub’s body; warming up…`);
  for (const t of targets) await openLoop(t, rate, 3000);

  type Row = {
    p50: number;
    p90: number;
    p99: number;
    errors: number;
    non2xx: number;
    maxSendLagUs: number;
    n: number;
  };
  const perRound: Record<string, Row>[] = [];
  for (let r = 0; r < rounds; r++) {
    const row: Record<string, Row> = {};
    for (const t of targets) {
      const res = await openLoop(t, rate, seconds * 1000);
      const l = res.latenciesUs;
      row[t.name] = {
        p50: quantile(l, 0.5),
        p90: quantile(l, 0.9),
        p99: quantile(l, 0.99),
        errors: res.errors,
        non2xx: res.non2xx,
        maxSendLagUs: res.maxSendLagUs,
        n: l.length,
      };
    }
    perRound.push(row);
    const d = row.direct!;
    console.log(
      `round ${r + 1}/${rounds}: direct p50 ${fmt(d.p50)} µs p90 ${fmt(d.p90)} p99 ${fmt(d.p99)}` +
        targets
          .slice(1)
          .map((t) => {
            const x = row[t.name]!;
            return ` | ${t.name} +${fmt(x.p50 - d.p50)} / +${fmt(x.p90 - d.p90)} / +${fmt(x.p99 - d.p99)} µs (non-2xx ${x.non2xx}, errors ${x.errors})`;
          })
          .join(''),
    );
  }
  const q = ['p50', 'p90', 'p99'] as const;
  const added: Record<string, Record<(typeof q)[number], number>> = {};
  for (const t of targets.slice(1))
    added[t.name] = Object.fromEntries(
      q.map((k) => [k, median(perRound.map((row) => row[t.name]![k] - row.direct![k]))]),
    ) as Record<(typeof q)[number], number>;
  const direct = Object.fromEntries(
    q.map((k) => [k, median(perRound.map((row) => row.direct![k]))]),
  ) as Record<(typeof q)[number], number>;
  const ms = (us: number): string => `${fmt(us / 1000, 3)} ms`;
  console.log(
    `\nmedians over ${rounds} rounds of ${seconds} s at ${rate} req/s offered (stub answers in ${stubDelay} ms):`,
  );
  console.log(`  direct itself:        p50 ${ms(direct.p50)}, p90 ${ms(direct.p90)}, p99 ${ms(direct.p99)}`);
  for (const [name, a] of Object.entries(added))
    console.log(`  ${`${name} added:`.padEnd(22)}p50 ${ms(a.p50)}, p90 ${ms(a.p90)}, p99 ${ms(a.p99)}`);
  const ratio = (a: string, b: string): string =>
    added[a] && added[b] ? `${fmt(added[a].p50 / Math.max(1, added[b].p50), 1)}×` : 'n/a';
  console.log(
    `  goal (Warden): p50 added ≤ 0.3 ms, p90 added ≤ 1 ms; added p50 ratios: Portkey/Warden ${ratio('portkey', 'warden')}, Warden/floor ${ratio('warden', 'floor')}`,
  );
  // Warden's own share: what it adds above the floor proxy (the second HTTP hop alone).
  if (added.floor)
    for (const name of ['warden', 'warden-embedded'])
      if (added[name])
        console.log(
          `  ${`${name} above floor:`.padEnd(22)}p50 ${ms(added[name].p50 - added.floor.p50)}, p90 ${ms(added[name].p90 - added.floor.p90)}, p99 ${ms(added[name].p99 - added.floor.p99)}`,
        );
  report('gateway-latency', {
    offeredRate: rate,
    rounds,
    secondsPerRun: seconds,
    stubDelayMs: stubDelay,
    directMedianUs: direct,
    addedMedianUs: added,
    perRound,
  });
} finally {
  await contenders.stop();
}

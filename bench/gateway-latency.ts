/**
 * Added latency of the gateway at a fixed offered rate (issue 8): open-loop load at
 * `--rate` req/s (default 1,000) against the stub directly, through Warden (full policy), and
 * through Portkey's gateway, `--rounds` times (default 5) for `--seconds` each (default 10), in
 * rotation so drift on the shared machine falls on all three alike. Stub, Warden, Portkey and
 * this load generator are four processes. Added = path's quantile − direct's quantile in the
 * same round; the figures are the medians over rounds.
 */
import { arg, fmt, report } from './harness.js';
import {
  benchKey,
  median,
  openLoop,
  portkeyTarget,
  prepareSqlite,
  probe,
  quantile,
  startPortkey,
  startStub,
  startWarden,
  type Target,
} from './gateway-common.js';

const rate = Number(arg('rate', '1000'));
const rounds = Number(arg('rounds', '5'));
const seconds = Number(arg('seconds', '10'));
const stubDelay = Number(arg('stub-delay-ms', '2'));
const keys = 100;

const stub = await startStub(stubDelay);
const warden = await startWarden({
  upstream: `http://127.0.0.1:${stub.info.port}`,
  keys,
  database: await prepareSqlite(),
});
const portkey = await startPortkey();
const children = [stub, warden, portkey];
try {
  const pk = portkeyTarget(stub.info.port);
  const targets: Target[] = [
    {
      name: 'direct',
      origin: `http://127.0.0.1:${stub.info.port}`,
      path: '/v1/chat/completions',
      headers: () => ({}),
    },
    {
      name: 'warden',
      origin: `http://127.0.0.1:${warden.info.port}`,
      path: '/v1/chat/completions',
      headers: (i) => ({ authorization: `Bearer ${benchKey(i % keys)}` }),
    },
    {
      name: 'portkey',
      origin: `http://127.0.0.1:${portkey.info.port}`,
      path: pk.path,
      headers: () => pk.headers,
    },
  ];
  for (const t of targets) {
    const p = await probe(t);
    if (p.status !== 200 || !p.text.includes('chatcmpl-stub'))
      throw new Error(`${t.name} does not proxy to the stub: ${p.status} ${p.text.slice(0, 300)}`);
  }
  console.log('all three paths answer with the stub’s body; warming up…');
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
      row[t.name] = {
        p50: quantile(res.latenciesUs, 0.5),
        p90: quantile(res.latenciesUs, 0.9),
        p99: quantile(res.latenciesUs, 0.99),
        errors: res.errors,
        non2xx: res.non2xx,
        maxSendLagUs: res.maxSendLagUs,
        n: res.latenciesUs.length,
      };
    }
    perRound.push(row);
    const d = row.direct!;
    const line = (n: string): string => {
      const x = row[n]!;
      return `${n} p50 ${fmt(x.p50)} µs (+${fmt(x.p50 - d.p50)}), p90 ${fmt(x.p90)} (+${fmt(x.p90 - d.p90)}), p99 ${fmt(x.p99)} (+${fmt(x.p99 - d.p99)}), non-2xx ${x.non2xx}, errors ${x.errors}`;
    };
    console.log(
      `round ${r + 1}/${rounds}: direct p50 ${fmt(d.p50)} µs p90 ${fmt(d.p90)} p99 ${fmt(d.p99)} | ${line('warden')} | ${line('portkey')}`,
    );
  }
  const added = (name: string, q: 'p50' | 'p90' | 'p99'): number =>
    median(perRound.map((row) => row[name]![q] - row.direct![q]));
  const summary = {
    offeredRate: rate,
    rounds,
    secondsPerRun: seconds,
    stubDelayMs: stubDelay,
    directMedian: {
      p50: median(perRound.map((r) => r.direct!.p50)),
      p90: median(perRound.map((r) => r.direct!.p90)),
      p99: median(perRound.map((r) => r.direct!.p99)),
    },
    wardenAddedMedian: {
      p50: added('warden', 'p50'),
      p90: added('warden', 'p90'),
      p99: added('warden', 'p99'),
    },
    portkeyAddedMedian: {
      p50: added('portkey', 'p50'),
      p90: added('portkey', 'p90'),
      p99: added('portkey', 'p99'),
    },
    perRound,
  };
  const ms = (us: number): string => `${fmt(us / 1000, 3)} ms`;
  console.log(
    `\nmedians over ${rounds} rounds of ${seconds} s at ${rate} req/s (stub answers in ${stubDelay} ms):`,
  );
  console.log(
    `  direct:  p50 ${ms(summary.directMedian.p50)}, p90 ${ms(summary.directMedian.p90)}, p99 ${ms(summary.directMedian.p99)}`,
  );
  console.log(
    `  Warden added:  p50 ${ms(summary.wardenAddedMedian.p50)}, p90 ${ms(summary.wardenAddedMedian.p90)}, p99 ${ms(summary.wardenAddedMedian.p99)}  (goal p50 ≤ 0.3 ms, p90 ≤ 1 ms)`,
  );
  console.log(
    `  Portkey added: p50 ${ms(summary.portkeyAddedMedian.p50)}, p90 ${ms(summary.portkeyAddedMedian.p90)}, p99 ${ms(summary.portkeyAddedMedian.p99)}`,
  );
  console.log(
    `  ratio Portkey/Warden added p50: ${fmt(summary.portkeyAddedMedian.p50 / Math.max(1, summary.wardenAddedMedian.p50), 1)}×`,
  );
  report('gateway-latency', summary);
} finally {
  for (const c of children) await c.stop();
}

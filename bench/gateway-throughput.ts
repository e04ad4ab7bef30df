/**
 * Maximum throughput at 200 concurrent connections (issue 8): closed-loop load (each connection
 * sends its next request when the last one answered), `--seconds` per run (default 10), against
 * the stub directly, through Warden (full policy) and through Portkey's gateway, `--rounds`
 * times in rotation (default 3). Load generator, stub and gateway share this machine, as the
 * issue asks; each is its own process. Reports requests/s per path (medians over rounds) and
 * the Warden/Portkey ratio (goal ≥ 10×).
 */
import { arg, fmt, report } from './harness.js';
import {
  benchKey,
  closedLoop,
  median,
  portkeyTarget,
  prepareSqlite,
  probe,
  startPortkey,
  startStub,
  startWarden,
  type Target,
} from './gateway-common.js';

const connections = Number(arg('connections', '200'));
const rounds = Number(arg('rounds', '3'));
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
  for (const t of targets) await closedLoop(t, connections, 2000);
  const perRound: Record<string, { rps: number; errors: number; non2xx: number }>[] = [];
  for (let r = 0; r < rounds; r++) {
    const row: (typeof perRound)[number] = {};
    for (const t of targets) {
      const res = await closedLoop(t, connections, seconds * 1000);
      row[t.name] = { rps: res.rps, errors: res.errors, non2xx: res.non2xx };
    }
    perRound.push(row);
    console.log(
      `round ${r + 1}/${rounds}: ` +
        targets
          .map(
            (t) =>
              `${t.name} ${fmt(row[t.name]!.rps)} req/s (non-2xx ${row[t.name]!.non2xx}, errors ${row[t.name]!.errors})`,
          )
          .join(' | '),
    );
  }
  const med = (n: string): number => median(perRound.map((r) => r[n]!.rps));
  const summary = {
    connections,
    rounds,
    secondsPerRun: seconds,
    stubDelayMs: stubDelay,
    medianRps: { direct: med('direct'), warden: med('warden'), portkey: med('portkey') },
    wardenOverPortkey: med('warden') / med('portkey'),
    wardenOverDirect: med('warden') / med('direct'),
    perRound,
  };
  console.log(
    `\nmedians over ${rounds} rounds of ${seconds} s at ${connections} connections (stub answers in ${stubDelay} ms):`,
  );
  console.log(
    `  direct ${fmt(summary.medianRps.direct)} req/s, Warden ${fmt(summary.medianRps.warden)} req/s, Portkey ${fmt(summary.medianRps.portkey)} req/s`,
  );
  console.log(
    `  Warden / Portkey: ${fmt(summary.wardenOverPortkey, 1)}× (goal ≥ 10×); Warden / direct: ${fmt(summary.wardenOverDirect, 2)}`,
  );
  report('gateway-throughput', summary);
} finally {
  for (const c of children) await c.stop();
}

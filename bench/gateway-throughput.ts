/**
 * Maximum throughput at 200 concurrent connections (issue 8): closed-loop load (each connection
 * sends its next request when the last one answered), `--seconds` per run (default 10),
 * against the stub directly, through Warden (full policy; scale-out replica and embedded) and
 * through Portkey's gateway, `--rounds` times in rotation (default 3). Load generator, stub and
 * gateways share this machine, as the issue asks; each is its own process. Reports requests/s
 * per path (medians over rounds) and the Warden/Portkey ratio (goal ≥ 10×).
 */
import { arg, fmt, report } from './harness.js';
import { closedLoop, median, startContenders, contenderNames } from './gateway-common.js';

const connections = Number(arg('connections', '200'));
const rounds = Number(arg('rounds', '3'));
const seconds = Number(arg('seconds', '10'));
const stubDelay = Number(arg('stub-delay-ms', '2'));

const only = arg('only', contenderNames.join(',')).split(',').filter(Boolean);
const contenders = await startContenders(stubDelay, 100, only);
const { targets } = contenders;
try {
  for (const t of targets) await closedLoop(t, connections, 2000);
  const perRound: Record<string, { rps: number; errors: number; non2xx: number; cpuUsPerRequest: number }>[] =
    [];
  for (let r = 0; r < rounds; r++) {
    const row: (typeof perRound)[number] = {};
    for (const t of targets) {
      const res = await closedLoop(t, connections, seconds * 1000);
      row[t.name] = {
        rps: res.rps,
        errors: res.errors,
        non2xx: res.non2xx,
        cpuUsPerRequest: res.cpuUsPerRequest,
      };
    }
    perRound.push(row);
    console.log(
      `round ${r + 1}/${rounds}: ` +
        targets
          .map(
            (t) =>
              `${t.name} ${fmt(row[t.name]!.rps)} req/s, ${fmt(row[t.name]!.cpuUsPerRequest)} µs CPU/request (non-2xx ${row[t.name]!.non2xx}, errors ${row[t.name]!.errors})`,
          )
          .join(' | '),
    );
  }
  const med = Object.fromEntries(targets.map((t) => [t.name, median(perRound.map((r) => r[t.name]!.rps))]));
  // CPU time the serving processes spent per request: steadier than req/s on a shared machine,
  // since time the process was not scheduled is not in it.
  const cpu = Object.fromEntries(
    targets.map((t) => [t.name, median(perRound.map((r) => r[t.name]!.cpuUsPerRequest))]),
  );
  const over = (a: string, b: string): number =>
    med[a] !== undefined && med[b] !== undefined ? med[a] / med[b] : Number.NaN;
  const ratios = {
    wardenOverPortkey: over('warden', 'portkey'),
    wardenEmbeddedOverPortkey: over('warden-embedded', 'portkey'),
    wardenOverDirect: over('warden', 'direct'),
    wardenOverFloor: over('warden', 'floor'),
    warden2wOverPortkey: over('warden-2w', 'portkey'),
    warden2wOverWarden: over('warden-2w', 'warden'),
    wardenEmbeddedOverFloor: over('warden-embedded', 'floor'),
  };
  console.log(
    `\nmedians over ${rounds} rounds of ${seconds} s at ${connections} connections (stub answers in ${stubDelay} ms):`,
  );
  console.log('  ' + targets.map((t) => `${t.name} ${fmt(med[t.name]!)} req/s`).join(', '));
  console.log(
    '  CPU per request: ' +
      targets
        .filter((t) => t.pids)
        .map((t) => `${t.name} ${fmt(cpu[t.name]!)} µs`)
        .join(', ') +
      (cpu.floor !== undefined && cpu.warden !== undefined
        ? `; Warden / floor ${fmt(cpu.warden / cpu.floor, 2)}×`
        : ''),
  );
  console.log(
    `  Warden / Portkey ${fmt(ratios.wardenOverPortkey, 1)}× (embedded: ${fmt(ratios.wardenEmbeddedOverPortkey, 1)}×; goal ≥ 10×); Warden / direct ${fmt(ratios.wardenOverDirect, 2)}; Warden / floor ${fmt(ratios.wardenOverFloor, 2)} (embedded ${fmt(ratios.wardenEmbeddedOverFloor, 2)}); two workers / Portkey ${fmt(ratios.warden2wOverPortkey, 1)}×, / one ${fmt(ratios.warden2wOverWarden, 2)}×`,
  );
  report('gateway-throughput', {
    connections,
    rounds,
    secondsPerRun: seconds,
    stubDelayMs: stubDelay,
    medianRps: med,
    medianCpuUsPerRequest: cpu,
    ...ratios,
    perRound,
  });
} finally {
  await contenders.stop();
}

/**
 * Generation speed of `warden simulate`: for each world size, in a fresh process, the time to
 * plan the accounts, the time to produce every event line (no disk: the floor under the CLI,
 * which adds writing), events per second and peak RSS.
 *
 *   npm run bench:sim -- --sizes 5000,100000,1000000
 */
import { fileURLToPath } from 'node:url';
import { createWorld } from '../src/sim/index.js';
import { arg, fmt, peakRssMb, report, runChild } from './harness.js';

interface Figures {
  accounts: number;
  events: number;
  bytes: number;
  planSeconds: number;
  eventSeconds: number;
  eventsPerSecond: number;
  peakRssMb: number;
}

function measure(accounts: number, seed: number): Figures {
  const t0 = performance.now();
  const world = createWorld({ seed, accounts });
  const t1 = performance.now();
  let events = 0;
  let bytes = 0;
  for (const lines of world.eventLines()) {
    events += lines.length;
    for (const l of lines) bytes += l.length + 1;
  }
  const t2 = performance.now();
  return {
    accounts: world.plans.length,
    events,
    bytes,
    planSeconds: (t1 - t0) / 1000,
    eventSeconds: (t2 - t1) / 1000,
    eventsPerSecond: events / ((t2 - t1) / 1000),
    peakRssMb: peakRssMb(),
  };
}

if (process.argv.includes('--child')) {
  process.stdout.write(JSON.stringify(measure(Number(arg('accounts', '5000')), Number(arg('seed', '1')))) + '\n');
} else {
  const sizes = arg('sizes', '5000,100000').split(',').map(Number);
  const rows: Figures[] = [];
  for (const accounts of sizes) {
    const f = await runChild<Figures>(fileURLToPath(import.meta.url), ['--accounts', String(accounts), '--seed', arg('seed', '1')]);
    rows.push(f);
    console.log(
      `${fmt(f.accounts).padStart(10)} accounts  ${fmt(f.events).padStart(11)} events  ${fmt(f.bytes / 1e6).padStart(6)} MB  ` +
        `plan ${fmt(f.planSeconds, 1)} s  events ${fmt(f.eventSeconds, 1)} s  ${fmt(f.eventsPerSecond).padStart(7)} events/s  peak RSS ${fmt(f.peakRssMb)} MB`,
    );
  }
  report('sim-generate', { rows });
}

/**
 * `npm run bench:analyze-incremental`: the cost of folding 10k new events into an existing
 * analysis (add + evaluate), against rebuilding it from all events (the baseline, measured in
 * the same run). ACCOUNTS (default 100k, 10 events each) sets the size of the history.
 */
import { createReadStream, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { loadActorProfiles } from '../src/attribution/index.js';
import { readLines, type DecodedEvent } from '../src/events/index.js';
import { loadActorCatalogue } from '../src/intel/index.js';
import { Analysis } from '../src/pipeline/index.js';
import { fastDecode, generate } from './analyze-synth.js';

const accounts = Number(process.env.ACCOUNTS ?? 100_000);
const batch = Number(process.env.BATCH ?? 10_000);
const dir = process.env.SCALE_DIR ?? join(tmpdir(), 'warden-analyze-scale');
mkdirSync(dir, { recursive: true });
const file = join(dir, `events-${accounts}.ndjson`);
if (!existsSync(file)) await generate(file, accounts);

const events: DecodedEvent[] = [];
let pos = 0;
for await (const line of readLines(createReadStream(file, { highWaterMark: 1 << 20 }), {
  maxLineBytes: 1 << 20,
})) {
  if ('text' in line) events.push(fastDecode(++pos, line.text));
}
// The new batch: the last `batch` events of the file (new accounts and new activity).
const history = events.slice(0, events.length - batch);
const fresh = events.slice(events.length - batch);
const deps = { profiles: loadActorProfiles(), catalogue: loadActorCatalogue() };

const an = new Analysis(deps);
for (const d of history) an.add(d);
an.evaluate();

let t = performance.now();
for (const d of fresh) an.add(d);
const incr = an.evaluate();
const incrMs = performance.now() - t;

t = performance.now();
const again = new Analysis(deps);
for (const d of events) again.add(d);
const full = again.evaluate();
const fullMs = performance.now() - t;

const same =
  JSON.stringify(incr.accounts.map((a) => [a.account, a.score])) ===
  JSON.stringify(full.accounts.map((a) => [a.account, a.score]));
console.log(
  `history ${history.length} events (${accounts} accounts), new batch ${fresh.length} events (decoding excluded from both)`,
);
console.log(
  `fold in + re-evaluate: ${(incrMs / 1000).toFixed(2)} s; rebuild from all events: ${(fullMs / 1000).toFixed(2)} s; incremental costs ${(incrMs / fullMs).toFixed(2)}× the rebuild (×${(fullMs / incrMs).toFixed(1)} faster); same verdicts: ${same}`,
);

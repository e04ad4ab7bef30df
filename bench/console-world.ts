/**
 * The stored world `bench:console` measures against: a simulated world's partner intel and
 * events in a Warden store, analysed by the live pipeline, with the cases its detections open.
 * A large world (100k accounts, ~5M events) takes tens of minutes to build on a shared machine,
 * so it is kept under bench/out/ and reused while its `complete.json` marker is there.
 *
 * The store is filled through the ingest path (`ingestLines`, the code `warden ingest` runs):
 * the same decoding and batched inserts as production, without HTTP framing, which would only
 * add per-request overhead to a one-off build. The pipeline is then the real one: the runtime
 * replays the store on start-up, and the cases scheduler opens cases from the detections.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../src/config/index.js';
import type { RawLine } from '../src/events/index.js';
import { ingestLines } from '../src/ingest/index.js';
import { createLogger } from '../src/observability/index.js';
import { createRuntime, type Runtime } from '../src/server/index.js';
import { createWorld } from '../src/sim/index.js';
import { createApiKey } from '../src/store/index.js';
import { casesDb } from '../src/store/repos/cases.repo.js';

export interface WorldSpec {
  seed: number;
  accounts: number;
  days: number;
}

export interface StoredWorld {
  spec: WorldSpec;
  events: number;
  buildSeconds: number | null;
}

const worldDir = (s: WorldSpec): string => join('bench', 'out', `console-world-s${s.seed}-a${s.accounts}-d${s.days}`);

/** Opens a runtime over the stored world, building the world first when no complete copy exists. */
export async function openStoredWorld(spec: WorldSpec, log: (line: string) => void): Promise<{ rt: Runtime; world: StoredWorld; cached: boolean }> {
  const dir = worldDir(spec);
  const marker = join(dir, 'complete.json');
  const env = { WARDEN_DATA_DIR: dir, WARDEN_CASES_SCHEDULER_INTERVAL_MS: '3600000' };
  if (existsSync(marker)) {
    const world = JSON.parse(readFileSync(marker, 'utf8')) as StoredWorld;
    const t = performance.now();
    const rt = await createRuntime(loadConfig(env), { logger: createLogger('silent') });
    log(`world: reused ${dir} (${world.events.toLocaleString('en-US')} events; start-up replay ${((performance.now() - t) / 1000).toFixed(1)} s)`);
    // A build stopped between storing the events and opening the cases finishes here.
    const cases = await casesDb(rt.database.db).selectFrom('cases').select('id').limit(1).execute();
    if (cases.length === 0) {
      const tc = performance.now();
      await rt.cases.tick();
      log(`world: cases opened from the detections in ${((performance.now() - tc) / 1000).toFixed(1)} s`);
    }
    return { rt, world, cached: true };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const first = await createRuntime(loadConfig(env), { logger: createLogger('silent') });
  const events = await fill(first, createWorld(spec), t0, log);
  // A fresh runtime replays the whole store through the live pipeline, as a restarted server does.
  const rt = await createRuntime(loadConfig(env), { logger: createLogger('silent') });
  await rt.cases.tick();
  const stored: StoredWorld = { spec, events, buildSeconds: (performance.now() - t0) / 1000 };
  writeFileSync(marker, JSON.stringify(stored, null, 2));
  log(`world: built ${dir} in ${stored.buildSeconds?.toFixed(0)} s`);
  return { rt, world: stored, cached: false };
}

/** Stores the world's partner intel (over the API) and its events (through the ingest path); returns the events stored. */
async function fill(rt: Runtime, world: ReturnType<typeof createWorld>, t0: number, log: (line: string) => void): Promise<number> {
  try {
    const key = (await createApiKey(rt.database.db, 'bench', 'admin', Date.now())).secret;
    const intel = await rt.app.inject({
      method: 'POST',
      url: '/api/v1/intel/bundles?collection=bench-partner',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      payload: JSON.stringify(world.intel.bundle),
    });
    if (intel.statusCode !== 200) throw new Error(`intel import answered ${intel.statusCode}: ${intel.body.slice(0, 300)}`);
    async function* lines(): AsyncGenerator<RawLine> {
      let n = 0;
      for (const chunk of world.eventLines(20_000)) {
        for (const text of chunk) yield { line: ++n, text };
        if (n % 500_000 < chunk.length) log(`world: ${n.toLocaleString('en-US')} events generated and stored (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
        // Generation is synchronous; yield to the event loop between chunks.
        await new Promise((r) => setImmediate(r));
      }
    }
    const counts = await ingestLines({ database: rt.database, now: Date.now }, lines(), { commitEvery: 10_000 });
    if (counts.rejected > 0 || counts.conflict > 0) throw new Error(`the simulated events did not all store: ${JSON.stringify(counts)}`);
    return counts.accepted;
  } finally {
    await rt.close();
  }
}

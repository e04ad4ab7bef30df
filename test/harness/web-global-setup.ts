import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/observability/index.js';
import { createRuntime, type Runtime } from '../../src/server/index.js';
import { createApiKey } from '../../src/store/index.js';
import { networkEvents, networkIntelBundle } from '../cases/network-fixture.js';
import { makeIdentity, makeIndicator, makeIntrusionSet, makeRelationship } from '../intel/fixtures.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A real Warden on a loopback port for the console's component tests, with an analyst key. */
    consoleApi: { url: string; key: string };
  }
}

let rt: Runtime | undefined;
const dir = mkdtempSync(join(tmpdir(), 'warden-web-tests-'));

/**
 * The console's component tests fetch from a real server, not a stand-in: the hand-made network
 * (three accounts on one device, an open case) behind the same API the console uses.
 */
export async function setup(project: TestProject): Promise<void> {
  rt = await createRuntime(loadConfig({ WARDEN_DATA_DIR: dir, WARDEN_CASES_SCHEDULER_INTERVAL_MS: '3600000' }), { logger: createLogger('silent') });
  const url = await rt.app.listen({ port: 0, host: '127.0.0.1' });
  const admin = { authorization: `Bearer ${(await createApiKey(rt.database.db, 'web-admin', 'admin', Date.now())).secret}`, 'content-type': 'application/json' };
  const bundle = networkIntelBundle({ identity: makeIdentity, actor: makeIntrusionSet, indicator: makeIndicator, relationship: makeRelationship });
  const intel = await rt.app.inject({ method: 'POST', url: '/api/v1/intel/bundles', headers: admin, payload: JSON.stringify(bundle) });
  if (intel.statusCode !== 200) throw new Error(`intel: ${intel.statusCode} ${intel.body}`);
  // One prompt with personal data in it, so the timeline has something to mask.
  const pii = { id: 'web-pii-1', time: '2024-03-01T11:30:00Z', kind: 'request', account: 'net_a', ip: '203.0.113.10', request: { model: 'gpt-4', prompt: 'Write a lure to maria.ops@victim-corp.example asking her to call +1 415 555 0199.' } };
  // A busy honest account, longer than one timeline page (100), to page through.
  const busy = Array.from({ length: 230 }, (_, i) => ({
    id: `web-busy-${i}`,
    time: new Date(Date.UTC(2024, 1, 1) + i * 3_600_000).toISOString(),
    kind: 'request',
    account: 'busy_user',
    ip: '198.51.100.77',
    request: { model: 'gpt-4', prompt: `Summarise meeting notes number ${i} for the sales team.` },
  }));
  const events = await rt.app.inject({ method: 'POST', url: '/api/v1/events', headers: admin, payload: JSON.stringify([...networkEvents('web'), pii, ...busy]) });
  if (events.statusCode !== 200) throw new Error(`events: ${events.statusCode} ${events.body}`);
  await rt.cases.tick();
  project.provide('consoleApi', { url, key: (await createApiKey(rt.database.db, 'web-analyst', 'analyst', Date.now())).secret });
}

export async function teardown(): Promise<void> {
  await rt?.close();
  rmSync(dir, { recursive: true, force: true });
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/observability/index.js';
import { createRuntime, type Runtime } from '../../src/server/index.js';
import { createApiKey } from '../../src/store/index.js';
import { makeEvent, toNdjson } from '../factories/events.js';
import { makeIdentity, makeIndicator, makeIntrusionSet, makeRelationship } from '../intel/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-intel-api-'));

describe('intel API on a running Warden', () => {
  let rt: Runtime;
  let auth: Record<string, string>;
  let ingestAuth: Record<string, string>;
  beforeAll(async () => {
    rt = await createRuntime(loadConfig({ WARDEN_DATA_DIR: dir }), { logger: createLogger('silent') });
    auth = { authorization: `Bearer ${(await createApiKey(rt.database.db, 'analyst', 'analyst', 1)).secret}` };
    // Sending events is the `ingest` role's job (events:write); analysts read and import intel.
    ingestAuth = { authorization: `Bearer ${(await createApiKey(rt.database.db, 'shipper', 'ingest', 1)).secret}` };
  });
  afterAll(async () => {
    await rt.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string) => rt.app.inject({ url, headers: auth });

  it('searches the actor catalogue across vendor names', async () => {
    const res = await get('/api/v1/actors?q=strontium');
    expect(res.statusCode).toBe(200);
    const body = res.json<{ total: number; actors: { name: string }[] }>();
    expect(body.actors.map((a) => a.name)).toContain('Forest Blizzard');
    const byCountry = (await get('/api/v1/actors?country=kp&limit=500')).json<{ actors: { country: string }[] }>();
    expect(byCountry.actors.length).toBeGreaterThan(2);
    expect(byCountry.actors.every((a) => a.country === 'KP')).toBe(true);
  });

  it('resolves an alias, and names the naming family of an unknown name', async () => {
    expect((await get('/api/v1/actors/APT28')).json()).toMatchObject({ kind: 'match', actor: { name: 'Forest Blizzard' } });
    const unknown = await get(`/api/v1/actors/${encodeURIComponent('Velvet Typhoon')}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'NOT_FOUND', details: { family: { country: 'CN' } } } });
    // A name as long as the longest id the event format allows reaches the route (not the router's 404).
    const long = await get(`/api/v1/actors/${encodeURIComponent('Ж'.repeat(128))}`);
    expect(long.statusCode).toBe(404);
    expect(long.json()).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.not.stringMatching(/^Route /) as unknown } });
  });

  it('refuses bad paging with the parameter named', async () => {
    const res = await get('/api/v1/actors?limit=abc');
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/limit/);
  });

  it('imports a bundle whole, lists its indicators, and re-hunts stored events with it', async () => {
    const ingest = await rt.app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: { ...ingestAuth, 'content-type': 'application/x-ndjson' },
      payload: toNdjson([makeEvent({ id: 'ia-1', account: 'acct_ia', ip: '45.77.12.34', time: '2024-03-01T10:00:00Z' })]),
    });
    expect(ingest.statusCode).toBe(200);
    const actor = makeIntrusionSet('Forest Blizzard');
    const indicator = makeIndicator("[ipv4-addr:value = '45.77.12.34']");
    const bundle = {
      type: 'bundle',
      id: 'bundle--1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d',
      objects: [makeIdentity(), actor, indicator, makeRelationship('indicates', String(indicator.id), String(actor.id))],
    };
    const res = await rt.app.inject({
      method: 'POST',
      url: '/api/v1/intel/bundles?collection=partner-a',
      headers: { ...auth, 'content-type': 'application/stix+json' },
      payload: JSON.stringify(bundle),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ collection: 'partner-a', stored: 4 });

    const indicators = (await get('/api/v1/indicators')).json<{ total: number; indicators: { object: { id: string } }[] }>();
    expect(indicators.indicators.map((i) => i.object.id)).toContain(indicator.id);

    const matches = (await get('/api/v1/matches?account=acct_ia')).json<{ total: number; matches: Record<string, unknown>[] }>();
    expect(matches.matches).toEqual([
      expect.objectContaining({ account: 'acct_ia', eventId: 'ia-1', indicator: indicator.id, field: 'ip', value: '45.77.12.34', actors: ['Forest Blizzard'] }),
    ]);
  });

  it('rejects a bundle whole, naming the object and the rule', async () => {
    const bad = makeIndicator("[ipv4-addr:value = '198.51.100.1']", { valid_from: '2024-05-01T00:00:00Z', valid_until: '2024-04-01T00:00:00Z' });
    const res = await rt.app.inject({
      method: 'POST',
      url: '/api/v1/intel/bundles',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: JSON.stringify({ type: 'bundle', id: 'bundle--2b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d', objects: [makeIdentity(), bad] }),
    });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: { code: string; details: { issues: unknown[] } } }>();
    expect(body.error.code).toBe('STIX_VALIDATION_FAILED');
    expect(JSON.stringify(body.error.details.issues)).toContain(String(bad.id));
    const notJson = await rt.app.inject({ method: 'POST', url: '/api/v1/intel/bundles', headers: { ...auth, 'content-type': 'application/json' }, payload: '{not json' });
    expect(notJson.statusCode).toBe(400);
  });

  it('needs a key', async () => {
    expect((await rt.app.inject({ url: '/api/v1/actors' })).statusCode).toBe(401);
    expect((await rt.app.inject({ method: 'POST', url: '/api/v1/intel/bundles', payload: '{}', headers: { 'content-type': 'application/json' } })).statusCode).toBe(401);
  });
});

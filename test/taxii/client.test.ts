import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadStixSchemas } from '../../src/intel/index.js';
import { describeEachDialect } from '../../src/store/testing.js';
import { addIntelFeed, findIntelFeed } from '../../src/store/repos/intel-feeds.repo.js';
import { queryIntelObjects } from '../../src/store/repos/intel-objects.repo.js';
import { createPartner } from '../../src/store/repos/intel-partners.repo.js';
import { intelDb } from '../../src/store/repos/intel-tables.js';
import { loadIntelStateFromStore, syncFeed, taxiiPlugin, TAXII_MEDIA_TYPE } from '../../src/taxii/index.js';
import { makeIndicator } from '../intel/fixtures.js';
import { sharedDataPath } from '../intel/shared-data.js';

/** Warden's TAXII client round-trips against Warden's own server over loopback. */
const schemas = loadStixSchemas(sharedDataPath('stix2.1-json-schemas'));

describeEachDialect('TAXII 2.1 client', (getDb) => {
  let app: FastifyInstance;
  let base = '';
  let clock = Date.parse('2024-06-01T00:00:00.000Z');
  let writer = { name: '', secret: '' };
  let reader = { name: '', secret: '' };

  beforeAll(async () => {
    const db = intelDb(getDb().db);
    const w = await createPartner(db, `w-${Math.random().toString(36).slice(2)}`, { read: [], write: ['feed'] }, clock);
    const r = await createPartner(db, `r-${Math.random().toString(36).slice(2)}`, { read: ['feed'], write: [] }, clock);
    writer = { name: w.partner.name, secret: w.secret };
    reader = { name: r.partner.name, secret: r.secret };
    app = Fastify();
    await app.register(taxiiPlugin, { prefix: '/taxii2', db: getDb().db, schemas, now: () => clock });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  afterAll(async () => {
    await app.close();
  });

  const publish = async (objects: unknown[]) => {
    const res = await fetch(`${base}/taxii2/warden/collections/feed/objects/`, {
      method: 'POST',
      headers: {
        accept: TAXII_MEDIA_TYPE,
        'content-type': TAXII_MEDIA_TYPE,
        authorization: `Basic ${Buffer.from(`${writer.name}:${writer.secret}`).toString('base64')}`,
      },
      body: JSON.stringify({ objects }),
    });
    expect(res.status).toBe(202);
  };

  it('polls incrementally, page by page, with provenance on every imported object', async () => {
    const db = intelDb(getDb().db);
    const first = [1, 2, 3, 4, 5].map((i) => makeIndicator(`[ipv4-addr:value = '203.0.113.${i}']`));
    clock += 1000;
    await publish(first);
    const feed = await addIntelFeed(db, {
      name: `partner-${Math.random().toString(36).slice(2)}`,
      collectionUrl: `${base}/taxii2/warden/collections/feed/`,
      username: reader.name,
      secret: reader.secret,
      targetCollection: 'imported',
      intervalSeconds: 3600,
    });
    const deps = { db: getDb().db, schemas, now: () => clock, client: { pageLimit: 2 } };
    const r1 = await syncFeed(deps, feed);
    expect(r1).toMatchObject({ ok: true, objects: 5, added: 5, pages: 3 });
    const stored = await queryIntelObjects(db, { collectionId: 'imported', limit: 100 });
    expect(stored.map((s) => s.source)).toEqual(Array(5).fill(`taxii:${feed.name}`));

    // Nothing new: the cursor (X-TAXII-Date-Added-Last) means nothing is fetched twice.
    const again = await syncFeed(deps, (await findIntelFeed(db, feed.name))!);
    expect(again).toMatchObject({ ok: true, objects: 0 });

    clock += 1000;
    await publish([makeIndicator("[ipv4-addr:value = '203.0.113.77']")]);
    const r3 = await syncFeed(deps, (await findIntelFeed(db, feed.name))!);
    expect(r3).toMatchObject({ ok: true, objects: 1, added: 1 });

    // What arrived is matchable: the store loads into an IntelState with every indicator evaluable.
    const { state } = await loadIntelStateFromStore(getDb().db, schemas);
    expect([...state.ofType('indicator')].filter((x) => x.support?.status === 'supported').length).toBeGreaterThanOrEqual(6);
  });

  it('retries transient failures and keeps the cursor when a sync fails', async () => {
    const db = intelDb(getDb().db);
    const feed = await addIntelFeed(db, {
      name: `flaky-${Math.random().toString(36).slice(2)}`,
      collectionUrl: `${base}/taxii2/warden/collections/feed/`,
      username: reader.name,
      secret: reader.secret,
      targetCollection: 'flaky',
      intervalSeconds: 60,
    });
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      calls++;
      if (calls <= 2) return new Response('{"title":"busy"}', { status: 503 });
      return fetch(input, init);
    };
    const ok = await syncFeed({ db: getDb().db, schemas, now: () => clock, fetch: flaky, client: { retryDelayMs: 1 } }, feed);
    expect(ok).toMatchObject({ ok: true, objects: 6 });
    expect(calls).toBe(3);

    const denied = await syncFeed({ db: getDb().db, schemas, now: () => clock }, { ...feed, secret: 'wrong', addedAfter: null });
    expect(denied).toMatchObject({ ok: false });
    if (!denied.ok) expect(denied.error).toMatch(/HTTP 401/);
    const after = await findIntelFeed(db, feed.name);
    expect(after?.lastError).toMatch(/HTTP 401/);
    expect(after?.addedAfter).not.toBeNull(); // the good cursor survived the failure
  });
});

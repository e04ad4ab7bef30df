/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- response bodies are parsed JSON, checked by value below */
import Fastify, { type FastifyInstance } from 'fastify';
import { beforeAll, afterAll, expect, it } from 'vitest';
import { loadStixSchemas } from '../../src/intel/index.js';
import { describeEachDialect } from '../../src/store/testing.js';
import { createPartner } from '../../src/store/repos/intel-partners.repo.js';
import { intelDb } from '../../src/store/repos/intel-tables.js';
import { taxiiPlugin, TAXII_MEDIA_TYPE } from '../../src/taxii/index.js';
import { isTaxiiContentType } from '../../src/taxii/media.js';
import { makeIndicator, makeIntrusionSet } from '../intel/fixtures.js';
import { sharedDataPath } from '../intel/shared-data.js';

/**
 * TAXII 2.1 conformance, written from the specification's requirements (OASIS TAXII 2.1 §1.6,
 * §3–§5): discovery, API roots, collections, objects with added_after, match[...] and
 * limit/next pagination, manifests, versions, POST with status, error bodies and media types.
 */
const schemas = loadStixSchemas(sharedDataPath('stix2.1-json-schemas'));
const T0 = Date.parse('2024-05-01T00:00:00.000Z');

describeEachDialect('TAXII 2.1 server', (getDb) => {
  let app: FastifyInstance;
  let clock = T0;
  let reader = '';
  let writer = '';
  let writerName = '';

  beforeAll(async () => {
    const db = intelDb(getDb().db);
    const r = await createPartner(db, 'partner-r', { read: ['apt', 'shared'], write: [] }, T0);
    const w = await createPartner(db, `partner-w-${Math.random().toString(36).slice(2)}`, { read: ['apt'], write: ['apt'] }, T0);
    reader = r.secret;
    writer = w.secret;
    writerName = w.partner.name;
    await createPartner(db, 'partner-x', { read: ['private'], write: ['private'] }, T0);
    app = Fastify();
    await app.register(taxiiPlugin, { prefix: '/taxii2', db: getDb().db, schemas, now: () => clock, maxPageSize: 1000 });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  const basic = (user: string, key: string) => `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`;
  const get = (url: string, auth = `Bearer ${reader}`, accept = TAXII_MEDIA_TYPE) =>
    app.inject({ method: 'GET', url, headers: { authorization: auth, accept } });
  const post = (url: string, objects: unknown[], contentType = TAXII_MEDIA_TYPE) =>
    app.inject({ method: 'POST', url, headers: { authorization: basic(writerName, writer), accept: TAXII_MEDIA_TYPE, 'content-type': contentType }, payload: JSON.stringify({ objects }) });

  it('§4.1 discovery names the API root, in the TAXII media type', async () => {
    const r = await get('/taxii2/');
    expect(r.statusCode).toBe(200);
    expect(isTaxiiContentType(String(r.headers['content-type']))).toBe(true);
    expect(r.json()).toMatchObject({ default: '/taxii2/warden/', api_roots: ['/taxii2/warden/'] });
  });

  it('§1.6.9 no credentials or unknown ones: 401 with a TAXII error body', async () => {
    for (const auth of ['', 'Bearer nope', basic('partner-r', 'wrong')]) {
      const r = await get('/taxii2/warden/collections/', auth);
      expect(r.statusCode).toBe(401);
      expect(isTaxiiContentType(String(r.headers['content-type']))).toBe(true);
      expect(r.headers['www-authenticate']).toMatch(/^Basic/);
      expect(r.json()).toMatchObject({ title: expect.any(String), http_status: '401' });
    }
  });

  it('§1.6.8 an Accept without TAXII 2.1 gets 406', async () => {
    for (const accept of ['application/json', 'application/taxii+json;version=2.0', 'text/html']) {
      const r = await get('/taxii2/warden/', `Bearer ${reader}`, accept);
      expect(r.statusCode).toBe(406);
      expect(r.json()).toMatchObject({ http_status: '406' });
    }
    expect((await get('/taxii2/warden/', `Bearer ${reader}`, 'application/taxii+json')).statusCode).toBe(200);
  });

  it('§4.2 API root information; an unknown root is 404', async () => {
    expect((await get('/taxii2/warden/')).json()).toMatchObject({ versions: [TAXII_MEDIA_TYPE], max_content_length: expect.any(Number) });
    expect((await get('/taxii2/other/')).statusCode).toBe(404);
  });

  it('§5.1 collections: only those the partner has rights on, with can_read/can_write', async () => {
    const r = await get('/taxii2/warden/collections/');
    expect(r.json().collections.map((c: { id: string }) => c.id)).toEqual(['apt', 'shared']);
    expect(r.json().collections[0]).toMatchObject({ can_read: true, can_write: false, media_types: ['application/stix+json;version=2.1'] });
    expect((await get('/taxii2/warden/collections/private/')).statusCode).toBe(404);
    expect((await get('/taxii2/warden/collections/nope/objects/')).statusCode).toBe(404);
  });

  it('§5.4 POST needs the TAXII content type (415) and write access (403)', async () => {
    expect((await post('/taxii2/warden/collections/apt/objects/', [], 'application/json')).statusCode).toBe(415);
    const r = await app.inject({
      method: 'POST',
      url: '/taxii2/warden/collections/shared/objects/',
      headers: { authorization: `Bearer ${reader}`, 'content-type': TAXII_MEDIA_TYPE },
      payload: '{"objects":[]}',
    });
    expect(r.statusCode).toBe(403);
  });

  const fb = makeIntrusionSet('Forest Blizzard', { modified: '2024-01-01T00:00:00.000Z' });
  const inds = [1, 2, 3, 4, 5].map((i) => makeIndicator(`[ipv4-addr:value = '198.51.100.${i}']`));

  it('§5.4 POST objects: 202 with a status resource, readable at §4.3', async () => {
    clock = T0 + 1000;
    const r = await post('/taxii2/warden/collections/apt/objects/', [fb, ...inds]);
    expect(r.statusCode).toBe(202);
    const s = r.json();
    expect(s).toMatchObject({ status: 'complete', total_count: 6, success_count: 6, failure_count: 0, pending_count: 0 });
    const again = await get(`/taxii2/warden/status/${s.id}/`, basic(writerName, writer));
    expect(again.json()).toEqual(s);
  });

  it('§5.4 an envelope with an invalid object is applied not at all, each failure named', async () => {
    const bad = makeIndicator("[ipv4-addr:value = '198.51.100.9'", {});
    const good = makeIndicator("[ipv4-addr:value = '198.51.100.10']");
    const s = (await post('/taxii2/warden/collections/apt/objects/', [good, bad])).json();
    expect(s).toMatchObject({ success_count: 0, failure_count: 2 });
    expect(s.failures.find((f: { id: string }) => f.id === bad.id).message).toMatch(/pattern: INDICATOR_PATTERN_INVALID/);
    expect((await get(`/taxii2/warden/collections/apt/objects/${good.id}/`)).statusCode).toBe(404);
  });

  it('§3.4 limit/next pagination over equal date_added never loops or skips; more:true has next; headers on every page', async () => {
    const seen: string[] = [];
    let url = '/taxii2/warden/collections/apt/objects/?limit=2';
    for (let pages = 0; pages < 10; pages++) {
      const r = await get(url);
      expect(r.statusCode).toBe(200);
      const body = r.json();
      if (!body.objects) break;
      expect(r.headers['x-taxii-date-added-first']).toBe('2024-05-01T00:00:01.000Z');
      expect(r.headers['x-taxii-date-added-last']).toBe('2024-05-01T00:00:01.000Z');
      seen.push(...body.objects.map((o: { id: string }) => o.id));
      if (!body.more) break;
      expect(typeof body.next).toBe('string');
      url = `/taxii2/warden/collections/apt/objects/?limit=2&next=${body.next}`;
    }
    expect(seen.sort()).toEqual([fb.id, ...inds.map((i) => i.id)].sort());
  });

  it('§3.4 a page past the end is empty; a malformed next or added_after is 400', async () => {
    const first = (await get('/taxii2/warden/collections/apt/objects/?limit=6')).json();
    expect(first.more).toBe(false);
    expect(first.next).toBeUndefined();
    const fake = Buffer.from(`${T0 + 999_999}.999999`).toString('base64url');
    expect((await get(`/taxii2/warden/collections/apt/objects/?next=${fake}`)).json()).toEqual({ more: false });
    expect((await get('/taxii2/warden/collections/apt/objects/?next=%%%')).statusCode).toBe(400);
    const bad = await get('/taxii2/warden/collections/apt/objects/?added_after=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ http_status: '400', details: { parameter: 'added_after' } });
    expect((await get('/taxii2/warden/collections/apt/objects/?limit=0')).statusCode).toBe(400);
  });

  it('§3.5 added_after and match[type|id|version|spec_version]', async () => {
    clock = T0 + 5000;
    const fb2 = { ...fb, modified: '2024-02-01T00:00:00.000Z', description: 'v2' };
    expect((await post('/taxii2/warden/collections/apt/objects/', [fb2])).json().success_count).toBe(1);
    const after = (await get('/taxii2/warden/collections/apt/objects/?added_after=2024-05-01T00:00:01.000Z')).json();
    expect(after.objects.map((o: { description?: string }) => o.description)).toEqual(['v2']);
    const types = (await get('/taxii2/warden/collections/apt/objects/?match[type]=intrusion-set')).json();
    expect(types.objects).toHaveLength(1); // match[version] defaults to last
    expect(types.objects[0].modified).toBe('2024-02-01T00:00:00.000Z');
    const all = (await get(`/taxii2/warden/collections/apt/objects/?match[id]=${fb.id}&match[version]=all`)).json();
    expect(all.objects.map((o: { modified: string }) => o.modified)).toEqual(['2024-01-01T00:00:00.000Z', '2024-02-01T00:00:00.000Z']);
    const firstV = (await get(`/taxii2/warden/collections/apt/objects/?match[id]=${fb.id}&match[version]=first`)).json();
    expect(firstV.objects.map((o: { modified: string }) => o.modified)).toEqual(['2024-01-01T00:00:00.000Z']);
    const exact = (await get(`/taxii2/warden/collections/apt/objects/?match[id]=${fb.id}&match[version]=2024-01-01T00:00:00Z`)).json();
    expect(exact.objects).toHaveLength(1);
    expect((await get('/taxii2/warden/collections/apt/objects/?match[spec_version]=2.0')).json()).toEqual({ more: false });
    expect((await get(`/taxii2/warden/collections/apt/objects/?match[type]=indicator,intrusion-set&limit=1000`)).json().objects).toHaveLength(6);
  });

  it('§5.5 one object, §5.7 its versions, §5.3 the manifest', async () => {
    const one = await get(`/taxii2/warden/collections/apt/objects/${fb.id}/`);
    expect(one.json().objects).toHaveLength(1);
    expect(one.headers['x-taxii-date-added-last']).toBe('2024-05-01T00:00:05.000Z');
    const versions = (await get(`/taxii2/warden/collections/apt/objects/${fb.id}/versions/`)).json();
    expect(versions).toEqual({ more: false, versions: ['2024-01-01T00:00:00.000Z', '2024-02-01T00:00:00.000Z'] });
    const manifest = await get('/taxii2/warden/collections/apt/manifest/?limit=3');
    expect(manifest.json()).toMatchObject({ more: true, next: expect.any(String) });
    expect(manifest.json().objects[0]).toEqual({ id: expect.any(String), date_added: '2024-05-01T00:00:01.000Z', version: expect.any(String), media_type: 'application/stix+json;version=2.1' });
    expect(manifest.headers['x-taxii-date-added-first']).toBe('2024-05-01T00:00:01.000Z');
    expect((await get('/taxii2/warden/collections/apt/objects/indicator--00000000-0000-4000-8000-000000000000/')).statusCode).toBe(404);
  });

  it('§5.6 DELETE needs write access and removes the object', async () => {
    const del = await app.inject({ method: 'DELETE', url: `/taxii2/warden/collections/apt/objects/${inds[4]?.id}/`, headers: { authorization: basic(writerName, writer) } });
    expect(del.statusCode).toBe(200);
    expect((await get(`/taxii2/warden/collections/apt/objects/${inds[4]?.id}/`)).statusCode).toBe(404);
  });
});

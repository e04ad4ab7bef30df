import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema, ingestResponseSchema } from '../../src/api/index.js';
import { countEvents, findEventById, revokeApiKey, createApiKey } from '../../src/store/index.js';
import { makeEvent, toNdjson } from '../factories/events.js';
import { createTestApp, type TestApp } from './app-factory.js';

const NDJSON = 'application/x-ndjson';

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`POST /api/v1/events [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(dialect, { WARDEN_SERVER_BODY_LIMIT_BYTES: String(16 * 1024 * 1024), WARDEN_INGEST_MAX_DECOMPRESSED_BYTES: String(20 * 1024 * 1024), WARDEN_INGEST_MAX_BATCH_EVENTS: '5000' });
    });
    afterAll(async () => t.close());

    const post = (payload: string | Buffer, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/events',
        payload,
        headers: { authorization: `Bearer ${t.key}`, 'content-type': NDJSON, ...headers },
      });
    const ok = (res: { statusCode: number; body: string }) => {
      expect(res.statusCode, res.body).toBe(200);
      return ingestResponseSchema.parse(JSON.parse(res.body));
    };
    const failed = (res: { statusCode: number; body: string }, status: number, code: string) => {
      expect(res.statusCode, res.body).toBe(status);
      const body = errorResponseSchema.parse(JSON.parse(res.body));
      expect(body.error.code).toBe(code);
      return body.error;
    };

    it('accepts NDJSON and keeps valid lines around bad ones, naming each bad line', async () => {
      const good1 = makeEvent();
      const good2 = makeEvent({ kind: 'login' });
      const lines = [
        JSON.stringify(good1),
        '{"id": "trunc", "time": "2024-01-09T07:1',
        'not json at all',
        JSON.stringify(makeEvent({ id: 'wrongtype', account: 42 as unknown as string })),
        JSON.stringify(makeEvent({ id: 'badkind', kind: 'logout' as 'login' })),
        JSON.stringify(makeEvent({ id: 'badip', ip: '300.1.2.3' })),
        JSON.stringify(makeEvent({ id: 'nozone', time: '2024-01-09T07:12:03' })),
        JSON.stringify(good2),
      ];
      const body = ok(await post(lines.join('\n')));
      expect(body).toMatchObject({ accepted: 2, duplicate: 0, conflict: 0, rejected: 6 });
      const errs = new Map(body.errors.map((e) => [e.line, e]));
      const byLine = (n: number) => errs.get(n)!;
      expect(byLine(2).message).toMatch(/not valid JSON/);
      expect(byLine(3).message).toMatch(/not valid JSON/);
      expect(byLine(4)).toMatchObject({ id: 'wrongtype', issues: [{ path: 'account', message: 'must be a string, got number' }] });
      expect(byLine(5).issues![0]).toMatchObject({ path: 'kind' });
      expect(byLine(6).issues![0]).toMatchObject({ path: 'ip', message: 'must be an IPv4 or IPv6 address' });
      expect(byLine(7).issues![0]!.message).toMatch(/zone/);
      expect(await findEventById(t.database.db, good2.id)).toBeDefined();
    });

    it('accepts a JSON array, reporting bad elements by index', async () => {
      const a = makeEvent();
      const body = ok(await post(JSON.stringify([a, { id: 'x' }]), { 'content-type': 'application/json' }));
      expect(body).toMatchObject({ accepted: 1, rejected: 1 });
      expect(body.errors[0]).toMatchObject({ index: 1, id: 'x' });
    });

    it('refuses a JSON body that is not an array, and a body with no valid event', async () => {
      failed(await post(JSON.stringify(makeEvent()), { 'content-type': 'application/json' }), 400, 'BAD_REQUEST');
      const err = failed(await post('{"nope":1}\n'), 400, 'VALIDATION_FAILED');
      expect(err.details).toMatchObject({ rejected: 1 });
    });

    it('counts duplicates within one batch and across batches, and conflicts', async () => {
      const e = makeEvent();
      const first = ok(await post(toNdjson([e, e])));
      expect(first).toMatchObject({ accepted: 1, duplicate: 1 });
      const again = ok(await post(toNdjson([e, { ...e, account: 'other' }])));
      expect(again).toMatchObject({ accepted: 0, duplicate: 1, conflict: 1 });
      expect(again.conflicts).toEqual([{ line: 2, id: e.id }]);
      expect((await findEventById(t.database.db, e.id))?.account).toBe(e.account);
    });

    it('reads gzip bodies', async () => {
      const e = makeEvent();
      expect(ok(await post(gzipSync(toNdjson([e])), { 'content-encoding': 'gzip' })).accepted).toBe(1);
    });

    it('refuses a gzip bomb by its decompressed size without inflating it all', async () => {
      const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
      expect(bomb.length).toBeLessThan(1024 * 1024);
      const err = failed(await post(bomb, { 'content-encoding': 'gzip' }), 413, 'PAYLOAD_TOO_LARGE');
      expect(err.message).toMatch(/WARDEN_INGEST_MAX_DECOMPRESSED_BYTES/);
    });

    it('refuses corrupt gzip and unknown encodings', async () => {
      failed(await post(Buffer.from('not gzip'), { 'content-encoding': 'gzip' }), 400, 'BAD_REQUEST');
      failed(await post(toNdjson([makeEvent()]), { 'content-encoding': 'br' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('rejects a 10 MB line on its own and keeps the rest', async () => {
      const huge = JSON.stringify(makeEvent({ request: { prompt: 'x'.repeat(10 * 1024 * 1024) } }));
      const e = makeEvent();
      const body = ok(await post(`${huge}\n${JSON.stringify(e)}\n`));
      expect(body).toMatchObject({ accepted: 1, rejected: 1 });
      expect(body.errors[0]).toMatchObject({ line: 1 });
      expect(body.errors[0]!.message).toMatch(/longer than the limit/);
    });

    it('refuses a body over the size limit with 413', async () => {
      failed(await post(Buffer.alloc(17 * 1024 * 1024, 0x20)), 413, 'PAYLOAD_TOO_LARGE');
    });

    it('refuses a batch over the event limit with 413', async () => {
      const many = Array.from({ length: 5001 }, () => makeEvent({ kind: 'login' }));
      const err = failed(await post(toNdjson(many)), 413, 'PAYLOAD_TOO_LARGE');
      expect(err.message).toMatch(/WARDEN_INGEST_MAX_BATCH_EVENTS/);
    });

    it('refuses an empty body and a wrong content type', async () => {
      failed(await post(''), 400, 'BAD_REQUEST');
      failed(await post('\n \n'), 400, 'BAD_REQUEST');
      failed(await post('hello', { 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('rejects invalid UTF-8 by line', async () => {
      const e = makeEvent();
      const body = ok(await post(Buffer.concat([Buffer.from([0x7b, 0xc3, 0x28, 0x7d, 0x0a]), Buffer.from(JSON.stringify(e))])));
      expect(body.errors[0]).toMatchObject({ line: 1, message: 'line is not valid UTF-8' });
      expect(body.accepted).toBe(1);
    });

    it('treats hostile content as data: prototype keys, control characters, huge nesting', async () => {
      const proto = `{"id":"proto-${dialect}","time":"2024-01-09T07:12:03Z","kind":"login","account":"a","__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}`;
      const deep = `{"id":"deep-${dialect}","time":"2024-01-09T07:12:03Z","kind":"login","account":"a","x":${'['.repeat(5000)}${']'.repeat(5000)}}`;
      const ctl = JSON.stringify(makeEvent({ account: 'a\u0007b\u202e', device: "'; DROP TABLE events; --" }));
      const nul = JSON.stringify(makeEvent({ account: 'a\u0000b' }));
      const body = ok(await post([proto, deep, ctl, nul].join('\n')));
      expect(body.accepted).toBe(2);
      expect(body.errors.map((e) => e.line)).toEqual([2, 4]);
      expect(body.errors[0]!.message).toMatch(/nested more than 64 levels/);
      expect(body.errors[1]!.message).toMatch(/`account` contains the NUL character/);
      const stored = await findEventById(t.database.db, `proto-${dialect}`);
      expect(stored?.raw).toContain('__proto__');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(await countEvents(t.database.db)).toBeGreaterThan(0);
    });

    it('needs a live bearer key', async () => {
      const payload = toNdjson([makeEvent()]);
      failed(await t.app.inject({ method: 'POST', url: '/api/v1/events', payload, headers: { 'content-type': NDJSON } }), 401, 'UNAUTHENTICATED');
      failed(await post(payload, { authorization: 'Bearer wdn_unknown' }), 401, 'UNAUTHENTICATED');
      failed(await post(payload, { authorization: 'Basic abc' }), 401, 'UNAUTHENTICATED');
      const { key, secret } = await createApiKey(t.database.db, 'tmp', 'ingest', 2);
      expect((await post(payload, { authorization: `Bearer ${secret}` })).statusCode).toBe(200);
      await revokeApiKey(t.database.db, key.id, 3);
      failed(await post(payload, { authorization: `Bearer ${secret}` }), 401, 'UNAUTHENTICATED');
    });
  });
}

describe('health and metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t.close());

  it('answers liveness, readiness and Prometheus metrics', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject('/readyz')).json()).toEqual({ status: 'ready', database: 'sqlite' });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/events',
      payload: toNdjson([makeEvent()]),
      headers: { authorization: `Bearer ${t.key}`, 'content-type': NDJSON },
    });
    const metrics = await t.app.inject('/metrics');
    expect(metrics.headers['content-type']).toMatch(/text\/plain/);
    expect(metrics.body).toMatch(/warden_events_ingested_total\{outcome="accepted",source="api"\} 1/);
  });

  it('answers unknown API routes with the error body (other paths belong to the console)', async () => {
    const res = await t.app.inject('/api/v1/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

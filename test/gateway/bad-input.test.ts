import net from 'node:net';
import http from 'node:http';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startStubUpstream, type StubUpstream } from './upstream.js';
import { KEY, postJson, startTestGateway, until, type TestGateway } from './harness.js';

interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string };
}

function errorOf(text: string): OpenAiErrorBody['error'] {
  const body = JSON.parse(text) as OpenAiErrorBody;
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  return body.error;
}

/** Sends raw bytes on a fresh connection and returns everything the server answered before closing. */
function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(bytes));
    let out = '';
    s.setEncoding('utf8');
    s.on('data', (d: string) => (out += d));
    s.on('end', () => resolve(out));
    s.on('error', (e) => (out ? resolve(out) : reject(e)));
    s.setTimeout(5000, () => {
      s.destroy();
      resolve(out);
    });
  });
}

describe('gateway bad input', () => {
  let up: StubUpstream;
  let gw: TestGateway;
  let port: number;
  beforeAll(async () => {
    up = await startStubUpstream();
    gw = await startTestGateway(up.url, {
      config: {
        limits: { maxBodyBytes: 64 * 1024 },
        routes: [
          { path: '/v1/chat/completions', kind: 'chat', timeoutMs: 2000, retries: 0 },
          { path: '/v1/models*', kind: 'models' },
        ],
      },
    });
    port = gw.gateway.address()!.port;
  });
  afterAll(async () => {
    await gw.close();
    await up.close();
  });

  it('answers a malformed JSON body with an OpenAI-style 400 and forwards nothing', async () => {
    const before = up.seen.length;
    for (const body of ['{"model": "x", "messages": [', 'null', '[1,2]', '"text"', '\u0000\u0001']) {
      const r = await postJson(`${gw.url}/v1/chat/completions`, body);
      expect(r.status).toBe(400);
      const e = errorOf(r.text);
      expect(e.code).toBe('GATEWAY_BODY_INVALID');
      expect(e.type).toBe('invalid_request_error');
    }
    const typed = await postJson(`${gw.url}/v1/chat/completions`, { model: 7, messages: [] });
    expect(typed.status).toBe(400);
    expect(errorOf(typed.text).param).toBe('model');
    const notArray = await postJson(`${gw.url}/v1/chat/completions`, { model: 'm', messages: 'hi' });
    expect(errorOf(notArray.text).param).toBe('messages');
    expect(up.seen.length).toBe(before);
  });

  it('refuses a huge body with 413 naming the limit and the setting, declared or chunked', async () => {
    const before = up.seen.length;
    const big = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x'.repeat(200 * 1024) }] });
    const declared = await postJson(`${gw.url}/v1/chat/completions`, big);
    expect(declared.status).toBe(413);
    const e = errorOf(declared.text);
    expect(e.code).toBe('GATEWAY_BODY_TOO_LARGE');
    expect(e.message).toContain('65536 bytes');
    expect(e.message).toContain('limits.maxBodyBytes');

    async function* chunks() {
      for (let i = 0; i < 50; i++) yield Buffer.alloc(8 * 1024, 0x61);
      await Promise.resolve();
    }
    const chunked = await request(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: Readable.from(chunks()),
    });
    expect(chunked.statusCode).toBe(413);
    expect(errorOf(await chunked.body.text()).code).toBe('GATEWAY_BODY_TOO_LARGE');
    expect(up.seen.length).toBe(before);
  });

  it('answers a missing, malformed or unknown key with 401 before reading anything else', async () => {
    for (const authorization of [
      undefined,
      'Basic dXNlcjpwdw==',
      'Bearer',
      'Bearer wgk_unknown',
      `Bearer ${KEY}x`,
      `Bearer ${'a'.repeat(5000)}`,
    ]) {
      const r = await request(`${gw.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: '{"model":"m","messages":[{"role":"user","content":"hi"}]}',
      });
      expect(r.statusCode).toBe(401);
      expect(r.headers['www-authenticate']).toContain('Bearer');
      expect(errorOf(await r.body.text()).code).toBe('GATEWAY_KEY_INVALID');
    }
    const models = await request(`${gw.url}/v1/models`);
    expect(models.statusCode).toBe(401);
    await models.body.dump();
  });

  it('strips hop-by-hop headers both ways, those named in Connection included (RFC 9110 §7.6.1), and never forwards the gateway key', async () => {
    const r = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
      (resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            path: '/echo-headers',
            method: 'GET',
            headers: {
              authorization: `Bearer ${KEY}`,
              connection: 'keep-alive, x-secret-hop',
              'x-secret-hop': 'leak',
              'keep-alive': 'timeout=5',
              te: 'trailers',
              'proxy-authorization': 'Basic Zm9vOmJhcg==',
              upgrade: 'websocket',
              'x-warden-end-user': 'eu-1',
              'x-warden-device': 'dev-1',
              'x-custom': 'kept',
            },
          },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (d: string) => (body += d));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
          },
        );
        req.on('error', reject);
        req.end();
      },
    );
    expect(r.status).toBe(200);
    const seen = (JSON.parse(r.body) as { headers: Record<string, string> }).headers;
    for (const h of [
      'x-secret-hop',
      'keep-alive',
      'te',
      'proxy-authorization',
      'upgrade',
      'authorization',
      'x-warden-end-user',
      'x-warden-device',
    ]) {
      expect(seen[h], h).toBeUndefined();
    }
    expect(seen['x-custom']).toBe('kept');
    expect(r.headers['x-private-hop']).toBeUndefined();
    expect(r.headers['keep-alive']).not.toBe('timeout=5');
    await until(
      () => gw.events.some((e) => e.end_user === 'eu-1' && e.device === 'dev-1'),
      'the identity headers on the event',
    );
  });

  it('refuses CR/LF injected into a header and Transfer-Encoding with Content-Length (request smuggling) before the upstream sees them', async () => {
    const before = up.seen.length;
    const injected = await rawExchange(
      port,
      `GET /v1/models HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEY}\r\nX-Warden-End-User: a\rX-Injected: 1\r\n\r\n`,
    );
    expect(injected).toMatch(/^HTTP\/1\.1 400/);
    const smuggled = await rawExchange(
      port,
      `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEY}\r\nContent-Type: application/json\r\n` +
        `Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /v1/models HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEY}\r\n\r\n`,
    );
    expect(smuggled).toMatch(/^HTTP\/1\.1 400/);
    expect(smuggled.match(/HTTP\/1\.1/g)?.length).toBe(1);
    expect(up.seen.length).toBe(before);
  });

  it('keeps CR/LF in a body `user` on the event and out of every forwarded header', async () => {
    const r = await postJson(`${gw.url}/v1/chat/completions`, {
      model: 'm',
      user: 'eve\r\nX-Injected: 1',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(r.status).toBe(200);
    expect(up.seen.at(-1)!.headers['x-injected']).toBeUndefined();
    await until(
      () => gw.events.some((e) => e.end_user === 'eve\r\nX-Injected: 1'),
      'the event with the raw end user',
    );
  });

  it('passes a malformed SSE stream through to its end and records the failure on the event', async () => {
    const r = await postJson(`${gw.url}/v1/chat/completions`, {
      model: 'sse-malformed',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(r.status).toBe(200);
    expect(r.text).toContain('data: {this is not json');
    expect(r.text.trim().endsWith('data: [DONE]')).toBe(true);
    await until(
      () => gw.events.some((e) => (e.request as { model: string }).model === 'sse-malformed'),
      'the event',
    );
    const ext = gw.events.find((e) => (e.request as { model: string }).model === 'sse-malformed')!
      .x_warden_gateway as Record<string, unknown>;
    expect(ext.failure).toBe('malformed-answer');
    expect(ext.malformed_chunks).toBe(1);
  });

  it('ends a stream the upstream cut mid-way cleanly, with an SSE error event, and records the failure', async () => {
    const r = await postJson(`${gw.url}/v1/chat/completions`, {
      model: 'sse-cut',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(r.status).toBe(200);
    expect(r.text).toContain('Hello');
    expect(r.text).toContain('event: error');
    expect(r.text).toContain('GATEWAY_UPSTREAM_UNAVAILABLE');
    await until(
      () => gw.events.some((e) => (e.request as { model: string }).model === 'sse-cut'),
      'the event',
    );
    const e = gw.events.find((x) => (x.request as { model: string }).model === 'sse-cut')!;
    expect((e.x_warden_gateway as { failure: string }).failure).toBe('upstream-closed-mid-stream');
    expect((e.response as { content: string }).content).toBe('Hello wor');
  });

  it('pauses a never-ending upstream stream when the client does not read, and aborts it when the client leaves', async () => {
    const before = up.seen.length;
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    const body = JSON.stringify({
      model: 'sse-forever',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    socket.write(
      `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEY}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    socket.pause(); // never read: the client's receive window fills, then the gateway's, then the upstream's
    await until(() => up.forever.blocked > 0, 'the upstream to hit backpressure', 1000);
    // Once every buffer on the way is full the upstream stays blocked: it stops writing. Wait
    // until the count holds still for half a second (TCP autotuning grows buffers for a while).
    let written = up.forever.written;
    let still = 0;
    for (let i = 0; i < 200 && still < 5; i++) {
      await new Promise((r) => setTimeout(r, 100));
      still = up.forever.written === written ? still + 1 : 0;
      written = up.forever.written;
    }
    expect(still).toBe(5);
    // Bounded: the socket buffers along the way hold a few MB at most, never the whole stream.
    expect(written * 1000).toBeLessThan(64 * 1024 * 1024);
    socket.destroy();
    const seen = up.seen[before]!;
    expect(await seen.aborted).toBe(true);
  });

  it('aborts the upstream call when the client disconnects mid-stream', async () => {
    const before = up.seen.length;
    const ac = new AbortController();
    const r = await request(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'sse-forever',
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      }),
      signal: ac.signal,
    });
    for await (const _ of r.body) break;
    ac.abort();
    await until(() => up.seen.length > before, 'the upstream request');
    expect(await up.seen[before]!.aborted).toBe(true);
    await until(
      () => gw.events.some((e) => (e.x_warden_gateway as { failure?: string }).failure === 'client-aborted'),
      'the aborted event',
    );
  });
});

describe('gateway upstream failures', () => {
  it('answers 502 when the upstream refuses connections and 504 when it is too slow', async () => {
    const up = await startStubUpstream();
    const gw = await startTestGateway(up.url, {
      config: {
        upstreams: { dead: { url: 'http://127.0.0.1:1' } },
        routes: [
          { path: '/v1/chat/completions', kind: 'chat', timeoutMs: 200, retries: 0 },
          { path: '/dead/*', kind: 'passthrough', upstream: 'dead', retries: 2 },
        ],
      },
    });
    try {
      const dead = await postJson(`${gw.url}/dead/x`, {});
      expect(dead.status).toBe(502);
      expect(errorOf(dead.text)).toMatchObject({
        code: 'GATEWAY_UPSTREAM_UNAVAILABLE',
        type: 'server_error',
      });
      const slow = await postJson(`${gw.url}/v1/chat/completions`, {
        model: 'slow-2000',
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(slow.status).toBe(504);
      expect(errorOf(slow.text).code).toBe('GATEWAY_UPSTREAM_TIMEOUT');
      await until(
        () =>
          gw.events.filter((e) =>
            (e.x_warden_gateway as { failure?: string }).failure?.startsWith('upstream-'),
          ).length === 2,
        'both events',
      );
    } finally {
      await gw.close();
      await up.close();
    }
  });

  it('retries a lost connection for an idempotent method, never for a POST the upstream may have run', async () => {
    const up = await startStubUpstream();
    const gw = await startTestGateway(up.url, { config: { passthrough: { retries: 2 } } });
    try {
      const get = await request(`${gw.url}/flaky-once?id=get`, {
        headers: { authorization: `Bearer ${KEY}` },
      });
      expect(get.statusCode).toBe(200);
      await get.body.dump();
      expect(up.seen.filter((s) => s.url === '/flaky-once?id=get')).toHaveLength(2);
      const post = await postJson(`${gw.url}/flaky-once?id=post`, { n: 1 });
      expect(post.status).toBe(502);
      expect(up.seen.filter((s) => s.url === '/flaky-once?id=post')).toHaveLength(1);
    } finally {
      await gw.close();
      await up.close();
    }
  });

  it('refuses unlisted routes with 404 when configured to, and passes them through under identity otherwise', async () => {
    const up = await startStubUpstream();
    const closed = await startTestGateway(up.url, { config: { unlistedRoutes: 'not-found' } });
    const open = await startTestGateway(up.url);
    try {
      const r = await postJson(`${closed.url}/v1/files`, {});
      expect(r.status).toBe(404);
      expect(errorOf(r.text).code).toBe('GATEWAY_ROUTE_NOT_FOUND');
      const anon = await request(`${open.url}/v1/files`);
      expect(anon.statusCode).toBe(401);
      await anon.body.dump();
      const ok = await request(`${open.url}/echo-headers?x=1`, {
        headers: { authorization: `Bearer ${KEY}` },
      });
      expect(ok.statusCode).toBe(200);
      await ok.body.dump();
      expect(up.seen.at(-1)!.url).toBe('/echo-headers?x=1');
    } finally {
      await closed.close();
      await open.close();
      await up.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startStubUpstream, type StubUpstream } from './upstream.js';
import { KEY, postJson, startTestGateway, until, type TestGateway } from './harness.js';

describe('gateway proxy', () => {
  let up: StubUpstream;
  let gw: TestGateway;
  beforeAll(async () => {
    up = await startStubUpstream();
    gw = await startTestGateway(up.url);
  });
  afterAll(async () => {
    await gw.close();
    await up.close();
  });

  it('forwards a chat completion and records it as a request event', async () => {
    const r = await postJson(`${gw.url}/v1/chat/completions`, {
      model: 'gpt-test',
      messages: [{ role: 'user', content: 'Say hello' }],
      user: 'end-user-7',
    });
    expect(r.status).toBe(200);
    expect(
      (JSON.parse(r.text) as { choices: { message: { content: string } }[] }).choices[0]!.message.content,
    ).toBe('Hello from the stub');
    const seen = up.seen.at(-1)!;
    expect(seen.headers.authorization).toBeUndefined();
    await until(() => gw.events.length > 0, 'the event');
    const e = gw.events.at(-1)!;
    expect(e).toMatchObject({
      kind: 'request',
      account: 'acct_1',
      org: 'org_1',
      end_user: 'end-user-7',
      ip: '127.0.0.1',
      request: { model: 'gpt-test', messages: [{ role: 'user', content: 'Say hello' }], api_key: 'gk_one' },
      response: { content: 'Hello from the stub', refused: false, finish_reason: 'stop' },
      usage: { input_tokens: 11, output_tokens: 7 },
      x_warden_gateway: { decision: 'allow', status: 200, route: '/v1/chat/completions' },
    });
  });

  it('streams SSE through and accumulates content and the final usage chunk', async () => {
    const r = await request(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sse-4', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/event-stream');
    const text = await r.body.text();
    expect(text.trim().endsWith('data: [DONE]')).toBe(true);
    await until(
      () => gw.events.some((e) => (e.request as { model?: string }).model === 'sse-4'),
      'the stream event',
    );
    const e = gw.events.find((x) => (x.request as { model?: string }).model === 'sse-4')!;
    expect(e.response).toEqual({ content: 'Hello from the stub', finish_reason: 'stop', refused: false });
    expect(e.usage).toEqual({ input_tokens: 9, output_tokens: 4 });
  });
});

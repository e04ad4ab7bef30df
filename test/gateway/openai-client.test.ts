import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStubUpstream, type StubUpstream } from './upstream.js';
import { KEY, startTestGateway, until, type TestGateway } from './harness.js';

/** The official OpenAI SDK, unchanged but for its base URL and key, talks to the gateway. */
describe('an OpenAI client through the gateway', () => {
  let up: StubUpstream;
  let gw: TestGateway;
  let client: OpenAI;
  beforeAll(async () => {
    up = await startStubUpstream();
    gw = await startTestGateway(up.url);
    client = new OpenAI({ apiKey: KEY, baseURL: `${gw.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await gw.close();
    await up.close();
  });

  it('creates a chat completion', async () => {
    const c = await client.chat.completions.create({
      model: 'gpt-test',
      messages: [{ role: 'user', content: 'Hello?' }],
    });
    expect(c.choices[0]?.message.content).toBe('Hello from the stub');
    expect(c.usage?.total_tokens).toBe(18);
  });

  it('streams a chat completion chunk by chunk, with the usage chunk', async () => {
    const stream = await client.chat.completions.create({
      model: 'sse-12',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Count' }],
    });
    let text = '';
    let chunks = 0;
    let usage: number | undefined;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage.completion_tokens;
    }
    expect(chunks).toBe(14);
    expect(text.startsWith('Hello from the stub')).toBe(true);
    expect(usage).toBe(12);
    await until(
      () => gw.events.some((e) => (e.request as { model: string }).model === 'sse-12'),
      'the stream event',
    );
    const e = gw.events.find((x) => (x.request as { model: string }).model === 'sse-12')!;
    expect(e.usage).toEqual({ input_tokens: 9, output_tokens: 12 });
  });

  it('creates embeddings and lists models', async () => {
    const emb = await client.embeddings.create({ model: 'emb-test', input: ['one', 'two'] });
    expect(emb.data).toHaveLength(2);
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['gpt-test']);
  });

  it('surfaces a gateway refusal as the SDK error type a client already handles', async () => {
    const bad = new OpenAI({ apiKey: 'wgk_not_a_key', baseURL: `${gw.url}/v1`, maxRetries: 0 });
    const err = await bad.chat.completions
      .create({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((err as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('GATEWAY_KEY_INVALID');
  });
});

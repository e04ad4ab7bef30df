import { describe, expect, it } from 'vitest';
import { ResponseAccumulator } from './response-summary.js';

describe('ResponseAccumulator', () => {
  it('accumulates chat SSE split at any byte, with CRLF lines and the usage chunk', () => {
    const sse =
      'data: {"choices":[{"delta":{"content":"Hel"}}]}\r\n\r\n' +
      'data: {"choices":[{"delta":{"content":"lo"},"finish_reason":"stop"}]}\n\n' +
      'data: {"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2}}\n\n' +
      'data: [DONE]\n\n';
    for (const cut of [1, 7, 50, sse.length]) {
      const acc = new ResponseAccumulator('chat', 100);
      for (let i = 0; i < sse.length; i += cut) acc.sse(sse.slice(i, i + cut));
      expect(acc.finish()).toEqual({
        content: 'Hello',
        finishReason: 'stop',
        inputTokens: 3,
        outputTokens: 2,
        refused: false,
        complete: true,
        malformedChunks: 0,
      });
    }
  });

  it('reads the responses API stream and its final usage', () => {
    const acc = new ResponseAccumulator('responses', 100);
    acc.sse(
      'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"Hi"}\n\n',
    );
    acc.sse(
      'data: {"type":"response.completed","response":{"status":"completed","usage":{"input_tokens":4,"output_tokens":1}}}\n\n',
    );
    expect(acc.finish()).toMatchObject({
      content: 'Hi',
      finishReason: 'completed',
      inputTokens: 4,
      outputTokens: 1,
      complete: true,
    });
  });

  it('marks refusals and content filters, caps content, and counts garbage instead of throwing', () => {
    const refused = new ResponseAccumulator('chat', 5);
    refused.json(
      '{"choices":[{"message":{"content":"I cannot help with that","refusal":"no"},"finish_reason":"content_filter"}]}',
    );
    expect(refused.finish()).toMatchObject({
      content: 'I can',
      refused: true,
      finishReason: 'content_filter',
    });
    const junk = new ResponseAccumulator('chat', 5);
    junk.sse('data: {not json\n\ndata: 42\n\n: comment\n\n');
    junk.json('[]');
    expect(junk.finish()).toMatchObject({ malformedChunks: 3, complete: false });
    const long = new ResponseAccumulator('chat', 5);
    long.sse(`data: ${'x'.repeat(2 << 20)}`);
    long.sse('\n\ndata: [DONE]\n\n');
    expect(long.finish().complete).toBe(true);
  });
});

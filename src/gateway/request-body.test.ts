import { describe, expect, it } from 'vitest';
import { BodyFieldError, degradeBody, readBodyFacts } from './request-body.js';

describe('readBodyFacts', () => {
  it('reads chat messages, text parts, tools and the end user, preferring safety_identifier', () => {
    const f = readBodyFacts(
      'chat',
      {
        model: 'gpt-4o',
        stream: true,
        user: 'u-old',
        safety_identifier: 'u-new',
        tools: [{ type: 'function' }],
        messages: [
          { role: 'developer', content: 'Be brief.' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Hello' },
              { type: 'image_url', image_url: { url: 'x' } },
              { type: 'text', text: 'there' },
            ],
          },
          { role: 'assistant', content: 'Hi' },
          { role: 'function', content: 'result' },
        ],
      },
      'header-user',
    );
    expect(f).toEqual({
      model: 'gpt-4o',
      stream: true,
      hasTools: true,
      endUser: 'u-new',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello\nthere' },
        { role: 'assistant', content: 'Hi' },
        { role: 'tool', content: 'result' },
      ],
      text: 'Be brief.\nHello\nthere',
    });
  });

  it('reads completions, responses and embeddings inputs; token arrays carry no text', () => {
    expect(readBodyFacts('completions', { prompt: ['a', 'b'] }, undefined).prompt).toBe('a\nb');
    expect(readBodyFacts('embeddings', { input: [1, 2, 3] }, undefined).prompt).toBeUndefined();
    const r = readBodyFacts(
      'responses',
      {
        instructions: 'Sys',
        input: [
          { role: 'user', content: [{ type: 'input_text', text: 'Q' }] },
          { type: 'function_call_output', output: 'x' },
        ],
      },
      'eu',
    );
    expect(r.messages).toEqual([
      { role: 'system', content: 'Sys' },
      { role: 'user', content: 'Q' },
    ]);
    expect(r.endUser).toBe('eu');
    expect(readBodyFacts('responses', { input: 'plain' }, undefined).text).toBe('plain');
  });

  it('names the field of the wrong type', () => {
    const param = (kind: Parameters<typeof readBodyFacts>[0], body: Record<string, unknown>) => {
      try {
        readBodyFacts(kind, body, undefined);
        return undefined;
      } catch (e) {
        return e instanceof BodyFieldError ? e.param : 'other';
      }
    };
    expect(param('chat', { model: 1 })).toBe('model');
    expect(param('chat', { stream: 'yes' })).toBe('stream');
    expect(param('chat', { user: {} })).toBe('user');
    expect(param('chat', { messages: {} })).toBe('messages');
    expect(param('chat', { messages: [null] })).toBe('messages[0]');
    expect(param('completions', { prompt: 5 })).toBe('prompt');
    expect(param('chat', { messages: [{ role: { toString: 'x' }, content: 'hi' }] })).toBeUndefined();
  });
});

describe('degradeBody', () => {
  it('swaps the model, strips every tool field and caps tokens without raising them', () => {
    const body = {
      model: 'big',
      tools: [],
      tool_choice: 'auto',
      functions: [],
      function_call: 'auto',
      parallel_tool_calls: true,
      max_tokens: 4000,
      messages: [],
    };
    expect(degradeBody(body, { model: 'small', stripTools: true, maxTokens: 256 })).toEqual({
      model: 'small',
      max_tokens: 256,
      messages: [],
    });
    expect(degradeBody({ max_completion_tokens: 10 }, { maxTokens: 256 })).toEqual({
      max_completion_tokens: 10,
    });
    expect(degradeBody({ input: 'x' }, { maxTokens: 64 })).toEqual({ input: 'x', max_output_tokens: 64 });
    expect(degradeBody({ messages: [] }, { maxTokens: 64 })).toEqual({ messages: [], max_tokens: 64 });
  });

  it('keeps a hostile __proto__ key as data, never as a prototype', () => {
    const body = JSON.parse('{"model":"m","__proto__":{"polluted":true}}') as Record<string, unknown>;
    const out = degradeBody(body, { model: 'small' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(out)).toContain('"__proto__"');
  });
});

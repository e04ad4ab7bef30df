import { request } from 'undici';
import type { PostJson } from '../content/index.js';

/**
 * The I/O half of the second stage: an undici POST with a hard timeout, injected into
 * `createSecondStage` so the content core stays pure. Works against any OpenAI-compatible
 * chat-completions server (vLLM, Ollama, llama.cpp server).
 */
export function undiciPostJson(): PostJson {
  return async (url, body, { timeoutMs, headers }) => {
    const res = await request(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.body.text();
    return { status: res.statusCode, json: parseOrNull(text) };
  };
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

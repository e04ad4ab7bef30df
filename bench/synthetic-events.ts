import { seededRandom } from '../src/util/seeded-random.js';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const prompts = [
  'Write a Python function that merges two sorted lists and explain its complexity.',
  'Translate this paragraph about radar cross sections into English, keeping the technical terms.',
  'Draft a friendly email to our customers announcing the new pricing for the spring season.',
  'Why does my regex for ISO dates fail on inputs like 2024-02-30? Suggest a stricter pattern.',
  'Summarise the main arguments of the attached article about renewable energy subsidies.',
  'Explain how TLS certificate pinning works in mobile apps and when it is a good idea.',
];

/**
 * Writes `count` realistic events (sign-ups, logins, keys, cards and ~250-character requests
 * from `accounts` accounts) as NDJSON, in time order.
 */
export async function writeSyntheticEvents(path: string, count: number, accounts = Math.max(10, Math.floor(count / 10)), seed = 1): Promise<void> {
  const rnd = seededRandom(seed);
  const out = createWriteStream(path);
  const start = Date.parse('2024-01-01T00:00:00Z');
  let buf = '';
  for (let i = 0; i < count; i++) {
    const a = Math.floor(rnd() * accounts);
    const time = new Date(start + i * 1000).toISOString();
    const ip = `10.${(a >> 8) & 255}.${a & 255}.${Math.floor(rnd() * 4)}`;
    const base = `"id":"ev-${i}","time":"${time}","account":"acct_${a}","ip":"${ip}","device":"dev-${a % 50000}","user_agent":"Mozilla/5.0 (X11; Linux x86_64) Client/${a % 7}"`;
    const r = rnd();
    let line: string;
    if (r < 0.05) line = `{${base},"kind":"account.created","profile":{"email":"user.${a}+tag@example.com","country":"US","phone":"+1 555 01${a % 10000}"}}`;
    else if (r < 0.08) line = `{${base},"kind":"payment_method.added","payment":{"fingerprint":"pm-${a % 30000}","brand":"visa"}}`;
    else if (r < 0.1) line = `{${base},"kind":"api_key.created","api_key":{"id":"key-${a}"}}`;
    else if (r < 0.25) line = `{${base},"kind":"login"}`;
    else {
      const p = prompts[Math.floor(rnd() * prompts.length)]!;
      line = `{${base},"kind":"request","request":{"model":"gpt-4o","api_key":"key-${a}","messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":${JSON.stringify(`${p} (${i})`)}}]},"response":{"refused":false,"finish_reason":"stop"},"usage":{"input_tokens":${60 + (i % 40)},"output_tokens":${100 + (i % 300)}}}`;
    }
    buf += line + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

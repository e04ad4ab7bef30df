import type { WardenEvent } from './event.schema.js';

/**
 * The text a user put to the model in a request: user messages and the bare prompt, joined. System
 * and assistant turns are the provider's or the model's words and say nothing about intent.
 */
export function requestText(e: WardenEvent): string {
  const r = e.request;
  if (!r) return '';
  const parts: string[] = [];
  if (r.prompt) parts.push(r.prompt);
  for (const m of r.messages ?? []) if (m.role === 'user' && m.content) parts.push(m.content);
  return parts.join('\n');
}

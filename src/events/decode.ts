import sjson from 'secure-json-parse';
import { extractEntities, type EntityRef } from './entities.js';
import type { WardenEvent } from './event.schema.js';
import { formatIssues, parseEvent, type EventIssue } from './parse-event.js';
import { timestampMs } from './timestamp.js';

/** An event that passed validation, with what the store and the pipeline derive from it. */
export interface DecodedEvent {
  /** Line number in the input (1-based), or index for a JSON array (0-based). */
  position: number;
  event: WardenEvent;
  /** The event as received, verbatim when it came as a line of text. */
  raw: string;
  timeMs: number;
  entities: EntityRef[];
}

export interface Rejection {
  position: number;
  /** The event's id when it could be read, to help a sender find it. */
  id?: string;
  reason: string;
  issues?: EventIssue[];
}

export type DecodeResult = { ok: true; value: DecodedEvent } | { ok: false; rejection: Rejection };

/** Deeper nesting than any real event needs; past it, recursive code (hashing, export) risks the stack. */
export const MAX_DEPTH = 64;

function tooDeep(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > MAX_DEPTH) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

function decodedFrom(position: number, value: unknown, raw: string): DecodeResult {
  if (tooDeep(value)) {
    return { ok: false, rejection: { position, reason: `nested more than ${MAX_DEPTH} levels deep; flatten unknown fields` } };
  }
  const parsed = parseEvent(value);
  if (!parsed.ok) {
    const id = (value as { id?: unknown } | null)?.id;
    const rejection: Rejection = { position, reason: formatIssues(parsed.issues), issues: parsed.issues };
    if (typeof id === 'string') rejection.id = id;
    return { ok: false, rejection };
  }
  const event = parsed.event;
  const entities = extractEntities(event);
  // PostgreSQL text cannot hold U+0000, and an id or shared value with it is never legitimate.
  const nul = event.id.includes('\u0000') ? { type: 'id' } : entities.find((r) => r.value.includes('\u0000'));
  if (nul) {
    return {
      ok: false,
      rejection: { position, id: event.id, reason: `\`${nul.type}\` contains the NUL character (U+0000), which Warden does not index; remove it` },
    };
  }
  return {
    ok: true,
    value: { position, event, raw, timeMs: timestampMs(event.time), entities },
  };
}

/** Parses JSON without letting `__proto__` or `constructor.prototype` keys shape the result. */
export function parseJsonSafely(text: string): unknown {
  // Without these substrings no key can decode to `__proto__` or `constructor`: plain JSON.parse.
  if (!text.includes('__proto__') && !text.includes('constructor') && !text.includes('\\u')) return JSON.parse(text);
  return sjson.parse(text, undefined, { protoAction: 'remove', constructorAction: 'remove' });
}

/** Decodes one NDJSON line of text into an event, or says why not. */
export function decodeLine(position: number, text: string): DecodeResult {
  let value: unknown;
  try {
    // Drops `__proto__` and `constructor.prototype` keys, which would otherwise give the parsed
    // event a prototype of the sender's choosing; the raw line is still stored verbatim.
    value = parseJsonSafely(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return { ok: false, rejection: { position, reason: `not valid JSON (${detail}); each line must be one JSON object` } };
  }
  return decodedFrom(position, value, text.trim());
}

/** Decodes one element of a JSON array body. */
export function decodeValue(position: number, value: unknown): DecodeResult {
  return decodedFrom(position, value, JSON.stringify(value));
}

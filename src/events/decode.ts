import { contentHash } from './canonical.js';
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
  hash: string;
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

function decodedFrom(position: number, value: unknown, raw: string): DecodeResult {
  const parsed = parseEvent(value);
  if (!parsed.ok) {
    const id = (value as { id?: unknown } | null)?.id;
    const rejection: Rejection = { position, reason: formatIssues(parsed.issues), issues: parsed.issues };
    if (typeof id === 'string') rejection.id = id;
    return { ok: false, rejection };
  }
  const event = parsed.event;
  return {
    ok: true,
    value: { position, event, raw, hash: contentHash(value), timeMs: timestampMs(event.time), entities: extractEntities(event) },
  };
}

/** Decodes one NDJSON line of text into an event, or says why not. */
export function decodeLine(position: number, text: string): DecodeResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
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

import { createHash } from 'node:crypto';
import { mapEventText } from './event-text.js';

/** The prefix of a purged text; the event stays valid (non-empty strings) and replayable. */
export const purgedPrefix = '[purged';

/**
 * What replaces a purged text: its length in UTF-16 units and a SHA-256 prefix, so analysts can
 * still see that two accounts sent the same prompt, and features that count length survive.
 */
export function purgedMarker(text: string): string {
  if (isPurged(text)) return text;
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 32);
  return `${purgedPrefix} len=${text.length} sha256=${digest}]`;
}

export function isPurged(text: string): boolean {
  return text.startsWith(purgedPrefix) && /^\[purged len=\d+ sha256=[0-9a-f]{32}\]$/.test(text);
}

/** An event with every prompt and response text replaced by its marker. */
export function purgeEventText(event: unknown): unknown {
  return mapEventText(event, purgedMarker);
}

import { request } from 'undici';
import type { DecodedEvent } from '../events/index.js';
import { ingestValues } from '../ingest/index.js';
import type { Logger } from '../observability/index.js';
import type { Database } from '../store/index.js';
import type { EventSink } from './event-queue.js';

/**
 * Embedded mode: the store's ingest path and the live pipeline, exactly as `POST /api/v1/events`
 * feeds them. Events that break the schema are counted in the log (never their content); a
 * database failure throws so the queue retries the batch.
 */
export function storeEventSink(deps: {
  database: Database;
  now: () => number;
  onCommitted?: (events: DecodedEvent[]) => void | Promise<void>;
  logger?: Logger;
}): EventSink {
  const ingestDeps = {
    database: deps.database,
    now: deps.now,
    ...(deps.onCommitted ? { onCommitted: deps.onCommitted } : {}),
  };
  return {
    async write(events) {
      const counts = await ingestValues(ingestDeps, [...events], {
        onRejected: (r) =>
          deps.logger?.warn(
            { position: r.position, id: r.id, reason: r.reason },
            'gateway event rejected by the event schema',
          ),
      });
      if (counts.rejected > 0) deps.logger?.warn({ rejected: counts.rejected }, 'gateway events rejected');
    },
  };
}

/**
 * Scale-out mode: posts batches to a remote Warden's `POST /api/v1/events` as NDJSON with an
 * `ingest` key. A 400 means every event broke the schema (retrying cannot help, so the batch is
 * logged and dropped); any other failure throws and the queue retries, spilling meanwhile.
 */
export function remoteEventSink(options: {
  url: string;
  key: string;
  timeoutMs?: number;
  logger?: Logger;
}): EventSink {
  const endpoint = new URL('/api/v1/events', options.url).toString();
  return {
    async write(events) {
      const body = `${events.map((e) => JSON.stringify(e)).join('\n')}\n`;
      const r = await request(endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.key}`, 'content-type': 'application/x-ndjson' },
        body,
        headersTimeout: options.timeoutMs ?? 30_000,
        bodyTimeout: options.timeoutMs ?? 30_000,
      });
      const text = await r.body.text();
      if (r.statusCode === 200) return;
      if (r.statusCode === 400) {
        options.logger?.error(
          { status: r.statusCode, events: events.length },
          'remote Warden rejected every gateway event of a batch',
        );
        return;
      }
      throw new Error(`remote Warden answered ${r.statusCode} to POST /api/v1/events: ${text.slice(0, 200)}`);
    },
  };
}

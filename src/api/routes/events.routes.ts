import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors/index.js';
import { readLines, type Rejection } from '../../events/index.js';
import { ingestLines, ingestValues, type IngestCounts } from '../../ingest/index.js';
import type { AppDeps } from '../deps.js';
import { registerEventReads } from './event-reads.js';
import { errorResponseSchema, ingestResponseSchema, type IngestResponse } from './events.schema.js';

const gunzipAsync = promisify(gunzip);
const ndjsonTypes = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines'];

async function decodeBody(req: FastifyRequest, body: Buffer, maxDecompressed: number): Promise<Buffer> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
  if (encoding === 'identity') return body;
  if (encoding !== 'gzip' && encoding !== 'x-gzip') {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Content-Encoding "${encoding}" is not supported; send gzip or none.`);
  }
  try {
    return await gunzipAsync(body, { maxOutputLength: maxDecompressed });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `Decompressed body is over ${maxDecompressed} bytes (WARDEN_INGEST_MAX_DECOMPRESSED_BYTES); send smaller batches.`,
      );
    }
    throw new AppError('BAD_REQUEST', 'Body is not valid gzip though Content-Encoding says gzip.', { cause: err });
  }
}

function countLines(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(0x0a); i !== -1; i = buf.indexOf(0x0a, i + 1)) n++;
  return buf.length > 0 && buf[buf.length - 1] !== 0x0a ? n + 1 : n;
}

/**
 * `POST /api/v1/events`: NDJSON or a JSON array of events, optionally gzipped. Valid events are
 * committed before the answer is sent (an acknowledged event is durable); each bad one is
 * reported by line or index and does not stop the rest.
 */
export function eventsRoutes(deps: AppDeps) {
  return (app: FastifyInstance): Promise<void> => {
    const { ingest, server } = deps.config;
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser(
      ['application/json', ...ndjsonTypes],
      { parseAs: 'buffer', bodyLimit: server.bodyLimitBytes },
      (_req, body, done) => done(null, body),
    );

    app.post(
      '/api/v1/events',
      {
        config: { permission: 'events:write' },
        schema: {
          summary: 'Ingest events (NDJSON or a JSON array, optionally gzipped)',
          tags: ['events'],
          response: {
            200: z.toJSONSchema(ingestResponseSchema, { target: 'draft-7' }),
            '4xx': z.toJSONSchema(errorResponseSchema, { target: 'draft-7' }),
          },
        },
      },
      async (req) => {
        const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (!Buffer.isBuffer(req.body)) {
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send events as ${ndjsonTypes[0]} or application/json (an array).`);
        }
        const body = await decodeBody(req, req.body, ingest.maxDecompressedBytes);
        if (body.length === 0 || body.toString('utf8', 0, Math.min(body.length, 64)).trim() === '' && body.every((b) => b <= 0x20)) {
          throw new AppError('BAD_REQUEST', 'Empty body: send at least one event.');
        }
        const errors: IngestResponse['errors'] = [];
        const conflicts: IngestResponse['conflicts'] = [];
        const isArray = mediaType === 'application/json';
        const at = (position: number) => (isArray ? { index: position } : { line: position });
        const onRejected = (r: Rejection) => {
          const e: IngestResponse['errors'][number] = { ...at(r.position), message: r.reason };
          if (r.id !== undefined) e.id = r.id;
          if (r.issues) e.issues = r.issues;
          errors.push(e);
        };
        const onConflict = (c: { position: number; id: string }) => conflicts.push({ ...at(c.position), id: c.id });
        const ingestDeps = { database: deps.database, now: deps.now, ...(deps.onEventsCommitted ? { onCommitted: deps.onEventsCommitted } : {}) };

        let counts: IngestCounts;
        if (isArray) {
          let values: unknown;
          try {
            values = JSON.parse(body.toString('utf8'));
          } catch (err) {
            throw new AppError('BAD_REQUEST', `Body is not valid JSON (${(err as Error).message}); send an array of events, or NDJSON as ${ndjsonTypes[0]}.`);
          }
          if (!Array.isArray(values)) {
            throw new AppError('BAD_REQUEST', 'An application/json body must be an array of events; send one event as [ {...} ].');
          }
          if (values.length > ingest.maxBatchEvents) {
            throw new AppError('PAYLOAD_TOO_LARGE', `Batch of ${values.length} events is over the limit of ${ingest.maxBatchEvents} (WARDEN_INGEST_MAX_BATCH_EVENTS).`);
          }
          counts = await ingestValues(ingestDeps, values, { onRejected, onConflict });
        } else {
          const lines = countLines(body);
          if (lines > ingest.maxBatchEvents) {
            throw new AppError('PAYLOAD_TOO_LARGE', `Batch of ${lines} lines is over the limit of ${ingest.maxBatchEvents} (WARDEN_INGEST_MAX_BATCH_EVENTS).`);
          }
          async function* one() {
            yield await Promise.resolve(body);
          }
          counts = await ingestLines(ingestDeps, readLines(one(), { maxLineBytes: ingest.maxLineBytes }), {
            commitEvery: ingest.maxBatchEvents,
            onRejected,
            onConflict,
          });
        }
        const m = deps.metrics.eventsIngested;
        for (const outcome of ['accepted', 'duplicate', 'conflict', 'rejected'] as const) {
          if (counts[outcome] > 0) m.inc({ outcome, source: 'api' }, counts[outcome]);
        }
        req.log.info({ ...counts, key: req.apiKey?.id }, 'events ingested');
        if (counts.accepted + counts.duplicate + counts.conflict === 0) {
          throw new AppError('VALIDATION_FAILED', `No valid event in the body: ${counts.rejected} rejected; see details.errors.`, {
            details: { accepted: 0, duplicate: 0, conflict: 0, rejected: counts.rejected, errors: errors.slice(0, 1000) },
          });
        }
        return { accepted: counts.accepted, duplicate: counts.duplicate, conflict: counts.conflict, rejected: counts.rejected, errors, conflicts };
      },
    );
    registerEventReads(app, deps);
    return Promise.resolve();
  };
}

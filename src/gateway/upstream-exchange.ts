import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';
import type { Dispatcher } from 'undici';
import type { Logger } from '../observability/index.js';
import type { RequestRecord } from './gateway-event.js';
import { downstreamHeaders } from './headers.js';
import { sendOpenAiError } from './openai-error.js';
import { ResponseAccumulator } from './response-summary.js';
import type { ResolvedRoute } from './routing.js';

const idempotent = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** Largest JSON answer kept to read its usage and content for the event. */
const maxCapture = 2 * 1024 * 1024;

function isConnectionRefused(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e.code === 'ECONNREFUSED' || e.cause?.code === 'ECONNREFUSED';
}

function isTimeout(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT'
  );
}

/** One request's trip to its upstream, as the gateway hands it over. */
export interface ExchangeRequest {
  id: string;
  res: ServerResponse;
  record: RequestRecord;
  route: ResolvedRoute;
  method: string;
  /** The client's path and query, sent after the upstream's base path. */
  url: string;
  headers: Record<string, string | string[]>;
  body: Buffer | undefined;
  maxResponseChars: number;
  logger: Logger | undefined;
  /** Called upstream errors and ends: the upstream latency histogram and error counter. */
  onUpstream?: (outcome: 'ok' | 'timeout' | 'unavailable' | 'broke-off', seconds: number) => void;
}

/**
 * Forwards one request over the route's pool with undici's `dispatch` and relays the answer
 * straight from the upstream's socket to the client's: no promise, `AbortController` or body
 * stream per request (undici's `request()` builds all three), which is most of what the
 * gateway spent per request beyond the two sockets themselves (bench/NOTES-gateway.md).
 * Backpressure: a client that reads slowly pauses the upstream socket until it drains.
 * Returns the function that aborts the upstream (the client went away).
 */
export function forwardUpstream(x: ExchangeRequest): () => void {
  const exchange = new Exchange(x, 0);
  return () => exchange.abort();
}

class Exchange implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private aborted = false;
  private started = false;
  private readonly t0 = performance.now();
  private acc: ResponseAccumulator | undefined;
  private decoder: StringDecoder | undefined;
  private captured: Buffer[] | undefined;
  private capturedBytes = 0;
  private sse = false;
  private length = Number.NaN;
  private relayed = 0;
  /** Set once a retry took over: this attempt's late callbacks must not touch the response. */
  private superseded: Exchange | undefined;

  constructor(
    private readonly x: ExchangeRequest,
    private readonly attempt: number,
  ) {
    const r = x.route;
    r.upstream.pool.dispatch(
      {
        path: r.upstream.basePath + x.url,
        method: x.method,
        headers: x.headers,
        body: x.body ?? null,
        headersTimeout: r.timeoutMs,
        bodyTimeout: r.idleTimeoutMs,
      },
      this,
    );
  }

  abort(): void {
    if (this.superseded) return this.superseded.abort();
    this.aborted = true;
    this.controller?.abort(new Error('client went away'));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    // The client left while the request waited for a free connection.
    if (this.aborted || this.x.res.destroyed) controller.abort(new Error('client went away'));
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ): void {
    if (statusCode < 200) return; // 1xx informational answers are the hop's business (RFC 9110 §15.2)
    const { res, record, route } = this.x;
    this.started = true;
    record.upstreamMs = performance.now() - this.t0;
    if (res.destroyed) {
      controller.abort(new Error('client went away'));
      return;
    }
    const contentType = String(headers['content-type'] ?? '');
    this.sse = contentType.startsWith('text/event-stream');
    if (route.kind !== 'models' && route.kind !== 'passthrough') {
      this.acc = new ResponseAccumulator(route.kind, this.x.maxResponseChars);
      if (this.sse) this.decoder = new StringDecoder('utf8');
      else if (contentType.includes('json')) this.captured = [];
    }
    if (headers['transfer-encoding'] === undefined) this.length = Number(headers['content-length']);
    res.writeHead(statusCode, downstreamHeaders(headers));
    res.on('drain', () => this.controller?.resume());
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    const res = this.x.res;
    if (res.destroyed) return;
    this.relayed += chunk.length;
    // The last chunk of a fixed-length answer goes out with the headers in one write.
    if (this.relayed === this.length) res.end(chunk);
    else if (!res.write(chunk)) controller.pause();
    if (this.decoder) this.acc!.sse(this.decoder.write(chunk));
    else if (this.captured && this.capturedBytes < maxCapture) {
      this.captured.push(chunk);
      this.capturedBytes += chunk.length;
    }
  }

  onResponseEnd(): void {
    const { res, record } = this.x;
    const acc = this.acc;
    if (acc) {
      if (this.captured && this.capturedBytes < maxCapture)
        acc.json(Buffer.concat(this.captured, this.capturedBytes).toString('utf8'));
      record.response = acc.finish();
      if (this.sse && !record.response.complete) record.failure = 'stream-incomplete';
      else if (record.response.malformedChunks > 0) record.failure = 'malformed-answer';
    }
    this.x.onUpstream?.('ok', (performance.now() - this.t0) / 1000);
    if (!res.writableEnded) res.end();
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    const { res, record, route, id, logger } = this.x;
    if (this.started) {
      if (this.acc) record.response = this.acc.finish();
      if (res.destroyed) return;
      record.failure = isTimeout(err) ? 'upstream-idle-timeout' : 'upstream-closed-mid-stream';
      this.x.onUpstream?.('broke-off', (performance.now() - this.t0) / 1000);
      logger?.warn(
        { id, route: route.path, code: (err as { code?: string }).code },
        'gateway: upstream answer broke off',
      );
      if (this.sse && Number.isNaN(this.length)) {
        // A clean end the client's SSE parser understands, rather than a reset (OpenAI streams
        // report errors in-band the same way).
        const payload = JSON.stringify({
          error: {
            message: `The model server's stream broke off. Support reference: ${id}.`,
            type: 'server_error',
            param: null,
            code: 'GATEWAY_UPSTREAM_UNAVAILABLE',
          },
        });
        res.end(`\n\nevent: error\ndata: ${payload}\n\n`);
      } else res.destroy();
      return;
    }
    if (this.aborted || res.destroyed) return;
    // Nothing reached the client yet: a retry is invisible to it. Safe only when the upstream
    // never saw the request (refused connection) or the method is idempotent.
    if (this.attempt < route.retries && (isConnectionRefused(err) || idempotent.has(this.x.method))) {
      this.superseded = new Exchange(this.x, this.attempt + 1);
      return;
    }
    const timeout = isTimeout(err);
    record.failure = timeout ? 'upstream-timeout' : 'upstream-unavailable';
    this.x.onUpstream?.(timeout ? 'timeout' : 'unavailable', (performance.now() - this.t0) / 1000);
    logger?.warn(
      { id, route: route.path, upstream: route.upstream.name, code: (err as { code?: string }).code },
      'gateway: upstream failed',
    );
    sendOpenAiError(res, timeout ? 504 : 502, {
      code: timeout ? 'GATEWAY_UPSTREAM_TIMEOUT' : 'GATEWAY_UPSTREAM_UNAVAILABLE',
      type: 'server_error',
      message: timeout
        ? `The model server did not answer within ${route.timeoutMs} ms. Support reference: ${id}.`
        : `The model server is unavailable. Support reference: ${id}.`,
    });
  }
}

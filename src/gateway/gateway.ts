import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { Dispatcher } from 'undici';
import type { BlockProbe } from '../enforcement/index.js';
import type { Logger } from '../observability/index.js';
import type { GatewayFileConfig } from './gateway-config.schema.js';
import { buildRequestEvent, type RequestRecord } from './gateway-event.js';
import { bearerToken, downstreamHeaders, upstreamHeaders } from './headers.js';
import { clientAddress, compileTrustedProxies, type TrustedProxies } from './client-address.js';
import type { KeyDirectory } from './key-directory.js';
import { sendOpenAiError, refusal } from './openai-error.js';
import type { Decision, RequestFacts, RequestIdentity } from './policy/decision.types.js';
import { BodyFieldError, degradeBody, readBodyFacts, type BodyFacts } from './request-body.js';
import { ResponseAccumulator } from './response-summary.js';
import { RouteTable, type ResolvedRoute } from './routing.js';

/** Where an account's known values (devices, payments, emails, phones) come from. */
export interface AccountValuesSource {
  /** Cached values, or undefined when the account has not been loaded yet. */
  peek(account: string): readonly BlockProbe[] | undefined;
  load(account: string): Promise<readonly BlockProbe[]>;
}

/** What the policy is told beyond the request facts. */
export interface DecideExtra {
  /** Set when an input of detection was missing (its lookup failed or ran over its wait): the fail mode applies. */
  inputFailure?: { kind: 'error' | 'timeout'; detail: string };
}

/** What a finished request tells the policy (upstream refusals feed velocity rules). */
export interface RequestOutcome {
  facts: RequestFacts;
  refused: boolean;
}

export interface GatewayDeps {
  config: GatewayFileConfig;
  /** `WARDEN_GATEWAY_UPSTREAM`: the `default` upstream when the file names none. */
  defaultUpstream: string;
  keys: KeyDirectory;
  /** The policy, synchronous: request facts in, decision out (src/gateway/policy). */
  decide: (facts: RequestFacts, extra: DecideExtra) => Decision;
  onOutcome?: (outcome: RequestOutcome) => void;
  accountValues?: AccountValuesSource;
  /** Takes each request's event; must not block (the spilling queue's `push`). */
  emit?: (event: Record<string, unknown>) => void;
  logger?: Logger;
  now?: () => number;
}

export interface Gateway {
  readonly server: http.Server;
  /** `backlog`: connections the kernel queues before they are accepted (capped by `net.core.somaxconn`). */
  listen(port: number, host?: string, backlog?: number): Promise<AddressInfo>;
  address(): AddressInfo | null;
  /** Swaps routes, upstreams and limits; requests in flight finish on what they started with. */
  reload(config: GatewayFileConfig): void;
  /** Requests being served now. */
  readonly inFlight: number;
  /** Stops accepting, lets requests in flight finish (up to `graceMs`), then closes the pools. */
  close(graceMs?: number): Promise<void>;
}

interface ServingState {
  config: GatewayFileConfig;
  routes: RouteTable;
  trusted: TrustedProxies;
  /** Identity headers, dropped before the request goes upstream. */
  drop: ReadonlySet<string>;
}

const jsonKinds = new Set(['chat', 'completions', 'responses', 'embeddings']);
const idempotent = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** Bytes of a refused oversized body read and discarded so the client sees the 413 rather than a reset. */
const discardAfterLimit = 16 * 1024 * 1024;
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

/**
 * The gateway's HTTP server: authenticates the gateway key, reads the body once, asks the policy,
 * carries its decision out, and forwards to the route's upstream over a keep-alive pool,
 * streaming the answer back chunk by chunk with backpressure. Every request, refused or served,
 * becomes one event handed to `emit` after the response is done, off the request path.
 * @example
 *   const gw = createGateway({ config: gatewayFileSchema.parse({}), defaultUpstream: 'http://127.0.0.1:8000', keys, decide });
 *   await gw.listen(7421, '127.0.0.1');
 */
export function createGateway(deps: GatewayDeps): Gateway {
  const now = deps.now ?? Date.now;
  const bootId = randomBytes(6).toString('hex');
  let seq = 0;
  let inFlight = 0;
  const build = (config: GatewayFileConfig, previous?: RouteTable): ServingState => ({
    config,
    routes: new RouteTable(config, deps.defaultUpstream, previous),
    trusted: compileTrustedProxies(config.identity.trustedProxies),
    drop: new Set([config.identity.deviceHeader, config.identity.endUserHeader]),
  });
  let state = build(deps.config);

  const server = http.createServer({ keepAliveTimeout: 65_000, requestTimeout: 300_000 }, (req, res) => {
    inFlight++;
    res.once('close', () => inFlight--);
    handle(req, res, state);
  });

  function emit(record: RequestRecord): void {
    if (!deps.emit) return;
    try {
      deps.emit(buildRequestEvent(record));
    } catch (err) {
      deps.logger?.error({ err, id: record.id }, 'gateway event could not be queued');
    }
  }

  function handle(req: IncomingMessage, res: ServerResponse, st: ServingState): void {
    const startedAtMs = now();
    const t0 = performance.now();
    const id = `gw-${bootId}-${(seq++).toString(36)}`;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const method = req.method ?? 'GET';
    const token = bearerToken(req.headers.authorization);
    const key = token === undefined ? undefined : deps.keys.lookup(token);
    if (!key) {
      req.resume();
      sendOpenAiError(res, 401, {
        code: 'GATEWAY_KEY_INVALID',
        type: 'authentication_error',
        message:
          token === undefined
            ? 'Send your gateway key as `Authorization: Bearer <key>` (an administrator creates one with `warden gateway-keys create`).'
            : 'Unknown or revoked gateway key.',
        headers: { 'www-authenticate': 'Bearer realm="warden-gateway"' },
      });
      return;
    }
    const h = req.headers;
    const device = h[st.config.identity.deviceHeader];
    const headerEndUser = h[st.config.identity.endUserHeader];
    const identity: RequestIdentity = { keyId: key.keyId, account: key.account };
    if (key.org !== undefined) identity.org = key.org;
    const ip = clientAddress(req.socket.remoteAddress, h['x-forwarded-for'], st.trusted);
    if (ip !== undefined) identity.ip = ip;
    if (typeof device === 'string' && device) identity.device = device;
    if (h['user-agent']) identity.userAgent = h['user-agent'];

    const record: RequestRecord = {
      id,
      startedAtMs,
      method,
      route: path,
      path,
      identity,
      body: undefined,
      decision: undefined,
      enforced: 'allow',
      status: 0,
      response: undefined,
      detectionMs: 0,
      latencyMs: 0,
    };
    let finished = false;
    let abortUpstream: (() => void) | undefined;
    let delayTimer: NodeJS.Timeout | undefined;
    res.once('close', () => {
      if (delayTimer) clearTimeout(delayTimer);
      if (!res.writableFinished) {
        record.failure ??= 'client-aborted';
        abortUpstream?.();
      }
      if (finished) return;
      finished = true;
      record.status = res.statusCode;
      record.latencyMs = performance.now() - t0;
      emit(record);
    });

    const route = st.routes.match(path);
    if (!route) {
      req.resume();
      record.enforced = 'not-found';
      sendOpenAiError(res, 404, {
        code: 'GATEWAY_ROUTE_NOT_FOUND',
        type: 'invalid_request_error',
        message: `No route for ${path}; this gateway forwards only its configured routes (unlistedRoutes is "not-found").`,
      });
      return;
    }
    record.route = route.path === '*' ? path : route.path;

    const hasBody =
      (h['content-length'] !== undefined && h['content-length'] !== '0') ||
      h['transfer-encoding'] !== undefined;
    const endUserHeader = typeof headerEndUser === 'string' && headerEndUser ? headerEndUser : undefined;
    if (!hasBody) {
      req.resume();
      proceed(undefined);
      return;
    }
    const limit = st.config.limits.maxBodyBytes;
    const declared = Number(h['content-length']);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = declared > limit;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (tooLarge || size > limit) {
        tooLarge = true;
        chunks.length = 0;
        // Enough discarded: answer now and close rather than read an endless body.
        if (size > limit + discardAfterLimit && !res.headersSent) refuseTooLarge(true);
        return;
      }
      chunks.push(c);
    });
    req.once('end', () => {
      if (res.headersSent) return;
      if (tooLarge) refuseTooLarge(false);
      else proceed(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    });
    req.once('error', () => {
      record.failure = 'client-aborted';
    });

    function refuseTooLarge(close: boolean): void {
      record.enforced = 'too-large';
      sendOpenAiError(res, 413, {
        code: 'GATEWAY_BODY_TOO_LARGE',
        type: 'invalid_request_error',
        message: `Request body is over the gateway's limit of ${limit} bytes (limits.maxBodyBytes in the gateway config file, WARDEN_GATEWAY_CONFIG_FILE).`,
        ...(close ? { headers: { connection: 'close' } } : {}),
      });
    }

    function proceed(body: Buffer | undefined): void {
      let json: Record<string, unknown> | undefined;
      const contentType = h['content-type'] ?? '';
      if (body !== undefined && (jsonKinds.has(route!.kind) || contentType.includes('json'))) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(body.toString('utf8'));
        } catch (err) {
          if (jsonKinds.has(route!.kind))
            return badBody(`The body is not valid JSON (${(err as Error).message}).`, null);
        }
        if (parsed !== undefined) {
          if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
            if (jsonKinds.has(route!.kind)) return badBody('The body must be a JSON object.', null);
          } else json = parsed as Record<string, unknown>;
        }
      }
      let facts: BodyFacts;
      try {
        facts = json
          ? readBodyFacts(route!.kind, json, endUserHeader)
          : { stream: false, hasTools: false, ...(endUserHeader ? { endUser: endUserHeader } : {}) };
      } catch (err) {
        if (err instanceof BodyFieldError) return badBody(err.message, err.param);
        throw err;
      }
      record.body = facts;
      if (facts.endUser) identity.endUser = facts.endUser;
      const policyFacts: RequestFacts = {
        identity,
        route: path,
        stream: facts.stream,
        hasTools: facts.hasTools,
        nowMs: startedAtMs,
        accountValues: [],
      };
      if (facts.model !== undefined) policyFacts.model = facts.model;
      if (facts.text !== undefined) policyFacts.text = facts.text;
      const maxTokens = json
        ? (json.max_tokens ?? json.max_completion_tokens ?? json.max_output_tokens)
        : undefined;
      policyFacts.estimatedTokens =
        Math.ceil((facts.text?.length ?? 0) / 4) +
        (typeof maxTokens === 'number' && maxTokens > 0 ? maxTokens : 0);

      const values = deps.accountValues?.peek(identity.account);
      if (deps.accountValues && values === undefined) {
        // The first request of an account this replica has not seen: one indexed query, bounded.
        const waitMs = st.config.accountValues.waitMs;
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), waitMs)));
        Promise.race([deps.accountValues.load(identity.account), late]).then(
          (v) => {
            clearTimeout(timer);
            if (v === 'late')
              decideAndAct(policyFacts, json, body, {
                inputFailure: { kind: 'timeout', detail: `account values not loaded within ${waitMs} ms` },
              });
            else decideAndAct({ ...policyFacts, accountValues: v }, json, body, {});
          },
          (err: unknown) => {
            clearTimeout(timer);
            deps.logger?.warn(
              { err, account: identity.account },
              'gateway: account values could not be loaded',
            );
            decideAndAct(policyFacts, json, body, {
              inputFailure: { kind: 'error', detail: 'account values could not be loaded' },
            });
          },
        );
        return;
      }
      if (values !== undefined) policyFacts.accountValues = values;
      decideAndAct(policyFacts, json, body, {});
    }

    function badBody(message: string, param: string | null): void {
      record.enforced = 'bad-request';
      sendOpenAiError(res, 400, {
        code: 'GATEWAY_BODY_INVALID',
        type: 'invalid_request_error',
        message,
        param,
      });
    }

    function decideAndAct(
      facts: RequestFacts,
      json: Record<string, unknown> | undefined,
      body: Buffer | undefined,
      extra: DecideExtra,
    ): void {
      if (res.destroyed) return;
      const td = performance.now();
      let decision: Decision;
      try {
        decision = deps.decide(facts, extra);
      } catch (err) {
        // The composition's policy already turns its own failures into a fail-mode decision;
        // this is the last line, and it fails open only because nothing else could decide.
        deps.logger?.error({ err }, 'gateway: policy threw');
        decision = {
          action: 'allow',
          reasons: [{ source: 'detection-failure', code: 'WARDEN_DETECTION_FAILED', detail: 'policy threw' }],
          failMode: 'open',
        };
      }
      record.detectionMs = performance.now() - td;
      record.decision = decision;
      record.enforced = decision.action;
      if (deps.onOutcome) {
        const onOutcome = deps.onOutcome;
        res.once('close', () => {
          if (record.response?.refused) onOutcome({ facts, refused: true });
        });
      }
      switch (decision.action) {
        case 'block':
          refusal(res, decision, id);
          return;
        case 'delay':
          // Probers learn nothing from timing: the refusal comes after the policy's delay.
          delayTimer = setTimeout(() => refusal(res, decision, id), decision.delayMs ?? 0);
          return;
        case 'degrade':
          if (json && decision.degrade) {
            body = Buffer.from(JSON.stringify(degradeBody(json, decision.degrade)));
            record.degraded = true;
          }
          break;
        default:
          break;
      }
      forward(route!, body, 0);
    }

    function forward(r: ResolvedRoute, body: Buffer | undefined, attempt: number): void {
      const ac = new AbortController();
      abortUpstream = () => ac.abort();
      const headers = upstreamHeaders(h, st.drop);
      if (r.upstream.authorization) headers.authorization = r.upstream.authorization;
      if (body !== undefined) headers['content-length'] = String(body.length);
      const tu = performance.now();
      r.upstream.pool
        .request({
          path: r.upstream.basePath + url,
          method,
          headers,
          body: body ?? null,
          signal: ac.signal,
          headersTimeout: r.timeoutMs,
          bodyTimeout: r.idleTimeoutMs,
        })
        .then(
          (up) => {
            record.upstreamMs = performance.now() - tu;
            relay(r, up);
          },
          (err: unknown) => {
            if (res.destroyed) return;
            // Nothing reached the client yet: a retry is invisible to it. Safe only when the
            // upstream never saw the request (refused connection) or the method is idempotent.
            if (attempt < r.retries && (isConnectionRefused(err) || idempotent.has(method))) {
              forward(r, body, attempt + 1);
              return;
            }
            const timeout = isTimeout(err);
            record.failure = timeout ? 'upstream-timeout' : 'upstream-unavailable';
            deps.logger?.warn(
              { id, route: r.path, upstream: r.upstream.name, code: (err as { code?: string }).code },
              'gateway: upstream failed',
            );
            sendOpenAiError(res, timeout ? 504 : 502, {
              code: timeout ? 'GATEWAY_UPSTREAM_TIMEOUT' : 'GATEWAY_UPSTREAM_UNAVAILABLE',
              type: 'server_error',
              message: timeout
                ? `The model server did not answer within ${r.timeoutMs} ms. Support reference: ${id}.`
                : `The model server is unavailable. Support reference: ${id}.`,
            });
          },
        );
    }

    function relay(r: ResolvedRoute, up: Dispatcher.ResponseData): void {
      const upBody = up.body;
      if (res.destroyed) {
        upBody.destroy();
        return;
      }
      abortUpstream = () => upBody.destroy();
      const contentType = String(up.headers['content-type'] ?? '');
      const sse = contentType.startsWith('text/event-stream');
      const observe = r.kind !== 'models' && r.kind !== 'passthrough';
      const acc = observe ? new ResponseAccumulator(r.kind, st.config.events.maxResponseChars) : undefined;
      const decoder = sse && acc ? new StringDecoder('utf8') : undefined;
      const captured: Buffer[] | undefined = acc && !sse && contentType.includes('json') ? [] : undefined;
      let capturedBytes = 0;
      const length =
        up.headers['transfer-encoding'] === undefined ? Number(up.headers['content-length']) : NaN;
      let relayed = 0;
      res.writeHead(up.statusCode, downstreamHeaders(up.headers));
      upBody.on('data', (chunk: Buffer) => {
        relayed += chunk.length;
        // The last chunk of a fixed-length answer goes out with the headers in one write.
        if (relayed === length) res.end(chunk);
        else if (!res.write(chunk)) upBody.pause();
        if (decoder) acc!.sse(decoder.write(chunk));
        else if (captured && capturedBytes < maxCapture) {
          captured.push(chunk);
          capturedBytes += chunk.length;
        }
      });
      res.on('drain', () => upBody.resume());
      upBody.once('end', () => {
        if (acc) {
          if (captured && capturedBytes < maxCapture)
            acc.json(Buffer.concat(captured, capturedBytes).toString('utf8'));
          record.response = acc.finish();
          if (sse && !record.response.complete) record.failure = 'stream-incomplete';
          else if (record.response.malformedChunks > 0) record.failure = 'malformed-answer';
        }
        if (!res.writableEnded) res.end();
      });
      upBody.once('error', (err: unknown) => {
        if (acc) record.response = acc.finish();
        if (res.destroyed) return;
        record.failure = isTimeout(err) ? 'upstream-idle-timeout' : 'upstream-closed-mid-stream';
        deps.logger?.warn(
          { id, route: r.path, code: (err as { code?: string }).code },
          'gateway: upstream answer broke off',
        );
        if (sse && Number.isNaN(length)) {
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
      });
    }
  }

  return {
    server,
    get inFlight() {
      return inFlight;
    },
    listen(port: number, host = '127.0.0.1', backlog = 511) {
      return new Promise<AddressInfo>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port, host, backlog }, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    address() {
      const a = server.address();
      return a && typeof a === 'object' ? a : null;
    },
    reload(config: GatewayFileConfig) {
      const next = build(config, state.routes);
      const retired = state.routes.poolsRetiredBy(next.routes);
      state = next;
      // Pools no route uses any more close once their requests in flight are done.
      for (const p of retired)
        p.close().catch((err: unknown) =>
          deps.logger?.warn({ err }, 'gateway: closing a retired pool failed'),
        );
    },
    async close(graceMs = 10_000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      timer.unref();
      await closed;
      clearTimeout(timer);
      await Promise.all(
        [...state.routes.upstreams.values()].map((u) => u.pool.close().catch(() => undefined)),
      );
    },
  };
}

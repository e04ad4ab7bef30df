import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import type { BlockProbe } from '../enforcement/index.js';
import type { Logger } from '../observability/index.js';
import type { GatewayFileConfig } from './gateway-config.schema.js';
import { buildRequestEvent, type RequestRecord } from './gateway-event.js';
import { bearerToken, upstreamHeaders } from './headers.js';
import { clientAddress, compileTrustedProxies, type TrustedProxies } from './client-address.js';
import type { KeyDirectory } from './key-directory.js';
import { sendOpenAiError, refusal } from './openai-error.js';
import type { Decision, DecisionReason, RequestFacts, RequestIdentity } from './policy/decision.types.js';
import { BodyFieldError, degradeBody, readBodyFacts, type BodyFacts } from './request-body.js';
import { RouteTable, type ResolvedRoute } from './routing.js';
import { forwardUpstream } from './upstream-exchange.js';

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

/** What a finished request tells the metrics: labels of bounded cardinality only. */
export interface FinishedRequest {
  /** The configured route (`*` for passthrough), `none` before a route was matched. */
  route: string;
  /** The policy's action, or what the gateway did before asking it (`unauthenticated`, `not-found`, `too-large`, `bad-request`). */
  decision: string;
  status: number;
  reasons: readonly DecisionReason[];
  /** Time in the gateway minus time spent waiting on the upstream (s). */
  addedSeconds: number;
}

/** Receives what the gateway measures; `src/observability`'s gateway metrics implement it. */
export interface GatewayObserver {
  finished(request: FinishedRequest): void;
  /** An event could not be queued (the queue was closed): it is lost, and the metric says so. */
  dropped(): void;
  upstream(upstream: string, outcome: 'ok' | 'timeout' | 'unavailable' | 'broke-off', seconds: number): void;
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
  /** Told of every finished request and upstream exchange (the gateway's Prometheus metrics). */
  observer?: GatewayObserver;
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
/** Bytes of a refused oversized body read and discarded so the client sees the 413 rather than a reset. */
const discardAfterLimit = 16 * 1024 * 1024;

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
    handle(req, res, state);
  });

  function emit(record: RequestRecord): void {
    if (!deps.emit) return;
    try {
      deps.emit(buildRequestEvent(record));
    } catch (err) {
      deps.observer?.dropped();
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
      res.once('close', () => {
        inFlight--;
        deps.observer?.finished({
          route: 'none',
          decision: 'unauthenticated',
          status: 401,
          reasons: [],
          addedSeconds: (performance.now() - t0) / 1000,
        });
      });
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
    let abortUpstream: (() => void) | undefined;
    let delayTimer: NodeJS.Timeout | undefined;
    let routeLabel = 'none';
    let upstreamSeconds = 0;
    let outcomeFacts: RequestFacts | undefined;
    // One listener does everything a finished request needs: fewer closures per request.
    res.once('close', () => {
      inFlight--;
      if (delayTimer) clearTimeout(delayTimer);
      if (!res.writableFinished) {
        record.failure ??= 'client-aborted';
        abortUpstream?.();
      }
      record.status = res.statusCode;
      record.latencyMs = performance.now() - t0;
      if (outcomeFacts && record.response?.refused) deps.onOutcome?.({ facts: outcomeFacts, refused: true });
      deps.observer?.finished({
        route: routeLabel,
        decision: record.enforced,
        status: record.status,
        reasons: record.decision?.reasons ?? [],
        addedSeconds: Math.max(0, record.latencyMs / 1000 - upstreamSeconds),
      });
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
    routeLabel = route.path;

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
      outcomeFacts = facts;
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
      forward(route!, body);
    }

    function forward(r: ResolvedRoute, body: Buffer | undefined): void {
      const headers = upstreamHeaders(h, st.drop);
      if (r.upstream.authorization) headers.authorization = r.upstream.authorization;
      if (body !== undefined) headers['content-length'] = String(body.length);
      abortUpstream = forwardUpstream({
        id,
        res,
        record,
        route: r,
        method,
        url,
        headers,
        body,
        maxResponseChars: st.config.events.maxResponseChars,
        logger: deps.logger,
        onUpstream: (outcome, seconds) => {
          upstreamSeconds = seconds;
          deps.observer?.upstream(r.upstream.name, outcome, seconds);
        },
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

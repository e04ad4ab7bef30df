import { Pool } from 'undici';
import type { GatewayFileConfig, GatewayRoute, RouteKind } from './gateway-config.schema.js';

/** A route ready to serve: its settings and the connection pool of its upstream. */
export interface ResolvedRoute {
  path: string;
  kind: RouteKind;
  timeoutMs: number;
  idleTimeoutMs: number;
  retries: number;
  upstream: ResolvedUpstream;
}

export interface ResolvedUpstream {
  name: string;
  pool: Pool;
  /** Path prefix of the upstream URL (`/openai` of `http://h/openai`), '' for none. */
  basePath: string;
  /** `Bearer <key>` for the upstream, or undefined to send none. */
  authorization: string | undefined;
}

/**
 * The routing table of one configuration: exact paths in a map (one lookup on the hot path),
 * `*`-suffixed prefixes scanned longest first, and the passthrough for the rest. Built whole
 * on every (re)load and swapped atomically, so a request sees one configuration from start to end.
 */
export class RouteTable {
  private readonly exact = new Map<string, ResolvedRoute>();
  private readonly prefixes: { prefix: string; route: ResolvedRoute }[] = [];
  readonly passthrough: ResolvedRoute | undefined;
  readonly upstreams: ReadonlyMap<string, ResolvedUpstream>;

  constructor(config: GatewayFileConfig, defaultUpstreamUrl: string, reuse?: RouteTable) {
    const specs = { ...config.upstreams };
    specs.default ??= { url: defaultUpstreamUrl, connections: 256 };
    const upstreams = new Map<string, ResolvedUpstream>();
    for (const [name, spec] of Object.entries(specs)) {
      const url = new URL(spec.url);
      const old = reuse?.upstreams.get(name);
      const authorization = spec.apiKey ? `Bearer ${spec.apiKey}` : undefined;
      const basePath = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
      // An unchanged upstream keeps its pool (and its warm keep-alive connections) across reloads.
      const pool =
        old && sameSpec(old, url.origin, spec.connections)
          ? old.pool
          : makePool(url.origin, spec.connections);
      upstreams.set(name, { name, pool, basePath, authorization });
    }
    this.upstreams = upstreams;
    const resolve = (
      r: Omit<GatewayRoute, 'path' | 'kind'> & { path: string; kind: RouteKind },
    ): ResolvedRoute => {
      const upstream = upstreams.get(r.upstream);
      if (!upstream)
        throw new Error(
          `route ${r.path} names upstream "${r.upstream}", which \`upstreams\` does not define`,
        );
      return {
        path: r.path,
        kind: r.kind,
        timeoutMs: r.timeoutMs,
        idleTimeoutMs: r.idleTimeoutMs,
        retries: r.retries,
        upstream,
      };
    };
    for (const r of config.routes) {
      if (r.path.endsWith('*')) this.prefixes.push({ prefix: r.path.slice(0, -1), route: resolve(r) });
      else this.exact.set(r.path, resolve(r));
    }
    this.prefixes.sort((a, b) => b.prefix.length - a.prefix.length);
    this.passthrough =
      config.unlistedRoutes === 'passthrough'
        ? resolve({ ...config.passthrough, path: '*', kind: 'passthrough' })
        : undefined;
  }

  /** The route of a request path (without its query), or undefined when unlisted routes are refused. */
  match(path: string): ResolvedRoute | undefined {
    const hit = this.exact.get(path);
    if (hit) return hit;
    for (const p of this.prefixes) if (path.startsWith(p.prefix)) return p.route;
    return this.passthrough;
  }

  /** Pools this table uses that `next` does not: closed once their in-flight requests finish. */
  poolsRetiredBy(next: RouteTable): Pool[] {
    const kept = new Set([...next.upstreams.values()].map((u) => u.pool));
    return [...this.upstreams.values()].map((u) => u.pool).filter((p) => !kept.has(p));
  }
}

const poolSpecs = new WeakMap<Pool, string>();

function sameSpec(old: ResolvedUpstream, origin: string, connections: number): boolean {
  return poolSpecs.get(old.pool) === `${origin} ${connections}`;
}

function makePool(origin: string, connections: number): Pool {
  const pool = new Pool(origin, {
    connections,
    // Requests to the model server are independent; one at a time per connection keeps a slow
    // answer from stalling the next request behind it (no HTTP/1.1 pipelining).
    pipelining: 1,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
  });
  poolSpecs.set(pool, `${origin} ${connections}`);
  return pool;
}

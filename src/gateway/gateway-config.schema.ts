import { z } from 'zod';

/** What a route is: the OpenAI-compatible kinds the gateway reads, or a passthrough it only forwards. */
export const routeKinds = [
  'chat',
  'completions',
  'responses',
  'embeddings',
  'models',
  'passthrough',
] as const;
export type RouteKind = (typeof routeKinds)[number];

const ms = z.number().int().positive();

/** One route: an exact path, or a prefix ending in `*` (`/v1/files*`). */
export const routeSchema = z.object({
  path: z.string().startsWith('/').max(512),
  kind: z.enum(routeKinds).default('passthrough'),
  /** Name of an entry of `upstreams`. */
  upstream: z.string().default('default'),
  /** Time to the upstream's response headers (time to first byte); over it the client gets 504. */
  timeoutMs: ms.default(60_000),
  /** Longest silence between two body chunks of the answer (a stalled stream ends here). */
  idleTimeoutMs: ms.default(300_000),
  /** Extra attempts, only before any byte reached the client, and only when safe (see docs/gateway.md). */
  retries: z.number().int().min(0).max(5).default(1),
});
export type GatewayRoute = z.infer<typeof routeSchema>;

export const upstreamSchema = z.object({
  /** Origin of the model server: `http://10.0.0.5:8000`. A path prefix is kept in front of the request path. */
  url: z.url(),
  /** Key the gateway sends upstream as `Authorization: Bearer`; the client's gateway key never leaves the gateway. */
  apiKey: z.string().optional(),
  /** Keep-alive connections in the pool to this upstream. */
  connections: z.number().int().min(1).max(4096).default(256),
});

/** The default routes: the OpenAI-compatible API on the default upstream. */
export const defaultRoutes: z.input<typeof routeSchema>[] = [
  { path: '/v1/chat/completions', kind: 'chat' },
  { path: '/v1/completions', kind: 'completions' },
  { path: '/v1/responses', kind: 'responses' },
  { path: '/v1/embeddings', kind: 'embeddings' },
  { path: '/v1/models*', kind: 'models' },
];

/**
 * The gateway's configuration file (`WARDEN_GATEWAY_CONFIG_FILE`, JSON). Every field has a
 * default, so the gateway runs with none, on the upstream named by `WARDEN_GATEWAY_UPSTREAM`.
 * Reloaded on SIGHUP and `POST /api/v1/gateway/reload` without dropping connections.
 */
export const gatewayFileSchema = z
  .object({
    upstreams: z.record(z.string().min(1), upstreamSchema).default({}),
    routes: z
      .array(routeSchema)
      .max(1000)
      .default(defaultRoutes.map((r) => routeSchema.parse(r))),
    /** A path no route lists: forwarded under policy (`passthrough`) or refused with 404 (`not-found`). */
    unlistedRoutes: z.enum(['passthrough', 'not-found']).default('passthrough'),
    /** Settings for unlisted paths when they pass through. */
    passthrough: routeSchema
      .omit({ path: true, kind: true })
      .default({ upstream: 'default', timeoutMs: 60_000, idleTimeoutMs: 300_000, retries: 1 }),
    limits: z
      .object({
        /** Largest request body; larger ones get 413 naming this setting. */
        maxBodyBytes: z
          .number()
          .int()
          .positive()
          .default(4 * 1024 * 1024),
      })
      .default({ maxBodyBytes: 4 * 1024 * 1024 }),
    identity: z
      .object({
        /** Peers (addresses or CIDR ranges) whose `X-Forwarded-For` is believed; empty: the socket address is the client. */
        trustedProxies: z.array(z.string()).default([]),
        /** Header carrying a device fingerprint set by the provider's front end. */
        deviceHeader: z.string().toLowerCase().default('x-warden-device'),
        /** Header naming the API customer's end user, when the body's `user`/`safety_identifier` is absent. */
        endUserHeader: z.string().toLowerCase().default('x-warden-end-user'),
      })
      .default({ trustedProxies: [], deviceHeader: 'x-warden-device', endUserHeader: 'x-warden-end-user' }),
    accountValues: z
      .object({
        /** Longest wait for the first lookup of an account's known values; over it, the policy's fail mode decides. */
        waitMs: z.number().positive().default(50),
        /** Accounts whose values are cached (least recently used go first). */
        cacheSize: z.number().int().min(1).default(10_000),
        /** Age after which an account's values are re-read in the background. */
        refreshMs: z.number().int().min(1).default(60_000),
      })
      .default({ waitMs: 50, cacheSize: 10_000, refreshMs: 60_000 }),
    events: z
      .object({
        /** Events held in memory before the queue spills to disk. */
        queueMax: z.number().int().min(1).default(10_000),
        /** Events handed to the sink at once. */
        batchSize: z.number().int().min(1).max(10_000).default(500),
        /** Characters of the model's answer kept on the event. */
        maxResponseChars: z.number().int().min(0).default(2_000),
        /** Longest a part batch waits for more events before it goes to the sink (ms): one sink call per request at low rates otherwise. */
        lingerMs: z.number().int().min(0).max(10_000).default(20),
      })
      .default({ queueMax: 10_000, batchSize: 500, maxResponseChars: 2_000, lingerMs: 20 }),
  })
  .strict();

export type GatewayFileConfig = z.infer<typeof gatewayFileSchema>;
export type GatewayFileConfigInput = z.input<typeof gatewayFileSchema>;

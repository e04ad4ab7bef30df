import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const bytes = z.coerce.number().int().positive();

/**
 * Every setting Warden reads, grouped by subsystem. `docs/configuration.md` lists each with its
 * variable; the variable names are built from the group and key in `config.ts`.
 */
export const configSchema = z.object({
  server: z.object({
    host: z.string().default('127.0.0.1').describe('Address the API listens on.'),
    port: port.default(7420).describe('Port of the API, the TAXII server and the console.'),
    /** Largest request body before decompression. */
    bodyLimitBytes: bytes.default(32 * 1024 * 1024).describe('Largest request body, before decompression; larger bodies get 413.'),
  }),
  gateway: z.object({
    host: z.string().default('127.0.0.1').describe('Address the OpenAI-compatible gateway listens on.'),
    port: port.default(7421).describe('Port of the gateway.'),
    configFile: z.string().optional().describe('JSON file of gateway routes, upstreams, limits and identity settings (docs/gateway.md); unset means the defaults.'),
    upstream: z.string().default('http://127.0.0.1:8000').describe('The default upstream model server (OpenAI-compatible), used when the config file names none.'),
    eventsUrl: z.string().optional().describe("A remote Warden's API origin the gateway posts its events to (scale-out); unset means this process's store."),
    eventsKey: z.string().optional().describe('API key (role `ingest`) for `eventsUrl`; a secret, redacted in logs.'),
    keyRefreshMs: z.coerce.number().int().min(100).default(1000).describe('How often a gateway re-reads gateway keys, so a revoked key stops working within this time.'),
    policyFile: z.string().optional().describe('JSON file of the gateway policy: thresholds per TTP, ban, intel and evasion actions, rate limits, shadow and fail modes (docs/gateway-policy.md); unset means the shipped defaults.'),
    adminHost: z.string().default('127.0.0.1').describe("Address of `warden gateway`'s admin listener (`/metrics`, `/healthz`, `/readyz`); keep it on the monitoring network."),
    intelRefreshMs: z.coerce.number().int().min(100).default(5000).describe('How often `warden gateway` checks the store for new intel and provider enforcement (one cheap query each) and, when there is some, recompiles its matcher and banned-entity index.'),
    adminPort: port.default(7422).describe("Port of `warden gateway`'s admin listener; `warden serve` has none (the API's `/metrics` carries the gateway's metrics)."),
  }),
  database: z.object({
    /** `postgres://…` selects PostgreSQL; empty means the embedded SQLite file under dataDir. */
    url: z.string().optional().describe('`postgres://…` selects PostgreSQL; unset means the embedded SQLite file.'),
    dataDir: z.string().default('.warden').describe('Folder of the embedded SQLite database (`warden.db`), relative to the working directory.'),
    /** SQLite `synchronous` under WAL: NORMAL survives a killed process; FULL also a power cut. */
    sqliteSynchronous: z.enum(['NORMAL', 'FULL']).default('NORMAL').describe('SQLite `synchronous` under WAL: NORMAL survives a killed process, FULL also a power cut.'),
  }),
  redis: z.object({
    url: z.string().optional().describe('`redis://…` for scale-out mode: shared bans, counters and enforcement pub/sub.'),
  }),
  ingest: z.object({
    maxLineBytes: bytes.default(1024 * 1024).describe('Longest NDJSON line; a longer one is rejected alone and the rest kept.'),
    maxDecompressedBytes: bytes.default(256 * 1024 * 1024).describe('Largest gzip body once inflated (a gzip bomb stops here with 413).'),
    maxBatchEvents: bytes.default(100_000).describe('Most events in one POST; more get 413.'),
    /** Events per database transaction when ingesting a stream. */
    commitEvery: bytes.default(5_000).describe('Events per database transaction when ingesting a file or stream.'),
  }),
  pipeline: z.object({
    configFile: z
      .string()
      .optional()
      .describe('JSON file of pipeline thresholds and weights (docs/linkage-and-attribution.md); unset means the tuned defaults.'),
    maliciousThreshold: z.coerce.number().min(0).max(1).optional().describe('Score at or above which an account is `malicious`; overrides the file.'),
    suspiciousThreshold: z.coerce.number().min(0).max(1).optional().describe('Score at or above which an account is `suspicious`; overrides the file.'),
  }),
  intel: z.object({
    bundles: z
      .string()
      .default('')
      .describe('Comma-separated STIX 2.1 bundle files the live pipeline loads at start (as `warden analyze --intel`).'),
  }),
  cases: z.object({
    stateActorPolicy: z
      .enum(['auto', 'approval', 'off'])
      .default('approval')
      .describe('Networks attributed with high confidence to a tracked state actor: `auto` bans them at once, `approval` proposes a ban for a lead, `off` does nothing.'),
    schedulerIntervalMs: bytes.default(1000).describe('How often the server runs due and expired actions and delivers webhooks (ms).'),
    syncIntervalMs: bytes.default(10_000).describe('How often, at most, the server reads the live report to open or update cases (ms); reading it re-evaluates the pipeline after new events.'),
    hubAccounts: bytes.default(5).describe('A value that accounts outside the network also use this many times or more is a hub (shared office IP, cloud range): a ban skips it unless confirmed.'),
    webhookTimeoutMs: bytes.default(5000).describe('Time a webhook receiver has to answer (headers and body) before the attempt counts as failed (ms).'),
    webhookMaxAttempts: bytes.default(8).describe('Delivery attempts before a webhook goes to the dead-letter list.'),
    webhookBackoffMs: bytes.default(2000).describe('First retry delay of a webhook; doubles each attempt, with full jitter (ms).'),
    webhookToleranceS: bytes.default(300).describe('Inbound webhooks: largest age of a signature timestamp, and how long seen event ids are remembered (s).'),
  }),
  reports: z.object({
    pseudonymKey: z
      .string()
      .min(16)
      .optional()
      .describe('Key of the keyed hash that pseudonymises identifiers in published reports (16+ characters; a secret). Unset: a random key kept in the data folder.'),
    publisher: z.string().default('Warden').describe('Who publishes the transparency report, as its title names them.'),
    chromiumPath: z.string().default('/usr/bin/chromium').describe("Chromium that renders PDF reports (Debian's `chromium` package)."),
  }),
  auth: z.object({
    sessionTtlMinutes: z.coerce.number().int().min(1).max(7 * 24 * 60).default(480).describe('How long a console session lasts after login, in minutes.'),
    cookieSecure: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true')
      .describe('Mark the session cookie `Secure`; set `false` only for plain-HTTP loopback development.'),
    loginAttemptsPerWindow: z.coerce.number().int().min(1).max(10_000).default(10).describe('Login attempts allowed per client address per 15 minutes; more get 429.'),
  }),
  privacy: z.object({
    retentionDays: z.coerce.number().int().min(1).max(36_500).default(90).describe('Days after which raw prompt and response text of never-flagged accounts is purged (`warden retention purge`, and daily in `serve`).'),
    encryptionKey: z
      .string()
      .optional()
      .describe('32 random bytes, base64: stored raw events (prompt and response text) are encrypted with AES-256-GCM under it (docs/privacy.md); unset means stored in clear. A secret.'),
    encryptionOldKeys: z
      .string()
      .default('')
      .describe('Comma-separated earlier encryption keys (base64), still read after a rotation until `warden privacy rotate-key` has re-encrypted every row. Secrets.'),
  }),
  oidc: z.object({
    issuer: z.string().optional().describe('OpenID Connect issuer URL (discovery at `/.well-known/openid-configuration`); unset means no SSO login (docs/access-control.md).'),
    clientId: z.string().optional().describe('OIDC client id registered at the issuer for Warden.'),
    clientSecret: z.string().optional().describe('OIDC client secret (`client_secret_basic`); unset means a public client (PKCE only). A secret.'),
    redirectUrl: z.string().optional().describe("Warden's callback as registered at the issuer: `https://<warden>/api/v1/auth/oidc/callback`."),
    scopes: z.string().default('openid email profile').describe('Scopes asked for at login (space-separated; must include `openid`).'),
    roleClaim: z.string().default('groups').describe('ID token claim (a string or an array of strings) mapped to a Warden role by `roleMap`.'),
    roleMap: z.string().default('').describe('Claim value to role, comma-separated `value=role` (e.g. `soc-leads=lead,soc=analyst`); the highest role found wins and is applied at every login. Empty means roles are managed in Warden only.'),
    defaultRole: z.enum(['viewer', 'analyst', 'lead', 'admin']).optional().describe('Role when `roleMap` matches nothing; unset means such logins keep the Warden role (existing users) or are refused (new ones).'),
    autoProvision: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true')
      .describe('Create a Warden user at first SSO login when none matches the subject or verified email; `false` means an admin must create them first.'),
  }),
  log: z.object({
    level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('Log level; prompt text is never logged at info.'),
  }),
});

export type WardenConfig = z.infer<typeof configSchema>;
export type WardenConfigInput = z.input<typeof configSchema>;

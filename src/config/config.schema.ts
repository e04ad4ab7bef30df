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
  log: z.object({
    level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('Log level; prompt text is never logged at info.'),
  }),
});

export type WardenConfig = z.infer<typeof configSchema>;
export type WardenConfigInput = z.input<typeof configSchema>;

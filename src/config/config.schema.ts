import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const bytes = z.coerce.number().int().positive();

/**
 * Every setting Warden reads, grouped by subsystem. `docs/configuration.md` lists each with its
 * variable; the variable names are built from the group and key in `config.ts`.
 */
export const configSchema = z.object({
  server: z.object({
    host: z.string().default('127.0.0.1'),
    port: port.default(7420),
    /** Largest request body before decompression. */
    bodyLimitBytes: bytes.default(32 * 1024 * 1024),
  }),
  gateway: z.object({
    host: z.string().default('127.0.0.1'),
    port: port.default(7421),
  }),
  database: z.object({
    /** `postgres://…` selects PostgreSQL; empty means the embedded SQLite file under dataDir. */
    url: z.string().optional(),
    dataDir: z.string().default('.warden'),
    /** SQLite `synchronous` under WAL: NORMAL survives a killed process; FULL also a power cut. */
    sqliteSynchronous: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  }),
  redis: z.object({
    url: z.string().optional(),
  }),
  ingest: z.object({
    maxLineBytes: bytes.default(1024 * 1024),
    maxDecompressedBytes: bytes.default(256 * 1024 * 1024),
    maxBatchEvents: bytes.default(100_000),
    /** Events per database transaction when ingesting a stream. */
    commitEvery: bytes.default(5_000),
  }),
  log: z.object({
    level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  }),
});

export type WardenConfig = z.infer<typeof configSchema>;
export type WardenConfigInput = z.input<typeof configSchema>;

import { z } from 'zod';

const rejectedLine = z.object({
  /** NDJSON: the 1-based line number; JSON array: the 0-based index. */
  line: z.number().int().optional(),
  index: z.number().int().optional(),
  id: z.string().optional(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

/** The answer to `POST /api/v1/events` (../shared/spec/events.md, "What bad input gets"). */
export const ingestResponseSchema = z.object({
  accepted: z.number().int(),
  duplicate: z.number().int(),
  conflict: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(rejectedLine),
  conflicts: z.array(z.object({ line: z.number().int().optional(), index: z.number().int().optional(), id: z.string() })),
});
export type IngestResponse = z.infer<typeof ingestResponseSchema>;

export const errorResponseSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});
